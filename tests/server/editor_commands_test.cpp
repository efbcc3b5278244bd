// Completion over LSP (positions in the client's encoding), the editor commands behind "Sort
// entries of this section" and "Update table of contents" (workspace/applyEdit), their code
// actions, and range formatting.
#include <doctest/doctest.h>

#include "rules/fixes.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/support/files.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kUri = "file:///list.md";

const std::string kList =
    "# Awesome List\n"                                          // 0
    "\n"                                                        // 1
    "## Table of Contents\n"                                    // 2
    "\n"                                                        // 3
    "- [Fairness](#fairness)\n"                                 // 4
    "\n"                                                        // 5
    "## Privacy\n"                                              // 6
    "\n"                                                        // 7
    "### Privacy: 2020\n"                                       // 8
    "\n"                                                        // 9
    "- Paper A. [[paper]](https://arxiv.org/abs/2003.00001)\n"  // 10
    "  - Zoë Ünal. *ICLR 2021*\n"                               // 11
    "  - Key Word: Differential Privacy.\n"                     // 12
    "  - Digest: A.\n"                                          // 13
    "\n"                                                        // 14
    "- Paper B. [[paper]](https://arxiv.org/abs/2010.09515)\n"  // 15
    "  - Zoë Ünal. *\n"                                         // 16
    "  - Key Word: Differential Privacy.\n"                     // 17
    "  - Digest: B.\n"                                          // 18
    "\n"                                                        // 19
    "## Fairness\n"                                             // 20
    "\n"                                                        // 21
    "### Fairness: 2020\n"                                      // 22
    "\n"                                                        // 23
    "- Paper C [[paper]](http://arxiv.org/abs/2011.00002)\n"    // 24
    "  - Cy Dee.\n"                                             // 25
    "  - Key Word: Fairness.\n"                                 // 26
    "  - Digest: C.\n";                                         // 27

json position(int line, int character) {
  return {{"line", line}, {"character", character}};
}
json range(int l1, int c1, int l2, int c2) {
  return {{"start", position(l1, c1)}, {"end", position(l2, c2)}};
}

/// The completion items at `at` in kList for a client that declares no completion
/// capabilities: everything written in each item.
json completion_items_of_a_plain_client(const json& at) {
  FakeClient plain;
  plain.initialize();
  plain.open(kUri, kList);
  return plain.request("textDocument/completion", at)["result"]["items"];
}

/// The edits of a WorkspaceEdit for kUri (plain `changes`) applied to `text`.
std::string applied(const std::string& text, const json& workspace_edit) {
  return awesome::test::apply_lsp_edits(text, workspace_edit["changes"][kUri]);
}

json command(FakeClient& client, std::string_view name, int line) {
  return client.request(
      "workspace/executeCommand",
      {{"command", name},
       {"arguments", json::array({{{"uri", kUri}, {"position", position(line, 0)}}})}});
}

}  // namespace

TEST_CASE("capabilities: completion triggers, commands, range formatting") {
  FakeClient client;
  const json caps = client.initialize()["result"]["capabilities"];
  CHECK(caps["completionProvider"]["triggerCharacters"] ==
        json::array({"*", "[", ";", ":", " ", "#"}));
  CHECK(caps["executeCommandProvider"]["commands"] ==
        json::array({"awesome-ls.sortSection", "awesome-ls.updateToc", "awesome-ls.fixAll",
                     "awesome-ls.fixRule", "awesome-ls.disableRuleInConfig",
                     "awesome-ls.disableForLine", "awesome-ls.showRuleDocumentation"}));
  CHECK(caps["documentRangeFormattingProvider"] == true);
}

