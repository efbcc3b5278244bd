// Completion items in byte positions: what is offered where, in which order, replacing what.
#include "rules/completion.hpp"

#include <doctest/doctest.h>

#include <string>

#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using awesome::rules::CompletionItem;
using awesome::rules::CompletionOptions;
using awesome::rules::ListDocument;
using awesome::rules::Position;
using awesome::rules::Range;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (const auto& s : v) out += "\"" + s + "\" ";
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace {

const std::string kList =
    "# Awesome List\n"                                               // 0
    "\n"                                                             // 1
    "## Privacy\n"                                                   // 2
    "\n"                                                             // 3
    "### Privacy: 2020\n"                                            // 4
    "\n"                                                             // 5
    "- Paper A. [[paper]](https://arxiv.org/abs/2010.09515)\n"       // 6
    "  - Ann Lee. *ICLR 2021*\n"                                     // 7
    "  - Key Word: Differential Privacy; Federated Learning.\n"      // 8
    "  - Digest: A.\n"                                               // 9
    "\n"                                                             // 10
    "- Paper B. [[paper]](https://arxiv.org/abs/2003.00001)\n"       // 11
    "  - Bo Chen. *NeurIPS 2020*\n"                                  // 12
    "  - Key Word: Differential Privacy.\n"                          // 13
    "  - Digest: B.\n"                                               // 14
    "\n"                                                             // 15
    "## Fairness\n"                                                  // 16
    "\n"                                                             // 17
    "### Fairness: 2020\n"                                           // 18
    "\n"                                                             // 19
    "- Paper C. [[paper]](https://arxiv.org/abs/2011.00002)\n"       // 20
    "  - Cy Dee. *ICLR 2021*\n"                                      // 21
    "  - Key Word: Fairness; Federated Learning; Fair Ranking.\n"    // 22
    "  - Digest: C.\n"                                               // 23
    "\n"                                                             // 24
    "- Paper D. [[paper]](https://arxiv.org/abs/2012.00003) [[co\n"  // 25
    "  - Eve Fox. *\n"                                               // 26
    "  - Key Word: Fairness; F\n"                                    // 27
    "  - Digest: D.\n";                                              // 28

std::vector<std::string> labels(const std::vector<CompletionItem>& items,
                                std::size_t n = SIZE_MAX) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items.size() && i < n; ++i) out.push_back(items[i].label);
  return out;
}

std::uint32_t column_after(const std::string& line, const std::string& needle) {
  return static_cast<std::uint32_t>(line.find(needle) + needle.size());
}

std::uint32_t column_after_last(const std::string& line, const std::string& needle) {
  return static_cast<std::uint32_t>(line.rfind(needle) + needle.size());
}

