// Incremental re-parsing must give exactly what a fresh parse of the same text gives: same
// text, same lines, same diagnostics, same model, after any sequence of edits.
#include <doctest/doctest.h>

#include <array>
#include <random>

#include "rules/blocks.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using awesome::rules::ListDocument;
using awesome::rules::Position;
using awesome::rules::Range;

namespace {

/// Byte offset of a position, clamped the way ListDocument clamps.
std::size_t offset_of(const std::string& text, Position p) {
  const auto lines = awesome::rules::split_lines(text, true);
  if (p.line >= lines.size()) return text.size();
  return lines[p.line].start + std::min(p.column, lines[p.line].length);
}

void check_same_as_fresh(ListDocument& doc, const std::string& reference) {
  REQUIRE(doc.text() == reference);
  ListDocument fresh(reference, doc.config());
  REQUIRE(doc.line_count() == fresh.line_count());
  CHECK(doc.diagnostics() == fresh.diagnostics());
  CHECK(doc.model().entries.size() == fresh.model().entries.size());
  CHECK(doc.model().sections.size() == fresh.model().sections.size());
}

void random_edits(const std::string& name, int steps, unsigned seed) {
  std::string reference = awesome::test::corpus(name);
  ListDocument doc(reference);
  std::mt19937 rng(seed);
  static const std::array<std::string, 16> snippets{
      "\n", "\n\n", "- ", "  - ", "### 2020\n", "<!--", "-->", "```\n", "x",
      "[[paper]](https://arxiv.org/abs/2101.00001)", "  - Key Word: ", "é", "\xF0\x9F\x99\x82",
      "<summary>Privacy: 2024</summary>\n", "\r\n", "## Privacy\n"};
  for (int step = 0; step < steps; ++step) {
    const auto lines = static_cast<std::uint32_t>(doc.line_count());
    Position a{static_cast<std::uint32_t>(rng() % (lines + 1)), static_cast<std::uint32_t>(rng() % 120)};
    Position b = a;
    if (rng() % 3 == 0) b.line += rng() % 3;
    b.column = static_cast<std::uint32_t>(rng() % 160);
    if (b < a) std::swap(a, b);
    const std::string insert = rng() % 4 == 0 ? std::string() : snippets[rng() % snippets.size()];
    const std::size_t from = offset_of(reference, a), to = offset_of(reference, b);
    reference.replace(from, to - from, insert);
    doc.edit(Range{a, b}, insert);
    CAPTURE(step);
    check_same_as_fresh(doc, reference);
  }
}

}  // namespace

TEST_CASE("random edits on the 2021 list match a fresh parse at every step") {
  random_edits("trustworthy-2021.md", 600, 2021);
}

TEST_CASE("random edits on the 2026 README match a fresh parse at every step") {
  random_edits("trustworthy-2026-readme.md", 600, 2026);
}

TEST_CASE("random edits on the 2026 full list match a fresh parse at every step") {
  random_edits("trustworthy-2026-full.md", 60, 7);
}

TEST_CASE("edits past the end of a line or the document are clamped") {
  ListDocument doc("- A.\n");
  doc.edit({{0, 99}, {0, 99}}, " [[paper]](https://arxiv.org/abs/2010.09515)");
  CHECK(doc.text() == "- A. [[paper]](https://arxiv.org/abs/2010.09515)\n");
  doc.edit({{99, 0}, {99, 0}}, "tail");
  CHECK(doc.text() == "- A. [[paper]](https://arxiv.org/abs/2010.09515)\ntail");
  doc.edit({{1, 4}, {0, 0}}, "");  // reversed range
  CHECK(doc.text().empty());
  CHECK(doc.line_count() == 1);
}

TEST_CASE("an opened comment re-parses everything it swallows, and closing it restores the blocks") {
  const std::string text = awesome::test::corpus("trustworthy-2021.md");
  ListDocument doc(text);
  const auto before = doc.diagnostics();
  doc.edit({{24, 0}, {24, 0}}, "<!--\n");
  CHECK(doc.model().entries.size() < 98);
  doc.edit({{24, 0}, {25, 0}}, "");
  CHECK(doc.text() == text);
  CHECK(doc.diagnostics() == before);
}