TEST_CASE("venue completion over LSP: UTF-16 textEdit range after the '*'") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  // "  - Zoë Ünal. *" is 15 UTF-16 code units (ë and Ü are one each, two bytes in UTF-8).
  const json reply = client.request("textDocument/completion", {{"textDocument", {{"uri", kUri}}},
                                                                {"position", position(16, 15)}});
  const json& result = reply["result"];
  CHECK(result["isIncomplete"] == true);  // the catalog is longer than one reply
  const json& first = result["items"][0];
  CHECK(first["label"] == "ICLR");
  CHECK(first["kind"] == 12);
  CHECK(first["textEdit"] == json{{"range", range(16, 15, 16, 15)}, {"newText", "ICLR 2021*"}});
  CHECK_FALSE(first.contains("insertTextFormat"));  // plain text, the protocol's default
  CHECK_FALSE(first.contains("filterText"));        // the label and aliases: "ICLR" has none
  CHECK(first["documentation"]["kind"] == "markdown");

  // Key words: the one phrase of the list, without snippet syntax.
  const json keywords =
      client.request("textDocument/completion",
                     {{"textDocument", {{"uri", kUri}}}, {"position", position(26, 14)}});
  REQUIRE(keywords["result"]["items"].size() == 1);
  CHECK(keywords["result"]["items"][0]["label"] == "Differential Privacy");
  CHECK(keywords["result"]["items"][0]["textEdit"]["range"] == range(26, 14, 26, 22));

  // Errors and unknown documents.
  CHECK(client.request("textDocument/completion",
                       {{"position", position(0, 0)}})["error"]["code"] == -32602);
  CHECK(client
            .request("textDocument/completion", {{"textDocument", {{"uri", "file:///other.md"}}},
                                                 {"position", position(0, 0)}})["result"]
            .is_null());
}

TEST_CASE("completion documentation waits for completionItem/resolve when the client resolves it") {
  const json at = {{"textDocument", {{"uri", kUri}}}, {"position", position(16, 15)}};
  const json full = completion_items_of_a_plain_client(at);

  FakeClient client;
  const json caps = client.initialize(
      {{"textDocument",
        {{"completion",
          {{"completionItem",
            {{"resolveSupport",
              {{"properties", {"documentation", "detail"}}}}}}}}}}})["result"]["capabilities"];
  CHECK(caps["completionProvider"]["resolveProvider"] == true);
  client.open(kUri, kList);
  const json items = client.request("textDocument/completion", at)["result"]["items"];
  REQUIRE(items.size() == full.size());
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK_FALSE(items[i].contains("documentation"));
    CHECK(items[i]["label"] == full[i]["label"]);
    CHECK_FALSE(items[i].contains("detail"));  // the client resolves it too
    const json resolved = client.request("completionItem/resolve", items[i])["result"];
    CHECK(resolved["documentation"] == full[i]["documentation"]);
    CHECK(resolved["detail"] == full[i]["detail"]);
    CHECK(resolved["textEdit"] == full[i]["textEdit"]);
  }
  // After an edit the position holds other items: the item comes back as it was.
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"text", "# Emptied\n"}}})}});
  CHECK_FALSE(
      client.request("completionItem/resolve", items[0])["result"].contains("documentation"));
  CHECK(client.request("completionItem/resolve", json::array())["error"]["code"] == -32602);
}

TEST_CASE("entry snippet only for clients with snippet support") {
  FakeClient client;
  client.initialize(
      {{"textDocument", {{"completion", {{"completionItem", {{"snippetSupport", true}}}}}}}});
  client.open(kUri, kList);
  const json items = client.request(
      "textDocument/completion",
      {{"textDocument", {{"uri", kUri}}}, {"position", position(14, 0)}})["result"]["items"];
  REQUIRE(items.size() == 1);
  CHECK(items[0]["insertTextFormat"] == 2);
  CHECK(items[0]["kind"] == 15);
  CHECK(items[0]["textEdit"]["newText"].get<std::string>().starts_with("- ${1:Title}. [[paper]]"));
}

