// The dispatcher in-process: every error class of JSON-RPC and the LSP lifecycle, and that the
// server keeps serving after each.
#include <doctest/doctest.h>

#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

int error_code(const json& reply) {
  return reply.at("error").at("code").get<int>();
}

/// The server still answers a normal request afterwards.
void check_alive(FakeClient& client) {
  json reply =
      client.request("textDocument/diagnostic", {{"textDocument", {{"uri", "file:///none.md"}}}});
  CHECK(reply.contains("result"));
}

}  // namespace

TEST_CASE("requests before initialize get -32002 and notifications are dropped") {
  FakeClient client;
  CHECK(error_code(client.request("shutdown")) == -32002);
  CHECK(error_code(client.request("textDocument/diagnostic", json::object())) == -32002);
  client.open("file:///a.md", "# A\n");
  CHECK(client.messages().empty());
  json reply = client.initialize();
  CHECK(reply["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  CHECK(client.server().documents().find("file:///a.md") == nullptr);
}

TEST_CASE("broken messages get the right error and the server keeps serving") {
  FakeClient client;
  client.initialize();
  SUBCASE("invalid JSON -> -32700 with id null") {
    client.send_raw(R"({"jsonrpc":"2.0","id":9,"method":"shutdown")");
    json reply = client.reply_to(nullptr);
    CHECK(error_code(reply) == -32700);
  }
  SUBCASE("non-2.0 -> -32600 with the id") {
    client.send_raw(R"({"jsonrpc":"1.0","id":9,"method":"shutdown"})");
    CHECK(error_code(client.reply_to(9)) == -32600);
  }
  SUBCASE("missing method -> -32600") {
    client.send_raw(R"({"jsonrpc":"2.0","id":10})");
    CHECK(error_code(client.reply_to(10)) == -32600);
  }
  SUBCASE("unknown method -> -32601") {
    CHECK(error_code(client.request("textDocument/nonsense", json::object())) == -32601);
  }
  SUBCASE("wrong parameter types -> -32602") {
    CHECK(error_code(client.request("textDocument/diagnostic", {{"textDocument", 5}})) == -32602);
    CHECK(error_code(client.request("textDocument/diagnostic", json::array())) == -32602);
    const json hover = client.request("textDocument/hover", {{"textDocument", {{"uri", 1}}}});
    CHECK(error_code(hover) == -32602);
    CHECK(hover["error"]["message"].get<std::string>().starts_with(
        "textDocument/hover: invalid params: "));
  }
  SUBCASE("a second initialize -> -32600") {
    CHECK(error_code(client.request("initialize", {{"capabilities", json::object()}})) == -32600);
  }
  SUBCASE("notifications with bad params get no reply") {
    client.notify("textDocument/didOpen", {{"textDocument", "x"}});
    client.notify("textDocument/didChange", json::array({1}));
    client.notify("some/unknown", json::object());
    client.notify("$/unknownProgress", json::object());
    for (const auto& m : client.messages()) CHECK(m.value("method", "") == "window/logMessage");
  }
  check_alive(client);
  CHECK_FALSE(client.server().exit_requested());
}

TEST_CASE("an unknown $/ notification is ignored silently, another one is logged") {
  FakeClient client;
  client.initialize();
  client.messages().clear();
  client.notify("$/progress", json::object());
  CHECK(client.messages().empty());
  client.notify("custom/thing", json::object());
  CHECK(client.take("window/logMessage").size() == 1);
}

TEST_CASE("initialize with malformed params -> -32602, then a good one succeeds") {
  FakeClient client;
  CHECK(error_code(client.request("initialize", json::array({1}))) == -32602);
  CHECK(error_code(client.request("initialize", {{"processId", "x"}})) == -32602);
  CHECK(client.initialize().contains("result"));
}

TEST_CASE("shutdown then exit ends with code 0, requests after shutdown get -32600") {
  FakeClient client;
  client.initialize();
  CHECK(client.request("shutdown")["result"].is_null());
  CHECK(error_code(client.request("textDocument/diagnostic", json::object())) == -32600);
  CHECK(error_code(client.request("shutdown")) == -32600);
  CHECK_FALSE(client.server().exit_requested());
  client.notify("exit");
  CHECK(client.server().exit_requested());
  CHECK(client.server().exit_code() == 0);
}

TEST_CASE("exit without shutdown ends with code 1, so does closed input") {
  SUBCASE("exit") {
    FakeClient client;
    client.initialize();
    client.notify("exit");
    CHECK(client.server().exit_requested());
    CHECK(client.server().exit_code() == 1);
  }
  SUBCASE("exit even before initialize") {
    FakeClient client;
    client.notify("exit");
    CHECK(client.server().exit_requested());
  }
  SUBCASE("input closed") {
    FakeClient client;
    client.initialize();
    client.server().on_input_closed();
    CHECK(client.server().exit_requested());
    CHECK(client.server().exit_code() == 1);
  }
}

TEST_CASE("messages queued after exit are not handled") {
  FakeClient client;
  client.initialize();
  client.messages().clear();
  client.server().enqueue(R"({"jsonrpc":"2.0","method":"exit"})");
  client.server().enqueue(R"({"jsonrpc":"2.0","id":5,"method":"shutdown"})");
  client.server().drain();
  CHECK(client.messages().empty());
}

TEST_CASE("$/cancelRequest answers a still-queued request with -32800, exactly once") {
  FakeClient client;
  client.initialize();
  client.messages().clear();
  auto& server = client.server();
  server.enqueue(R"({"jsonrpc":"2.0","id":"d1","method":"textDocument/diagnostic",
                     "params":{"textDocument":{"uri":"file:///x.md"}}})");
  server.enqueue(R"({"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic",
                     "params":{"textDocument":{"uri":"file:///x.md"}}})");
  server.enqueue(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"d1"}})");
  server.enqueue(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":99}})");
  server.drain();
  CHECK(error_code(client.reply_to("d1")) == -32800);
  CHECK(client.reply_to(2).contains("result"));
  CHECK(client.messages().empty());
  // A cancel for a request already answered changes nothing.
  client.notify("$/cancelRequest", {{"id", 2}});
  CHECK(client.messages().empty());
}

