// Fault tests of the real `awesome-ls serve` binary over pipes: garbage and broken framing,
// invalid JSON, wrong types in every method's params, lifecycle misuse, unknown documents, bad
// ranges, huge documents, invalid UTF-8, many documents and a burst of edits. After each fault
// the server answers the next request correctly (or exits where the spec says so), its peak RSS
// stays bounded, and every byte on its stdout is a framed JSON-RPC message (lsp_process.hpp).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "lsp_process.hpp"
#include "protocol/jsonrpc.hpp"
#include "temp_dir.hpp"
#include "tests/support/files.hpp"

namespace awesome::test {
namespace {

using nlohmann::json;

/// Shadow memory and the quarantine come on top under ASan.
constexpr std::size_t kMaxRssMib = kAddressSanitizer ? 2048 : 512;

const std::string kProbeUri = "file:///fault/probe.md";
const std::string kOtherUri = "file:///fault/other.md";

/// The first `bytes` (cut at a line end) of the 2021 list: a small list with findings.
std::string list_head(std::size_t bytes) {
  const std::string text = corpus("trustworthy-2021.md");
  return text.substr(0, text.find('\n', bytes) + 1);
}

json text_document(const std::string& uri) {
  return {{"uri", uri}};
}

json position(json line, json character) {
  return {{"line", line}, {"character", character}};
}

json range(json start, json end) {
  return {{"start", std::move(start)}, {"end", std::move(end)}};
}

json open_params(const std::string& uri, const std::string& text) {
  return {
      {"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}};
}

json change_params(const std::string& uri, int version, json changes) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}},
          {"contentChanges", std::move(changes)}};
}

/// An initialized session with pull diagnostics and one open probe document whose findings
/// are the reference for "the server still answers correctly".
class FaultSession {
 public:
  explicit FaultSession(json capabilities = json::object()) {
    capabilities["textDocument"]["diagnostic"] = json::object();
    server.send(lsp_request(
        "init", "initialize",
        {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}}));
    REQUIRE(server.reply_to("init")["result"].contains("capabilities"));
    server.send(lsp_notification("initialized"));
    server.send(lsp_notification("textDocument/didOpen", open_params(kProbeUri, probe_text)));
    probe_items = pull(kProbeUri);
    REQUIRE(probe_items.size() > 3);
  }

  /// The diagnostics of `uri` by a pull request (which must succeed).
  json pull(const std::string& uri) {
    const int id = next_id++;
    server.send(lsp_request(id, "textDocument/diagnostic", {{"textDocument", text_document(uri)}}));
    const json reply = server.reply_to(id);
    REQUIRE_MESSAGE(reply.contains("result"), reply.dump());
    REQUIRE(reply["result"]["kind"] == "full");
    return reply["result"]["items"];
  }

  /// The next request gets the right answer and memory stayed bounded.
  void expect_healthy() {
    CHECK(pull(kProbeUri) == probe_items);
    CHECK(server.peak_rss_mib() < kMaxRssMib);
  }

  /// shutdown + exit: exit code 0, and the output ends on a message boundary.
  void finish() {
    server.send(lsp_request("bye", "shutdown"));
    CHECK(server.reply_to("bye")["result"].is_null());
    server.send(lsp_notification("exit"));
    CHECK(server.wait_exit() == 0);
  }

  LspProcess server;
  const std::string probe_text = list_head(3000);
  json probe_items;
  int next_id = 1;
};

/// Every way to replace one value inside `value` (or `value` itself) by one of the wrong types.
void wrong_type_variants(const json& value, std::vector<json>& out) {
  static const json kWrong = json::array({nullptr, true, -1, 4294967296LL, 1.5, "x", json::array(),
                                          json::object(), json::array({json::object()})});
  for (const auto& wrong : kWrong) {
    if (wrong != value)
      out.push_back(wrong);
  }
  if (value.is_structured()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::vector<json> inner;
      wrong_type_variants(*it, inner);
      for (auto& replacement : inner) {
        json copy = value;
        (value.is_object() ? copy[it.key()] : copy[static_cast<std::size_t>(it - value.begin())]) =
            replacement;
        out.push_back(std::move(copy));
      }
    }
  }
}

}  // namespace