const CompletionItem* find(const std::vector<CompletionItem>& items, std::string_view label) {
  for (const auto& i : items) {
    if (i.label == label)
      return &i;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("key words: the document's phrases by use, same category first, without the entry's") {
  ListDocument doc(kList);
  const std::string line(doc.line(27));
  const auto items =
      awesome::rules::complete(doc, {27, static_cast<std::uint32_t>(line.size())}, {});
  // "F" matches Federated Learning (2 uses, 1 here), Fair Ranking (1, here) and Differential
  // Privacy (2, none here); Fairness is the entry's already.
  CHECK(labels(items) ==
        std::vector<std::string>{"Federated Learning", "Fair Ranking", "Differential Privacy"});
  const CompletionItem& first = items.front();
  CHECK(first.kind == awesome::rules::CompletionKind::kKeyword);
  CHECK(first.range ==
        Range{{27, column_after(line, "; ")}, {27, static_cast<std::uint32_t>(line.size())}});
  CHECK(first.insert_text == "Federated Learning");
  CHECK(first.sort_text < items[1].sort_text);
  CHECK(first.documentation ==
        "Used by 2 entries of this list:\n- Fairness: 1 (this category)\n- Privacy: 1");

  // Right after the label, the phrase under the cursor is replaced up to its separator.
  const std::string l8(doc.line(8));
  const auto at_label = awesome::rules::complete(doc, {8, column_after(l8, "Key Word: ")}, {});
  REQUIRE(!at_label.empty());
  CHECK(at_label.front().range ==
        Range{{8, column_after(l8, "Key Word: ")}, {8, column_after(l8, "Differential Privacy")}});
  CHECK(find(at_label, "Federated Learning") == nullptr);    // the entry's other phrase
  CHECK(find(at_label, "Differential Privacy") != nullptr);  // the one being replaced
  // Before the label: nothing.
  CHECK(awesome::rules::complete(doc, {8, 5}, {}).empty());
}

TEST_CASE("venues after '*': the list's venues by use, then the catalog, year from the arXiv id") {
  ListDocument doc(kList);
  const std::string line(doc.line(26));
  const auto items =
      awesome::rules::complete(doc, {26, static_cast<std::uint32_t>(line.size())}, {});
  REQUIRE(items.size() > 10);
  CHECK(labels(items, 2) == std::vector<std::string>{"ICLR", "NeurIPS"});
  const CompletionItem& iclr = items.front();
  CHECK(iclr.kind == awesome::rules::CompletionKind::kVenue);
  // 2012.00003 is December 2020: a conference of the following year; no closing '*' yet.
  CHECK(iclr.insert_text == "ICLR 2021*");
  CHECK(iclr.range ==
        Range{{26, column_after(line, "*")}, {26, static_cast<std::uint32_t>(line.size())}});
  CHECK(iclr.detail == "International Conference on Learning Representations");
  CHECK(iclr.documentation.find("Used by 2 entries") != std::string::npos);
  // Catalog venues the list does not use come after, alphabetically.
  const CompletionItem* cvpr = find(items, "CVPR");
  REQUIRE(cvpr != nullptr);
  CHECK(cvpr->sort_text > items[1].sort_text);

  // An alias finds the canonical name, and a closing '*' is kept.
  ListDocument aliased(kList.substr(0, kList.find("  - Eve Fox. *")) + "  - Eve Fox. *NIPS*\n");
  const std::string l(aliased.line(26));
  const auto nips = awesome::rules::complete(aliased, {26, column_after(l, "NIPS")}, {});
  REQUIRE(!nips.empty());
  CHECK(nips.front().label == "NeurIPS");
  CHECK(nips.front().filter_text.find("NIPS") != std::string::npos);
  CHECK(nips.front().insert_text == "NeurIPS 2021");
  CHECK(nips.front().range == Range{{26, column_after(l, "*")}, {26, column_after(l, "NIPS")}});
  // Outside the asterisks, nothing.
  CHECK(
      awesome::rules::complete(doc, {7, column_after(std::string(doc.line(7)), "*ICLR 2021*")}, {})
          .empty());
}

TEST_CASE("link labels after double brackets, headings, and a whole entry on an empty line") {
  ListDocument doc(kList);
  const std::string l25(doc.line(25));
  const auto links =
      awesome::rules::complete(doc, {25, static_cast<std::uint32_t>(l25.size())}, {});
  REQUIRE(!links.empty());
  const CompletionItem* code = find(links, "code");
  REQUIRE(code != nullptr);
  CHECK(code->insert_text == "code]]()");
  CHECK(!code->snippet);
  CHECK(code->range ==
        Range{{25, column_after_last(l25, "[[")}, {25, static_cast<std::uint32_t>(l25.size())}});
  const auto snippet_links = awesome::rules::complete(
      doc, {25, static_cast<std::uint32_t>(l25.size())}, {.snippets = true});
  CHECK(find(snippet_links, "code")->insert_text == "code]](${1:url})");

  ListDocument headings(kList + "\n## \n\n### \n");
  const auto categories = awesome::rules::complete(headings, {30, 3}, {});
  CHECK(labels(categories) == std::vector<std::string>{"Privacy", "Fairness"});
  // Year sections of the enclosing category not yet there, newest first, named as siblings.
  ListDocument years(kList + "\n### \n");
  const auto year_items = awesome::rules::complete(years, {30, 4}, {.current_year = 2022});
  CHECK(labels(year_items) == std::vector<std::string>{"Fairness: 2022", "Fairness: 2021"});
  CHECK(year_items.front().range == Range{{30, 4}, {30, 4}});

  // An empty line between entries of a section: a whole new entry in the list's dialect.
  const auto entry = awesome::rules::complete(doc, {24, 0}, {.snippets = true});
  REQUIRE(entry.size() == 1);
  CHECK(entry[0].snippet);
  CHECK(entry[0].insert_text ==
        "- ${1:Title}. [[paper]](https://arxiv.org/abs/${2:id})\n  - ${3:Authors}.\n"
        "  - Key Word: ${4:Key Word}.\n  - Digest: ${5:Digest}");
  const auto plain = awesome::rules::complete(doc, {24, 0}, {});
  REQUIRE(plain.size() == 1);
  CHECK(!plain[0].snippet);
  CHECK(plain[0].insert_text.find('$') == std::string::npos);
  // Not in the title part of the document.
  CHECK(awesome::rules::complete(doc, {1, 0}, {}).empty());
}

TEST_CASE("completion on the real 2026 full list") {
  ListDocument doc(awesome::test::corpus("trustworthy-2026-full.md"));
  // The first Key Word line: its entry's phrases are not offered, the rest are ranked.
  std::uint32_t line = 0;
  while (!doc.line(line).starts_with("  - Key Word: ")) ++line;
  const std::string text(doc.line(line));
  const auto items = awesome::rules::complete(doc, {line, column_after(text, "Key Word: ")}, {});
  REQUIRE(items.size() == 100);  // capped; the client asks again as the user types
  for (const auto& item : items) CHECK(text.find("; " + item.label + ";") == std::string::npos);
  // The 2026 dialect's entry snippet uses a <details> digest.
  std::uint32_t blank = line;
  while (!doc.line(blank).empty()) ++blank;
  const auto entry = awesome::rules::complete(doc, {blank, 0}, {});
  REQUIRE(entry.size() == 1);
  CHECK(entry[0].insert_text.find("<details><summary>Digest</summary>") != std::string::npos);
}
