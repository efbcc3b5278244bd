// Lists of the family beyond the three the engine was built on: two real lists of neighbouring
// formats (tests/corpus, MIT) and a synthetic list per template variant (tests/corpus/variants).
// Each is checked for the entries recognised, the findings per rule (read by hand), and the
// promises of `--fix`: the same entries, arXiv ids, (wrapper summary, paper) pairs and link
// destinations afterwards, and a second round that changes nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "fuzz/rules_checks.hpp"
#include "rules/entry_parser.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"
#include "tests/support/findings.hpp"

using awesome::rules::Config;
using awesome::rules::ListDocument;
using awesome::test::corpus;
using awesome::test::counts;
using awesome::test::has;
using awesome::test::line_of;

namespace {

std::string variant(const std::string& name) {
  return corpus("variants/" + name);
}

void check_fix_keeps_content(const std::string& name, const std::string& text) {
  CAPTURE(name);
  const std::string fixed = awesome::rules::fix_all(text, Config{});
  CHECK(awesome::fuzz::content_of(fixed) == awesome::fuzz::content_of(text));
  CHECK(awesome::rules::fix_all(fixed, Config{}) == fixed);
}

}  // namespace

TEST_CASE("backdoor learning resources: links under the title, [[pdf]] papers, years by venue") {
  const std::string text = corpus("backdoor-learning-resources.md");
  ListDocument doc(text);
  CHECK(doc.model().entries.size() == 541);
  const auto& c = doc.model().conventions;
  CHECK(c.paper_label == "pdf");
  CHECK(c.links_below);
  CHECK_FALSE(c.digest);
  CHECK_FALSE(c.sorted);
  CHECK(c.year_by_venue);
  CHECK(c.cross_listed);
  // News, citation, contributing and toolbox sections are not categories.
  CHECK_FALSE(has(doc, "empty-section", line_of(text, "## News")));
  // A skipped level in the preamble's prose is Markdown style, not the list's structure.
  CHECK_FALSE(has(doc, "heading-hierarchy", line_of(text, "#### Why Backdoor Learning?")));
  CHECK(has(doc, "entry-shape", line_of(text, "  Yi Yu, Yufei Wang, Wenhan Yang")));
  CHECK(has(doc, "arxiv-url", line_of(text, "(http://arxiv.org/pdf/1908.10498")));
  CHECK(has(doc, "link-syntax", line_of(text, "  [[Link]](")));
  // Copies of a paper: identical ones in other sections are how the list files a paper under
  // several topics; a second copy in one section, or one that differs, is reported (on the
  // paper link, the line under the title).
  const auto links_of = [&](const std::string& title, int n) {
    std::size_t at = text.find(title);
    while (at != std::string::npos && --n > 0) at = text.find(title, at + 1);
    REQUIRE(at != std::string::npos);
    return line_of(text.substr(0, at) + "@@", "@@") + 1;
  };
  CHECK_FALSE(has(doc, "duplicate-paper", links_of("- Neural Trojans.", 2)));
  CHECK(has(doc, "duplicate-paper", links_of("- A Unified Evaluation of Textual Backdoor", 3)));
  CHECK(has(doc, "duplicate-paper", links_of("- The Devil is in the GAN", 2)));
  CHECK(has(doc, "duplicate-paper", links_of("- Dynamic Backdoor Attacks with Global", 1)));
  CHECK(has(doc, "duplicate-paper", links_of("- More is Better (Mostly)", 2)));
  // The Master's thesis and the CVPR paper of the same title are two works.
  CHECK_FALSE(has(doc, "duplicate-title",
                  links_of("- Backdoor Attacks Against Deep Learning Systems", 2) - 1));
  const std::map<std::string, int> expected{
      {"arxiv-url", 3},          // http:, and two abs URLs ending in .pdf (broken links)
      {"duplicate-link", 2},     // the same code repository on two papers
      {"duplicate-paper", 6},    // copies that differ (venue, links, title) or share a section;
                                 // the 20 identical copies in other sections are cross-listed
      {"duplicate-title", 4},    // other versions of a paper (arXiv, then the proceedings)
      {"entry-shape", 1},        // one entry whose author line lost its bullet
      {"link-syntax", 1},        // '[[Link]]' for the list's 'link' ('Master Thesis', 'demo',
                                 // 'journal' and the other labels of its own are accepted)
      {"title-punctuation", 6},  // titles without the list's final '.'
      {"toc-order", 1},          // Vision Transformer listed before Detection and Tracking
      {"venue", 1},              // USENIX for USENIX Security
      {"whitespace", 53},
  };
  CHECK(counts(doc) == expected);
}

