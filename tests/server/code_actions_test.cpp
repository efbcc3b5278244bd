// Code actions and formatting in-process: a quick fix per fixable finding with the exact edit,
// versioned documentChanges when the client takes them, source.fixAll with every safe fix, and
// formatting equal to `check --fix` (rules::fix_all). Applying them keeps every entry.
#include <doctest/doctest.h>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/support/files.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kList =
    "## Privacy\n"
    "\n"
    "### Privacy: 2020\n"
    "\n"
    "- A Paper About Privacy [[paper]](http://arxiv.org/abs/2010.09515)\n"
    "  - Ann Lee, Bo Chen. *ICLR 2021*\n"
    "  - Key Work: Differential Privacy.\n"
    "  - Digest: We study privacy.\n";

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

json code_actions(FakeClient& client, json r, json only = nullptr) {
  json params = {{"textDocument", {{"uri", "file:///a.md"}}}, {"range", r},
                 {"context", {{"diagnostics", json::array()}}}};
  if (!only.is_null()) params["context"]["only"] = only;
  return client.request("textDocument/codeAction", params)["result"];
}

const json* action_titled(const json& actions, std::string_view prefix) {
  for (const auto& a : actions) {
    if (a["title"].get<std::string>().starts_with(prefix)) return &a;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a quick fix per fixable finding on the requested lines, with its exact edit") {
  FakeClient client;
  json caps = client.initialize()["result"]["capabilities"];
  CHECK(caps["codeActionProvider"]["codeActionKinds"] ==
        json::array({"quickfix", "source.fixAll.awesome-ls", "source.sortEntries.awesome-ls",
                     "source.updateToc.awesome-ls"}));
  CHECK(caps["documentFormattingProvider"] == true);
  client.open("file:///a.md", kList);
  json actions = code_actions(client, range(6, 0, 6, 0), json::array({"quickfix"}));
  const json* label = action_titled(actions, "Write 'Key Word:'");
  REQUIRE(label != nullptr);
  CHECK((*label)["kind"] == "quickfix");
  CHECK((*label)["isPreferred"] == true);
  CHECK((*label)["diagnostics"][0]["code"] == "keyword-label");
  CHECK((*label)["edit"]["changes"]["file:///a.md"] ==
        json::array({{{"range", range(6, 4, 6, 13)}, {"newText", "Key Word:"}}}));
  // Findings on other lines are not offered; the arXiv URL on line 4 is not in range.
  CHECK(action_titled(actions, "Use https://arxiv.org") == nullptr);
}

TEST_CASE("versioned documentChanges when the client supports them") {
  FakeClient client;
  client.initialize({{"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}}});
  client.open("file:///a.md", kList, 7);
  json actions = code_actions(client, range(4, 0, 4, 10), json::array({"quickfix"}));
  const json* url = action_titled(actions, "Use https://arxiv.org/abs/2010.09515");
  REQUIRE(url != nullptr);
  const json& change = (*url)["edit"]["documentChanges"][0];
  CHECK(change["textDocument"] == json{{"uri", "file:///a.md"}, {"version", 7}});
  CHECK(change["edits"][0]["newText"] == "https://arxiv.org/abs/2010.09515");
}

TEST_CASE("source.fixAll applies every safe fix and formatting equals check --fix") {
  FakeClient client;
  client.initialize();
  client.open("file:///a.md", kList);
  json actions = code_actions(client, range(0, 0, 0, 0), json::array({"source.fixAll"}));
  REQUIRE(actions.size() == 1);
  CHECK(actions[0]["kind"] == "source.fixAll.awesome-ls");
  const json& edits = actions[0]["edit"]["changes"]["file:///a.md"];
  CHECK(edits.size() == 3);  // title '.', arXiv URL, key word label
  json formatted = client.request("textDocument/formatting",
                                  {{"textDocument", {{"uri", "file:///a.md"}}},
                                   {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
  REQUIRE(formatted.size() == 1);
  CHECK(formatted[0]["newText"] == awesome::rules::fix_all(kList, {}));
  CHECK(formatted[0]["newText"].get<std::string>().find("- A Paper About Privacy. [[paper]]"
                                                        "(https://arxiv.org/abs/2010.09515)") !=
        std::string::npos);
}

TEST_CASE("code actions on the real full list: every quick fix applies and keeps the entries") {
  const std::string text = awesome::test::corpus("trustworthy-2026-full.md");
  FakeClient client;
  client.initialize({{"general", {{"positionEncodings", {"utf-8"}}}}});
  client.open("file:///a.md", text);
  awesome::rules::ListDocument doc(text);
  const std::size_t entries = doc.model().entries.size();
  json actions = code_actions(client, range(0, 0, 100000, 0));
  std::size_t applied = 0;
  for (const auto& action : actions) {
    if (action["kind"] != "quickfix") continue;
    std::vector<awesome::rules::TextEdit> edits;
    for (const auto& e : action["edit"]["changes"]["file:///a.md"]) {
      edits.push_back({{{e["range"]["start"]["line"], e["range"]["start"]["character"]},
                        {e["range"]["end"]["line"], e["range"]["end"]["character"]}},
                       e["newText"]});
    }
    awesome::rules::ListDocument after(awesome::rules::apply_edits(text, edits));
    const bool removes_copy = action["title"] == "Remove this copy of the entry";
    CHECK(after.model().entries.size() == entries - (removes_copy ? 1 : 0));
    ++applied;
  }
  CHECK(applied > 300);
}