TEST_CASE("garbage bytes are logged and the next request is answered") {
  FaultSession session;
  std::mt19937 rng(20260101);
  std::string garbage(1 << 20, '\0');
  for (auto& c : garbage) c = static_cast<char>(rng());
  REQUIRE(garbage.find("ength:") == std::string::npos);
  session.server.send_raw(garbage);
  std::string lines;
  for (int i = 0; i < 2000; ++i) lines += "hello: world " + std::to_string(i) + "\r\n";
  session.server.send_raw(lines);
  session.server.send_raw("\r\n\r\n");  // the client ends its garbage with a blank line
  session.expect_healthy();
  session.finish();
}

TEST_CASE("a Content-Length of 10^12 is refused and framing resumes at the next header") {
  FaultSession session;
  session.server.send_raw("Content-Length: 1000000000000\r\n\r\n{\"jsonrpc\": \"2.0\", ");
  session.expect_healthy();
  session.server.send_raw("Content-Length: 99999999999999999999\r\n\r\n");  // 20 digits
  session.expect_healthy();
  session.finish();
}

TEST_CASE("a header without its body, then end of input: the server exits with code 1") {
  FaultSession session;
  SUBCASE("header block complete") {
    session.server.send_raw("Content-Length: 500\r\n\r\n{\"jsonrpc\"");
  }
  SUBCASE("header block cut") {
    session.server.send_raw("Content-Length: 500\r\n");
  }
  session.server.close_input();
  CHECK(session.server.wait_exit() == 1);
}

TEST_CASE("invalid JSON bodies get an error reply with a null id and the session goes on") {
  FaultSession session;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::vector<std::string> bodies = {
      "{oops",
      "",
      "[",
      "nul",
      R"({"jsonrpc":"2.0","id":1,"method":)",
      "\xFF\xFE\xFD",
      R"({"a":1}{"b":2})",
      "[]",
      "{}",
      "42",
      deep,
      std::string(100000, '{'),
      R"({"jsonrpc":"2.0","id":1,"method":"x","params":")" + std::string("\xC3\x28") + "\"}"};
  for (const auto& body : bodies) {
    CAPTURE(body.substr(0, 40));
    session.server.send_raw(protocol::encode_frame(body));
    const json reply =
        session.server.receive_until([](const json& m) { return m.contains("error"); });
    CHECK(reply["id"].is_null());
    const int code = reply["error"]["code"];
    CHECK((code == -32700 || code == -32600));
  }
  session.expect_healthy();
  // Deeply nested params: up to the limit they reach a handler and the verbose trace without
  // exhausting the stack; deeper bodies are refused unparsed, under the id read from the text.
  session.server.send(lsp_notification("$/setTrace", {{"value", "verbose"}}));
  const auto hover = [](const std::string& id, std::size_t depth) {
    return R"({"jsonrpc":"2.0","id":")" + id +
           R"(","method":"textDocument/hover","params":{"textDocument":)" +
           std::string(depth, '[') + std::string(depth, ']') + "}}";
  };
  session.server.send_raw(protocol::encode_frame(hover("limit", protocol::kMaxJsonDepth - 2)));
  CHECK(session.server.reply_to("limit")["error"]["code"] == -32602);
  session.server.send_raw(protocol::encode_frame(hover("deep", 100000)));
  CHECK(session.server.reply_to("deep")["error"]["code"] == -32600);
  session.server.send(lsp_notification("$/setTrace", {{"value", "off"}}));
  session.expect_healthy();
  session.finish();
}

