// Internal: the document as a sequence of blocks (a heading, an entry with its sub-bullets,
// a paragraph, a comment...). A block's kind depends only on its own lines and on whether the
// line before ended a block, which is what makes re-parsing an edit local.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/entry_parser.hpp"
#include "rules/model.hpp"

namespace awesome::rules {

enum class BlockKind : std::uint8_t {
  kBlank,      ///< one blank line
  kHeading,    ///< `## Title`
  kListItem,   ///< `- ...` at column 0 and its continuation lines
  kParagraph,  ///< other text and its continuation lines
  kHtml,       ///< a line starting with an HTML tag (`<details>`, `</details>`, `<a ...>`)
  kSummary,    ///< `<summary>Category: 2024</summary>` on its own line
  kComment,    ///< `<!-- ... -->`, possibly over several lines
  kFence,      ///< a fenced code block
};

/// One line of a block: where it is in the block's text.
struct BlockLine {
  std::uint32_t start = 0;
  std::uint32_t length = 0;  ///< without terminator
  std::uint8_t term = 0;     ///< terminator length: 0, 1 or 2
};

struct HeadingInfo {
  int level = 0;            ///< 1..6, 0 for `<summary>`
  std::string title;        ///< trimmed text
  Range title_range;        ///< relative to the block
  std::optional<int> year;  ///< `2020`, `Category: 2020`, `Category: 2019 and Before`
  bool year_and_before = false;
  std::string category;  ///< `Category` of `Category: 2020`
  std::string slug;      ///< GitHub slug of the title, before de-duplication
};

/// Suppression comment parsed from a kComment block.
struct Suppression {
  enum class Kind : std::uint8_t { kNextLine, kDisable, kEnable } kind = Kind::kNextLine;
  std::vector<std::string> rules;  ///< empty = all rules
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;  ///< the block's lines with their terminators
  std::vector<BlockLine> lines;
  std::optional<HeadingInfo> heading;  ///< kHeading, kSummary
  std::optional<Entry> entry;          ///< kListItem that looks like a paper entry
  EntrySyntax syntax;                  ///< details of `entry`
  // Keys of `entry` for document-wide checks, computed once when the block is parsed.
  std::string paper_key;
  std::string title_key;
  std::uint64_t digest_hash = 0;
  std::vector<std::uint64_t> phrase_hashes;  ///< hash of each key word's text
  std::uint64_t phrases_hash = 0;            ///< of all key words, in order
  std::uint64_t paper_key_hash = 0, title_key_hash = 0;
  std::vector<std::uint64_t> shared_link_hashes;  ///< per link: normalized URL hash of code and
                                                  ///< dataset links, 0 for the others
  // What tells two copies of a paper apart (the title is title_key): an identical copy has the
  // same title, author line and links.
  std::string authors_key;       ///< title_key() of the authors (a plain venue included)
  std::uint64_t venue_hash = 0;  ///< of the emphasized venue's name and year, 0 without
  std::uint64_t links_hash = 0;  ///< of the links' labels and normalized URLs, in any order
  std::uint64_t copy_hash = 0;   ///< of all of the above and the title
  bool says_thesis = false;      ///< the author line calls the entry a thesis
  std::optional<Suppression> suppression;  ///< kComment
  std::uint32_t counts_2021_digest = 0;    ///< for dialect detection
  std::uint32_t counts_2026_digest = 0;

  /// Bookkeeping of the document that holds the block, not part of what was parsed: the
  /// incremental diagnostics (findings.cpp) order blocks by `label` and mark them while
  /// updating. Blocks are never shared between documents.
  struct Marks {
    std::uint64_t label = 0;  ///< increases along the document
    std::uint8_t dirty = 0;   ///< producers whose findings of this block are recomputed
    bool indexed = false;     ///< a paper entry in the duplicate and key word indexes
    bool gone = false;        ///< replaced by an edit since the last update
  };
  mutable Marks marks;

  std::string_view line(std::uint32_t i) const {
    return std::string_view(text).substr(lines[i].start, lines[i].length);
  }
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(lines.size()); }
  /// Whether the text after the block starts a line: its last line has a terminator. Not so for
  /// the document's last block when it ends without one, and when an unclosed fence or comment
  /// takes in the empty last line of a document that ends with a line break.
  bool ends_line() const { return !lines.empty() && lines.back().term != 0; }
};

using BlockPtr = std::shared_ptr<const Block>;

/// Decides line by line where blocks start. Feed lines in order from a block boundary.
class BlockSplitter {
 public:
  /// True when `line` starts a new block; false when it continues the current one.
  bool starts_block(std::string_view line);
  BlockKind current_kind() const { return kind_; }

 private:
  BlockKind kind_ = BlockKind::kBlank;
  bool open_ = false;  ///< the current block accepts continuation lines
  char fence_char_ = 0;
  std::size_t fence_len_ = 0;
};

/// Splits `text` into lines (terminators "\n", "\r\n", "\r"). A text ending in a terminator
/// yields a final empty line without terminator only when `keep_final_empty` is true.
std::vector<BlockLine> split_lines(std::string_view text, bool keep_final_empty);

/// The suppression that a comment's text holds (`<!-- awesome-ls-disable-next-line a, b -->`),
/// or nullopt.
std::optional<Suppression> parse_suppression(std::string_view comment);

/// Splits `text` (starting at a block boundary) into parsed blocks. When `at_document_end`,
/// a final empty line after a last terminator is a block of its own (LSP counts it).
std::vector<BlockPtr> parse_blocks(std::string_view text, bool at_document_end);

/// Parses one block whose lines are already known.
BlockPtr parse_block(BlockKind kind, std::string text, std::vector<BlockLine> lines);

}  // namespace awesome::rules
