#include "server/arxiv/http_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>

#include "server/arxiv/atom.hpp"

namespace awesome::server::arxiv {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using error_code = boost::system::error_code;
using tcp = asio::ip::tcp;

constexpr std::uint64_t kMaxBody =
    std::uint64_t{32} * 1024 * 1024;  // a feed of 100 entries is ~300 kB

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

std::string join(const std::vector<std::string>& ids, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i == from ? "" : ",") + ids[i];
  return out;
}

void merge(rules::ArxivLookup& into, rules::ArxivLookup from) {
  into.papers.merge(from.papers);
  into.missing.merge(from.missing);
}

/// One GET over a connection of its own: resolve, connect, the proxy's tunnel, TLS, write,
/// read; `done` is called once, with the answer or what went wrong. Every step holds the
/// request alive through shared_from_this().
class Request : public std::enable_shared_from_this<Request> {
 public:
  using Done = std::function<void(std::string error, HttpResponse answer)>;

  Request(asio::io_context& io, const ClientOptions& options, Endpoint endpoint,
          const std::string& target, Done done)
      : options_(options),
        endpoint_(std::move(endpoint)),
        resolver_(io),
        tcp_(io),
        deadline_(io),
        done_(std::move(done)) {
    request_ = {http::verb::get, target, 11};
    request_.set(http::field::host, host_header(endpoint_));
    request_.set(http::field::user_agent, user_agent());
    request_.set(http::field::accept, "application/atom+xml");
    request_.set(http::field::connection, "close");
    parser_.body_limit(kMaxBody);
  }

