// Internal: what the checks read. The blocks with their absolute first lines, the outline
// (sections, which list items are paper entries, the ToC) and the configuration; plus the
// sink that checks report into. Findings (findings.hpp) keeps one up to date edit by edit.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "rules/blocks.hpp"
#include "rules/catalog.hpp"
#include "rules/config.hpp"
#include "rules/conventions.hpp"
#include "rules/diagnostic.hpp"
#include "rules/model.hpp"
#include "rules/venues.hpp"

namespace awesome::rules {

struct LineOutline;  // rules/completion.hpp

struct SectionRec {
  SectionKind kind = SectionKind::kOther;
  std::size_t block = 0;          ///< heading or summary block
  int level = 0;                  ///< heading level, 0 for <summary>
  std::size_t parent = SIZE_MAX;  ///< enclosing section
  bool holds_papers = false;
  std::vector<std::size_t> entries;  ///< block indexes of paper entries directly inside
  std::size_t end_block = 0;         ///< one past the last block of the section's content
  // What the section holds directly, for finding the paper part from content.
  std::uint32_t direct_entries = 0;  ///< list items that parse as entries
  std::uint32_t direct_prose = 0;    ///< other text: paragraphs, plain bullets, code, HTML
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

struct Analysis {
  Analysis(const std::vector<BlockPtr>& b, const std::vector<std::uint32_t>& lines, const Config& c,
           const VenueCatalog& v)
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
  /// The section whose children are the categories (or year sections) of the paper part:
  /// `# Paper List`, the title, or SIZE_MAX for the document itself.
  std::size_t paper_root = SIZE_MAX;
  bool years_at_top = false;  ///< year sections right under the paper root (a list by year)
  // Inputs of dialect detection, kept so that an edit can update the dialect without a rebuild.
  bool has_paper_list = false;
  bool has_year_headings = false;
  std::size_t digests_2021 = 0;        ///< paper entries with a `- Digest:` line
  std::size_t digests_2026 = 0;        ///< paper entries with a `<details>` digest
  ConventionCounts convention_counts;  ///< of the paper entries, kept like the digest counts
  OrderConventions order;              ///< by order_conventions(), when ids or years change
  Conventions conventions;             ///< derived by derive_conventions()
  // What check_chunk() looks at: sections [section_begin, section_end) and blocks
  // [block_begin, block_end). The whole document unless narrowed to one chunk.
  std::size_t section_begin = 0, section_end = SIZE_MAX;
  std::size_t block_begin = 0, block_end = SIZE_MAX;

  std::size_t sections_end() const {
    return section_end < sections.size() ? section_end : sections.size();
  }
  std::size_t blocks_end() const { return block_end < blocks.size() ? block_end : blocks.size(); }
  /// Whether block `bi` is a paper entry: a parsed entry in a section that holds papers.
  bool is_paper(std::size_t bi) const {
    return blocks[bi]->entry && block_section[bi] != SIZE_MAX &&
           sections[block_section[bi]].holds_papers;
  }
  /// The index of `b` among `blocks`, found by its label; SIZE_MAX when it is not there.
  std::size_t index_of(const Block* b) const;

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

/// Collects the findings of one check family. Each family reports only the rules whose
/// catalog scopes include its own (a per-block check reporting a rule that reads a neighbour
/// is a programmer error: report() throws std::logic_error), since Findings re-runs it only when
/// its scope changes.
class DiagnosticSink {
 public:
  DiagnosticSink(std::vector<Diagnostic>& out, Scope scope) : out_(out), scope_(scope) {}
  Diagnostic& report(RuleId rule, Range range, std::string message);
  Scope scope() const { return scope_; }

