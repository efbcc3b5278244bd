// The first diagnostics of a client that answers workspace/configuration follow its settings:
// pushes and pulls wait for the answer to the pull sent after `initialized`, at most the
// configured time, and an error answer ends the wait at once. Clients without
// workspace/configuration see no wait. In-process, then with the real binary and its timer.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "protocol/jsonrpc.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/server/lsp_process.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

// Trailing spaces on the author line (whitespace, info) and a misspelt label (keyword-label).
constexpr std::string_view kEntry =
    "# Awesome X\n\n## Cat\n\n### Cat: 2020\n\n"
    "- Paper Title. [[paper]](https://arxiv.org/abs/2001.00001)\n"
    "  - Some Author. *NeurIPS 2020*   \n"
    "  - Key Work: Robustness.\n"
    "  - Digest: Something.\n";

const json kPullCapabilities = {{"workspace", {{"configuration", true}}}};
const json kWhitespaceOff = json::array({{{"rules", {{"whitespace", "off"}}}}});

int count_code(const json& diagnostics, std::string_view code) {
  int n = 0;
  for (const auto& d : diagnostics) n += d.value("code", "") == code ? 1 : 0;
  return n;
}

json answer(const json& request, json result) {
  return awesome::protocol::make_result(*awesome::protocol::id_from_json(request["id"]),
                                        std::move(result));
}

/// The one workspace/configuration request the server sent.
json the_pull(FakeClient& client) {
  auto pulls = client.take("workspace/configuration");
  REQUIRE(pulls.size() == 1);
  return pulls[0];
}

bool logged(FakeClient& client, std::string_view part) {
  for (const auto& m : client.take("window/logMessage")) {
    if (m["params"]["message"].get<std::string>().find(part) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("pushed diagnostics of a document opened before the settings arrive follow them") {
  FakeClient client;
  client.initialize(kPullCapabilities);
  json pull = the_pull(client);
  REQUIRE(client.server().deadline().has_value());
  client.open("file:///a.md", kEntry);
  client.open("file:///b.md", kEntry);
  CHECK(client.take("textDocument/publishDiagnostics").empty());  // held: settings unknown
  client.send_raw(answer(pull, kWhitespaceOff).dump());
  CHECK_FALSE(client.server().deadline().has_value());
  auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);  // one publish per document, already with the settings
  for (const auto& p : published) {
    CHECK(count_code(p["params"]["diagnostics"], "whitespace") == 0);
    CHECK(count_code(p["params"]["diagnostics"], "keyword-label") == 1);
  }
  // Later edits are published at once, as before.
  std::string fixed(kEntry);
  fixed.replace(fixed.find("Key Work:"), 9, "Key Word:");
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", "file:///a.md"}, {"version", 2}}},
                 {"contentChanges", {{{"text", fixed}}}}});
  published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(count_code(published[0]["params"]["diagnostics"], "keyword-label") == 0);
}

TEST_CASE("pull requests made before the settings arrive are answered after, with them") {
  FakeClient client;
  client.initialize({{"workspace", {{"configuration", true}}},
                     {"textDocument", {{"diagnostic", json::object()}}}});
  json pull = the_pull(client);
  client.open("file:///a.md", kEntry);
  json doc = {{"textDocument", {{"uri", "file:///a.md"}}}};
  client.send_raw(json{
      {"jsonrpc", "2.0"},
      {"id", 7},
      {"method", "textDocument/diagnostic"},
      {"params", doc}}.dump());
  client.send_raw(json{
      {"jsonrpc", "2.0"},
      {"id", 8},
      {"method", "textDocument/diagnostic"},
      {"params", doc}}.dump());
  client.send_raw(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":8}})");
  // Other requests are not held.
  CHECK(client.request("textDocument/documentSymbol", doc).contains("result"));
  for (const auto& m : client.messages()) CHECK_FALSE(m.contains("result"));  // 7, 8 held
  client.send_raw(answer(pull, kWhitespaceOff).dump());
  json reply = client.reply_to(7);
  REQUIRE(reply.contains("result"));
  CHECK(count_code(reply["result"]["items"], "whitespace") == 0);
  CHECK(count_code(reply["result"]["items"], "keyword-label") == 1);
  CHECK(client.reply_to(8)["error"]["code"] == -32800);  // cancelled while held
  CHECK(client.take("textDocument/publishDiagnostics").empty());
}

