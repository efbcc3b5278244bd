// Quick fixes that give a way out of a finding whose message names the remedy, through the
// protocol: the code action is offered on the finding's line, its edit is sent back as the
// editor applies it (incremental changes, last first), and the diagnostics published for the
// result are checked. heading-hierarchy (rename or move a year section), entry-shape (join a
// wrapped digest), entry-year (create the missing year section), entry-order (move one entry).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

std::string entry(const std::string& title, const std::string& id) {
  return "- " + title + ". [[paper]](https://arxiv.org/abs/" + id +
         ")\n"
         "  - Ada Lovelace.\n"
         "  - Key Word: Robustness.\n"
         "  - Digest: A digest of " +
         title + ".\n";
}

/// A session on one document: open it, pick a quick fix, apply it, read the new diagnostics.
class Session {
 public:
  explicit Session(std::string text) : text_(std::move(text)) {
    client_.initialize({{"general", {{"positionEncodings", {"utf-8"}}}}});
    client_.open("file:///a.md", text_);
    client_.take("textDocument/publishDiagnostics");
  }

  /// The quick fixes offered on line `line`.
  json actions(int line) {
    json params = {{"textDocument", {{"uri", "file:///a.md"}}},
                   {"range", range(line, 0, line, 0)},
                   {"context", {{"diagnostics", json::array()}, {"only", {"quickfix"}}}}};
    return client_.request("textDocument/codeAction", params)["result"];
  }

  /// The titles of the quick fixes for `rule` on line `line`.
  /// The titles of the rule's own fixes on `line` (the ways out every finding has, fix all of
  /// its rule, disable it, its documentation, are rule_actions_test's).
  std::vector<std::string> titles(int line, std::string_view rule) {
    std::vector<std::string> out;
    for (const auto& a : actions(line)) {
      const std::string title = a["title"];
      const bool way_out = title.starts_with("Fix all ") || title.starts_with("Disable ") ||
                           title.starts_with("Show documentation for ");
      if (a["diagnostics"][0]["code"] == rule && !way_out)
        out.push_back(title);
    }
    return out;
  }

  /// The action titled `title` on line `line` (REQUIREs it), applied as incremental changes;
  /// returns the diagnostics published for the new text.
  json apply(int line, std::string_view title) {
    json chosen;
    for (const auto& a : actions(line)) {
      if (a["title"] == title)
        chosen = a;
    }
    REQUIRE_MESSAGE(!chosen.is_null(), "no quick fix '" << title << "' on line " << line);
    action_ = chosen;
    json edits = chosen["edit"]["changes"]["file:///a.md"];
    text_ = awesome::test::apply_lsp_edits(text_, edits);
    // An editor applies the edits of one WorkspaceEdit to the text they were made for: sent
    // one by one, the last one first.
    std::vector<json> changes(edits.begin(), edits.end());
    std::sort(changes.begin(), changes.end(), [](const json& x, const json& y) {
      const auto key = [](const json& e) {
        return std::pair<int, int>(e["range"]["start"]["line"], e["range"]["start"]["character"]);
      };
      return key(x) > key(y);
    });
    json content = json::array();
    for (const auto& e : changes)
      content.push_back({{"range", e["range"]}, {"text", e["newText"]}});
    client_.notify("textDocument/didChange",
                   {{"textDocument", {{"uri", "file:///a.md"}, {"version", ++version_}}},
                    {"contentChanges", content}});
    auto published = client_.take("textDocument/publishDiagnostics");
    REQUIRE(published.size() == 1);
    const json diagnostics = published[0]["params"]["diagnostics"];
    // The server's text is the text the edits give, and its findings those of a fresh parse.
    const auto* doc = client_.server().documents().find("file:///a.md");
    REQUIRE(doc != nullptr);
    CHECK(doc->list.text() == text_);
    awesome::rules::ListDocument fresh(text_);
    CHECK(diagnostics.size() == fresh.diagnostics().size());
    return diagnostics;
  }

  const std::string& text() const { return text_; }
  const json& action() const { return action_; }

 private:
  FakeClient client_;
  std::string text_;
  json action_;
  int version_ = 1;
};

std::size_t count(const json& diagnostics, std::string_view rule) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const json& d) { return d["code"] == rule; }));
}

std::size_t entries(const std::string& text) {
  awesome::rules::ListDocument doc(text);
  return doc.model().entries.size();
}

}  // namespace

