#include "server/arxiv/http_client.hpp"

// GCC 12 takes the operator new/delete pair of Asio 1.18's coroutine frames for a mismatch when
// it inlines them: a false positive of -Wmismatched-new-delete (the frame's own pair is used).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <openssl/ssl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>

#include "server/arxiv/atom.hpp"

namespace awesome::server::arxiv {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::use_awaitable;

constexpr std::uint64_t kMaxBody = 32 * 1024 * 1024;  // a feed of 100 entries is ~300 kB

/// The Host header: the host, and the port when it is not the scheme's own.
std::string host_header(const Endpoint& e) {
  const std::string host = e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host;
  const bool usual = e.port == (e.tls ? "443" : "80");
  return usual ? host : host + ":" + e.port;
}

/// Seconds from a Retry-After header (delta-seconds; an HTTP date is not read), or -1.
long retry_seconds(const std::string& value) {
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
      value.size() > 6) {
    return -1;
  }
  return std::stol(value);
}

std::string describe(const boost::system::system_error& e) {
  if (e.code() == beast::error::timeout)
    return "timed out";
  return e.code().message();
}

template <class Stream>
asio::awaitable<HttpResponse> exchange(Stream& stream, const Endpoint& e,
                                       const std::string& target) {
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, host_header(e));
  req.set(http::field::user_agent, user_agent());
  req.set(http::field::accept, "application/atom+xml");
  req.set(http::field::connection, "close");
  co_await http::async_write(stream, req, use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxBody);
  co_await http::async_read(stream, buffer, parser, use_awaitable);
  HttpResponse out;
  out.status = parser.get().result_int();
  out.body = std::move(parser.get().body());
  if (auto it = parser.get().find(http::field::retry_after); it != parser.get().end())
    out.retry_after = std::string(it->value());
  co_return out;
}

/// Asks the proxy on `tcp` for a tunnel to `target` (HTTP CONNECT).
asio::awaitable<void> tunnel(beast::tcp_stream& tcp, const Endpoint& target) {
  const std::string authority =
      host_header(Endpoint{false, target.host, "", ""}) + ":" + target.port;
  http::request<http::empty_body> req{http::verb::connect, authority, 11};
  req.set(http::field::host, authority);
  req.set(http::field::user_agent, user_agent());
  co_await http::async_write(tcp, req, use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a CONNECT answer has no body, whatever its headers say
  co_await http::async_read_header(tcp, buffer, parser, use_awaitable);
  if (parser.get().result_int() != 200) {
    throw std::runtime_error("the proxy refused the tunnel to " + authority + " (HTTP " +
                             std::to_string(parser.get().result_int()) + ")");
  }
}

std::string join(const std::vector<std::string>& ids, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i == from ? "" : ",") + ids[i];
  return out;
}

void merge(rules::ArxivLookup& into, rules::ArxivLookup from) {
  into.papers.merge(from.papers);
  into.missing.merge(from.missing);
}

}  // namespace

std::string user_agent() {
  return "awesome-ls/" AWESOME_VERSION " (+https://github.com/awesome-ls/awesome-ls)";
}

ArxivClient::ArxivClient(boost::asio::io_context& io, ClientOptions options)
    : io_(io), options_(std::move(options)) {}

asio::awaitable<void> ArxivClient::pace() {
  const auto now = std::chrono::steady_clock::now();
  if (requested_ && now < last_request_ + options_.spacing) {
    asio::steady_timer timer(io_, last_request_ + options_.spacing);
    co_await timer.async_wait(use_awaitable);
  }
}