TEST_CASE("$/setTrace switches $/logTrace of incoming messages") {
  FakeClient client;
  client.initialize();
  client.messages().clear();
  client.notify("$/setTrace", {{"value", "verbose"}});
  client.request("textDocument/diagnostic", {{"textDocument", {{"uri", "file:///q.md"}}}});
  auto traces = client.take("$/logTrace");
  REQUIRE(traces.size() == 1);
  CHECK(traces[0]["params"]["message"] == "Received request 'textDocument/diagnostic'.");
  CHECK(traces[0]["params"]["verbose"].get<std::string>().find("q.md") != std::string::npos);
  client.notify("$/setTrace", {{"value", "off"}});
  client.take("$/logTrace");
  client.request("textDocument/diagnostic", {{"textDocument", {{"uri", "file:///q.md"}}}});
  CHECK(client.take("$/logTrace").empty());
}

TEST_CASE("responses from the client are matched to the server's requests") {
  FakeClient client;
  client.initialize({{"workspace", {{"configuration", true}}}});
  auto requests = client.take("workspace/configuration");
  REQUIRE(requests.size() == 1);
  CHECK(requests[0]["params"]["items"][0]["section"] == "awesomeLs");
  client.messages().clear();
  // A response nobody waits for is logged, never answered.
  client.send_raw(R"({"jsonrpc":"2.0","id":4242,"result":null})");
  CHECK(client.take("window/logMessage").size() == 1);
  CHECK(client.messages().empty());
  // The real answer is consumed once.
  json answer = {{"jsonrpc", "2.0"}, {"id", requests[0]["id"]}, {"result", json::array({nullptr})}};
  client.send_raw(answer.dump());
  CHECK(client.take("window/logMessage").empty());
}
