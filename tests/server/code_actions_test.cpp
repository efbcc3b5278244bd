// Code actions and formatting in-process: a quick fix per fixable finding with the exact edit,
// versioned documentChanges when the client takes them, source.fixAll with every safe fix, and
// formatting equal to `check --fix` (rules::fix_all). Applying them keeps every entry.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

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
  json params = {{"textDocument", {{"uri", "file:///a.md"}}},
                 {"range", r},
                 {"context", {{"diagnostics", json::array()}}}};
  if (!only.is_null())
    params["context"]["only"] = only;
  return client.request("textDocument/codeAction", params)["result"];
}

const json* action_titled(const json& actions, std::string_view prefix) {
  for (const auto& a : actions) {
    if (a["title"].get<std::string>().starts_with(prefix))
      return &a;
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
  const std::string fixed = awesome::rules::fix_all(kList, {});
  REQUIRE(fixed.find("- A Paper About Privacy. [[paper]](https://arxiv.org/abs/2010.09515)") !=
          std::string::npos);
  json actions = code_actions(client, range(0, 0, 0, 0), json::array({"source.fixAll"}));
  REQUIRE(actions.size() == 1);
  CHECK(actions[0]["kind"] == "source.fixAll.awesome-ls");
  // One edit per run of changed lines: the entry line (title '.', arXiv URL) and the key word
  // line; the unchanged author line between them is not rewritten.
  const json& edits = actions[0]["edit"]["changes"]["file:///a.md"];
  CHECK(edits == json::array({{{"range", range(4, 0, 5, 0)},
                               {"newText",
                                "- A Paper About Privacy. [[paper]]"
                                "(https://arxiv.org/abs/2010.09515)\n"}},
                              {{"range", range(6, 0, 7, 0)},
                               {"newText", "  - Key Word: Differential Privacy.\n"}}}));
  CHECK(awesome::test::apply_lsp_edits(kList, edits) == fixed);
  json formatted = client.request(
      "textDocument/formatting", {{"textDocument", {{"uri", "file:///a.md"}}},
                                  {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
  CHECK(formatted == edits);

  // Offered with every kind at the cursor, fix all is a command: nothing computed until chosen.
  json all = code_actions(client, range(4, 0, 4, 0));
  const json* command = action_titled(all, "Fix all safe");
  REQUIRE(command != nullptr);
  CHECK(!command->contains("edit"));
  CHECK((*command)["command"]["command"] == "awesome-ls.fixAll");
  CHECK((*command)["command"]["arguments"] == json::array({{{"uri", "file:///a.md"}}}));
}

namespace {

/// arXiv id -> copies, over the paper entries.
std::map<std::string, int> arxiv_ids(awesome::rules::ListDocument& doc) {
  std::map<std::string, int> ids;
  for (const auto& e : doc.model().entries) {
    if (e.arxiv)
      ++ids[e.arxiv->id];
  }
  return ids;
}

std::size_t count_rule(awesome::rules::ListDocument& doc, std::string_view rule) {
  return static_cast<std::size_t>(std::count_if(doc.diagnostics().begin(), doc.diagnostics().end(),
                                                [&](const auto& d) { return d.rule == rule; }));
}

/// Applies quick fixes of the whole list (at most `per_rule` of each rule) and the fix-all
/// action: each keeps every entry and arXiv id (a removed copy drops one copy of its id) and
/// clears a finding of the rule it targets; fix-all leaves no safe fix behind.
void apply_code_actions(const std::string& name, std::size_t per_rule) {
  CAPTURE(name);
  const std::string text = awesome::test::corpus(name);
  FakeClient client;
  client.initialize({{"general", {{"positionEncodings", {"utf-8"}}}}});
  client.open("file:///a.md", text);
  awesome::rules::ListDocument doc(text);
  const std::size_t entries = doc.model().entries.size();
  const auto ids = arxiv_ids(doc);
  std::map<std::string, std::size_t, std::less<>> rule_counts;
  for (const auto& d : doc.diagnostics()) ++rule_counts[std::string(d.rule)];

  json actions = code_actions(client, range(0, 0, 1000000, 0), json::array({"quickfix"}));
  std::map<std::string, std::size_t> applied;
  for (const auto& action : actions) {
    const std::string rule = action["diagnostics"][0]["code"];
    if (applied[rule] >= per_rule)
      continue;
    ++applied[rule];
    CAPTURE(action["title"]);
    awesome::rules::ListDocument after(
        awesome::test::apply_lsp_edits(text, action["edit"]["changes"]["file:///a.md"]));
    auto expected_ids = ids;
    std::size_t expected_entries = entries;
    if (action["title"] == "Remove this copy of the entry") {
      // The copy the finding points at goes; its id keeps its first copy.
      const auto& where = action["diagnostics"][0]["range"]["start"];
      const std::string line(doc.line(where["line"]));
      for (auto& [id, copies] : expected_ids) {
        if (line.find(id) != std::string::npos)
          --copies;
      }
      --expected_entries;
    }
    CHECK(after.model().entries.size() == expected_entries);
    CHECK(arxiv_ids(after) == expected_ids);
    CHECK(count_rule(after, rule) < rule_counts[rule]);
  }
  CHECK(applied.size() >= 3);  // rules with quick fixes: each list has several

  json fix_all = code_actions(client, range(0, 0, 0, 0), json::array({"source.fixAll"}));
  REQUIRE(fix_all.size() == 1);
  awesome::rules::ListDocument fixed(
      awesome::test::apply_lsp_edits(text, fix_all[0]["edit"]["changes"]["file:///a.md"]));
  CHECK(fixed.model().entries.size() == entries);
  CHECK(arxiv_ids(fixed) == ids);
  CHECK(awesome::rules::safe_fix_edits(fixed.diagnostics()).empty());
}

}  // namespace

TEST_CASE("code actions on the real lists keep the entries and clear what they target") {
  apply_code_actions("trustworthy-2021.md", SIZE_MAX);
  apply_code_actions("trustworthy-2026-readme.md", SIZE_MAX);
  apply_code_actions("trustworthy-2026-full.md", 6);
}
