// The fixes that move text around: updating the table of contents, moving an entry to its year
// section, sorting a section; and that a fix of several edits is applied whole or not at all.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using awesome::rules::Diagnostic;
using awesome::rules::ListDocument;

namespace {

std::string entry(const std::string& title, const std::string& id) {
  return "- " + title + ". [[paper]](https://arxiv.org/abs/" + id +
         ")\n"
         "  - Ada Lovelace.\n"
         "  - Key Word: Robustness.\n"
         "  - Digest: A digest of " +
         title + ".\n";
}

std::vector<Diagnostic> findings(ListDocument& doc, std::string_view rule) {
  std::vector<Diagnostic> out;
  for (const auto& d : doc.diagnostics()) {
    if (d.rule == rule)
      out.push_back(d);
  }
  return out;
}

std::vector<std::string> arxiv_ids(ListDocument& doc) {
  std::vector<std::string> ids;
  for (const auto& e : doc.model().entries) ids.push_back(e.arxiv ? e.arxiv->id : "-");
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string with_edits(const std::string& text,
                       const std::vector<awesome::rules::TextEdit>& edits) {
  return awesome::rules::apply_edits(text, edits);
}

}  // namespace

TEST_CASE("update ToC adds missing categories, re-points and orders items, keeps the rest") {
  const std::string text =
      "# Awesome List\n\n"
      "## Table of Contents\n\n"
      "- [Privacy :lock:](#privacy)\n"
      "- [Survey](#surveys)\n"
      "- [Old Stuff](#old-stuff)\n"
      "  - [Nested](#nested)\n\n"
      "## Survey\n\n### Survey: 2021\n\n" +
      entry("A", "2101.00001") +
      "\n"
      "## Fairness\n\n### Fairness: 2021\n\n" +
      entry("B", "2101.00002") +
      "\n"
      "## Privacy\n\n### Privacy: 2021\n\n" +
      entry("C", "2101.00003");
  ListDocument doc(text);
  const auto missing = findings(doc, "toc-missing");
  REQUIRE(missing.size() == 2);  // Survey (its link is broken) and Fairness
  const auto edits = doc.update_toc_edits();
  REQUIRE(edits.size() == 1);
  for (const auto& d : missing) {
    REQUIRE(d.fixes.size() == 1);
    CHECK(d.fixes[0].safe);
    CHECK((d.fixes[0].edits == edits));  // one shared edit
  }
  // "Old Stuff" links nowhere and has no heading of its name: it stays, right after the item
  // it followed, with its child.
  const std::string expected_toc =
      "- [Survey](#survey)\n"
      "- [Old Stuff](#old-stuff)\n"
      "  - [Nested](#nested)\n"
      "- [Fairness](#fairness)\n"
      "- [Privacy :lock:](#privacy)\n";
  const std::string fixed = with_edits(text, edits);
  CHECK(fixed.substr(fixed.find("- [Survey]"), expected_toc.size()) == expected_toc);
  ListDocument after(fixed);
  CHECK(findings(after, "toc-missing").empty());
  CHECK(findings(after, "toc-order").empty());
  CHECK(after.update_toc_edits().empty());  // up to date: nothing more to do
  CHECK(awesome::rules::fix_all(text, {}) == fixed);
}

TEST_CASE("update ToC puts new categories at the level that lists categories, with its indent") {
  const std::string text =
      "# Awesome List\n\n"
      "# Table of Contents\n\n"
      "- [Paper List](#paper-list)\n"
      "  - [Privacy](#privacy)\n"
      "- [Toolboxes](#toolboxes)\n\n"
      "# Paper List\n\n"
      "## Survey\n\n### 2021\n\n" +
      entry("A", "2101.00001") +
      "\n"
      "## Privacy\n\n### 2021\n\n" +
      entry("C", "2101.00003") +
      "\n"
      "# Toolboxes\n\n- [Robustness Gym](https://github.com/robustness-gym/robustness-gym)\n";
  ListDocument doc(text);
  const auto edits = doc.update_toc_edits();
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].new_text ==
        "- [Paper List](#paper-list)\n"
        "  - [Survey](#survey)\n"
        "  - [Privacy](#privacy)\n"
        "- [Toolboxes](#toolboxes)");
}