TEST_CASE("a 64 MiB message of empty objects is refused unparsed, within bounded memory") {
  // Parsed, `[{},{},...]` would take about 50 times its size: 3 GB here.
  FaultSession session;
  const std::size_t before = session.server.peak_rss_mib();
  std::string body =
      R"({"jsonrpc":"2.0","id":"amplified","method":"textDocument/hover","params":[)";
  const std::size_t size = std::size_t{64} << 20;
  body.reserve(size + 8);
  body += "{}";
  while (body.size() < size) body += ",{}";
  body += "]}";
  session.server.send_raw(protocol::encode_frame(body));
  const json refused = session.server.reply_to("amplified");
  CHECK(refused["error"]["code"] == -32600);
  const std::size_t grown = session.server.peak_rss_mib() - before;
  MESSAGE("peak memory grew " << grown << " MiB for a message of 64 MiB");
  CHECK(grown <= protocol::kJsonTreeFactor * 64 + (protocol::kJsonTreeSlack >> 20));
  session.expect_healthy();
  session.finish();
}

TEST_CASE("wrong types anywhere in the params of every method: one reply per request, no crash") {
  FaultSession session;
  session.server.send(
      lsp_notification("textDocument/didOpen", open_params(kOtherUri, list_head(2000))));
  const json pos = position(3, 2);
  const json doc = text_document(kOtherUri);
  const std::map<std::string, json> requests = {
      {"initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", {}}}},
      {"textDocument/diagnostic", {{"textDocument", doc}, {"previousResultId", "1"}}},
      {"textDocument/codeAction",
       {{"textDocument", doc},
        {"range", range(pos, pos)},
        {"context", {{"diagnostics", json::array()}, {"only", {"quickfix"}}}}}},
      {"textDocument/formatting",
       {{"textDocument", doc}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}},
      {"textDocument/rangeFormatting",
       {{"textDocument", doc},
        {"range", range(pos, position(9, 0))},
        {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}},
      {"textDocument/completion",
       {{"textDocument", doc}, {"position", pos}, {"context", {{"triggerKind", 1}}}}},
      {"workspace/executeCommand",
       {{"command", "awesome-ls.sortSection"},
        {"arguments", {{{"uri", kOtherUri}, {"position", pos}}}}}},
      {"textDocument/documentSymbol", {{"textDocument", doc}}},
      {"textDocument/foldingRange", {{"textDocument", doc}}},
      {"textDocument/documentLink", {{"textDocument", doc}}},
      {"textDocument/definition", {{"textDocument", doc}, {"position", pos}}},
      {"textDocument/references",
       {{"textDocument", doc}, {"position", pos}, {"context", {{"includeDeclaration", true}}}}},
      {"textDocument/hover", {{"textDocument", doc}, {"position", pos}}},
      {"textDocument/prepareRename", {{"textDocument", doc}, {"position", pos}}},
      {"textDocument/rename", {{"textDocument", doc}, {"position", pos}, {"newName", "x"}}},
      {"workspace/symbol", {{"query", "a"}}},
  };
  const std::string scratch = "file:///fault/scratch.md";
  const std::map<std::string, json> notifications = {
      {"textDocument/didOpen", open_params(scratch, "# T\n")},
      {"textDocument/didChange",
       change_params(kOtherUri, 2, {{{"range", range(pos, pos)}, {"text", "x"}}})},
      {"textDocument/didClose", {{"textDocument", text_document(scratch)}}},
      {"textDocument/didSave", {{"textDocument", doc}, {"text", "# T\n"}}},
      {"$/setTrace", {{"value", "off"}}},
      {"$/cancelRequest", {{"id", 1}}},
      {"workspace/didChangeConfiguration",
       {{"settings", {{"awesomeLs", {{"rules", {{"whitespace", "off"}}}}}}}}},
  };
  std::map<int, std::string> sent;  // request id -> what was sent
  std::string batch;
  int id = 1000;
  auto add = [&](const std::string& method, const json& params, bool is_request) {
    std::vector<json> variants;
    wrong_type_variants(params, variants);
    for (const auto& variant : variants) {
      json message =
          is_request ? lsp_request(id, method, variant) : lsp_notification(method, variant);
      if (variant.is_null())
        message.erase("params");
      if (is_request)
        sent[id++] = message.dump().substr(0, 300);
      batch += protocol::encode_frame(message.dump());
    }
  };
  for (const auto& [method, params] : requests) add(method, params, true);
  for (const auto& [method, params] : notifications) add(method, params, false);
  // The envelope itself: wrong types for jsonrpc, id and method.
  for (const json& wrong : {json(nullptr), json(1.5), json::array(), json::object(), json(true)}) {
    for (const char* key : {"jsonrpc", "id", "method"}) {
      json message =
          lsp_request(7, "textDocument/hover", {{"textDocument", doc}, {"position", pos}});
      message[key] = wrong;
      batch += protocol::encode_frame(message.dump());
    }
  }
  REQUIRE(sent.size() > 500);
  session.server.send_raw(batch);
  session.server.send(lsp_request("sentinel", "workspace/symbol", {{"query", ""}}));
  std::map<int, int> replies;
  for (;;) {
    const json message = session.server.receive();
    if (message.contains("method"))
      continue;
    if (message["id"] == "sentinel")
      break;
    if (!message["id"].is_number_integer())
      continue;  // an envelope error (null id) or the id 7 of the envelope variants
    const int reply_id = message["id"];
    ++replies[reply_id];
    if (message.contains("error")) {
      CAPTURE(sent[reply_id]);
      CHECK(message["error"]["code"] != -32603);  // an escaped exception is a bug
    }
  }
  for (const auto& [request_id, what] : sent) {
    const std::string& described = what;  // clang 14 cannot capture a structured binding
    CAPTURE(described);
    CHECK(replies[request_id] == 1);
  }
  session.server.send(lsp_notification("workspace/didChangeConfiguration", {{"settings", {}}}));
  session.expect_healthy();
  session.finish();
}

