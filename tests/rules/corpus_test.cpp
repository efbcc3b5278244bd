// The real lists of the corpus: each known defect is reported at its line, and the number of
// findings per rule is what was read through by hand (see the notes beside each count).
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "rules/list_document.hpp"
#include "tests/support/files.hpp"
#include "tests/support/findings.hpp"

using awesome::rules::ListDocument;
using awesome::test::corpus;
using awesome::test::counts;
using awesome::test::has;
using awesome::test::line_of;

TEST_CASE("2021 list: known defects are reported at their lines") {
  const std::string text = corpus("trustworthy-2021.md");
  ListDocument doc(text);
  CHECK(doc.model().dialect == awesome::rules::Dialect::k2021);
  CHECK(doc.model().entries.size() == 98);
  CHECK(has(doc, "heading-hierarchy", line_of(text, "### Others: 2017")));
  CHECK(has(doc, "keyword-label", line_of(text, "Key Work:")));
  // The outlier above a run in order is reported, not the first entry of the run.
  CHECK(has(doc, "entry-order", line_of(text, "abs/1802.00420")));
  CHECK_FALSE(has(doc, "entry-order", line_of(text, "abs/1803.01442")));
  CHECK(has(doc, "keyword-variant", line_of(text, "Federated Leraning")));
  // Used once each way: the titles and digests use `Information` and `Invariance` only.
  CHECK(has(doc, "keyword-variant", line_of(text, "Inforamtion Bottleneck")));
  CHECK(has(doc, "keyword-variant", line_of(text, "Transformation Invaraince")));
  // Used once each way too, but one substituted letter in a short word, and the paper's own
  // title says `Double Descend`.
  CHECK_FALSE(has(doc, "keyword-variant", line_of(text, "Deep Double Descend")));
  // `Uncerntainty Estimation` has no reference phrase here.
  CHECK_FALSE(has(doc, "keyword-variant", line_of(text, "Uncerntainty")));
  CHECK(has(doc, "entry-year", line_of(text, "abs/1711.01768")));
  CHECK(has(doc, "entry-shape", line_of(text, "    We show that defenses")));
  const std::map<std::string, int> expected{
      {"empty-section", 3},  // Survey, Survey: 2021, Others: 2017
      {"entry-order", 1},    // 1802.00420 above 1803.01442 and 1802.08686
      {"entry-shape", 1},    // the digest continued on the next line
      {"entry-year", 1},     // 1711.01768 under Others: 2018
      {"heading-hierarchy", 1}, {"keyword-label", 1},
      {"keyword-variant", 3},  // Federated Leraning; the ties Inforamtion, Invaraince
      {"whitespace", 7},       // doubled spaces; the two spaces ending each digest are line breaks
  };
  CHECK(counts(doc) == expected);
}