TEST_CASE("update ToC on the real lists changes only what the ToC rules report") {
  for (const char* name :
       {"trustworthy-2021.md", "trustworthy-2026-readme.md", "trustworthy-2026-full.md"}) {
    CAPTURE(name);
    ListDocument doc(awesome::test::corpus(name));
    // The real ToCs list every category in order; their one broken link names no heading.
    CHECK(findings(doc, "toc-missing").empty());
    CHECK(findings(doc, "toc-order").empty());
    CHECK(doc.update_toc_edits().empty());
  }
  // Drop a category from the 2021 ToC and swap two others: the update restores the original.
  const std::string original = awesome::test::corpus("trustworthy-2021.md");
  std::string broken = original;
  const std::string privacy = "- [Privacy](#privacy)\n", fairness = "- [Fairness](#fairness)\n";
  broken.erase(broken.find(privacy), privacy.size());
  broken.erase(broken.find(fairness), fairness.size());
  broken.insert(broken.find("- [Survey](#survey)"), fairness);
  ListDocument doc(broken);
  CHECK(findings(doc, "toc-missing").size() == 1);
  CHECK(findings(doc, "toc-order").size() == 1);
  CHECK(with_edits(broken, doc.update_toc_edits()) == original);
  CHECK(awesome::rules::fix_all(broken, {}) == awesome::rules::fix_all(original, {}));
}

TEST_CASE("entry-year moves an entry to its year section, in arXiv id order") {
  const std::string text =
      "# Awesome List\n\n"
      "## Privacy\n\n"
      "### Privacy: 2021\n\n" +
      entry("New", "2105.00001") + "\n" + entry("Stray", "2012.00009") + "\n" +
      entry("Newer", "2104.00001") +
      "\n"
      "### Privacy: 2020\n\n" +
      entry("Late", "2011.00005") + "\n" + entry("Early", "2001.00001") + "\n## Fairness\n";
  ListDocument doc(text);
  const auto year = findings(doc, "entry-year");
  REQUIRE(year.size() == 1);
  REQUIRE(year[0].fixes.size() == 1);
  CHECK(year[0].fixes[0].title == "Move the entry to the year section 'Privacy: 2020'");
  const std::string fixed = with_edits(text, year[0].fixes[0].edits);
  CHECK(fixed ==
        "# Awesome List\n\n"
        "## Privacy\n\n"
        "### Privacy: 2021\n\n" +
            entry("New", "2105.00001") + "\n" + entry("Newer", "2104.00001") +
            "\n"
            "### Privacy: 2020\n\n" +
            entry("Stray", "2012.00009") + "\n" + entry("Late", "2011.00005") + "\n" +
            entry("Early", "2001.00001") + "\n## Fairness\n");
  ListDocument after(fixed);
  CHECK(arxiv_ids(after) == arxiv_ids(doc));
  CHECK(findings(after, "entry-year").empty());
}

TEST_CASE("entry-year moving the last entry of the document leaves no blank line at the end") {
  const std::string text = "# Awesome List\n\n## Privacy\n\n### Privacy: 2021\n\n" +
                           entry("New", "2105.00001") + "\n### Privacy: 2020\n\n" +
                           entry("Late", "2011.00005") + "\n" + entry("Stray", "2103.00009");
  ListDocument doc(text);
  const auto year = findings(doc, "entry-year");
  REQUIRE(year.size() == 1);
  REQUIRE(year[0].fixes.size() == 1);
  CHECK(with_edits(text, year[0].fixes[0].edits) ==
        "# Awesome List\n\n## Privacy\n\n### Privacy: 2021\n\n" + entry("New", "2105.00001") +
            "\n" + entry("Stray", "2103.00009") + "\n### Privacy: 2020\n\n" +
            entry("Late", "2011.00005"));
}

