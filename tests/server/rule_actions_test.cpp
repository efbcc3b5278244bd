// The quick fixes every finding gets besides its rule's own: fix all of the rule, disable it
// for the line, disable it in .awesome-ls.json, show its documentation. Each is offered, then
// applied as an editor would (the edit, or the command and its workspace/applyEdit answered),
// and the findings after are checked; and each is not offered where it must not be.
#include <doctest/doctest.h>

#include <algorithm>

#include "rules/list_document.hpp"
#include "server/common/file_walk.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/server/temp_dir.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kUri = "file:///a.md";

const std::string kList =
    "## Privacy\n"                                                                  // 0
    "\n"                                                                            // 1
    "### Privacy: 2020\n"                                                           // 2
    "\n"                                                                            // 3
    "- A Paper About Privacy [[paper]](http://arxiv.org/abs/2010.09515)\n"          // 4
    "  - Ann Lee, Bo Chen. *ICLR 2021*\n"                                           // 5
    "  - Key Work: Differential Privacy.\n"                                         // 6
    "  - Digest: We study privacy.\n"                                               // 7
    "\n"                                                                            // 8
    "- Another Paper About Privacy. [[paper]](https://arxiv.org/abs/2003.00001)\n"  // 9
    "  - Cy Dee. *ICLR 2021*\n"                                                     // 10
    "  - Key Work: Differential Privacy.\n"                                         // 11
    "  - Digest: We study privacy too.\n";                                          // 12

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

json code_actions(FakeClient& client, int line, json only = nullptr) {
  json params = {{"textDocument", {{"uri", kUri}}},
                 {"range", range(line, 0, line, 0)},
                 {"context", {{"diagnostics", json::array()}}}};
  if (!only.is_null())
    params["context"]["only"] = only;
  return client.request("textDocument/codeAction", params)["result"];
}

std::vector<std::string> titles(const json& actions) {
  std::vector<std::string> out;
  for (const auto& a : actions) out.push_back(a["title"]);
  return out;
}

const json* titled(const json& actions, std::string_view title) {
  for (const auto& a : actions) {
    if (a["title"] == title)
      return &a;
  }
  return nullptr;
}

/// Rule and start line of every finding of `text`, sorted.
std::vector<std::pair<std::string, unsigned>> findings(const std::string& text,
                                                       const awesome::rules::Config& config = {}) {
  awesome::rules::ListDocument doc(text, config);
  std::vector<std::pair<std::string, unsigned>> out;
  for (const auto& d : doc.diagnostics()) out.emplace_back(std::string(d.rule), d.range.start.line);
  std::sort(out.begin(), out.end());
  return out;
}

/// Runs the command of `action` and returns the workspace/applyEdit request it sends.
json run_command(FakeClient& client, const json& action) {
  const json reply = client.request(
      "workspace/executeCommand",
      {{"command", action["command"]["command"]}, {"arguments", action["command"]["arguments"]}});
  CHECK(reply["result"].is_null());
  auto edits = client.take("workspace/applyEdit");
  REQUIRE(edits.size() == 1);
  return edits[0];
}

/// Answers a request of the server (workspace/applyEdit) as applied.
void answer_applied(FakeClient& client, const json& request) {
  client.send_raw(
      json{{"jsonrpc", "2.0"}, {"id", request["id"]}, {"result", {{"applied", true}}}}.dump());
}

std::vector<std::string> shown_messages(FakeClient& client) {
  std::vector<std::string> out;
  for (const auto& m : client.take("window/showMessage")) out.push_back(m["params"]["message"]);
  return out;
}

}  // namespace

TEST_CASE("per-rule quick fixes come after the rule's own fix, in a fixed order") {
  FakeClient client;
  client.initialize({{"window", {{"showDocument", {{"support", true}}}}}},
                    {{"initializationOptions", {{"docsUrl", "https://example.org/rules.md"}}}});
  client.open(kUri, kList);
  // The key word label of line 6 is on an entry's continuation line: no comment can go above
  // it without splitting the entry, so "Disable keyword-label for this line" is not offered.
  const json actions = code_actions(client, 6);
  CHECK(titles(actions) == std::vector<std::string>{
                               "Write 'Key Word:'",
                               "Fix all keyword-label problems in this file",
                               "Disable keyword-label in .awesome-ls.json",
                               "Show documentation for keyword-label",
                               "Fix all safe awesome-ls problems",
                               "Sort entries of this section by arXiv id",
                           });
  CHECK(actions[0]["isPreferred"] == true);
  for (std::size_t i = 1; i < 4; ++i) {
    CHECK(actions[i]["kind"] == "quickfix");
    CHECK(actions[i]["diagnostics"][0]["code"] == "keyword-label");
    CHECK(actions[i]["command"]["arguments"] ==
          json::array({{{"uri", kUri}, {"rule", "keyword-label"}}}));
  }
  CHECK(actions[1]["command"]["command"] == "awesome-ls.fixRule");
  CHECK(actions[2]["command"]["command"] == "awesome-ls.disableRuleInConfig");
  CHECK(actions[3]["command"]["command"] == "awesome-ls.showRuleDocumentation");

  // Line 4: two findings on an entry's first line, each with a comment above it. One
  // arxiv-url finding only: no "Fix all arxiv-url problems".
  const json line4 = code_actions(client, 4, json::array({"quickfix"}));
  CHECK(titled(line4, "Disable arxiv-url for this line") != nullptr);
  CHECK(titled(line4, "Disable title-punctuation for this line") != nullptr);
  CHECK(titled(line4, "Fix all arxiv-url problems in this file") == nullptr);
  CHECK(titled(line4, "Show documentation for arxiv-url") != nullptr);
}

