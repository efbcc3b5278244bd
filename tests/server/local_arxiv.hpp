// Test helper: the local stand-in for the arXiv API (tests/support/arxiv_server.py) run as a
// child process on 127.0.0.1, plain or with TLS (a self-signed certificate made with the openssl
// command for the test), with its request log read back. The real arXiv is never reached.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/server/process_runner.hpp"
#include "tests/server/temp_dir.hpp"

namespace awesome::test {

/// A request the local server received.
struct LoggedRequest {
  double time = 0;  ///< seconds, monotonic clock of the server
  std::string path;
  std::vector<std::string> ids;
  std::string max_results;
  std::string user_agent;
};

/// The first line a helper process prints (its port), waiting up to 10 s; empty if none came.
inline std::string first_line_of(ChildProcess& child) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (child.output().find('\n') == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    child.read_more(std::chrono::milliseconds(200));
  }
  return child.output().substr(0, child.output().find('\n'));
}

class LocalArxiv {
 public:
  /// Serves `papers` (id -> {"title", "authors", "summary", "published", "comment"}); `flags`
  /// go to the script (--busy N, --slow S, --malformed); `tls` adds a self-signed certificate
  /// for localhost, arxiv.test (reached through connect_proxy.py) and 127.0.0.1, whose file
  /// ca_file() names.
  LocalArxiv(const nlohmann::json& papers, std::vector<std::string> flags = {}, bool tls = false) {
    write_bytes(dir_.path / "papers.json", papers.dump());
    std::vector<std::string> argv{
        "python3", std::string(AWESOME_SOURCE_DIR) + "/tests/support/arxiv_server.py",
        (dir_.path / "papers.json").string(), log_file()};
    if (tls) {
      const auto made = run_process(
          {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
           "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,DNS:arxiv.test,IP:127.0.0.1",
           "-keyout", (dir_.path / "key.pem").string(), "-out", ca_file()});
      REQUIRE_MESSAGE(made.exit_code == 0, made.err);
      argv.insert(argv.end(), {"--tls", ca_file(), (dir_.path / "key.pem").string()});
    }
    argv.insert(argv.end(), flags.begin(), flags.end());
    child_ = std::make_unique<ChildProcess>(argv, (dir_.path / "server.err").string());
    REQUIRE(child_->started());
    port_ = first_line_of(*child_);
    REQUIRE_MESSAGE(!port_.empty(), read_bytes(dir_.path / "server.err"));
    url_ = std::string(tls ? "https" : "http") + "://" + (tls ? "localhost" : "127.0.0.1") + ":" +
           port_ + "/api/query";
  }

  const std::string& url() const { return url_; }
  const std::string& port() const { return port_; }
  std::string ca_file() const { return (dir_.path / "cert.pem").string(); }
  std::string log_file() const { return (dir_.path / "requests.log").string(); }

  std::vector<LoggedRequest> requests() const {
    std::vector<LoggedRequest> out;
    std::istringstream in(read_bytes(log_file()));
    for (std::string line; std::getline(in, line);) {
      const auto j = nlohmann::json::parse(line);
      out.push_back({j["time"].get<double>(), j["path"].get<std::string>(),
                     j["ids"].get<std::vector<std::string>>(), j["max_results"].get<std::string>(),
                     j["user_agent"].get<std::string>()});
    }
    return out;
  }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> child_;
  std::string port_, url_;
};

/// tests/support/connect_proxy.py: an HTTP CONNECT proxy whose every tunnel leads to the
/// local server on `port`, whatever host it names; logs the CONNECT lines.
class LocalProxy {
 public:
  explicit LocalProxy(const std::string& port) {
    child_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{
            "python3", std::string(AWESOME_SOURCE_DIR) + "/tests/support/connect_proxy.py", port,
            log_file()},
        (dir_.path / "proxy.err").string());
    REQUIRE(child_->started());
    port_ = first_line_of(*child_);
    REQUIRE_MESSAGE(!port_.empty(), read_bytes(dir_.path / "proxy.err"));
  }
  std::string url() const { return "http://127.0.0.1:" + port_; }
  std::string log_file() const { return (dir_.path / "connect.log").string(); }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> child_;
  std::string port_;
};

/// A paper for LocalArxiv.
inline nlohmann::json paper_json(std::string title, std::vector<std::string> authors,
                                 std::string summary = "We study robustness. It matters.") {
  return {{"title", std::move(title)}, {"authors", std::move(authors)}, {"summary", summary}};
}

}  // namespace awesome::test