  void start() {
    std::string proxy_error;
    proxy_ = proxy_for(endpoint_, proxy_error);
    if (!proxy_error.empty())
      return finish(proxy_error);
    const Endpoint& hop = proxy_ ? *proxy_ : endpoint_;
    // One deadline for the whole exchange: the stream's own timeout covers connect, TLS,
    // writes and reads; the timer covers the name lookup, which has none.
    tcp_.expires_after(options_.timeout);
    deadline_.expires_after(options_.timeout);
    deadline_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) {
        self->timed_out_ = true;
        self->resolver_.cancel();
      }
    });
    resolver_.async_resolve(
        hop.host, hop.port,
        [self = shared_from_this()](error_code ec, const tcp::resolver::results_type& r) {
          if (ec)
            return self->fail(ec);
          self->tcp_.async_connect(
              r, [self](error_code e, const tcp::endpoint&) { self->on_connect(e); });
        });
  }

 private:
  void fail(error_code ec) {
    const bool timeout =
        ec == beast::error::timeout || (timed_out_ && ec == asio::error::operation_aborted);
    finish(timeout ? "timed out" : ec.message());
  }

  void finish(std::string error, HttpResponse answer = {}) {
    deadline_.cancel();
    if (done_) {
      Done done = std::move(done_);
      done_ = nullptr;
      done(std::move(error), std::move(answer));
    }
  }

  void on_connect(error_code ec) {
    if (ec)
      return fail(ec);
    if (proxy_)
      return tunnel();
    after_connect();
  }

  /// Asks the proxy for a tunnel to the endpoint (HTTP CONNECT).
  void tunnel() {
    const std::string authority =
        (endpoint_.host.find(':') != std::string::npos ? "[" + endpoint_.host + "]"
                                                       : endpoint_.host) +
        ":" + endpoint_.port;
    connect_ = {http::verb::connect, authority, 11};
    connect_.set(http::field::host, authority);
    connect_.set(http::field::user_agent, user_agent());
    tunnel_parser_.skip(true);  // a CONNECT answer has no body, whatever its headers say
    http::async_write(tcp_, connect_, [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec)
        return self->fail(ec);
      http::async_read_header(self->tcp_, self->buffer_, self->tunnel_parser_,
                              [self](error_code e, std::size_t) { self->on_tunnel(e); });
    });
  }

  void on_tunnel(error_code ec) {
    if (ec)
      return fail(ec);
    if (const unsigned status = tunnel_parser_.get().result_int(); status != 200) {
      return finish("the proxy refused the tunnel to " + endpoint_.host + " (HTTP " +
                    std::to_string(status) + ")");
    }
    buffer_.consume(buffer_.size());
    after_connect();
  }

  void after_connect() {
    if (!endpoint_.tls)
      return exchange(tcp_);
    error_code ec;
    ctx_.set_verify_mode(ssl::verify_peer, ec);
    if (!ec && options_.ca_file.empty()) {
      ctx_.set_default_verify_paths(ec);
      // The release binary carries its own OpenSSL, whose default paths are Debian's: on other
      // distributions the system's bundle is elsewhere (SSL_CERT_FILE still wins, above).
      if (!ec && std::getenv("SSL_CERT_FILE") == nullptr) {
        for (const char* bundle : {"/etc/ssl/certs/ca-certificates.crt",  // Debian, Arch, Alpine
                                   "/etc/pki/tls/certs/ca-bundle.crt",    // Fedora, RHEL
                                   "/etc/ssl/ca-bundle.pem",              // openSUSE
                                   "/etc/ssl/cert.pem"}) {
          std::error_code missing;
          if (std::filesystem::is_regular_file(bundle, missing)) {
            ctx_.load_verify_file(bundle, ec);
            break;
          }
        }
      }
    } else if (!ec) {
      ctx_.load_verify_file(options_.ca_file, ec);
    }
    if (ec)
      return finish("cannot load the CA certificates: " + ec.message());
    tls_.emplace(std::move(tcp_), ctx_);
    // SNI, and the certificate must name the host. SSL_set_tlsext_host_name() is this call
    // behind a C-style cast.
    if (SSL_ctrl(tls_->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(endpoint_.host.c_str())) != 1) {
      return finish("cannot set the TLS server name");
    }
    tls_->set_verify_callback(ssl::host_name_verification(endpoint_.host));
    tls_->async_handshake(ssl::stream_base::client, [self = shared_from_this()](error_code e) {
      if (e)
        return self->fail(e);
      self->exchange(*self->tls_);
    });
  }

  template <class Stream>
  void exchange(Stream& stream) {
    http::async_write(stream, request_,
                      [self = shared_from_this(), &stream](error_code ec, std::size_t) {
                        if (ec)
                          return self->fail(ec);
                        http::async_read(stream, self->buffer_, self->parser_,
                                         [self](error_code e, std::size_t) { self->on_read(e); });
                      });
  }

  void on_read(error_code ec) {
    if (ec)
      return fail(ec);
    HttpResponse out;
    out.status = parser_.get().result_int();
    out.body = std::move(parser_.get().body());
    if (auto it = parser_.get().find(http::field::retry_after); it != parser_.get().end())
      out.retry_after = std::string(it->value());
    // The server closes after the answer ("Connection: close"); a TLS close_notify is not
    // waited for.
    error_code ignored;
    if (tls_)
      beast::get_lowest_layer(*tls_).socket().close(ignored);
    else
      tcp_.socket().close(ignored);
    finish("", std::move(out));
  }

  const ClientOptions& options_;
  Endpoint endpoint_;
  std::optional<Endpoint> proxy_;
  tcp::resolver resolver_;
  beast::tcp_stream tcp_;
  ssl::context ctx_{ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
  asio::steady_timer deadline_;
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> connect_;
  http::response_parser<http::empty_body> tunnel_parser_;
  http::request<http::empty_body> request_;
  http::response_parser<http::string_body> parser_;
  Done done_;
};

}  // namespace

std::string user_agent() {
  return "awesome-ls/" AWESOME_VERSION " (+https://github.com/awesome-ls/awesome-ls)";
}

/// The batches of one start_fetch(), one request at a time: pacing, retries after a 503, and
/// the report. Holds itself alive through shared_from_this() until `done` is called.
class ArxivClient::Fetch : public std::enable_shared_from_this<ArxivClient::Fetch> {
 public:
  Fetch(ArxivClient& client, Endpoint endpoint, std::vector<std::string> ids,
        std::function<void(FetchReport)> done)
      : client_(client),
        endpoint_(std::move(endpoint)),
        ids_(std::move(ids)),
        batch_(std::max<std::size_t>(client.options_.batch, 1)),
        batches_((ids_.size() + batch_ - 1) / batch_),
        timer_(client.io_),
        done_(std::move(done)) {}