TEST_CASE("fix all of a rule: the command's edit fixes that rule only and says what it did") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json actions = code_actions(client, 11);
  const json* fix_rule = titled(actions, "Fix all keyword-label problems in this file");
  REQUIRE(fix_rule != nullptr);
  CHECK(!fix_rule->contains("edit"));
  const json request = run_command(client, *fix_rule);
  CHECK(request["params"]["label"] == "Fix all keyword-label problems in this file");
  const std::string fixed =
      awesome::test::apply_lsp_edits(kList, request["params"]["edit"]["changes"][kUri]);
  auto expected = findings(kList);
  std::erase_if(expected, [](const auto& f) { return f.first == "keyword-label"; });
  CHECK(findings(fixed) == expected);
  CHECK(fixed.find("http://arxiv.org") != std::string::npos);  // another rule's fix: not taken
  CHECK(shown_messages(client).empty());                       // not before it is applied
  answer_applied(client, request);
  CHECK(shown_messages(client) ==
        std::vector<std::string>{"awesome-ls: fixed 2 findings in 1 rule; none left."});

  // Asked for by kind, the same edit comes in the action itself.
  const json by_kind = code_actions(client, 11, json::array({"quickfix"}));
  const json* edit = titled(by_kind, "Fix all keyword-label problems in this file");
  REQUIRE(edit != nullptr);
  CHECK((*edit)["edit"]["changes"][kUri] == request["params"]["edit"]["changes"][kUri]);

  // The rule with one finding left to fix (after fixing line 6 by hand): not offered.
  client.notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", kUri}, {"version", 2}}},
       {"contentChanges", json::array({{{"range", range(6, 4, 6, 13)}, {"text", "Key Word:"}}})}});
  CHECK(titled(code_actions(client, 11), "Fix all keyword-label problems in this file") == nullptr);
}

TEST_CASE("disable for this line writes the comment above the finding, which alone goes away") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json actions = code_actions(client, 4, json::array({"quickfix"}));
  const json* disable = titled(actions, "Disable arxiv-url for this line");
  REQUIRE(disable != nullptr);
  CHECK((*disable)["diagnostics"].size() == 1);
  CHECK(!disable->contains("edit"));  // computed when chosen
  const json request = run_command(client, *disable);
  CHECK(request["params"]["label"] == "Disable arxiv-url for this line");
  const json edits = request["params"]["edit"]["changes"][kUri];
  CHECK(edits == json::array({{{"range", range(4, 0, 4, 0)},
                               {"newText", "<!-- awesome-ls-disable-next-line arxiv-url -->\n"}}}));
  const std::string disabled = awesome::test::apply_lsp_edits(kList, edits);
  auto expected = findings(kList);
  std::erase(expected, std::pair<std::string, unsigned>{"arxiv-url", 4});
  for (auto& f : expected) {
    if (f.second >= 4)
      ++f.second;  // below the new comment line
  }
  std::sort(expected.begin(), expected.end());
  CHECK(findings(disabled) == expected);

  // Then the other finding of the line: its rule joins the comment (a second comment line
  // would take the first one's place above the entry).
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"text", disabled}}})}});
  const json again = code_actions(client, 5, json::array({"quickfix"}));
  const json* second = titled(again, "Disable title-punctuation for this line");
  REQUIRE(second != nullptr);
  const json second_edits = run_command(client, *second)["params"]["edit"]["changes"][kUri];
  CHECK(second_edits ==
        json::array({{{"range", range(4, 43, 4, 43)}, {"newText", " title-punctuation"}}}));
  const std::string both = awesome::test::apply_lsp_edits(disabled, second_edits);
  CHECK(both.find("<!-- awesome-ls-disable-next-line arxiv-url title-punctuation -->\n- A Paper") !=
        std::string::npos);
  std::erase(expected, std::pair<std::string, unsigned>{"title-punctuation", 5});
  CHECK(findings(both) == expected);
}