TEST_CASE("requests before initialize get -32002, after shutdown -32600, and exit is clean") {
  LspProcess server;
  server.send(
      lsp_request(1, "textDocument/hover",
                  {{"textDocument", text_document(kOtherUri)}, {"position", position(0, 0)}}));
  CHECK(server.reply_to(1)["error"]["code"] == -32002);
  server.send(lsp_notification("textDocument/didOpen", open_params(kOtherUri, list_head(2000))));
  server.send(lsp_request(2, "shutdown"));
  CHECK(server.reply_to(2)["error"]["code"] == -32002);
  const json init = {{"processId", nullptr},
                     {"rootUri", nullptr},
                     {"capabilities", {{"textDocument", {{"diagnostic", json::object()}}}}}};
  server.send(lsp_request(3, "initialize", init));
  CHECK(server.reply_to(3).contains("result"));
  server.send(lsp_request(4, "initialize", init));
  CHECK(server.reply_to(4)["error"]["code"] == -32600);
  server.send(lsp_notification("initialized"));
  // The didOpen sent before initialize was dropped: the document is unknown.
  server.send(
      lsp_request(5, "textDocument/diagnostic", {{"textDocument", text_document(kOtherUri)}}));
  CHECK(server.reply_to(5)["result"]["items"].empty());
  server.send(lsp_request(6, "shutdown"));
  CHECK(server.reply_to(6)["result"].is_null());
  for (const char* method : {"shutdown", "textDocument/diagnostic", "initialize", "no/such"}) {
    CAPTURE(method);
    server.send(lsp_request(method, method, {{"textDocument", text_document(kOtherUri)}}));
    CHECK(server.reply_to(method)["error"]["code"] == -32600);
  }
  server.send(lsp_notification("textDocument/didOpen", open_params(kOtherUri, list_head(2000))));
  server.send(lsp_notification("exit"));
  CHECK(server.wait_exit() == 0);
}