TEST_CASE("heading-hierarchy: rename the misfiled year section after its category") {
  const std::string text = "## Ownership\n\n### Ownership: 2019\n\n" + entry("A", "1901.00001") +
                           "\n### Others: 2017\n\n" + entry("B", "1701.00001") +
                           "\n## Others\n\n### Others: 2018\n\n" + entry("C", "1801.00001");
  Session s(text);
  // Both remedies the message names, neither preferred nor applied by --fix.
  CHECK(s.titles(9, "heading-hierarchy") ==
        std::vector<std::string>{"Rename the section to 'Ownership: 2017'",
                                 "Move the section under '## Others'"});
  for (const auto& a : s.actions(9)) CHECK(a.value("isPreferred", false) == false);
  CHECK(awesome::rules::fix_all(text, {}) == text);
  const json after = s.apply(9, "Rename the section to 'Ownership: 2017'");
  CHECK(s.action()["edit"]["changes"]["file:///a.md"] ==
        json::array({{{"range", range(9, 4, 9, 16)}, {"newText", "Ownership: 2017"}}}));
  CHECK(s.text().find("### Ownership: 2017\n") != std::string::npos);
  CHECK(count(after, "heading-hierarchy") == 0);
  CHECK(count(after, "year-order") == 0);
}

TEST_CASE("heading-hierarchy: move the misfiled year section to its place under its category") {
  SUBCASE("at the end of the document, after the newer year section") {
    const std::string text = "## Ownership\n\n### Ownership: 2019\n\n" + entry("A", "1901.00001") +
                             "\n### Others: 2017\n\n" + entry("B", "1701.00001") +
                             "\n## Others\n\n### Others: 2018\n\n" + entry("C", "1801.00001");
    Session s(text);
    const json after = s.apply(9, "Move the section under '## Others'");
    CHECK(s.text() == "## Ownership\n\n### Ownership: 2019\n\n" + entry("A", "1901.00001") +
                          "\n## Others\n\n### Others: 2018\n\n" + entry("C", "1801.00001") +
                          "\n### Others: 2017\n\n" + entry("B", "1701.00001"));
    CHECK(entries(s.text()) == 3);
    CHECK(count(after, "heading-hierarchy") == 0);
    CHECK(count(after, "year-order") == 0);
  }
  SUBCASE("before the older year section, from the end of the document") {
    const std::string text =
        "## Others\n\n### Others: 2020\n\n" + entry("C", "2001.00001") + "\n### Others: 2016\n\n" +
        entry("D", "1601.00001") + "\n## Ownership\n\n### Ownership: 2019\n\n" +
        entry("A", "1901.00001") + "\n### Others: 2017\n\n" + entry("B", "1701.00001");
    Session s(text);
    const json after = s.apply(25, "Move the section under '## Others'");
    CHECK(s.text() == "## Others\n\n### Others: 2020\n\n" + entry("C", "2001.00001") +
                          "\n### Others: 2017\n\n" + entry("B", "1701.00001") +
                          "\n### Others: 2016\n\n" + entry("D", "1601.00001") +
                          "\n## Ownership\n\n### Ownership: 2019\n\n" + entry("A", "1901.00001"));
    CHECK(count(after, "heading-hierarchy") == 0);
    CHECK(count(after, "year-order") == 0);
  }
  SUBCASE("no move when the category has that year already, or no such category exists") {
    const std::string text = "## Ownership\n\n### Ownership: 2019\n\n" + entry("A", "1901.00001") +
                             "\n### Others: 2017\n\n" + entry("B", "1701.00001") +
                             "\n## Others\n\n### Others: 2017\n\n" + entry("C", "1702.00001");
    Session s(text);
    CHECK(s.titles(9, "heading-hierarchy") ==
          std::vector<std::string>{"Rename the section to 'Ownership: 2017'"});
    Session none("## Ownership\n\n### Others: 2017\n\n" + entry("B", "1701.00001"));
    CHECK(none.titles(2, "heading-hierarchy") ==
          std::vector<std::string>{"Rename the section to 'Ownership: 2017'"});
  }
}

TEST_CASE("entry-shape: join a digest wrapped onto the next line, also by check --fix") {
  const std::string text =
      "## Privacy\n\n### Privacy: 2020\n\n"
      "- A. [[paper]](https://arxiv.org/abs/2001.02610)\n"
      "  - Bo Zhao.\n"
      "  - Key Word: Gradient Inversion.\n"
      "  - Digest: DLG has difficulty in convergence.   \n"
      "    In this paper, we find that gradients leak labels.\n";
  Session s(text);
  const json after = s.apply(8, "Join the line to the digest");
  CHECK(s.action()["isPreferred"] == true);
  CHECK(s.action()["edit"]["changes"]["file:///a.md"] ==
        json::array({{{"range", range(7, 46, 8, 4)}, {"newText", " "}}}));
  const std::string joined =
      "  - Digest: DLG has difficulty in convergence. In this paper, we find that gradients "
      "leak labels.\n";
  CHECK(s.text().ends_with(joined));
  CHECK(count(after, "entry-shape") == 0);
  CHECK(count(after, "whitespace") == 0);  // the trailing spaces went with the join
  CHECK(awesome::rules::fix_all(text, {}) == s.text());
}

