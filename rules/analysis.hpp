// Internal: what the checks read. The blocks with their absolute first lines, the outline
// (sections, which list items are paper entries, the ToC) and the configuration; plus the
// sink that checks report into. Rebuilt by ListDocument after every edit in O(blocks).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "rules/blocks.hpp"
#include "rules/config.hpp"
#include "rules/diagnostic.hpp"
#include "rules/model.hpp"
#include "rules/venues.hpp"

namespace awesome::rules {

struct Vocabulary;  // rules/completion.hpp

struct SectionRec {
  SectionKind kind = SectionKind::kOther;
  std::size_t block = 0;            ///< heading or summary block
  int level = 0;                    ///< heading level, 0 for <summary>
  std::size_t parent = SIZE_MAX;    ///< enclosing section
  bool holds_papers = false;
  std::vector<std::size_t> entries; ///< block indexes of paper entries directly inside
  std::size_t end_block = 0;        ///< one past the last block of the section's content
};

struct TocRec {
  std::size_t block = 0;   ///< the list item block
  std::uint32_t line = 0;  ///< line within the block
  Range range;             ///< relative to the block: the whole `[text](#anchor)`
  Range anchor_range;      ///< relative: `anchor` without '#'
  std::string text;
  std::string anchor;
  int depth = 0;
};

/// What keyword-variant found for one vocabulary; kept by ListDocument between runs.
struct VariantCache {
  bool valid = false;
  std::uint64_t fingerprint = 0;
  std::unordered_map<std::string, std::pair<std::string, std::string>> found;  ///< variant -> (reference, why)
  std::vector<std::tuple<std::string, std::size_t, std::string, int>> word_typos;
  /// One record per variant spelling, keyed by the hash of its text.
  struct Emit {
    std::string variant;
    std::string reference;      ///< the phrase, or the word for a word-level typo
    std::string why;
    int used = 0;
    std::size_t word_index = SIZE_MAX;  ///< word-level typo: which word of the phrase
  };
  std::unordered_map<std::uint64_t, Emit> emits;
};

struct Analysis {
  Analysis(const std::vector<BlockPtr>& b, const std::vector<std::uint32_t>& lines,
           const Config& c, const VenueCatalog& v)
      : blocks(b), first_line(lines), config(c), venues(v) {}

  const std::vector<BlockPtr>& blocks;
  const std::vector<std::uint32_t>& first_line;  ///< absolute first line of each block
  const Config& config;
  const VenueCatalog& venues;
  Dialect dialect = Dialect::k2026;
  std::vector<SectionRec> sections;
  std::vector<std::size_t> block_section;  ///< innermost section of each block, or SIZE_MAX
  std::vector<std::size_t> papers;         ///< block indexes of paper entries, in order
  std::vector<TocRec> toc;
  std::size_t toc_section = SIZE_MAX;
  VariantCache* variant_cache = nullptr;  ///< reused across runs when set

  const Block& block(std::size_t i) const { return *blocks[i]; }
  const Entry& entry(std::size_t block_index) const { return *blocks[block_index]->entry; }
  Range absolute(std::size_t block_index, Range r) const {
    const std::uint32_t base = first_line[block_index];
    r.start.line += base;
    r.end.line += base;
    return r;
  }
  /// The whole title line of a block, absolute.
  Range line_range(std::size_t block_index, std::uint32_t rel_line) const {
    const std::uint32_t len = blocks[block_index]->lines[rel_line].length;
    const std::uint32_t line = first_line[block_index] + rel_line;
    return {{line, 0}, {line, len}};
  }
};

/// Collects findings; positions are absolute unless a base line is set for local checks.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::vector<Diagnostic>& out, std::uint32_t base_line = 0)
      : out_(out), base_(base_line) {}
  Diagnostic& report(std::string_view rule, Range range, std::string message);
  std::uint32_t base_line() const { return base_; }

 private:
  std::vector<Diagnostic>& out_;
  std::uint32_t base_;
};

/// A safe, preferred fix of one edit: what most rules offer.
inline Fix single_edit_fix(std::string title, Range range, std::string new_text) {
  Fix f;
  f.title = std::move(title);
  f.edits.push_back({range, std::move(new_text)});
  f.safe = true;
  f.preferred = true;
  return f;
}

/// Builds the outline of `a` (sections, papers, ToC, dialect).
void build_outline(Analysis& a);

/// Counts key words and venues and records the outline by lines (vocabulary.cpp).
void update_vocabulary(const Analysis& a, Vocabulary& v);

/// The public model with absolute positions.
Model build_model(const Analysis& a);

/// Per-block checks: findings relative to the block's first line.
void check_block_local(const Analysis& a, std::size_t block_index, std::vector<Diagnostic>& out);
/// Document-wide checks: absolute positions.
void check_document(const Analysis& a, std::vector<Diagnostic>& out);

// Rule families (rules/checks/*.cpp).
void check_entry_format(const Analysis& a, std::size_t block_index, DiagnosticSink& sink);
void check_entry_keywords(const Analysis& a, std::size_t block_index, DiagnosticSink& sink);
void check_block_text(const Analysis& a, std::size_t block_index, DiagnosticSink& sink);
void check_structure(const Analysis& a, DiagnosticSink& sink);
void check_toc(const Analysis& a, DiagnosticSink& sink);

// Whole-section edits shared by fixes and editor commands; nullopt when nothing changes.
/// The table of contents brought up to date with the headings (checks/toc.cpp).
std::optional<TextEdit> toc_update_edit(const Analysis& a);
/// The entries of `s` sorted by arXiv id in the configured direction, entries without an id
/// keeping their slots (checks/ordering.cpp).
std::optional<TextEdit> sort_section_edit(const Analysis& a, const SectionRec& s);
void check_ordering(const Analysis& a, DiagnosticSink& sink);
void check_duplicates(const Analysis& a, DiagnosticSink& sink);
void check_keyword_variants(const Analysis& a, DiagnosticSink& sink);
void check_document_text(const Analysis& a, DiagnosticSink& sink);

}  // namespace awesome::rules