TEST_CASE("disable for this line refuses a comment that would change other findings") {
  // Two blank lines before the second entry: a comment above it would end that finding too.
  std::string text = kList;
  text.replace(text.find("\n- Another Paper About Privacy."), 31,
               "\n\n- Another Paper About Privacy");
  REQUIRE(text.find("- Another Paper About Privacy [[paper]]") != std::string::npos);
  FakeClient client;
  client.initialize();
  client.open(kUri, text);
  const json actions = code_actions(client, 10, json::array({"quickfix"}));
  const json* disable = titled(actions, "Disable title-punctuation for this line");
  REQUIRE(disable != nullptr);
  const json reply = client.request("workspace/executeCommand",
                                    {{"command", (*disable)["command"]["command"]},
                                     {"arguments", (*disable)["command"]["arguments"]}});
  CHECK(reply["result"].is_null());
  CHECK(client.take("workspace/applyEdit").empty());
  CHECK(shown_messages(client) ==
        std::vector<std::string>{
            "awesome-ls: a comment above line 11 would change other findings, so "
            "title-punctuation stays on there; disable it in .awesome-ls.json instead."});

  // A line whose finding is gone by the time the command runs: nothing to do, and it says so.
  client.request(
      "workspace/executeCommand",
      {{"command", "awesome-ls.disableForLine"},
       {"arguments", json::array({{{"uri", kUri}, {"rule", "title-punctuation"}, {"line", 3}}})}});
  CHECK(client.take("workspace/applyEdit").empty());
  CHECK(shown_messages(client) ==
        std::vector<std::string>{"awesome-ls: no title-punctuation finding on line 4 any more."});
}

TEST_CASE("disable in .awesome-ls.json creates the file when the client can, and uses it") {
  awesome::test::TempDir dir;
  const std::string root = awesome::server::path_to_file_uri(dir.path);
  FakeClient client;
  client.initialize(
      {{"workspace",
        {{"workspaceEdit", {{"documentChanges", true}, {"resourceOperations", {"create"}}}}}}},
      {{"rootUri", root}});
  client.open(kUri, kList);
  const json* disable = nullptr;
  const json actions = code_actions(client, 6);
  disable = titled(actions, "Disable keyword-label in .awesome-ls.json");
  REQUIRE(disable != nullptr);
  client.take("textDocument/publishDiagnostics");
  const json request = run_command(client, *disable);
  const std::string config_uri = root + "/.awesome-ls.json";
  const json& changes = request["params"]["edit"]["documentChanges"];
  REQUIRE(changes.size() == 2);
  CHECK(changes[0] == json{{"kind", "create"}, {"uri", config_uri}});
  CHECK(changes[1]["textDocument"]["uri"] == config_uri);
  CHECK(changes[1]["edits"][0]["range"] == range(0, 0, 0, 0));
  CHECK(changes[1]["edits"][0]["newText"] ==
        "{\n  \"rules\": {\n    \"keyword-label\": \"off\"\n  }\n}\n");
  // Applied: the server checks with the new file at once (the editor may not have saved it).
  answer_applied(client, request);
  const auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(!published.empty());
  const json& items = published.back()["params"]["diagnostics"];
  CHECK(!items.empty());
  for (const auto& d : items) CHECK(d["code"] != "keyword-label");
}

TEST_CASE("disable in .awesome-ls.json edits the config in use, keeping its other keys") {
  awesome::test::TempDir dir;
  awesome::test::write_bytes(dir.path / ".awesome-ls.json",
                             "{\"dialect\": \"auto\",\n \"rules\": {\"whitespace\": \"warning\", "
                             "\"keyword-label\": {\"severity\": \"error\"}}}");
  const std::string root = awesome::server::path_to_file_uri(dir.path);
  FakeClient client;
  client.initialize(json::object(), {{"rootUri", root}});
  client.open(kUri, kList);
  const json* disable = nullptr;
  const json actions = code_actions(client, 6);
  disable = titled(actions, "Disable keyword-label in .awesome-ls.json");
  REQUIRE(disable != nullptr);
  const json request = run_command(client, *disable);
  const json& edits = request["params"]["edit"]["changes"][root + "/.awesome-ls.json"];
  REQUIRE(edits.size() == 1);
  CHECK(edits[0]["range"] == range(0, 0, 1, 76));  // the whole old text
  CHECK(edits[0]["newText"] ==
        "{\n"
        "  \"dialect\": \"auto\",\n"
        "  \"rules\": {\n"
        "    \"whitespace\": \"warning\",\n"
        "    \"keyword-label\": {\n"
        "      \"severity\": \"off\"\n"
        "    }\n"
        "  }\n"
        "}\n");
  client.take("textDocument/publishDiagnostics");
  answer_applied(client, request);
  const auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(!published.empty());
  for (const auto& d : published.back()["params"]["diagnostics"])
    CHECK(d["code"] != "keyword-label");
}