TEST_CASE("didChange, didClose and requests for documents that were never opened") {
  FaultSession session;
  const std::string ghost = "file:///fault/ghost.md";
  const json edit = {{"range", range(position(0, 0), position(0, 0))}, {"text", "x"}};
  session.server.send(
      lsp_notification("textDocument/didChange", change_params(ghost, 2, json::array({edit}))));
  session.server.send(lsp_notification("textDocument/didChange",
                                       change_params(ghost, 3, {{{"text", "# Full\n"}}})));
  session.server.send(
      lsp_notification("textDocument/didClose", {{"textDocument", text_document(ghost)}}));
  session.server.send(
      lsp_notification("textDocument/didSave", {{"textDocument", text_document(ghost)}}));
  CHECK(session.pull(ghost).empty());
  for (const char* method :
       {"textDocument/hover", "textDocument/completion", "textDocument/definition",
        "textDocument/codeAction", "textDocument/formatting"}) {
    CAPTURE(method);
    session.server.send(lsp_request(method, method,
                                    {{"textDocument", text_document(ghost)},
                                     {"position", position(0, 0)},
                                     {"range", range(position(0, 0), position(0, 0))},
                                     {"options", {{"tabSize", 2}, {"insertSpaces", true}}},
                                     {"context", {{"diagnostics", json::array()}}}}));
    const json reply = session.server.reply_to(method);
    CHECK((reply.contains("result") || reply["error"]["code"] == -32602));
  }
  session.expect_healthy();
  session.finish();
}

TEST_CASE("edit ranges past the end, reversed or huge leave a consistent document") {
  FaultSession session;
  session.server.send(
      lsp_notification("textDocument/didOpen", open_params(kOtherUri, list_head(2000))));
  const std::vector<json> bad_ranges = {
      range(position(1000000, 0), position(1000000, 5)),
      range(position(2, 1000000000), position(3, 4294967295LL)),
      range(position(5, 0), position(2, 0)),
      range(position(0, 0), position(4294967295LL, 4294967295LL)),
      range(position(-1, 0), position(0, 0)),
      range(position(0, 0), position(1LL << 40, 0)),
  };
  int version = 2;
  for (const auto& bad : bad_ranges) {
    CAPTURE(bad.dump());
    session.server.send(
        lsp_notification("textDocument/didChange",
                         change_params(kOtherUri, version++,
                                       {{{"range", bad}, {"text", "- [X](https://x.org)\n"}}})));
    session.pull(kOtherUri);  // answered, whatever the edit did
  }
  // A whole-document change afterwards gives exactly the findings of a fresh document.
  const std::string known = list_head(2500);
  session.server.send(lsp_notification("textDocument/didChange",
                                       change_params(kOtherUri, version++, {{{"text", known}}})));
  session.server.send(
      lsp_notification("textDocument/didOpen", open_params("file:///fault/fresh.md", known)));
  CHECK(session.pull(kOtherUri) == session.pull("file:///fault/fresh.md"));
  session.expect_healthy();
  session.finish();
}

TEST_CASE("a 10 MB document on a single line") {
  FaultSession session;
  const std::string unit = "- [Paper](https://arxiv.org/abs/2101.00001) **Key Words:** x. ";
  std::string line;
  while (line.size() < 10 * 1000 * 1000) line += unit;
  session.server.send(
      lsp_notification("textDocument/didOpen", open_params("file:///fault/huge.md", line)));
  session.pull("file:///fault/huge.md");
  session.server.send(lsp_request("symbols", "textDocument/documentSymbol",
                                  {{"textDocument", text_document("file:///fault/huge.md")}}));
  CHECK(session.server.reply_to("symbols").contains("result"));
  session.expect_healthy();
  session.finish();
}

