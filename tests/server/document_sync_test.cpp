// Document synchronisation and diagnostics in-process: positions in both encodings, push only
// when changed, pull with result ids, several documents, configuration layers.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "server/lsp/diagnostics_convert.hpp"
#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

// The author line (line 7) has trailing spaces at bytes 45..48, UTF-16 41..44; line 8 has a
// misspelt key word label.
constexpr std::string_view kEntry =
    "# Awesome X\n\n## Cat\n\n### Cat: 2020\n\n"
    "- Jörn Paper 😀 Title. [[paper]](https://arxiv.org/abs/2001.00001)\n"
    "  - Jörn Mądry, 😀 Author. *NeurIPS 2020*   \n"
    "  - Key Work: Robustness.\n"
    "  - Digest: Something.\n";

json find_code(const json& diagnostics, std::string_view code) {
  for (const auto& d : diagnostics) {
    if (d["code"] == code)
      return d;
  }
  FAIL("no diagnostic " << code << " in " << diagnostics.dump());
  return nullptr;
}

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

json change_params(std::string_view uri, int version, json changes) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", changes}};
}

json one_publish(FakeClient& client) {
  auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  return published[0]["params"];
}

}  // namespace

TEST_CASE("didOpen publishes diagnostics with UTF-16 positions and all LSP fields") {
  FakeClient client;
  json init = client.initialize();
  CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-16");
  CHECK_FALSE(init["result"]["capabilities"].contains("diagnosticProvider"));
  client.open("file:///a.md", kEntry, 3);
  json params = one_publish(client);
  CHECK(params["uri"] == "file:///a.md");
  CHECK(params["version"] == 3);
  json ws = find_code(params["diagnostics"], "whitespace");
  CHECK(ws["range"] == range(7, 41, 7, 44));
  CHECK(ws["severity"] == 3);
  CHECK(ws["source"] == "awesome-ls");
  // No docsUrl and no rules.md installed beside the test program: no link to nowhere.
  CHECK_FALSE(ws.contains("codeDescription"));
  // The fixes wait for a code action: nothing of them in every publish.
  CHECK_FALSE(ws.contains("data"));
  json label = find_code(params["diagnostics"], "keyword-label");
  CHECK(label["severity"] == 1);
  CHECK(label["range"]["start"]["line"] == 8);
}

TEST_CASE("a client offering utf-8 gets byte columns") {
  FakeClient client;
  json init = client.initialize({{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}});
  CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-8");
  client.open("file:///a.md", kEntry);
  CHECK(find_code(one_publish(client)["diagnostics"], "whitespace")["range"] ==
        range(7, 45, 7, 48));
  // An edit in byte columns: delete "Jörn " at the start of the author line (bytes 4..10).
  client.notify("textDocument/didChange",
                change_params("file:///a.md", 2, {{{"range", range(7, 4, 7, 10)}, {"text", ""}}}));
  CHECK(find_code(one_publish(client)["diagnostics"], "whitespace")["range"] ==
        range(7, 39, 7, 42));
}

TEST_CASE("incremental edits in UTF-16 next to emoji and multi-byte names") {
  FakeClient client;
  client.initialize();
  client.open("file:///a.md", kEntry);
  client.take("textDocument/publishDiagnostics");
  // Replace "😀" (UTF-16 16..18 on line 7) with "Ω"; then fix the trailing spaces.
  client.notify("textDocument/didChange",
                change_params("file:///a.md", 2,
                              {{{"range", range(7, 16, 7, 18)}, {"text", "Ω"}},
                               {{"range", range(7, 40, 7, 43)}, {"text", ""}}}));
  auto* doc = client.server().documents().find("file:///a.md");
  REQUIRE(doc != nullptr);
  CHECK(doc->list.line(7) == "  - Jörn Mądry, Ω Author. *NeurIPS 2020*");
  json params = one_publish(client);
  CHECK(params["version"] == 2);
  for (const auto& d : params["diagnostics"]) CHECK(d["code"] != "whitespace");
}

TEST_CASE("a same-byte-length edit before a diagnostic still moves its UTF-16 column") {
  FakeClient client;
  client.initialize();
  client.open("file:///a.md", kEntry);
  CHECK(find_code(one_publish(client)["diagnostics"], "whitespace")["range"] ==
        range(7, 41, 7, 44));
  // "😀" and "abcd" both take four bytes: the byte range stays, the UTF-16 range moves.
  client.notify(
      "textDocument/didChange",
      change_params("file:///a.md", 2, {{{"range", range(7, 16, 7, 18)}, {"text", "abcd"}}}));
  CHECK(find_code(one_publish(client)["diagnostics"], "whitespace")["range"] ==
        range(7, 43, 7, 46));
}

