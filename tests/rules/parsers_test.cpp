// The two parsers under the checks, tested directly: what blocks a small text splits into
// (rules/blocks.*) and what fields an entry's lines parse into (rules/entry_parser.*),
// near misses included.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/blocks.hpp"
#include "rules/entry_parser.hpp"

using namespace awesome::rules;

namespace {

std::vector<BlockKind> kinds(const std::vector<BlockPtr>& blocks) {
  std::vector<BlockKind> out;
  for (const BlockPtr& b : blocks) out.push_back(b->kind);
  return out;
}

}  // namespace

TEST_CASE("a small list splits into heading, blank, item and comment blocks") {
  const auto blocks = parse_blocks(
      "# Title\n"
      "\n"
      "- A paper. [[paper]](https://arxiv.org/abs/2010.09515)\n"
      "  - Ann Lee. *ICML 2021*\n"
      "<!-- awesome-ls-disable-next-line entry-order -->\n",
      false);
  using enum BlockKind;
  CHECK(kinds(blocks) == std::vector{kHeading, kBlank, kListItem, kComment});
  REQUIRE(blocks[0]->heading);
  CHECK(blocks[0]->heading->level == 1);
  CHECK(blocks[0]->heading->title == "Title");
  CHECK(blocks[2]->line_count() == 2);  // the sub-bullet continues the item
  CHECK(blocks[2]->entry.has_value());
  REQUIRE(blocks[3]->suppression);
  CHECK(blocks[3]->suppression->kind == Suppression::Kind::kNextLine);
  CHECK(blocks[3]->suppression->rules == std::vector<std::string>{"entry-order"});
}

TEST_CASE("near misses of blocks: a fence holds a heading, a bullet without a space is text") {
  using enum BlockKind;
  CHECK(kinds(parse_blocks("```\n# not a heading\n```\n", false)) == std::vector{kFence});
  CHECK(kinds(parse_blocks("#not a heading\n", false)) == std::vector{kParagraph});
  CHECK(kinds(parse_blocks("<summary>Privacy: 2020</summary>\n", false)) == std::vector{kSummary});
}

TEST_CASE("a final empty line after the last terminator is a block only at the document end") {
  CHECK(parse_blocks("text\n", false).size() == 1);
  CHECK(parse_blocks("text\n", true).size() == 2);
}

TEST_CASE("an entry's lines parse into title, links, arXiv id, authors, venue, key words, digest") {
  const std::vector<std::string_view> lines = {
      "- Paper Title. [[paper]](https://arxiv.org/abs/2010.09515) [[code]](https://github.com/a/b)",
      "  - Adam Foster, Tom Rainforth. *ICLR 2021*",
      "  - Key Word: Transformation Invariance; Contrastive Learning.",
      "  - Digest: We first introduce a training objective.",
  };
  const ParsedItem item = parse_list_item(lines);
  const Entry& e = item.entry;
  CHECK(e.title == "Paper Title.");
  REQUIRE(e.links.size() == 2);
  CHECK(e.links[0].label == "paper");
  CHECK(e.links[0].style == LinkStyle::kCanonical);
  CHECK(e.links[1].url == "https://github.com/a/b");
  REQUIRE(e.arxiv);
  CHECK(e.arxiv->id == "2010.09515");
  CHECK(e.authors_line == 1u);
  CHECK(e.authors == "Adam Foster, Tom Rainforth.");
  REQUIRE(e.venue);
  CHECK(e.venue->name == "ICLR");
  CHECK(e.venue->year == 2021);
  REQUIRE(e.keywords.size() == 2);
  CHECK(e.keywords[1].text == "Contrastive Learning");
  CHECK(item.syntax.keyword_label == "Key Word");
  CHECK(e.digest_style == DigestStyle::kPlain);
  CHECK(e.digest == "We first introduce a training objective.");
}

TEST_CASE("entry near misses: a malformed link keeps its style, a misspelt label is kept as is") {
  const std::vector<std::string_view> lines = {
      "- Paper Title. [[paper](https://arxiv.org/pdf/2010.09515v2.pdf)]",
      "  - Key Work: Robustness.",
  };
  const ParsedItem item = parse_list_item(lines);
  REQUIRE(item.entry.links.size() == 1);
  CHECK(item.entry.links[0].style == LinkStyle::kInnerBracket);
  REQUIRE(item.entry.arxiv);
  CHECK(item.entry.arxiv->id == "2010.09515");  // any URL form, no version
  CHECK(item.syntax.keyword_label == "Key Work");
  CHECK_FALSE(item.entry.venue);
}

TEST_CASE("parse_arxiv_url reads every URL form of an id, and nothing else") {
  CHECK(parse_arxiv_url("http://export.arxiv.org/abs/2010.09515v3")->id == "2010.09515");
  CHECK(parse_arxiv_url("https://arxiv.org/abs/cs/0112017")->id == "cs/0112017");
  CHECK_FALSE(parse_arxiv_url("https://github.com/abs/2010.09515"));
  CHECK(canonical_arxiv_url(*parse_arxiv_url("https://arxiv.org/pdf/2010.09515.pdf")) ==
        "https://arxiv.org/abs/2010.09515");
}