TEST_CASE("entry-year moves into the 2026 dialect's <details> sections, also to the end") {
  const std::string digest = "  - <details><summary>Digest</summary> Text. </details>\n";
  const auto entry26 = [&](const std::string& t, const std::string& id) {
    return "- " + t + ". [[paper]](https://arxiv.org/abs/" + id + ")\n  - Ada Lovelace.\n" + digest;
  };
  const std::string text =
      "# Paper List\n\n## Privacy\n\n"
      "<details>\n<summary>Privacy: 2025</summary>\n\n" +
      entry26("A", "2502.00001") + "\n" + entry26("Old", "2401.00001") +
      "\n</details>\n\n"
      "<details>\n<summary>Privacy: 2024</summary>\n\n" +
      entry26("B", "2405.00001") + "\n</details>\n";
  ListDocument doc(text);
  const auto year = findings(doc, "entry-year");
  REQUIRE(year.size() == 1);
  REQUIRE(year[0].fixes.size() == 1);
  const std::string fixed = awesome::rules::fix_all(text, {});
  CHECK(fixed ==
        "# Paper List\n\n## Privacy\n\n"
        "<details>\n<summary>Privacy: 2025</summary>\n\n" +
            entry26("A", "2502.00001") +
            "\n</details>\n\n"
            "<details>\n<summary>Privacy: 2024</summary>\n\n" +
            entry26("B", "2405.00001") + "\n" + entry26("Old", "2401.00001") + "\n</details>\n");
}

TEST_CASE("entry-year without a section for the year: create it, in the editor only") {
  const std::string text = "## Privacy\n\n### Privacy: 2021\n\n" + entry("Stray", "1905.00001");
  ListDocument doc(text);
  const auto year = findings(doc, "entry-year");
  REQUIRE(year.size() == 1);
  REQUIRE(year[0].fixes.size() == 1);
  CHECK(year[0].fixes[0].title ==
        "Create the year section 'Privacy: 2019' and move the entry there");
  CHECK_FALSE(year[0].fixes[0].safe);
  CHECK(awesome::rules::fix_all(text, {}) == text);
  // The entry is the section's last: the new heading goes right above it.
  const std::string fixed = with_edits(text, year[0].fixes[0].edits);
  CHECK(fixed ==
        "## Privacy\n\n### Privacy: 2021\n\n### Privacy: 2019\n\n" + entry("Stray", "1905.00001"));
  ListDocument after(fixed);
  CHECK(findings(after, "entry-year").empty());
  CHECK(findings(after, "year-order").empty());
}

TEST_CASE("entry-year: no new year section after an unclosed fence that ends the document") {
  // The fence takes in the empty line after the document's last line break: the text after
  // it starts no line of its own, so there is nowhere to put the new section.
  const std::string text = "## Privacy\n\n### Privacy: 2021\n\n" + entry("Stray", "1905.00001") +
                           "\n" + entry("Kept", "2101.00001") + "\n```\nunclosed\n";
  ListDocument doc(text);
  const auto year = findings(doc, "entry-year");
  REQUIRE(year.size() == 1);
  for (const auto& fix : year[0].fixes) {
    for (const auto& edit : fix.edits) CHECK(edit.range.end.line < doc.line_count());
  }
  CHECK(year[0].fixes.empty());
}

TEST_CASE("a fix of several edits is applied whole or not at all") {
  using awesome::rules::Fix;
  using awesome::rules::TextEdit;
  Diagnostic replace_line, move;
  replace_line.fixes.push_back(Fix{"replace", {TextEdit{{{1, 0}, {1, 3}}, "XYZ"}}, true, true});
  // A move: delete line 1 and insert it after line 2. Its deletion clashes with the edit above.
  move.fixes.push_back(Fix{
      "move", {TextEdit{{{1, 0}, {2, 0}}, ""}, TextEdit{{{3, 0}, {3, 0}}, "def\n"}}, true, true});
  const std::vector<Diagnostic> diagnostics{replace_line, move};
  const auto edits = awesome::rules::safe_fix_edits(diagnostics);
  REQUIRE(edits.size() == 1);  // the insertion of the move must not be applied on its own
  CHECK(edits[0].new_text == "XYZ");
}

