// The arXiv API client: GET <base>?id_list=a,b,c&max_results=N over Boost.Beast, TLS with
// OpenSSL (certificates verified against the system store, or a CA file), through an
// HTTPS_PROXY tunnel when one is named. Batches of ids, one request at a time, at least
// `spacing` apart (3 s: arXiv's terms of use), 503 with Retry-After waited for and retried a
// bounded number of times. Asynchronous operations on the caller's io_context (callbacks, as
// the stdio loop is written): the LSP server runs them beside its stdio loop, the CLI runs the
// context to completion.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "rules/arxiv.hpp"
#include "server/arxiv/endpoint.hpp"

namespace awesome::server::arxiv {

/// The User-Agent of every request: "awesome-ls/<version> (+<project URL>)".
std::string user_agent();

struct ClientOptions {
  std::string url = std::string(kDefaultApiUrl);  ///< the API's base URL (see api_url())
  std::size_t batch = 100;                        ///< ids per request
  /// From the end of a request to the start of the next: at least 3 s by arXiv's terms of
  /// use; only tests shorten it.
  std::chrono::milliseconds spacing{3000};
  std::chrono::milliseconds timeout{30000};  ///< per request: connect, TLS, send, receive
  int retries = 3;                           ///< of a 503, each after its Retry-After
  std::chrono::seconds max_retry_after{60};  ///< a longer Retry-After is not waited for
  /// A CA file (PEM) to verify the server with; empty: the system store (which honours
  /// SSL_CERT_FILE and SSL_CERT_DIR).
  std::string ca_file;
};

/// What one fetch found: metadata for the ids it could ask about, and what went wrong.
struct FetchReport {
  rules::ArxivLookup lookup;        ///< papers and missing ids, from every batch answered
  std::vector<std::string> errors;  ///< one per batch that failed: "request 2 of 3: timed out"
  std::size_t requests = 0;         ///< HTTP requests sent, retries included
};

/// One plain HTTP answer.
struct HttpResponse {
  unsigned status = 0;
  std::string body;
  std::string retry_after;  ///< the Retry-After header, if any
};

class ArxivClient {
 public:
  ArxivClient(boost::asio::io_context& io, ClientOptions options);

  /// Fetches the metadata of `ids` (normalized, without versions) in batches, one request at a
  /// time and `spacing` apart from this client's previous request, and calls `done` with the
  /// report on the io_context. Failures are in the report's errors, never thrown. The client
  /// must outlive the fetch; callers must not run two fetches of one client at once.
  void start_fetch(std::vector<std::string> ids, std::function<void(FetchReport)> done);

  const ClientOptions& options() const { return options_; }

 private:
  class Fetch;  // one start_fetch(): its batches, retries and report (http_client.cpp)

  boost::asio::io_context& io_;
  ClientOptions options_;
  std::chrono::steady_clock::time_point last_request_{};  ///< when the last request ended
  bool requested_ = false;
};

}  // namespace awesome::server::arxiv
