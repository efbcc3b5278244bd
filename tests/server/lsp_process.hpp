// Test helper: the real `awesome-ls serve` binary as a child process, spoken to in framed
// JSON-RPC. Every byte it writes to stdout is decoded and checked to be a framed JSON-RPC 2.0
// message; every wait has a deadline, so a hanging server fails the test instead of blocking it.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "process_runner.hpp"
#include "protocol/framing.hpp"

namespace awesome::test {

class LspProcess {
 public:
  static constexpr std::chrono::milliseconds kTimeout{60000};

  /// Starts `awesome-ls serve` (the built binary, or a copy of it at `binary`); stderr (the
  /// server's log) goes to `stderr_path` or /dev/null.
  explicit LspProcess(const std::string& stderr_path = {},
                      const std::string& binary = AWESOME_BINARY)
      : child_({binary, "serve"}, stderr_path) {
    REQUIRE(child_.started());
  }

  void send_raw(std::string_view bytes) {
    REQUIRE_MESSAGE(child_.write(bytes, kTimeout), "the server stopped reading its input");
    take_output();
  }
  void send(const nlohmann::json& message) { send_raw(protocol::encode_frame(message.dump())); }
  void close_input() { child_.close_input(); }
  /// The raw child, for tests of a client that misbehaves at the transport level.
  ChildProcess& child() { return child_; }
  /// Decodes what the child wrote so far (after reading child().output() directly).
  void take() { take_output(); }

  /// The next message from the server; FAILs on timeout or end of output.
  nlohmann::json receive() {
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (bodies_.empty()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      REQUIRE_MESSAGE(left.count() > 0, "timed out waiting for the server");
      const bool more = child_.read_more(left);
      REQUIRE_MESSAGE((more || !child_.output_closed()), "the server closed its output");
      take_output();
    }
    nlohmann::json message = std::move(bodies_.front());
    bodies_.pop_front();
    return message;
  }
  /// Skips messages until one satisfies `match`.
  template <class Match>
  nlohmann::json receive_until(Match match) {
    for (;;) {
      nlohmann::json message = receive();
      if (match(message))
        return message;
    }
  }
  nlohmann::json reply_to(const nlohmann::json& id) {
    return receive_until([&id](const nlohmann::json& m) {
      return !m.contains("method") && m.value("id", nlohmann::json()) == id;
    });
  }

  /// The exit status (128 + signal when killed); FAILs when the process does not exit in time.
  /// Reads the rest of the output first, which must end on a message boundary.
  int wait_exit(std::chrono::milliseconds timeout = kTimeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!child_.output_closed() && std::chrono::steady_clock::now() < deadline) {
      child_.read_more(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      take_output();
    }
    CHECK_FALSE(decoder_.mid_message());
    const auto code = child_.wait_exit(std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()));
    REQUIRE_MESSAGE(code.has_value(), "the server did not exit");
    return *code;
  }

  /// Peak resident memory of the running server in MiB (0 when unknown).
  std::size_t peak_rss_mib() const { return child_.peak_rss_kib() / 1024; }
  /// Messages received but not yet taken by receive().
  std::size_t buffered() const { return bodies_.size(); }

 private:
  /// Decodes what the child wrote; anything but framed JSON-RPC 2.0 objects fails the test.
  void take_output() {
    std::string& raw = child_.output();
    if (raw.empty())
      return;
    for (auto& frame : decoder_.push(raw)) {
      REQUIRE_MESSAGE(frame.kind == protocol::Frame::Kind::kBody,
                      "stdout is not framed JSON-RPC: " << frame.text);
      nlohmann::json message = nlohmann::json::parse(frame.text, nullptr, false);
      REQUIRE_MESSAGE(
          (message.is_object() && message.value("jsonrpc", "") == "2.0"),
          "stdout carries a body that is no JSON-RPC 2.0 message: " << frame.text.substr(0, 200));
      bodies_.push_back(std::move(message));
    }
    raw.clear();
  }

  ChildProcess child_;
  protocol::FrameDecoder decoder_;
  std::deque<nlohmann::json> bodies_;
};

inline nlohmann::json lsp_request(const nlohmann::json& id, std::string_view method,
                                  nlohmann::json params = nullptr) {
  nlohmann::json m = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null())
    m["params"] = std::move(params);
  return m;
}

inline nlohmann::json lsp_notification(std::string_view method,
                                       nlohmann::json params = nlohmann::json::object()) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

inline bool is_publish(const nlohmann::json& m) {
  return m.value("method", "") == "textDocument/publishDiagnostics";
}

}  // namespace awesome::test
