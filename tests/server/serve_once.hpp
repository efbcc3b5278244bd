// Test helper: the real `awesome-ls serve` binary run once on a whole scripted input, for the
// transcripts whose requests are all known before the server starts (lsp_process.hpp speaks
// to the server turn by turn instead).
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/framing.hpp"
#include "tests/server/lsp_process.hpp"
#include "tests/server/process_runner.hpp"

namespace awesome::test {

/// Framed messages for the binary's input.
inline std::string framed_request(int id, std::string_view method, nlohmann::json params) {
  return protocol::encode_frame(lsp_request(id, method, std::move(params)).dump());
}
inline std::string framed_notification(std::string_view method, nlohmann::json params) {
  return protocol::encode_frame(lsp_notification(method, std::move(params)).dump());
}

/// What the server wrote: the results of its replies by id, and every other message
/// (notifications and the server's own requests) in order.
struct ServeOutput {
  std::map<int, nlohmann::json> replies;
  std::vector<nlohmann::json> others;

  /// The params of the other messages with this method.
  std::vector<nlohmann::json> params_of(std::string_view method) const {
    std::vector<nlohmann::json> found;
    for (const auto& message : others) {
      if (message.value("method", "") == method)
        found.push_back(message["params"]);
    }
    return found;
  }
};

/// Runs `awesome-ls serve` on `input` to its end; REQUIREs that it ends in time and that every
/// reply is a result, CHECKs that it exits with status 0.
inline ServeOutput serve_once(const std::string& input) {
  ProcessOptions options;
  options.input = input;
  const auto result = run_process({AWESOME_BINARY, "serve"}, options);
  REQUIRE_FALSE(result.timed_out);
  CHECK(result.exit_code == 0);
  ServeOutput output;
  protocol::FrameDecoder decoder;
  for (auto& frame : decoder.push(result.out)) {
    REQUIRE(frame.kind == protocol::Frame::Kind::kBody);
    nlohmann::json message = nlohmann::json::parse(frame.text);
    if (message.contains("id") && !message.contains("method")) {
      REQUIRE(message.contains("result"));
      output.replies[message["id"].get<int>()] = message["result"];
    } else {
      output.others.push_back(std::move(message));
    }
  }
  return output;
}

}  // namespace awesome::test