TEST_CASE("invalid UTF-8 and NUL bytes") {
  FaultSession session(json{{"general", {{"positionEncodings", {"utf-8"}}}}});
  // Raw invalid UTF-8 inside a JSON string is not JSON: a parse error, no document.
  const std::string bad_open = R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":)"
                               R"({"textDocument":{"uri":"file:///fault/bad.md","languageId":)"
                               R"("markdown","version":1,"text":"# A\xff\xfe\xc3("}}})";
  session.server.send_raw(protocol::encode_frame(bad_open));
  CHECK(session.server.receive_until(
            [](const json& m) { return m.contains("error"); })["error"]["code"] == -32700);
  // NUL bytes and other control characters are valid JSON and valid text.
  std::string with_nul = list_head(1500);
  with_nul.insert(100, std::string("\0\0\x01\x7f", 4));
  constexpr char kNulEntry[] = "- [\0](https://arxiv.org/abs/\0)\n";
  with_nul += std::string(kNulEntry, sizeof kNulEntry - 1);
  const std::string nul_uri = "file:///fault/nul.md";
  session.server.send(lsp_notification("textDocument/didOpen", open_params(nul_uri, with_nul)));
  session.pull(nul_uri);
  // With UTF-8 positions an edit can split a multi-byte character: the held text is then no
  // longer UTF-8, and every message about it must still be valid JSON.
  const std::string split_uri = "file:///fault/split.md";
  session.server.send(lsp_notification(
      "textDocument/didOpen", open_params(split_uri, "# Ümläut\n\n- [Tïtle é](https://é.org)\n")));
  session.server.send(lsp_notification(
      "textDocument/didChange",
      change_params(split_uri, 2,
                    {{{"range", range(position(0, 3), position(0, 3))}, {"text", "x"}},
                     {{"range", range(position(2, 5), position(2, 6))}, {"text", ""}}})));
  session.pull(split_uri);
  session.server.send(lsp_request("fmt", "textDocument/formatting",
                                  {{"textDocument", text_document(split_uri)},
                                   {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}));
  CHECK(session.server.reply_to("fmt").contains("result"));
  session.expect_healthy();
  session.finish();
}

TEST_CASE("1,000 documents open at once") {
  FaultSession session;
  const std::string full = corpus("trustworthy-2026-full.md");
  std::string batch;
  for (int i = 0; i < 1000; ++i) {
    const std::string uri = "file:///fault/many/" + std::to_string(i) + ".md";
    std::string text = session.probe_text;
    if (i % 2 == 1) {  // odd documents: another 4 KB slice of the full list
      const std::size_t start = full.find('\n', static_cast<std::size_t>(i) * 997) + 1;
      text = full.substr(start, full.find('\n', start + 4000) - start + 1);
    }
    batch += protocol::encode_frame(
        lsp_notification("textDocument/didOpen", open_params(uri, text)).dump());
  }
  session.server.send_raw(batch);
  for (int i = 0; i < 1000; ++i) {
    const json items = session.pull("file:///fault/many/" + std::to_string(i) + ".md");
    if (i % 2 == 0)
      CHECK(items == session.probe_items);
  }
  session.expect_healthy();
  batch.clear();
  for (int i = 0; i < 1000; ++i) {
    batch += protocol::encode_frame(
        lsp_notification(
            "textDocument/didClose",
            {{"textDocument", text_document("file:///fault/many/" + std::to_string(i) + ".md")}})
            .dump());
  }
  session.server.send_raw(batch);
  CHECK(session.pull("file:///fault/many/0.md").empty());
  session.expect_healthy();
  session.finish();
}

TEST_CASE("100,000 didChange notifications in one burst") {
  FaultSession session;
  const std::string burst_uri = "file:///fault/burst.md";
  session.server.send(
      lsp_notification("textDocument/didOpen", open_params(burst_uri, session.probe_text)));
  // Insert "x" at the start and delete it again, 50,000 times, then insert it once more.
  const json insert = {{"range", range(position(0, 0), position(0, 0))}, {"text", "x"}};
  const json erase = {{"range", range(position(0, 0), position(0, 1))}, {"text", ""}};
  std::string batch;
  for (int i = 0; i <= 100000; ++i) {
    const json& edit = i % 2 == 0 ? insert : erase;
    batch += protocol::encode_frame(
        lsp_notification("textDocument/didChange", change_params(burst_uri, i + 2, {edit})).dump());
  }
  session.server.send_raw(batch);
  session.server.send(lsp_notification(
      "textDocument/didOpen", open_params("file:///fault/expected.md", "x" + session.probe_text)));
  CHECK(session.pull(burst_uri) == session.pull("file:///fault/expected.md"));
  session.expect_healthy();
  session.finish();
}

}  // namespace awesome::test