asio::awaitable<HttpResponse> ArxivClient::get(const Endpoint& endpoint, std::string target) {
  std::string proxy_error;
  const auto proxy = proxy_for(endpoint, proxy_error);
  if (!proxy_error.empty())
    throw std::runtime_error(proxy_error);
  const Endpoint& hop = proxy ? *proxy : endpoint;
  asio::ip::tcp::resolver resolver(io_);
  beast::tcp_stream tcp(io_);
  tcp.expires_after(options_.timeout);  // one deadline for the whole exchange
  const auto addresses = co_await resolver.async_resolve(hop.host, hop.port, use_awaitable);
  co_await tcp.async_connect(addresses, use_awaitable);
  if (proxy)
    co_await tunnel(tcp, endpoint);
  if (!endpoint.tls)
    co_return co_await exchange(tcp, endpoint, target);
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_verify_mode(ssl::verify_peer);
  if (options_.ca_file.empty())
    ctx.set_default_verify_paths();
  else
    ctx.load_verify_file(options_.ca_file);
  beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), ctx);
  // SNI, and the certificate must name the host.
  // SSL_set_tlsext_host_name() is this call behind a C-style cast.
  if (SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(endpoint.host.c_str())) != 1)
    throw std::runtime_error("cannot set the TLS server name");
  stream.set_verify_callback(ssl::host_name_verification(endpoint.host));
  co_await stream.async_handshake(ssl::stream_base::client, use_awaitable);
  HttpResponse out = co_await exchange(stream, endpoint, target);
  // The server closes after the answer ("Connection: close"); a missing close_notify is no
  // error worth waiting for.
  beast::get_lowest_layer(stream).close();
  co_return out;
}

asio::awaitable<FetchReport> ArxivClient::fetch(std::vector<std::string> ids) {
  FetchReport report;
  const EndpointParse parsed = parse_endpoint(options_.url);
  if (!parsed.endpoint) {
    report.errors.push_back(parsed.error);
    co_return report;
  }
  const Endpoint& endpoint = *parsed.endpoint;
  const std::size_t batch = std::max<std::size_t>(options_.batch, 1);
  const std::size_t batches = (ids.size() + batch - 1) / batch;
  for (std::size_t b = 0; b < batches; ++b) {
    const std::size_t from = b * batch, to = std::min(ids.size(), from + batch);
    const std::vector<std::string> part(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                        ids.begin() + static_cast<std::ptrdiff_t>(to));
    const std::string target = endpoint.path + "?id_list=" + join(ids, from, to) +
                               "&max_results=" + std::to_string(to - from);
    const std::string where = "request " + std::to_string(b + 1) + " of " +
                              std::to_string(batches) + " to " + options_.url + ": ";
    for (int attempt = 0;; ++attempt) {
      co_await pace();
      ++report.requests;
      HttpResponse r;
      std::string error;
      try {
        r = co_await get(endpoint, target);
      } catch (const boost::system::system_error& e) {
        error = describe(e);
      } catch (const std::exception& e) {
        error = e.what();
      }
      // The spacing counts from the end of a request: the next one reaches the server at least
      // `spacing` after this one did, whatever the connection took.
      last_request_ = std::chrono::steady_clock::now();
      requested_ = true;
      if (error.empty() && r.status == 503 && attempt < options_.retries) {
        const long wait = retry_seconds(r.retry_after);
        if (wait >= 0 && wait <= options_.max_retry_after.count()) {
          asio::steady_timer timer(io_, std::chrono::seconds(wait));
          co_await timer.async_wait(use_awaitable);
          continue;
        }
        error = "arXiv is busy (HTTP 503) and asks to wait " +
                (r.retry_after.empty() ? "an unknown time" : r.retry_after + " s");
      } else if (error.empty() && r.status != 200) {
        error = "arXiv answered HTTP " + std::to_string(r.status);
      }
      if (error.empty()) {
        const AtomParse atom = parse_atom(r.body);
        if (atom.feed)
          merge(report.lookup, lookup_from_feed(*atom.feed, part));
        else
          error = "the answer is not an Atom feed: " + atom.error;
      }
      if (!error.empty())
        report.errors.push_back(where + error);
      break;
    }
  }
  co_return report;
}

void ArxivClient::start_fetch(std::vector<std::string> ids, std::function<void(FetchReport)> done) {
  asio::co_spawn(io_, fetch(std::move(ids)),
                 [done = std::move(done)](std::exception_ptr e, FetchReport report) {
                   if (e) {
                     report = FetchReport{};
                     report.errors.emplace_back("the arXiv client failed unexpectedly");
                   }
                   done(std::move(report));
                 });
}

}  // namespace awesome::server::arxiv
