// duplicate-paper in a list that cross-lists (files identical copies of a paper under several
// sections) and in one that does not; what the message says when copies differ.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using awesome::rules::Config;
using awesome::rules::Diagnostic;
using awesome::rules::ListDocument;
using awesome::test::line_of;

namespace {

struct Paper {
  std::string title, id, authors, venue;
};

const Paper kBadNets{"BadNets: Evaluating Backdooring Attacks on Deep Neural Networks.",
                     "1708.06733", "Tianyu Gu, Brendan Dolan-Gavitt, Siddharth Garg", ""};
const Paper kTrojan{"Trojaning Attack on Neural Networks.", "1710.10000",
                    "Yingqi Liu, Shiqing Ma, Yousra Aafer", "NDSS 2018"};
const Paper kSpectral{"Spectral Signatures in Backdoor Attacks.", "1811.00636",
                      "Brandon Tran, Jerry Li, Aleksander Madry", "NeurIPS 2018"};
const Paper kCleanse{"Neural Cleanse: Identifying and Mitigating Backdoor Attacks.", "1901.00001",
                     "Bolun Wang, Yuanshun Yao, Shawn Shan", ""};

std::string entry(const Paper& p, const std::string& key_word = "Backdoor Attack") {
  return "- " + p.title + " [[paper]](https://arxiv.org/abs/" + p.id + ")\n  - " + p.authors + "." +
         (p.venue.empty() ? "" : " *" + p.venue + "*") + "\n  - Key Word: " + key_word +
         ".\n  - <details><summary>Digest</summary> About " + p.id + ".</details>\n\n";
}

std::string list(const std::vector<Paper>& attacks, const std::vector<Paper>& defenses) {
  std::string text = "# Awesome Backdoor Learning\n\n# Paper List\n\n## Attacks\n\n";
  for (const auto& p : attacks) text += entry(p);
  text += "## Defenses\n\n";
  for (const auto& p : defenses) text += entry(p, "Backdoor Defense");
  return text;
}

std::vector<Diagnostic> findings(ListDocument& doc, std::string_view rule) {
  std::vector<Diagnostic> out;
  for (const auto& d : doc.diagnostics()) {
    if (d.rule == rule)
      out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("a list that cross-lists files identical copies under several sections unreported") {
  Paper stale = kCleanse;
  stale.venue = "S&P 2019";
  const std::string text = list({kCleanse, kSpectral, kTrojan, kBadNets},
                                {stale, kSpectral, kTrojan, kBadNets, kBadNets});
  ListDocument doc(text);
  CHECK(doc.model().conventions.cross_listed);
  const auto found = findings(doc, "duplicate-paper");
  REQUIRE(found.size() == 2);
  // A copy that differs from the first is stale: the message says in what.
  CHECK(found[0].range.start.line + 1 == line_of(text, "## Defenses") + 2);
  CHECK(found[0].message ==
        "Paper listed twice (arXiv 1901.00001); the copies differ: venue; the first copy is "
        "'Neural Cleanse: Identifying and Mitigating Backdoor Attacks.'.");
  REQUIRE(found[0].related.size() == 1);
  CHECK(found[0].related[0].range.start.line + 1 == line_of(text, "- Neural Cleanse"));
  // A second copy in one section points at the copy there.
  CHECK(found[1].message ==
        "Paper listed twice in one section (arXiv 1708.06733); the earlier copy is "
        "'BadNets: Evaluating Backdooring Attacks on Deep Neural Networks.'.");
  CHECK(found[1].related[0].message == "the earlier copy");
  CHECK(found[1].related[0].range.start.line + 1 >= line_of(text, "## Defenses"));
  REQUIRE(found[1].fixes.size() == 1);
  CHECK_FALSE(found[1].fixes[0].safe);
}

TEST_CASE("identical copies in other sections are reported while a list has fewer than three") {
  const std::string text = list({kCleanse, kSpectral, kTrojan}, {kSpectral, kTrojan});
  ListDocument doc(text);
  CHECK_FALSE(doc.model().conventions.cross_listed);
  const auto found = findings(doc, "duplicate-paper");
  REQUIRE(found.size() == 2);
  CHECK(found[0].message ==
        "Paper listed twice (arXiv 1811.00636); the first copy is 'Spectral Signatures in "
        "Backdoor Attacks.'.");

  const auto facts = doc.explain_conventions();
  const auto fact = std::find_if(facts.begin(), facts.end(),
                                 [](const auto& f) { return f.key == "crossListed"; });
  REQUIRE(fact != facts.end());
  CHECK(fact->value == "false");
  CHECK(fact->source == awesome::rules::ConventionFact::Source::kLearnt);
  CHECK(fact->evidence ==
        "2 entries are identical copies of one in another section (a list cross-lists from "
        "three)");

  // Pinned, the same two copies are how the list files them.
  Config pinned;
  pinned.conventions.cross_listed = true;
  ListDocument doc_pinned(text, pinned);
  CHECK(findings(doc_pinned, "duplicate-paper").empty());
}

TEST_CASE("copies that differ say in what, authors and a venue written as text included") {
  Paper renamed = kTrojan;
  renamed.title = "Trojaning Attacks on Neural Networks.";
  Paper plain_venue = kSpectral;
  plain_venue.authors += ". arXiv, 2018";
  plain_venue.venue = "";
  Paper other_authors = kBadNets;
  other_authors.authors = "Tianyu Gu, Kang Liu";
  ListDocument doc(list({kTrojan, kSpectral, kBadNets}, {renamed, plain_venue, other_authors}));
  const auto found = findings(doc, "duplicate-paper");
  REQUIRE(found.size() == 3);
  CHECK(found[0].message.find("; the copies differ: title; ") != std::string::npos);
  CHECK(found[1].message.find("; the copies differ: venue; ") != std::string::npos);
  CHECK(found[2].message.find("; the copies differ: authors; ") != std::string::npos);
}
