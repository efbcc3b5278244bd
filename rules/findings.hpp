// Internal: the diagnostics of a ListDocument kept up to date edit by edit. Each finding
// belongs to a group that is recomputed only when its inputs change: one block (its local
// checks, its duplicates, its key word variants), one chunk of sections (structure, ordering)
// or the table of contents. An update re-runs the dirty groups and merges their findings
// into the sorted result; the other findings stay, their lines shifted by the edits.
#pragma once

#include <cstdint>
#include <vector>

#include "rules/analysis.hpp"
#include "rules/entry_indexes.hpp"
#include "rules/update_times.hpp"

namespace awesome::rules {

/// The groups of findings that Findings keeps, each computed again only when its inputs change.
/// What each group's checks may read is the scope of its rules in the catalog (catalog.hpp);
/// DiagnosticSink refuses a rule reported outside them.
enum class Producer : std::uint8_t {
  kLocal,      ///< Scope::kBlock: check_block_local() of one block
  kChunk,      ///< Scope::kChunk: check_chunk() of one chunk of sections
  kToc,        ///< Scope::kToc and no-entries: check_toc(), check_recognised()
  kDuplicate,  ///< Scope::kDocument: one entry against the duplicate index
  kKeyword,    ///< Scope::kDocument: one entry's phrases against the key word index
};
inline constexpr int kProducers = 5;
/// The bit of a producer in Block::marks.dirty.
constexpr std::uint8_t bit(Producer p) {
  return static_cast<std::uint8_t>(1u << static_cast<int>(p));
}

class Findings {
 public:
  /// Keeps references to the document's blocks, their first lines, config and venues, which
  /// must outlive it.
  Findings(const std::vector<BlockPtr>& blocks, const std::vector<std::uint32_t>& first_line,
           const Config& config, const VenueCatalog& venues);

  /// The next update() computes everything again (the text was replaced, the config changed).
  void invalidate();
  /// Blocks [from, to) are about to give way to `fresh`. Called before the caller's block and
  /// line vectors change; gives the fresh blocks their labels.
  void replacing(std::size_t from, std::size_t to, const std::vector<BlockPtr>& fresh);
  /// The diagnostics of the current blocks: sorted by position then rule, severities and
  /// suppressions applied.
  const std::vector<Diagnostic>& update();

  /// For each diagnostic of the last update(), its index in the result of the update before
  /// when it is the same there (same position included), or kNew.
  const std::vector<std::uint32_t>& origins() const { return origins_; }
  static constexpr std::uint32_t kNew = UINT32_MAX;
  /// The outline, dialect and conventions the last update() computed, while no edit came
  /// after it; null when one did (or nothing was computed yet).
  const Analysis* current_analysis() const { return valid_ && records_.empty() ? &a_ : nullptr; }
  /// Counts the updates that computed a result.
  std::uint64_t generation() const { return generation_; }
  /// How long the phases of the last update that computed a result took.
  const UpdateTimes& times() const { return times_; }

 private:
  struct Tag {
    const Block* owner;   ///< the block, or a chunk's first block; null for the ToC
    std::uint64_t label;  ///< the owner's label when the finding was made
    Producer producer;
  };
  struct BlockState {
    bool computed = false;  ///< its local findings are in the result
    bool is_paper = false;  ///< ... computed as a paper entry (or not)
  };
  /// One replacement of blocks since the last update.
  struct Record {
    std::size_t from = 0;
    std::vector<BlockPtr> removed;
    std::vector<BlockPtr> fresh;
    const Block* neighbours[3] = {nullptr, nullptr, nullptr};  ///< from - 2, from - 1, to
    std::uint32_t line_from = 0;     ///< first line of the replaced blocks
    std::uint32_t old_line_end = 0;  ///< one past their last line
    std::uint32_t new_line_end = 0;  ///< one past the last line of the fresh blocks
  };
  struct Dirty;
  /// Entries that leave and join the indexes, and those whose index findings change.
  struct IndexChanges {
    std::vector<const Block*> removed, added, recheck, reemit;
  };

  void relabel();
  void build_chunks();
  std::size_t chunk_of(std::size_t block) const;
  /// Applies a record to the outline when it leaves the sections as they are; false when the
  /// outline must be built again.
  bool patch_outline(const Record& r, Dirty& dirty);
  bool map_lines(Diagnostic& d) const;
  // The phases of update(), in order.
  /// Labels and what the records say: lines moved, suppressions changed.
  void apply_records(Dirty& dirty);
  /// Patches the outline (or builds it again) and the dialect and conventions derived from it.
  void update_outline(Dirty& dirty);
  /// Everything dirty: the result is computed from scratch.
  void reset(Dirty& dirty, IndexChanges& changes);
  /// The groups that the records touch: blocks, their neighbours, chunks, heading subtrees.
  void mark_edits(Dirty& dirty, IndexChanges& changes);
  /// After an outline rebuild: the blocks that became or stopped being paper entries.
  void mark_outline_roles(Dirty& dirty, IndexChanges& changes);
  void update_indexes(Dirty& dirty, IndexChanges& changes);
  /// Each dirty group once, marked so that merge() drops its old findings.
  void settle_groups(Dirty& dirty, IndexChanges& changes);
  void produce(Dirty& dirty, std::vector<Diagnostic>& out, std::vector<Tag>& tags);
  void filter_suppressed(std::vector<Diagnostic>& out, std::vector<Tag>& tags) const;
  /// The findings that stay, lines mapped, merged with the fresh ones in result order.
  void merge(const Dirty& dirty, std::vector<Diagnostic> fresh, std::vector<Tag> fresh_tags);

  const std::vector<BlockPtr>& blocks_;
  const std::vector<std::uint32_t>& first_line_;
  const Config& config_;
  Analysis a_;
  bool valid_ = false;
  bool relabel_ = false;
  UpdateTimes times_;
  std::size_t suppressions_ = 0;   ///< blocks holding a suppression comment
  std::vector<BlockState> state_;  ///< per block
  std::vector<Record> records_;
  std::vector<std::size_t> chunk_start_;   ///< first block of each chunk
  std::vector<const Block*> chunk_owner_;  ///< owner of each chunk's findings in the result
  Dialect dialect_ = Dialect::k2026;
  Conventions conventions_;
  bool was_list_ = false;
  DuplicateIndex duplicates_;
  KeywordIndex keywords_;
  std::vector<Diagnostic> out_;
  std::vector<Tag> tags_;
  std::vector<std::uint32_t> origins_;
  std::uint64_t generation_ = 0;
};

}  // namespace awesome::rules