TEST_CASE("entry-shape: no join after a digest closed by </details>") {
  Session s(
      "## Privacy\n\n### 2020\n\n"
      "- A. [[paper]](https://arxiv.org/abs/2001.02610)\n"
      "  - Bo Zhao.\n"
      "  - <details><summary>Digest</summary> DLG has difficulty in convergence.</details>\n"
      "  In this paper, we find that gradients leak labels.\n");
  awesome::rules::ListDocument doc(s.text());
  CHECK(std::count_if(doc.diagnostics().begin(), doc.diagnostics().end(), [](const auto& d) {
          return d.rule == "entry-shape" && d.range.start.line == 7;
        }) == 1);
  CHECK(s.titles(7, "entry-shape").empty());
}

TEST_CASE("entry-year: create the missing year section at its place and move the entry there") {
  SUBCASE("between a newer and an older year section") {
    const std::string text = "## Privacy\n\n### Privacy: 2020\n\n" + entry("A", "2001.00001") +
                             "\n" + entry("B", "1901.00001") + "\n### Privacy: 2018\n\n" +
                             entry("C", "1801.00001");
    Session s(text);
    CHECK(s.titles(9, "entry-year") ==
          std::vector<std::string>{"Create the year section 'Privacy: 2019' and move the entry "
                                   "there"});
    CHECK(awesome::rules::fix_all(text, {}) == text);  // editor only
    const json after =
        s.apply(9, "Create the year section 'Privacy: 2019' and move the entry there");
    CHECK(s.text() == "## Privacy\n\n### Privacy: 2020\n\n" + entry("A", "2001.00001") +
                          "\n### Privacy: 2019\n\n" + entry("B", "1901.00001") +
                          "\n### Privacy: 2018\n\n" + entry("C", "1801.00001"));
    CHECK(count(after, "entry-year") == 0);
    CHECK(count(after, "year-order") == 0);
    CHECK(count(after, "heading-hierarchy") == 0);
  }
  SUBCASE("after the last year section, from the middle of its own") {
    const std::string text = "## Privacy\n\n### Privacy: 2020\n\n" + entry("B", "1801.00001") +
                             "\n" + entry("A", "2001.00001") +
                             "\n## Fairness\n\n### Fairness: 2020\n\n" + entry("C", "2002.00001");
    Session s(text);
    const json after =
        s.apply(4, "Create the year section 'Privacy: 2018' and move the entry there");
    CHECK(s.text() == "## Privacy\n\n### Privacy: 2020\n\n" + entry("A", "2001.00001") +
                          "\n### Privacy: 2018\n\n" + entry("B", "1801.00001") +
                          "\n## Fairness\n\n### Fairness: 2020\n\n" + entry("C", "2002.00001"));
    CHECK(count(after, "entry-year") == 0);
  }
  SUBCASE("the last entry of the last year section gets the heading above it") {
    const std::string text =
        "### 2021\n\n" + entry("A", "2101.00001") + "\n" + entry("B", "2001.00001");
    Session s(text);
    const json after = s.apply(7, "Create the year section '2020' and move the entry there");
    CHECK(s.text() ==
          "### 2021\n\n" + entry("A", "2101.00001") + "\n### 2020\n\n" + entry("B", "2001.00001"));
    CHECK(count(after, "entry-year") == 0);
  }
}

TEST_CASE("entry-order: the preferred fix moves only the reported entry, onto its id") {
  const std::string text = "## Privacy\n\n### Privacy: 2020\n\n" + entry("A", "2010.00003") + "\n" +
                           entry("B", "2001.00001") + "\n" + entry("C", "2005.00002");
  Session s(text);
  // The finding sits on the id inside the URL, not on the whole URL.
  const json actions = s.actions(14);
  REQUIRE(!actions.empty());
  CHECK(actions[0]["diagnostics"][0]["range"] == range(14, 37, 14, 47));
  CHECK(s.titles(14, "entry-order") ==
        std::vector<std::string>{"Move the entry right after 2010.00003",
                                 "Sort the entries of this section by arXiv id"});
  const json after = s.apply(14, "Move the entry right after 2010.00003");
  CHECK(s.action()["isPreferred"] == true);
  CHECK(s.text() == "## Privacy\n\n### Privacy: 2020\n\n" + entry("A", "2010.00003") + "\n" +
                        entry("C", "2005.00002") + "\n" + entry("B", "2001.00001"));
  CHECK(count(after, "entry-order") == 0);
}