TEST_CASE("sort section and update ToC: code actions, commands, workspace/applyEdit") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json actions =
      client.request("textDocument/codeAction",
                     {{"textDocument", {{"uri", kUri}}},
                      {"range", range(12, 0, 12, 0)},
                      {"context",
                       {{"diagnostics", json::array()},
                        {"only", {"source.sortEntries", "source.updateToc"}}}}})["result"];
  REQUIRE(actions.size() == 2);
  CHECK(actions[0]["kind"] == "source.sortEntries.awesome-ls");
  CHECK(actions[0]["command"]["command"] == "awesome-ls.sortSection");
  CHECK(actions[0]["command"]["arguments"][0]["position"] == position(12, 0));
  CHECK(actions[1]["command"]["command"] == "awesome-ls.updateToc");

  client.messages().clear();
  CHECK(command(client, "awesome-ls.sortSection", 12)["result"].is_null());
  auto edits = client.take("workspace/applyEdit");
  REQUIRE(edits.size() == 1);
  CHECK(edits[0]["params"]["label"] == "Sort entries of this section");
  const std::string sorted = applied(kList, edits[0]["params"]["edit"]);
  CHECK(sorted.find("2010.09515") < sorted.find("2003.00001"));
  CHECK(sorted.size() == kList.size());

  CHECK(command(client, "awesome-ls.updateToc", 0)["result"].is_null());
  edits = client.take("workspace/applyEdit");
  REQUIRE(edits.size() == 1);
  CHECK(applied(kList, edits[0]["params"]["edit"])
            .find("- [Privacy](#privacy)\n- [Fairness](#fairness)\n") != std::string::npos);

  // Nothing to do: a message instead of an empty edit.
  CHECK(command(client, "awesome-ls.sortSection", 26)["result"].is_null());
  CHECK(client.take("workspace/applyEdit").empty());
  const auto shown = client.take("window/showMessage");
  REQUIRE(shown.size() == 1);
  CHECK(shown[0]["params"]["message"] ==
        "awesome-ls: the entries of this section are already in order.");

  CHECK(command(client, "awesome-ls.nope", 0)["error"]["code"] == -32602);
  CHECK(client.request("workspace/executeCommand",
                       {{"command", "awesome-ls.updateToc"}})["error"]["code"] == -32602);
}