TEST_CASE("2026 full list: repeated arXiv ids, misspelled labels and out-of-order entries") {
  const std::string text = corpus("trustworthy-2026-full.md");
  ListDocument doc(text);
  CHECK(doc.model().dialect == awesome::rules::Dialect::k2026);
  CHECK(doc.model().entries.size() == 1152);
  // Second copies of a paper: a repeated arXiv id, and the same IEEE URL on another paper.
  const auto second_copy = text.find("abs/2007.08450", text.find("abs/2007.08450") + 1);
  REQUIRE(second_copy != std::string::npos);
  CHECK(has(doc, "duplicate-paper", line_of(text.substr(0, second_copy) + "@@", "@@")));
  CHECK(has(doc, "duplicate-paper", line_of(text, "- Revisiting AUC-Oriented Adversarial")));
  CHECK(has(doc, "keyword-label", line_of(text, "  - Keyword: Federated Learning; Neural")));
  CHECK(has(doc, "keyword-label", line_of(text, "  - Key Work:")));
  CHECK(has(doc, "keyword-label", line_of(text, "  - Ke Word:")));
  CHECK(has(doc, "keyword-variant", line_of(text, "Key Word: Uncerntainty Estimation")));
  // Ties, each phrase used once, told apart by the words of the titles and digests.
  CHECK(has(doc, "keyword-variant", line_of(text, "Person Re-Identificaiton")));
  CHECK(has(doc, "keyword-variant", line_of(text, "Model Editting; Forgetting")));
  CHECK(has(doc, "keyword-syntax", line_of(text, "Key Word:Backdoor Attack")));
  CHECK(has(doc, "link-syntax", line_of(text, "[[paper](https://doi.org/10.1016/j.adhoc")));
  CHECK(has(doc, "placeholder", line_of(text, "\nTBD\n") + 1));
  // `IEEE TBD` is a journal (Transactions on Big Data), not a placeholder.
  CHECK_FALSE(has(doc, "placeholder", line_of(text, "*IEEE TBD 2022*")));
  // An outlier above a run in order is reported, not the run's first entry below it.
  CHECK(has(doc, "entry-order", line_of(text, "abs/2306.04949")));
  CHECK_FALSE(has(doc, "entry-order", line_of(text, "abs/2309.09888")));
  // entry-order: the entries outside the longest run in order of their ordering group. 22
  // single slips (an outlier above or below a run, a swapped pair) before Others: 2023.
  // Others: 2023 and 2022 hold topic groups after `<!-- open-world learning -->` and
  // `<!-- blockchain -->` comments, each sorted on its own: only a swapped pair in each
  // section's first group (2305.12782, 2212.04089; read against the whole section, 5 and 21
  // entries of the groups broke the longest run). Others: 2021 has a block of four stale
  // entries, a run of seven and three more entries out of place (14).
  CHECK(has(doc, "entry-order", line_of(text, "abs/2305.12782")));
  CHECK(has(doc, "entry-order", line_of(text, "abs/2212.04089")));
  CHECK_FALSE(has(doc, "entry-order", line_of(text, "abs/2312.00276")));
  CHECK_FALSE(has(doc, "entry-order", line_of(text, "abs/2209.11436")));
  CHECK_FALSE(has(doc, "entry-order", line_of(text, "abs/2201.09366")));
  const std::map<std::string, int> expected{
      {"arxiv-url", 23},      {"duplicate-link", 2},    {"duplicate-paper", 3},
      {"duplicate-title", 1}, {"empty-section", 5},     {"entry-order", 38},
      {"entry-shape", 7},     {"entry-year", 2},        {"keyword-label", 5},
      {"keyword-syntax", 20}, {"keyword-variant", 99},  {"link-syntax", 7},
      {"placeholder", 5},     {"title-punctuation", 1}, {"toc-orphan", 1},
      {"venue", 6},           {"whitespace", 240},
  };
  // keyword-variant: 96 by counts, and three uses where the phrases tie, once each (Person
  // Re-Identificaiton, Model Editting, Loss Landsacpe; the last two on one line).
  // venue: FAT, USENIX twice and IJCAI'FL spellings, a plain `NeurIPS 2023` and an empty `**`;
  // the five venues one year before their arXiv year (NeurIPS 2022 on 2301.13694, CVPR 2021 on
  // 2206.12714, ...) are right and not reported. keyword-syntax: three of the twenty are lines
  // that hold a venue, the author names or a digest instead of key words.
  CHECK(has(doc, "venue", line_of(text, "Sijia Liu. NeurIPS 2023")));
  CHECK(has(doc, "keyword-syntax", line_of(text, "Key Word: Arup Mondal, Harpreet Virk")));
  CHECK(counts(doc) == expected);
}

TEST_CASE(
    "2026 README: paper part only, toolboxes, workshops and the template get no entry rules") {
  const std::string text = corpus("trustworthy-2026-readme.md");
  ListDocument doc(text);
  CHECK(doc.model().entries.size() == 52);
  CHECK(has(doc, "toc-orphan", line_of(text, "(#awesome-trustworthy--deep-learning)")));
  // A 2024 paper above the 2025 ones of its section, not the entry below it.
  CHECK(has(doc, "entry-order", line_of(text, "- Clients Collaborate: Flexible")));
  // The contributing template (`Key Word: XXX.`) sits outside the paper list.
  CHECK_FALSE(has(doc, "placeholder", line_of(text, "Key Word: XXX.")));
  const std::map<std::string, int> expected{
      {"empty-section", 2}, {"entry-order", 2}, {"link-syntax", 1},
      {"toc-orphan", 1},    {"whitespace", 3},
  };
  CHECK(counts(doc) == expected);
}
