// Invariants of the framing fuzz target, shared with the regression test: the decoder is
// independent of how the stream is chunked, every body classifies without throwing, and the
// in-process server answers every request exactly once and notifications never.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/rules_checks.hpp"
#include "protocol/framing.hpp"
#include "protocol/jsonrpc.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::fuzz {

inline bool same_frames(const std::vector<protocol::Frame>& a,
                        const std::vector<protocol::Frame>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].text != b[i].text)
      return false;
  }
  return true;
}

/// Feeds one body to `server` and checks the replies sent while handling it.
inline std::string check_server_step(server::LspServer& server, std::vector<nlohmann::json>& out,
                                     std::string_view body) {
  const protocol::Message message = protocol::parse_message(body);
  out.clear();
  server.handle(body);
  std::size_t replies = 0;
  std::size_t to_request = 0;
  const auto* request = std::get_if<protocol::Request>(&message);
  const nlohmann::json request_id = request ? protocol::id_to_json(request->id) : nlohmann::json();
  for (const auto& m : out) {
    if (!m.is_object() || m.contains("method"))
      continue;  // server-to-client request or note
    ++replies;
    if (request && m.value("id", nlohmann::json()) == request_id)
      ++to_request;
  }
  if (request) {
    if (to_request != 1 || replies != 1) {
      return "request " + request->method + " id " + request_id.dump() + " got " +
             std::to_string(to_request) + " replies with its id, " + std::to_string(replies) +
             " in all";
    }
  } else if (const auto* invalid = std::get_if<protocol::Invalid>(&message)) {
    const std::size_t expected = invalid->reply ? 1 : 0;
    if (replies != expected) {
      return "invalid body (" + invalid->reason + ") got " + std::to_string(replies) +
             " replies, expected " + std::to_string(expected);
    }
  } else if (replies != 0) {
    return "notification or response got " + std::to_string(replies) + " replies";
  }
  return {};
}

/// fuzz_framing: push the input in input-derived chunks, compare with a single push, parse
/// every body and drive an initialized in-process server with them.
inline std::string check_framing(std::string_view data) {
  Rng rng(seed_of(data));
  protocol::FrameDecoder chunked;
  std::vector<protocol::Frame> frames;
  for (std::string_view rest = data; !rest.empty();) {
    const std::size_t size = 1 + rng.below(rng.below(4) == 0 ? 4 : 700);
    chunked.push(rest.substr(0, size), frames);
    rest.remove_prefix(std::min(size, rest.size()));
  }
  protocol::FrameDecoder whole;
  if (!same_frames(frames, whole.push(data)))
    return "frames depend on chunking";
  if (chunked.mid_message() != whole.mid_message())
    return "mid_message depends on chunking";

  std::vector<nlohmann::json> out;
  server::LspServer server([&out](const nlohmann::json& m) { out.push_back(m); });
  const nlohmann::json init = {{"jsonrpc", "2.0"},
                               {"id", "fuzz-init"},
                               {"method", "initialize"},
                               {"params",
                                {{"processId", nullptr},
                                 {"rootUri", nullptr},
                                 {"capabilities",
                                  {{"textDocument", {{"diagnostic", nlohmann::json::object()}}},
                                   {"workspace", {{"configuration", true}}}}}}}};
  if (auto why = check_server_step(server, out, init.dump()); !why.empty())
    return why;
  if (auto why = check_server_step(server, out, R"({"jsonrpc":"2.0","method":"initialized"})");
      !why.empty()) {
    return why;
  }
  // The client answers the server's request for its settings, as every client that announces
  // workspace/configuration does; until then pulls wait (at most 2 s, which no step here takes).
  for (const auto& m : std::vector<nlohmann::json>(out)) {
    if (m.value("method", "") != "workspace/configuration")
      continue;
    const nlohmann::json answer =
        protocol::make_result(*protocol::id_from_json(m["id"]), nlohmann::json::array({nullptr}));
    if (auto why = check_server_step(server, out, answer.dump()); !why.empty())
      return why;
  }
  std::size_t bodies = 0;
  for (const auto& frame : frames) {
    if (server.exit_requested())
      break;
    if (frame.kind == protocol::Frame::Kind::kError) {
      server.on_frame_error(frame.text);
      continue;
    }
    if (++bodies > 64)
      break;  // keeps one input fast; longer sessions add little coverage
    if (auto why = check_server_step(server, out, frame.text); !why.empty())
      return why;
  }
  if (!server.exit_requested())
    server.on_input_closed();
  return {};
}

}  // namespace awesome::fuzz