TEST_CASE("disable in .awesome-ls.json refuses a config that does not parse, changing nothing") {
  awesome::test::TempDir dir;
  const std::string broken = "{\"rules\": {\"whitespace\": \"off\"";
  awesome::test::write_bytes(dir.path / ".awesome-ls.json", broken);
  FakeClient client;
  client.initialize(json::object(), {{"rootUri", awesome::server::path_to_file_uri(dir.path)}});
  client.open(kUri, kList);
  client.take("window/showMessage");  // the broken config reported at initialize
  const json* disable = nullptr;
  const json actions = code_actions(client, 6);
  disable = titled(actions, "Disable keyword-label in .awesome-ls.json");
  REQUIRE(disable != nullptr);
  client.request("workspace/executeCommand", {{"command", (*disable)["command"]["command"]},
                                              {"arguments", (*disable)["command"]["arguments"]}});
  CHECK(client.take("workspace/applyEdit").empty());
  const auto shown = shown_messages(client);
  REQUIRE(shown.size() == 1);
  CHECK(shown[0] == "awesome-ls: " + (dir.path / ".awesome-ls.json").string() +
                        " is not a valid configuration; it was left unchanged and keyword-label "
                        "is still on.");
  CHECK(awesome::test::read_bytes(dir.path / ".awesome-ls.json") == broken);

  // A client that cannot create files gets the content to write instead of an edit.
  awesome::test::TempDir empty;
  FakeClient plain;
  plain.initialize(json::object(), {{"rootUri", awesome::server::path_to_file_uri(empty.path)}});
  plain.open(kUri, kList);
  plain.request("workspace/executeCommand", {{"command", "awesome-ls.disableRuleInConfig"},
                                             {"arguments", (*disable)["command"]["arguments"]}});
  CHECK(plain.take("workspace/applyEdit").empty());
  const auto told = shown_messages(plain);
  REQUIRE(told.size() == 1);
  CHECK(
      told[0].starts_with("awesome-ls: the editor cannot create files; to disable keyword-label"));
  CHECK(!std::filesystem::exists(empty.path / ".awesome-ls.json"));
}

TEST_CASE("show documentation opens the rule's section, only for clients that show documents") {
  FakeClient client;
  client.initialize({{"window", {{"showDocument", {{"support", true}}}}}},
                    {{"initializationOptions", {{"docsUrl", "https://example.org/rules.md"}}}});
  client.open(kUri, kList);
  const json* docs = nullptr;
  const json actions = code_actions(client, 6);
  docs = titled(actions, "Show documentation for keyword-label");
  REQUIRE(docs != nullptr);
  client.request("workspace/executeCommand", {{"command", (*docs)["command"]["command"]},
                                              {"arguments", (*docs)["command"]["arguments"]}});
  const auto shown = client.take("window/showDocument");
  REQUIRE(shown.size() == 1);
  CHECK(shown[0]["params"] ==
        json{{"uri", "https://example.org/rules.md#keyword-label"}, {"external", true}});

  FakeClient without;
  without.initialize(json::object(),
                     {{"initializationOptions", {{"docsUrl", "https://example.org/rules.md"}}}});
  without.open(kUri, kList);
  CHECK(titled(code_actions(without, 6), "Show documentation for keyword-label") == nullptr);
}

TEST_CASE("per-rule actions are left out of requests over many lines, bad arguments refused") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList + std::string(30, '\n'));  // a request over 0-100 spans 43 lines
  const json all = client.request("textDocument/codeAction",
                                  {{"textDocument", {{"uri", kUri}}},
                                   {"range", range(0, 0, 100, 0)},
                                   {"context", {{"diagnostics", json::array()}}}})["result"];
  for (const auto& a : all) CHECK(!a["title"].get<std::string>().starts_with("Disable"));
  CHECK(client.request(
            "workspace/executeCommand",
            {{"command", "awesome-ls.fixRule"},
             {"arguments", json::array({{{"uri", kUri},
                                         {"rule", "no-such-rule"}}})}})["error"]["code"] == -32602);
  CHECK(client.request("workspace/executeCommand",
                       {{"command", "awesome-ls.disableRuleInConfig"},
                        {"arguments", json::array({{{"uri", kUri}}})}})["error"]["code"] == -32602);
}