TEST_CASE("sort section sorts the entries around a line, keeping entries without an id") {
  const std::string no_id =
      "- No id. [[paper]](https://example.org/paper)\n  - Ada Lovelace.\n"
      "  - Key Word: Robustness.\n  - Digest: None.\n";
  const std::string text = "## Privacy\n\n### Privacy: 2021\n\n" + entry("A", "2101.00001") + "\n" +
                           no_id + "\n" + entry("B", "2103.00001") + "\n";
  ListDocument doc(text);
  CHECK(doc.sort_section_edits(0).empty());  // the category holds no entries itself
  const auto edits = doc.sort_section_edits(5);
  REQUIRE(edits.size() == 1);
  CHECK(with_edits(text, edits) == "## Privacy\n\n### Privacy: 2021\n\n" +
                                       entry("B", "2103.00001") + "\n" + no_id + "\n" +
                                       entry("A", "2101.00001") + "\n");
  ListDocument sorted(with_edits(text, edits));
  CHECK(sorted.sort_section_edits(5).empty());
  CHECK(doc.sort_section_edits(10000).empty());
}

TEST_CASE("sort section sorts each group after a comment on its own, never across a comment") {
  const std::string head = "## Privacy\n\n### Privacy: 2023\n\n";
  const auto text_of = [&](const std::vector<std::pair<std::string, std::string>>& blocks) {
    std::string text = head;
    for (const auto& [title, id] : blocks) text += (title == "<!--" ? id : entry(title, id)) + "\n";
    return text;
  };
  // A commented-out heading before the first entry, two topic groups after comments, one of
  // them a comment over several lines.
  const std::string text = text_of({{"<!--", "<!-- ### Privacy: 2022 -->\n"},
                                    {"A", "2301.00001"},
                                    {"B", "2303.00001"},
                                    {"<!--", "<!-- federated learning -->\n"},
                                    {"C", "2302.00001"},
                                    {"D", "2306.00001"},
                                    {"<!--", "<!--\nblockchain\n-->\n"},
                                    {"E", "2304.00001"},
                                    {"F", "2305.00001"}});
  ListDocument doc(text);
  const auto edits = doc.sort_section_edits(3);
  REQUIRE(edits.size() == 1);
  const std::string sorted = text_of({{"<!--", "<!-- ### Privacy: 2022 -->\n"},
                                      {"B", "2303.00001"},
                                      {"A", "2301.00001"},
                                      {"<!--", "<!-- federated learning -->\n"},
                                      {"D", "2306.00001"},
                                      {"C", "2302.00001"},
                                      {"<!--", "<!--\nblockchain\n-->\n"},
                                      {"F", "2305.00001"},
                                      {"E", "2304.00001"}});
  CHECK(with_edits(text, edits) == sorted);
  CHECK(awesome::rules::fix_all(text, {}) == sorted);
  ListDocument after(sorted);
  CHECK(findings(after, "entry-order").empty());
  CHECK(after.sort_section_edits(3).empty());

  // A suppression region is no group's start, and no entry is carried across it: no sort.
  const std::string region = text_of({{"A", "2301.00001"},
                                      {"<!--", "<!-- awesome-ls-disable entry-format -->\n"},
                                      {"B", "2303.00001"}});
  ListDocument suppressed(region);
  CHECK(findings(suppressed, "entry-order").size() == 1);
  CHECK(suppressed.sort_section_edits(3).empty());
  CHECK(awesome::rules::fix_all(region, {}) == region);
}