TEST_CASE("a client that never answers: the wait ends at the deadline, logged") {
  FakeClient client;
  client.initialize(kPullCapabilities);
  json pull = the_pull(client);
  client.open("file:///a.md", kEntry);
  const auto deadline = *client.server().deadline();
  client.server().tick(deadline - std::chrono::milliseconds(1));
  CHECK(client.take("textDocument/publishDiagnostics").empty());
  client.server().tick(deadline);
  CHECK(logged(client, "no answer to workspace/configuration within 2000 ms"));
  auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);  // with what is known: the defaults
  CHECK(count_code(published[0]["params"]["diagnostics"], "whitespace") == 1);
  CHECK_FALSE(client.server().deadline().has_value());
  // A late answer still applies, as any change of settings does.
  client.send_raw(answer(pull, kWhitespaceOff).dump());
  published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(count_code(published[0]["params"]["diagnostics"], "whitespace") == 0);
}

TEST_CASE("an error answer or an unusable result ends the wait at once") {
  for (const bool error : {true, false}) {
    CAPTURE(error);
    FakeClient client;
    client.initialize(kPullCapabilities);
    json pull = the_pull(client);
    client.open("file:///a.md", kEntry);
    json reply = error ? json{{"jsonrpc", "2.0"},
                              {"id", pull["id"]},
                              {"error", {{"code", -32601}, {"message", "unhandled method"}}}}
                       : answer(pull, "not a list");
    client.send_raw(reply.dump());
    CHECK(logged(client, error ? "checking with the configuration known so far"
                               : "workspace/configuration: unexpected result"));
    auto published = client.take("textDocument/publishDiagnostics");
    REQUIRE(published.size() == 1);
    CHECK(count_code(published[0]["params"]["diagnostics"], "whitespace") == 1);
    CHECK_FALSE(client.server().deadline().has_value());
  }
}

TEST_CASE("clients without workspace/configuration get their diagnostics at once, as before") {
  FakeClient client;
  client.initialize({{"workspace", {{"configuration", false}}}},
                    {{"initializationOptions", {{"rules", {{"whitespace", "off"}}}}}});
  CHECK(client.take("workspace/configuration").empty());
  CHECK_FALSE(client.server().deadline().has_value());
  client.open("file:///a.md", kEntry);
  auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(count_code(published[0]["params"]["diagnostics"], "whitespace") == 0);
}

TEST_CASE("the real server: held diagnostics go out on the answer, or after the wait") {
  using Clock = std::chrono::steady_clock;
  for (const bool answers : {true, false}) {
    CAPTURE(answers);
    awesome::test::LspProcess server;
    server.send(
        {{"jsonrpc", "2.0"},
         {"id", 1},
         {"method", "initialize"},
         {"params",
          {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", kPullCapabilities}}}});
    server.reply_to(1);
    const auto initialized = Clock::now();  // the server's wait starts after this
    server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
    json pull = server.receive_until(
        [](const json& m) { return m.value("method", "") == "workspace/configuration"; });
    const auto opened = Clock::now();
    server.send({{"jsonrpc", "2.0"},
                 {"method", "textDocument/didOpen"},
                 {"params",
                  {{"textDocument",
                    {{"uri", "file:///a.md"},
                     {"languageId", "markdown"},
                     {"version", 1},
                     {"text", kEntry}}}}}});
    bool timeout_logged = false;
    if (answers) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the client is slow
      server.send(answer(pull, kWhitespaceOff));
    }
    json published = server.receive_until([&](const json& m) {
      if (m.value("method", "") == "window/logMessage" &&
          m["params"]["message"].get<std::string>().find("no answer to workspace/configuration") !=
              std::string::npos) {
        timeout_logged = true;
      }
      return m.value("method", "") == "textDocument/publishDiagnostics";
    });
    const auto now = Clock::now();
    const auto waited = now - opened;
    CHECK(timeout_logged == !answers);
    CHECK(count_code(published["params"]["diagnostics"], "whitespace") == (answers ? 0 : 1));
    if (answers) {
      CHECK(waited >= std::chrono::milliseconds(300));
      CHECK(now - initialized < std::chrono::milliseconds(2000));  // the answer, not the deadline
    } else {
      CHECK(now - initialized >= std::chrono::milliseconds(2000));
      CHECK(waited < std::chrono::seconds(30));
    }
    server.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
    server.reply_to(2);
    server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
    CHECK(server.wait_exit() == 0);
  }
}