  /// Starts batch `index_`, or reports when every batch is done.
  void next() {
    if (index_ >= batches_)
      return done_(std::move(report_));
    attempt_ = 0;
    pace();
  }

 private:
  std::size_t from() const { return index_ * batch_; }
  std::size_t to() const { return std::min(ids_.size(), from() + batch_); }

  /// Waits until `spacing` after the client's last request, then sends.
  void pace() {
    const auto at = client_.last_request_ + client_.options_.spacing;
    if (!client_.requested_ || std::chrono::steady_clock::now() >= at)
      return send();
    timer_.expires_at(at);
    timer_.async_wait([self = shared_from_this()](error_code) { self->send(); });
  }

  void send() {
    ++report_.requests;
    const std::string target = endpoint_.path + "?id_list=" + join(ids_, from(), to()) +
                               "&max_results=" + std::to_string(to() - from());
    std::make_shared<Request>(
        client_.io_, client_.options_, endpoint_, target,
        [self = shared_from_this()](std::string error, const HttpResponse& r) {
          self->on_answer(std::move(error), r);
        })
        ->start();
  }

  void on_answer(std::string error, const HttpResponse& r) {
    // The spacing counts from the end of a request: the next one reaches the server at least
    // `spacing` after this one did, whatever the connection took.
    client_.last_request_ = std::chrono::steady_clock::now();
    client_.requested_ = true;
    const ClientOptions& o = client_.options_;
    if (error.empty() && r.status == 503 && attempt_ < o.retries) {
      const long wait = retry_seconds(r.retry_after);
      if (wait >= 0 && wait <= o.max_retry_after.count()) {
        ++attempt_;
        timer_.expires_after(std::chrono::seconds(wait));
        timer_.async_wait([self = shared_from_this()](error_code) { self->pace(); });
        return;
      }
      error = "arXiv is busy (HTTP 503) and asks to wait " +
              (r.retry_after.empty() ? "an unknown time" : r.retry_after + " s");
    } else if (error.empty() && r.status != 200) {
      error = "arXiv answered HTTP " + std::to_string(r.status);
    }
    if (error.empty()) {
      const AtomParse atom = parse_atom(r.body);
      if (atom.feed) {
        const std::vector<std::string> asked(ids_.begin() + static_cast<std::ptrdiff_t>(from()),
                                             ids_.begin() + static_cast<std::ptrdiff_t>(to()));
        merge(report_.lookup, lookup_from_feed(*atom.feed, asked));
      } else {
        error = "the answer is not an Atom feed: " + atom.error;
      }
    }
    if (!error.empty()) {
      report_.errors.push_back("request " + std::to_string(index_ + 1) + " of " +
                               std::to_string(batches_) + " to " + o.url + ": " + error);
    }
    ++index_;
    next();
  }

  ArxivClient& client_;
  Endpoint endpoint_;
  std::vector<std::string> ids_;
  std::size_t batch_, batches_;
  std::size_t index_ = 0;
  int attempt_ = 0;
  asio::steady_timer timer_;
  FetchReport report_;
  std::function<void(FetchReport)> done_;
};

ArxivClient::ArxivClient(boost::asio::io_context& io, ClientOptions options)
    : io_(io), options_(std::move(options)) {}

void ArxivClient::start_fetch(std::vector<std::string> ids, std::function<void(FetchReport)> done) {
  const EndpointParse parsed = parse_endpoint(options_.url);
  if (!parsed.endpoint) {
    FetchReport report;
    report.errors.push_back(parsed.error);
    asio::post(io_, [done = std::move(done), report = std::move(report)]() mutable {
      done(std::move(report));
    });
    return;
  }
  auto fetch = std::make_shared<Fetch>(*this, *parsed.endpoint, std::move(ids), std::move(done));
  asio::post(io_, [fetch] { fetch->next(); });
}

}  // namespace awesome::server::arxiv