TEST_CASE("positions past the end of a line or the document are clamped") {
  FakeClient client;
  client.initialize();
  client.open("file:///a.md", "# T\nJörn\n");
  client.notify("textDocument/didChange",
                change_params("file:///a.md", 2,
                              {{{"range", range(1, 99, 1, 120)}, {"text", "!"}},
                               {{"range", range(50, 0, 60, 0)}, {"text", "end"}}}));
  CHECK(client.server().documents().find("file:///a.md")->list.text() == "# T\nJörn!\nend");
}

TEST_CASE("diagnostics are published only when they changed, and once per drained batch") {
  FakeClient client;
  client.initialize();
  client.open("file:///a.md", kEntry);
  one_publish(client);
  SUBCASE("an edit that changes no diagnostic publishes nothing") {
    client.notify(
        "textDocument/didChange",
        change_params("file:///a.md", 2, {{{"range", range(9, 14, 9, 14)}, {"text", "x"}}}));
    CHECK(client.take("textDocument/publishDiagnostics").empty());
  }
  SUBCASE("a batch of edits is linted once") {
    auto& server = client.server();
    for (int v = 2; v < 6; ++v) {
      server.enqueue(
          json{{"jsonrpc", "2.0"},
               {"method", "textDocument/didChange"},
               {"params", change_params("file:///a.md", v,
                                        {{{"range", range(8, 4, 8, 12)},
                                          {"text", v % 2 == 0 ? "Key Word:" : "Key Work:"}}})}}
              .dump());
    }
    server.drain();
    json params = one_publish(client);
    CHECK(params["version"] == 5);
    CHECK(find_code(params["diagnostics"], "keyword-label")["range"]["start"]["line"] == 8);
  }
  SUBCASE("fixing the label publishes without it") {
    client.notify(
        "textDocument/didChange",
        change_params("file:///a.md", 2, {{{"range", range(8, 4, 8, 13)}, {"text", "Key Word:"}}}));
    json params = one_publish(client);
    for (const auto& d : params["diagnostics"]) CHECK(d["code"] != "keyword-label");
  }
}

TEST_CASE("several documents with their versions, close publishes an empty list") {
  FakeClient client;
  client.initialize();
  client.open("file:///a.md", kEntry, 1);
  client.open("file:///b.md", kEntry, 7);
  CHECK(client.take("textDocument/publishDiagnostics").size() == 2);
  client.notify(
      "textDocument/didChange",
      change_params("file:///b.md", 8, {{{"range", range(8, 4, 8, 13)}, {"text", "Key Word:"}}}));
  json params = one_publish(client);
  CHECK(params["uri"] == "file:///b.md");
  CHECK(params["version"] == 8);
  client.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///a.md"}}}});
  params = one_publish(client);
  CHECK(params["uri"] == "file:///a.md");
  CHECK(params["diagnostics"] == json::array());
  CHECK(client.server().documents().find("file:///a.md") == nullptr);
  CHECK(client.server().documents().find("file:///b.md")->version == 8);
}

TEST_CASE("didChange for a document never opened is logged and ignored") {
  FakeClient client;
  client.initialize();
  client.messages().clear();
  client.notify(
      "textDocument/didChange",
      change_params("file:///ghost.md", 2, {{{"range", range(0, 0, 0, 0)}, {"text", "x"}}}));
  auto logs = client.take("window/logMessage");
  REQUIRE(logs.size() == 1);
  CHECK(logs[0]["params"]["message"].get<std::string>().find("ghost.md") != std::string::npos);
  CHECK(client.messages().empty());
}

TEST_CASE("pull diagnostics: advertised, never pushed, with unchanged reports") {
  FakeClient client;
  json init = client.initialize({{"textDocument", {{"diagnostic", json::object()}}}});
  CHECK(init["result"]["capabilities"]["diagnosticProvider"]["interFileDependencies"] == false);
  client.open("file:///a.md", kEntry);
  CHECK(client.take("textDocument/publishDiagnostics").empty());
  json doc = {{"textDocument", {{"uri", "file:///a.md"}}}};
  json first = client.request("textDocument/diagnostic", doc)["result"];
  CHECK(first["kind"] == "full");
  CHECK(find_code(first["items"], "whitespace")["range"] == range(7, 41, 7, 44));
  json again = doc;
  again["previousResultId"] = first["resultId"];
  json second = client.request("textDocument/diagnostic", again)["result"];
  CHECK(second == json{{"kind", "unchanged"}, {"resultId", first["resultId"]}});
  client.notify(
      "textDocument/didChange",
      change_params("file:///a.md", 2, {{{"range", range(9, 14, 9, 14)}, {"text", "x"}}}));
  CHECK(client.request("textDocument/diagnostic", again)["result"]["kind"] == "unchanged");
  client.notify(
      "textDocument/didChange",
      change_params("file:///a.md", 3, {{{"range", range(8, 4, 8, 13)}, {"text", "Key Word:"}}}));
  json third = client.request("textDocument/diagnostic", again)["result"];
  CHECK(third["kind"] == "full");
  CHECK(third["resultId"] != first["resultId"]);
  client.notify("textDocument/didClose", doc);
  CHECK(client.take("textDocument/publishDiagnostics").empty());
}

