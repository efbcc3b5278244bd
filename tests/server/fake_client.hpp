// An in-process LSP client for server tests: sends JSON to an LspServer and collects what it
// sends back, without framing or Asio.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rules/fixes.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::test {

using nlohmann::json;

class FakeClient {
 public:
  FakeClient() : server_([this](const json& m) { out_.push_back(m); }) {}

  /// Sends a request, drains, and returns the single reply with its id (REQUIREs it exists).
  json request(std::string_view method, json params = nullptr) {
    std::int64_t id = next_id_++;
    json msg = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null())
      msg["params"] = std::move(params);
    server_.handle(msg.dump());
    return reply_to(id);
  }
  void notify(std::string_view method, json params = nullptr) {
    json msg = {{"jsonrpc", "2.0"}, {"method", method}};
    if (!params.is_null())
      msg["params"] = std::move(params);
    server_.handle(msg.dump());
  }
  void send_raw(std::string_view body) { server_.handle(body); }

  /// The only reply to `id` among the collected messages (and removes it).
  json reply_to(const json& id) {
    json found;
    int count = 0;
    for (auto it = out_.begin(); it != out_.end();) {
      if (!it->contains("method") && it->value("id", json()) == id) {
        found = *it;
        ++count;
        it = out_.erase(it);
      } else {
        ++it;
      }
    }
    REQUIRE(count == 1);
    return found;
  }

  json initialize(json capabilities = json::object(), json extra = json::object()) {
    json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}};
    params.update(extra);
    json reply = request("initialize", params);
    notify("initialized", json::object());
    return reply;
  }

  void open(std::string_view uri, std::string_view text, int version = 1) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "markdown"}, {"version", version}, {"text", text}}}});
  }

  /// Removes and returns every collected notification of `method`.
  std::vector<json> take(std::string_view method) {
    std::vector<json> taken;
    for (auto it = out_.begin(); it != out_.end();) {
      if (it->value("method", "") == method) {
        taken.push_back(*it);
        it = out_.erase(it);
      } else {
        ++it;
      }
    }
    return taken;
  }
  std::vector<json>& messages() { return out_; }
  server::LspServer& server() { return server_; }

 private:
  std::vector<json> out_;
  server::LspServer server_;
  std::int64_t next_id_ = 1;
};

/// `text` with LSP TextEdits (UTF-8 columns, the client negotiated them or the text is ASCII)
/// applied as an editor applies them.
inline std::string apply_lsp_edits(std::string_view text, const json& edits) {
  std::vector<rules::TextEdit> converted;
  for (const auto& e : edits) {
    converted.push_back({{{e["range"]["start"]["line"], e["range"]["start"]["character"]},
                          {e["range"]["end"]["line"], e["range"]["end"]["character"]}},
                         e["newText"]});
  }
  return rules::apply_edits(text, converted);
}

}  // namespace awesome::test