TEST_CASE("information bottleneck: another format is said to be no paper list, once") {
  const std::string text = corpus("information-bottleneck.md");
  ListDocument doc(text);
  CHECK(doc.model().entries.empty());
  CHECK_FALSE(doc.is_paper_list());
  const std::map<std::string, int> expected{{"no-entries", 1}};
  CHECK(counts(doc) == expected);
}

TEST_CASE("a list whose table of contents is an H1 and has no '# Paper List' is checked") {
  const std::string text = variant("toc-h1-no-paper-list.md");
  ListDocument doc(text);
  CHECK(doc.model().entries.size() == 8);
  CHECK(has(doc, "keyword-label", line_of(text, "Key Work:")));
  CHECK(has(doc, "keyword-label", line_of(text, "Key Wrod:")));
  CHECK(has(doc, "keyword-label", line_of(text, "key Word:")));
  CHECK(has(doc, "paper-link", line_of(text, "- Robustness Benchmarks Reconsidered.")));
  CHECK(has(doc, "entry-year", line_of(text, "abs/2502.01234")));
  const std::map<std::string, int> expected{
      {"duplicate-paper", 1}, {"entry-year", 2}, {"keyword-label", 3}, {"paper-link", 1}};
  CHECK(counts(doc) == expected);
}

TEST_CASE("a list organised by year only has no 'outside any category' findings") {
  const std::string text = variant("by-year.md");
  ListDocument doc(text);
  CHECK(doc.model().entries.size() == 5);
  const std::map<std::string, int> expected{{"entry-year", 1}};
  CHECK(counts(doc) == expected);
  CHECK(has(doc, "entry-year", line_of(text, "abs/2012.03333")));
}

TEST_CASE("template variants: each convention used by most entries is the list's own") {
  SUBCASE("Keywords: a, b") {
    const std::string text = variant("keywords-comma.md");
    ListDocument doc(text);
    CHECK(doc.model().conventions.keyword_label == "Keywords");
    CHECK(doc.model().conventions.keyword_separator == ',');
    const std::map<std::string, int> expected{{"keyword-label", 1}, {"keyword-syntax", 1}};
    CHECK(counts(doc) == expected);
    CHECK(has(doc, "keyword-label", line_of(text, "Key Word: Fairness Auditing")));
  }
  SUBCASE("a <details> digest over several lines, and extra spaces") {
    const std::string text = variant("details-digest.md");
    ListDocument doc(text);
    REQUIRE(doc.model().entries.size() == 3);
    CHECK(doc.model().entries[0].digest ==
          "We revisit concept bottleneck models and show that their concepts leak information.");
    const std::map<std::string, int> expected{{"whitespace", 1}};  // '-  <details>'
    CHECK(counts(doc) == expected);
  }
  SUBCASE("extra sub-lines on every entry") {
    const std::string text = variant("extra-sublines.md");
    ListDocument doc(text);
    const auto& labels = doc.model().conventions.sub_labels;
    CHECK(std::find(labels.begin(), labels.end(), "Modality") != labels.end());
    const std::map<std::string, int> expected{{"entry-shape", 1}};  // 'Applicaton:'
    CHECK(counts(doc) == expected);
    CHECK(has(doc, "entry-shape", line_of(text, "Applicaton:")));
  }
  SUBCASE("a link whose target continues on the next line") {
    const std::string text = variant("link-continued.md");
    ListDocument doc(text);
    REQUIRE(doc.model().entries.size() == 2);
    CHECK(doc.model().entries[0].arxiv->id == "2310.01111");
    CHECK(doc.model().entries[1].title == "Membership Inference Without a Full Stop");
    const std::map<std::string, int> expected{{"title-punctuation", 1}};
    CHECK(counts(doc) == expected);
    // The '.' goes after the title, not inside the link.
    const std::string fixed = awesome::rules::fix_all(text, Config{});
    CHECK(fixed.find("Without a Full Stop. [[paper]](\n  https://arxiv.org/abs/2307.02222)") !=
          std::string::npos);
  }
  SUBCASE("a <details> wrapper per paper moves with its paper") {
    const std::string text = variant("paper-wrapper.md");
    ListDocument doc(text);
    const std::map<std::string, int> expected{{"entry-order", 2}};
    CHECK(counts(doc) == expected);
    const std::string fixed = awesome::rules::fix_all(text, Config{});
    CHECK(fixed != text);
    CHECK(fixed.find("<details><summary>Robust Language Models (2023)</summary>\n\n- Robust "
                     "Language Models.") != std::string::npos);
  }
}