TEST_CASE("related information only for clients that support it") {
  const std::string text = std::string(kEntry) + "\n" + std::string(kEntry.substr(36));
  for (bool supported : {false, true}) {
    FakeClient client;
    client.initialize(
        {{"textDocument", {{"publishDiagnostics", {{"relatedInformation", supported}}}}}});
    client.open("file:///a.md", text);
    json dup = find_code(one_publish(client)["diagnostics"], "duplicate-paper");
    CAPTURE(dup.dump());
    CHECK(dup.contains("relatedInformation") == supported);
    if (supported) {
      CHECK(dup["relatedInformation"][0]["location"]["uri"] == "file:///a.md");
      CHECK(dup["relatedInformation"][0]["location"]["range"]["start"]["line"] == 6);
    }
  }
}

TEST_CASE("configuration: initializationOptions, didChangeConfiguration, bad values") {
  FakeClient client;
  client.initialize({}, {{"initializationOptions", {{"rules", {{"whitespace", "off"}}}}}});
  client.open("file:///a.md", kEntry);
  json params = one_publish(client);
  for (const auto& d : params["diagnostics"]) CHECK(d["code"] != "whitespace");
  CHECK(find_code(params["diagnostics"], "keyword-label")["severity"] == 1);

  client.notify("workspace/didChangeConfiguration",
                {{"settings", {{"awesomeLs", {{"rules", {{"keyword-label", "warning"}}}}}}}});
  params = one_publish(client);
  CHECK(find_code(params["diagnostics"], "keyword-label")["severity"] == 2);
  for (const auto& d : params["diagnostics"]) CHECK(d["code"] != "whitespace");  // layers stack

  client.notify("workspace/didChangeConfiguration",
                {{"settings", {{"rules", {{"no-such-rule", "error"}}}}}});
  auto shown = client.take("window/showMessage");
  REQUIRE(shown.size() == 1);
  CHECK(shown[0]["params"]["type"] == 1);
  CHECK(shown[0]["params"]["message"].get<std::string>().find("no-such-rule") != std::string::npos);
  CHECK(client.take("textDocument/publishDiagnostics").empty());  // previous config kept
}

TEST_CASE("configuration pulled with workspace/configuration when the client supports it") {
  FakeClient client;
  client.initialize(
      {{"workspace",
        {{"configuration", true}, {"didChangeConfiguration", {{"dynamicRegistration", true}}}}}});
  CHECK(client.take("client/registerCapability").size() == 1);
  auto pulls = client.take("workspace/configuration");
  REQUIRE(pulls.size() == 1);
  client.send_raw(
      json{{"jsonrpc", "2.0"}, {"id", pulls[0]["id"]}, {"result", json::array({nullptr})}}.dump());
  client.open("file:///a.md", kEntry);
  CHECK(find_code(one_publish(client)["diagnostics"], "keyword-label")["severity"] == 1);
  client.notify("workspace/didChangeConfiguration", {{"settings", nullptr}});
  pulls = client.take("workspace/configuration");
  REQUIRE(pulls.size() == 1);
  client.send_raw(json{{"jsonrpc", "2.0"},
                       {"id", pulls[0]["id"]},
                       {"result", json::array({{{"rules", {{"keyword-label", "info"}}}}})}}
                      .dump());
  CHECK(find_code(one_publish(client)["diagnostics"], "keyword-label")["severity"] == 3);
}