 private:
  std::vector<Diagnostic>& out_;
  Scope scope_;
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

/// The section an entry of section `s` is filed under: `s`, or for a year section the section
/// around it (`## Privacy` for `### Privacy: 2020`); SIZE_MAX for none. Copies of a paper in
/// two year sections of one category are in one place twice; in two categories, cross-listed.
std::size_t filing_section(const Analysis& a, std::size_t s);
/// Whether section `s` or a section around it is named a thesis or dissertation.
bool in_thesis_section(const Analysis& a, std::size_t s);
/// Builds the outline of `a` (sections, papers, ToC, dialect).
void build_outline(Analysis& a);
/// Whether `a` is a paper list: some paper entry links to a web page. What is not gets one
/// `no-entries` finding (when it has links at all) and no fixes from `check --fix`.
bool is_paper_list(const Analysis& a);
/// The `no-entries` finding of a document that is not a paper list but has web links.
void check_recognised(const Analysis& a, DiagnosticSink& sink);
/// The dialect that the detection inputs of `a` give (or the configured one).
Dialect detect_dialect(const Analysis& a);
/// The list's conventions from `a.convention_counts` and `a.order`.
Conventions derive_conventions(const Analysis& a);
/// The OrderConventions of `a`, no pair counted across a comment that starts an ordering
/// group: O(blocks of the paper part) (checks/ordering.cpp).
OrderConventions order_conventions(const Analysis& a);
/// Whether a block is text of its own in a section (prose, a bullet that is no paper entry,
/// code, HTML other than `<details>`/`<summary>` wrappers): a section holding such text and no
/// entries is not part of the paper list.
bool is_prose(const Block& b);
/// Whether a block can change the outline: a heading, or a `<summary>` that names a year.
bool shapes_outline(const Block& b);
/// Whether replacing heading block `x` by `y` keeps every section's kind, level, parent and
/// paper-holding as it is (only the heading text changes).
bool same_outline_role(const Block& x, const Block& y);
/// Whether a section's heading starts a chunk: a category, or a level-1 or level-2 section
/// outside the paper part (unless year sections sit at the top of the paper part, which are
/// compared with each other). check_chunk() findings of a chunk read only the chunk and the
/// outline.
bool starts_chunk(const Analysis& a, const SectionRec& s);

/// The outline by lines, for completion and editor commands (vocabulary.cpp).
void build_line_outline(const Analysis& a, LineOutline& out);

/// Where an entry of a built model came from: its block, kept alive so that no later block
/// can have its address, and the block's first line then.
struct EntrySource {
  BlockPtr block;
  std::uint32_t first_line = 0;
};

/// The public model with absolute positions; `sources` receives one EntrySource per entry.
/// The entries of blocks that were in `previous` (built from `previous_sources`) are moved
/// from it and shifted, not copied again: after a keystroke, all but one entry are the same.
Model build_model(const Analysis& a, Model previous,
                  const std::vector<EntrySource>& previous_sources,
                  std::vector<EntrySource>& sources);

/// Per-block checks: findings relative to the block's first line.
void check_block_local(const Analysis& a, std::size_t block_index, std::vector<Diagnostic>& out);
/// The checks scoped by `a.section_begin`... (structure, ordering, blank lines and placeholders
/// between entries): absolute positions, all inside the scope's blocks.
void check_chunk(const Analysis& a, DiagnosticSink& sink);

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
/// keeping their slots; each group after a comment between entries (not a suppression) sorts
/// on its own. nullopt also when the sort would carry an entry across a suppression comment or
/// away from a suppression of the next line (checks/ordering.cpp).
std::optional<TextEdit> sort_section_edit(const Analysis& a, const SectionRec& s);
/// The blocks [begin, end) that move with the entry in block `entry`: the entry, or the
/// entry with its own `<details><summary>...</summary>` wrapper; nullopt when HTML around it
/// is not a wrapper of its own (then it does not move). checks/ordering.cpp.
struct EntryUnit {
  std::size_t begin = 0, end = 0, entry = 0;
};
std::optional<EntryUnit> entry_unit(const Analysis& a, std::size_t entry_block);
void check_ordering(const Analysis& a, DiagnosticSink& sink);
void check_document_text(const Analysis& a, DiagnosticSink& sink);

}  // namespace awesome::rules