TEST_CASE("range formatting applies only the safe fixes inside the range") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  // Line 24 has two safe fixes (title '.', arXiv URL); nothing else in lines 20-27 is fixable.
  const json edits =
      client.request("textDocument/rangeFormatting",
                     {{"textDocument", {{"uri", kUri}}},
                      {"range", range(20, 0, 27, 0)},
                      {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
  REQUIRE(edits.size() == 2);
  for (const auto& e : edits) CHECK(e["range"]["start"]["line"] == 24);
  const json none =
      client.request("textDocument/rangeFormatting",
                     {{"textDocument", {{"uri", kUri}}},
                      {"range", range(10, 0, 13, 0)},
                      {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
  CHECK(none == json::array());
}

TEST_CASE("sort, update ToC and fix all say what they did once the editor applied the edit") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const auto run = [&](std::string_view name, int line) {
    client.messages().clear();
    CHECK(command(client, name, line)["result"].is_null());
    auto edits = client.take("workspace/applyEdit");
    REQUIRE(edits.size() == 1);
    CHECK(client.take("window/showMessage").empty());  // nothing before it is applied
    client.send_raw(
        json{{"jsonrpc", "2.0"}, {"id", edits[0]["id"]}, {"result", {{"applied", true}}}}.dump());
    std::vector<std::string> shown;
    for (const auto& m : client.take("window/showMessage")) {
      CHECK(m["params"]["type"] == 3);
      shown.push_back(m["params"]["message"]);
    }
    return shown;
  };
  CHECK(run("awesome-ls.sortSection", 12) ==
        std::vector<std::string>{"awesome-ls: sorted 2 entries of 'Privacy: 2020'."});
  CHECK(run("awesome-ls.updateToc", 0) ==
        std::vector<std::string>{"awesome-ls: updated the table of contents: 1 line changed."});
  CHECK(run("awesome-ls.fixAll", 0) ==
        std::vector<std::string>{"awesome-ls: fixed 5 findings in 5 rules; none left."});

  // An edit the editor did not apply: no summary.
  client.messages().clear();
  command(client, "awesome-ls.fixAll", 0);
  auto edits = client.take("workspace/applyEdit");
  REQUIRE(edits.size() == 1);
  client.send_raw(
      json{{"jsonrpc", "2.0"}, {"id", edits[0]["id"]}, {"result", {{"applied", false}}}}.dump());
  CHECK(client.take("window/showMessage").empty());

  // source.fixAll asked for by kind (fix on save) is an edit in the action: no message.
  client.request("textDocument/codeAction",
                 {{"textDocument", {{"uri", kUri}}},
                  {"range", range(0, 0, 0, 0)},
                  {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}});
  CHECK(client.take("window/showMessage").empty());
  CHECK(client.take("workspace/applyEdit").empty());
}

TEST_CASE("the fix summary counts the findings gone by rule and the ones left") {
  using awesome::rules::Diagnostic;
  const auto finding = [](std::string_view rule, std::uint32_t line) {
    Diagnostic d;
    d.rule = rule;
    d.range = {{line, 0}, {line, 1}};
    return d;
  };
  const std::vector<Diagnostic> before = {finding("whitespace", 1), finding("whitespace", 2),
                                          finding("arxiv-url", 3), finding("entry-shape", 4)};
  const std::vector<Diagnostic> after = {finding("entry-shape", 4)};
  CHECK(awesome::server::fix_summary(before, after) ==
        "awesome-ls: fixed 3 findings in 2 rules; 1 needs a manual edit.");
  const std::vector<Diagnostic> two_left = {finding("entry-shape", 4), finding("whitespace", 2)};
  CHECK(awesome::server::fix_summary(before, two_left) ==
        "awesome-ls: fixed 2 findings in 2 rules; 2 need a manual edit.");
  CHECK(awesome::server::fix_summary(std::span(before).first(1), {}) ==
        "awesome-ls: fixed 1 finding in 1 rule; none left.");
}

TEST_CASE("completion lists put the shared range and resolve data into itemDefaults") {
  const json at = {{"textDocument", {{"uri", kUri}}}, {"position", position(16, 15)}};
  const json full = completion_items_of_a_plain_client(at);

  // What VS Code declares.
  FakeClient client;
  client.initialize(
      {{"textDocument",
        {{"completion",
          {{"completionItem",
            {{"resolveSupport", {{"properties", {"documentation", "detail"}}}},
             {"labelDetailsSupport", true}}},
           {"completionList",
            {{"itemDefaults", {"commitCharacters", "editRange", "insertTextMode", "data"}}}}}}}}});
  client.open(kUri, kList);
  const json list = client.request("textDocument/completion", at)["result"];
  CHECK(list["itemDefaults"]["editRange"] == range(16, 15, 16, 15));
  CHECK(list["itemDefaults"]["data"] == json{{"uri", kUri}, {"position", position(16, 15)}});
  const json& items = list["items"];
  REQUIRE(items.size() == full.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    CAPTURE(i);
    CHECK(items[i]["label"] == full[i]["label"]);
    CHECK_FALSE(items[i].contains("textEdit"));
    CHECK_FALSE(items[i].contains("data"));
    // The text the default range receives, where it is not the label ("ICLR 2021*").
    CHECK(items[i].value("textEditText", items[i]["label"].get<std::string>()) ==
          full[i]["textEdit"]["newText"]);
  }
  // Resolve finds the item by its label: the data holds no index.
  json second = items[1];
  second["data"] = list["itemDefaults"]["data"];  // as the client merges the defaults in
  const json resolved = client.request("completionItem/resolve", second)["result"];
  CHECK(resolved["documentation"] == full[1]["documentation"]);
  CHECK(resolved["detail"] == full[1]["detail"]);
}