TEST_CASE("the configuration pins a convention against the list's majority") {
  const std::string text = variant("keywords-comma.md");
  Config pinned;
  pinned.conventions.keyword_label = "Key Word";
  pinned.conventions.keyword_separator = ';';
  ListDocument doc(text, pinned);
  CHECK(doc.model().conventions.keyword_label == "Key Word");
  CHECK(doc.model().conventions.keyword_separator == ';');
  // Now the three `Keywords: a, b` lines deviate and the `Key Word: a; b` line conforms.
  CHECK(counts(doc).at("keyword-label") == 3);
  CHECK_FALSE(has(doc, "keyword-label", line_of(text, "Key Word: Fairness Auditing")));
  CHECK(has(doc, "keyword-label", line_of(text, "Keywords: Fair Representation")));

  // The explanation names the pins and what the entries say.
  const auto facts = doc.explain_conventions();
  auto fact = [&](std::string_view key) {
    auto it = std::find_if(facts.begin(), facts.end(), [&](const auto& f) { return f.key == key; });
    REQUIRE(it != facts.end());
    return *it;
  };
  using Source = awesome::rules::ConventionFact::Source;
  CHECK(fact("keywordLabel").source == Source::kPinned);
  CHECK(fact("keywordLabel").value == "\"Key Word\"");
  CHECK(fact("keywordSeparator").source == Source::kPinned);
  CHECK(fact("digest").source == Source::kLearnt);
  CHECK(fact("digest").evidence == "4 of 4 entries have a digest");

  // Unpinned, the same list learns its own label.
  const auto learnt = ListDocument(text).explain_conventions();
  auto it = std::find_if(learnt.begin(), learnt.end(),
                         [](const auto& f) { return f.key == "keywordLabel"; });
  REQUIRE(it != learnt.end());
  CHECK(it->value == "\"Keywords\"");
  CHECK(it->source == Source::kLearnt);
  CHECK(it->evidence == "3 of 4 key word lines with a correctly spelled label use it");
}

TEST_CASE("--fix keeps entries, arXiv ids, wrapper pairs and link destinations, and settles") {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& dir :
       {fs::path(AWESOME_CORPUS_DIR), fs::path(AWESOME_CORPUS_DIR) / "variants"}) {
    for (const auto& f : fs::directory_iterator(dir)) {
      if (f.path().extension() == ".md" && f.path().filename() != "README.md")
        files.push_back(f.path());
    }
  }
  CHECK(files.size() >= 12);
  for (const auto& f : files)
    check_fix_keeps_content(f.filename().string(), awesome::test::read_file(f));
}
