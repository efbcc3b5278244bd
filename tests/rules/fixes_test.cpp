// Safe fixes on the real lists keep every entry: the same arXiv ids and titles, a second run
// changes nothing, and no finding with a safe fix is left.
#include "rules/fixes.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "rules/list_document.hpp"
#include "rules/text_util.hpp"
#include "tests/support/files.hpp"

using awesome::rules::ListDocument;

namespace {

std::vector<std::string> entry_keys(ListDocument& doc) {
  std::vector<std::string> keys;
  for (const auto& e : doc.model().entries) {
    // Fixes may touch punctuation and spacing of a title, never its words.
    std::string words;
    for (const auto& w : awesome::rules::text::words(e.title)) words += w + " ";
    keys.push_back((e.arxiv ? e.arxiv->id : std::string("-")) + "|" + words);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("fix_all keeps every entry of the real lists and converges") {
  for (const char* name :
       {"trustworthy-2021.md", "trustworthy-2026-readme.md", "trustworthy-2026-full.md"}) {
    CAPTURE(name);
    const std::string text = awesome::test::corpus(name);
    ListDocument before(text);
    const std::string fixed = awesome::rules::fix_all(text, {});
    CHECK(fixed != text);
    ListDocument after(fixed);
    CHECK(entry_keys(after).size() == entry_keys(before).size());
    CHECK(entry_keys(after) == entry_keys(before));
    CHECK(awesome::rules::fix_all(fixed, {}) == fixed);
    CHECK(awesome::rules::safe_fix_edits(after.diagnostics()).empty());
  }
}

TEST_CASE("apply_edits applies non-overlapping edits and skips overlapping ones") {
  using awesome::rules::TextEdit;
  const std::string text = "abc\ndef\n";
  std::vector<TextEdit> edits{
      {{{0, 1}, {0, 2}}, "B"}, {{{1, 0}, {1, 3}}, "XYZ"}, {{{0, 1}, {0, 3}}, "no"}};
  std::size_t applied = 0;
  CHECK(awesome::rules::apply_edits(text, edits, &applied) == "aBc\nXYZ\n");
  CHECK(applied == 2);
}

TEST_CASE("fix_rule applies the safe fixes of one rule only, to a fixed point") {
  using awesome::rules::RuleId;
  const std::string text =
      "## Privacy\n"
      "\n"
      "### Privacy: 2020\n"
      "\n"
      "- A Paper About Privacy [[paper]](http://arxiv.org/abs/2010.09515)\n"
      "  - Ann Lee, Bo Chen. *ICLR 2021*\n"
      "  - Key Work: Differential Privacy.\n"
      "  - Digest: We study privacy.\n"
      "\n"
      "- B Paper About Privacy [[paper]](http://arxiv.org/abs/2010.09516)\n"
      "  - Ann Lee, Bo Chen. *ICLR 2021*\n"
      "  - Key Work: Differential Privacy.\n"
      "  - Digest: We study privacy.\n";
  const auto count = [](const std::string& t, std::string_view rule) {
    ListDocument doc(t);
    return std::count_if(doc.diagnostics().begin(), doc.diagnostics().end(),
                         [&](const auto& d) { return d.rule == rule; });
  };
  REQUIRE(count(text, "keyword-label") == 2);
  const std::string fixed = awesome::rules::fix_rule(text, {}, RuleId::kKeywordLabel);
  CHECK(count(fixed, "keyword-label") == 0);
  // Only the key word labels changed: the arXiv URLs keep their http:.
  std::string expected = text;
  for (std::size_t at = expected.find("Key Work:"); at != std::string::npos;
       at = expected.find("Key Work:")) {
    expected.replace(at, 9, "Key Word:");
  }
  CHECK(fixed == expected);
  CHECK(awesome::rules::fix_rule(fixed, {}, RuleId::kKeywordLabel) == fixed);
}