namespace awesome::test {

TEST_CASE("serve exits with code 1, saying so once, when the client closes its end of stdout") {
  TempDir dir;
  const std::string log = (dir.path / "stderr.txt").string();
  LspProcess server(log);
  server.child().close_output();
  server.send(lsp_request(1, "initialize",
                          {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", {}}}));
  for (int i = 0; i < 20; ++i) server.send(lsp_request(2 + i, "shutdown"));
  const auto code = server.child().wait_exit(std::chrono::seconds(30));
  REQUIRE(code.has_value());
  CHECK(*code == 1);
  const std::string err = read_bytes(log);
  std::size_t said = 0;
  for (std::size_t at = err.find("write:"); at != std::string::npos;
       at = err.find("write:", at + 1))
    ++said;
  CHECK(said == 1);
  CHECK(err.find("the client stopped reading, exiting") != std::string::npos);
}

TEST_CASE("a client that asks but does not read gets back-pressure, and every answer later") {
  // Under ASan, freed memory waits in a quarantine and counts as resident: without it, the
  // resident size shows what the server holds.
  const char* inherited = std::getenv("ASAN_OPTIONS");
  const std::string saved = inherited != nullptr ? inherited : "";
  ::setenv("ASAN_OPTIONS", (saved + (saved.empty() ? "" : ":") + "quarantine_size_mb=0").c_str(),
           1);
  LspProcess server;
  if (inherited != nullptr) {
    ::setenv("ASAN_OPTIONS", saved.c_str(), 1);
  } else {
    ::unsetenv("ASAN_OPTIONS");
  }
  server.send(lsp_request("init", "initialize",
                          {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", {}}}));
  server.reply_to("init");
  server.send(lsp_notification("initialized"));
  server.send(lsp_notification("textDocument/didOpen",
                               open_params(kOtherUri, corpus("trustworthy-2026-full.md"))));
  server.receive_until(
      [](const json& m) { return m.value("method", "") == "textDocument/publishDiagnostics"; });
  const auto outline = [](const json& id) {
    return protocol::encode_frame(
        lsp_request(id, "textDocument/documentSymbol", {{"textDocument", text_document(kOtherUri)}})
            .dump());
  };
  // How long one outline of the 1 MB list takes here, read as a client should.
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    server.send_raw(outline("warm-" + std::to_string(i)));
    server.reply_to("warm-" + std::to_string(i));
  }
  const auto each = (std::chrono::steady_clock::now() - started) / 5;
  const std::size_t before = server.peak_rss_mib();

  // 150 outlines are about 55 MB of JSON. Sent without reading, and given the time to answer
  // them all, the server keeps at most 16 MiB queued and leaves the rest unanswered for now.
  constexpr int kRequests = 150;
  std::string requests;
  for (int id = 1; id <= kRequests; ++id) requests += outline(id);
  const std::size_t written =
      server.child().write_without_reading(requests, std::chrono::seconds(5));
  std::this_thread::sleep_for(each * kRequests * 3 / 2);
  const std::size_t grown = server.peak_rss_mib() - before;
  MESSAGE("memory grew " << grown << " MiB while the client did not read");
  CHECK(grown < 40);
  // Now the client reads: the rest goes in, and every request gets its answer.
  server.send_raw(std::string_view(requests).substr(written));
  for (int id = 1; id <= kRequests; ++id) {
    CAPTURE(id);
    CHECK(server.reply_to(id)["result"].is_array());
  }
}

}  // namespace awesome::test