TEST_CASE(".awesome-ls.json in the workspace root applies, overridden by initializationOptions") {
  auto root = std::filesystem::temp_directory_path() / "awesome-ls-root-test dir";
  std::filesystem::create_directories(root);
  std::ofstream(root / ".awesome-ls.json")
      << R"({"rules": {"keyword-label": "warning", "whitespace": "off"}})";
  std::string uri = "file://" + root.string();
  for (std::size_t at; (at = uri.find(' ')) != std::string::npos;) uri.replace(at, 1, "%20");
  SUBCASE("file only") {
    FakeClient client;
    client.initialize({}, {{"rootUri", uri}});
    client.open("file:///a.md", kEntry);
    json params = one_publish(client);
    CHECK(find_code(params["diagnostics"], "keyword-label")["severity"] == 2);
    for (const auto& d : params["diagnostics"]) CHECK(d["code"] != "whitespace");
  }
  SUBCASE("initializationOptions on top") {
    FakeClient client;
    client.initialize({}, {{"rootUri", uri},
                           {"initializationOptions", {{"rules", {{"keyword-label", "info"}}}}}});
    client.open("file:///a.md", kEntry);
    json params = one_publish(client);
    CHECK(find_code(params["diagnostics"], "keyword-label")["severity"] == 3);
    for (const auto& d : params["diagnostics"]) CHECK(d["code"] != "whitespace");
  }
  SUBCASE("a broken file is shown to the user and ignored") {
    std::ofstream(root / ".awesome-ls.json") << R"({"rules": 5})";
    FakeClient client;
    client.initialize({}, {{"workspaceFolders", {{{"uri", uri}, {"name", "w"}}}}});
    CHECK(client.take("window/showMessage").size() == 1);
    client.open("file:///a.md", kEntry);
    CHECK(find_code(one_publish(client)["diagnostics"], "keyword-label")["severity"] == 1);
  }
  std::filesystem::remove_all(root);
}

TEST_CASE(
    "pull result ids: one id per set of items, unchanged exactly when the items are the same") {
  // Over random edits and bursts of edits, in both modes: a client that announced pull support,
  // and one that did not (so it gets pushes too, which compute diagnostics in between pulls).
  for (const bool pull_capability : {true, false}) {
    CAPTURE(pull_capability);
    FakeClient client;
    client.initialize(pull_capability ? json{{"textDocument", {{"diagnostic", json::object()}}}}
                                      : json::object());
    std::ifstream in(std::filesystem::path(AWESOME_CORPUS_DIR) / "trustworthy-2026-readme.md");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::string uri = "file:///list.md";
    client.open(uri, text);
    std::map<std::string, json> items_of;  // every resultId handed out -> its items
    std::string previous;
    std::mt19937 rng(20261129);
    int version = 1;
    int unchanged = 0;
    int full = 0;
    for (int step = 0; step < 300; ++step) {
      CAPTURE(step);
      const int burst = static_cast<int>(rng() % 4);  // 0: pull twice in a row
      for (int e = 0; e < burst; ++e) {
        std::vector<std::string_view> lines;
        for (std::size_t at = 0; at <= text.size();) {
          const std::size_t end = std::min(text.find('\n', at), text.size());
          lines.emplace_back(text.data() + at, end - at);
          at = end + 1;
        }
        const int line = static_cast<int>(rng() % lines.size());
        json edit;
        if (rng() % 2 == 0 && !lines[line].empty() &&
            static_cast<unsigned char>(lines[line][0]) < 0x80) {
          edit = {{"range", range(line, 0, line, 1)}, {"text", ""}};
        } else {
          static constexpr std::string_view kTyped = "- *[]():;.ab 2\n";
          edit = {{"range", range(line, 0, line, 0)},
                  {"text", std::string(1, kTyped[rng() % kTyped.size()])}};
        }
        text = awesome::test::apply_lsp_edits(
            text, json::array({{{"range", edit["range"]}, {"newText", edit["text"]}}}));
        client.notify("textDocument/didChange", change_params(uri, ++version, json::array({edit})));
      }
      client.take("textDocument/publishDiagnostics");
      json request = {{"textDocument", {{"uri", uri}}}};
      if (!previous.empty())
        request["previousResultId"] = previous;
      const json reply = client.request("textDocument/diagnostic", request)["result"];
      const std::string id = reply["resultId"];
      // The truth: what a fresh server says about the same text.
      FakeClient fresh;
      fresh.initialize({{"textDocument", {{"diagnostic", json::object()}}}});
      fresh.open(uri, text);
      const json truth = fresh.request("textDocument/diagnostic",
                                       {{"textDocument", {{"uri", uri}}}})["result"]["items"];
      if (reply["kind"] == "unchanged") {
        ++unchanged;
        CHECK(id == previous);
        CHECK(items_of.at(previous) == truth);
      } else {
        ++full;
        CHECK(reply["items"] == truth);
        CHECK(id != previous);
        if (!previous.empty())
          CHECK(items_of.at(previous) != truth);    // same items: it had to say unchanged
        CHECK(items_of.emplace(id, truth).second);  // an id is never handed out twice
      }
      previous = id;
    }
    MESSAGE(full << " full and " << unchanged << " unchanged replies");
    CHECK(unchanged > 0);
    CHECK(full > 0);
  }
}
