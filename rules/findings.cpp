#include "rules/findings.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "rules/catalog.hpp"

namespace awesome::rules {

namespace {

constexpr std::uint8_t kAllProducers = 0xFF;
constexpr int kLabelShift = 32;  // gaps between labels: 2^32 insertions at one place

void erase_range(std::vector<std::size_t>& sorted, std::size_t from, std::size_t to) {
  auto lo = std::lower_bound(sorted.begin(), sorted.end(), from);
  auto hi = std::lower_bound(lo, sorted.end(), to);
  sorted.erase(lo, hi);
}

void shift_from(std::vector<std::size_t>& indexes, std::size_t at, std::ptrdiff_t by) {
  for (auto& i : indexes) {
    if (i >= at && i != SIZE_MAX)
      i = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + by);
  }
}

void insert_sorted(std::vector<std::size_t>& sorted, std::size_t value) {
  sorted.insert(std::lower_bound(sorted.begin(), sorted.end(), value), value);
}

struct Span {
  std::uint32_t from, to;
  std::vector<std::string> rules;
};

/// Line spans where `awesome-ls-disable...` comments switch rules off.
std::vector<Span> suppression_spans(const std::vector<BlockPtr>& blocks,
                                    const std::vector<std::uint32_t>& first_line) {
  std::vector<Span> spans;
  std::vector<std::pair<std::uint32_t, const Suppression*>> open;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const auto& s = blocks[bi]->suppression;
    if (!s)
      continue;
    const std::uint32_t after = first_line[bi] + blocks[bi]->line_count();
    switch (s->kind) {
      case Suppression::Kind::kNextLine:
        spans.push_back({after, after + 1, s->rules});
        break;
      case Suppression::Kind::kDisable:
        open.emplace_back(after, &*s);
        break;
      case Suppression::Kind::kEnable:
        for (auto it = open.begin(); it != open.end();) {
          const bool all = s->rules.empty();
          std::vector<std::string> rules = it->second->rules;
          if (all || rules == s->rules) {
            spans.push_back({it->first, first_line[bi], rules});
            it = open.erase(it);
          } else {
            ++it;
          }
        }
        break;
    }
  }
  for (auto& [from, s] : open) spans.push_back({from, UINT32_MAX, s->rules});
  return spans;
}

}  // namespace

/// What an update recomputes.
struct Findings::Dirty {
  bool full = false;
  bool outline_rebuilt = false;
  bool toc = false;
  bool all_chunks = false;
  bool lines_moved = false;
  bool suppression_changed = false;
  bool conventions_inputs = false;  ///< a paper entry or a heading changed: derive them again
  bool order_inputs = false;        ///< ... and with it the ids or years order_conventions() reads
  std::vector<std::pair<std::size_t, std::size_t>> heading_subtrees;  ///< block ranges
  bool relabeled = false;
  std::vector<const Block*> marked;  ///< blocks whose marks.dirty is set
  /// Per producer, sorted labels of the owners whose findings go (a finding's tag keeps its
  /// owner's label, so the merge needs no look at the owner).
  std::vector<std::uint64_t> labels[kProducers];
  std::vector<std::size_t> local;  ///< block indexes
  std::vector<const Block*> duplicates, keywords;
  std::vector<std::size_t> chunks;

  void mark(const Block* b, std::uint8_t bits) {
    if (b->marks.dirty == 0)
      marked.push_back(b);
    for (int p = 0; p < kProducers; ++p) {
      const std::uint8_t one = bit(static_cast<Producer>(p));
      if ((bits & one) != 0 && (b->marks.dirty & one) == 0)
        labels[p].push_back(b->marks.label);
    }
    b->marks.dirty |= bits;
  }
  bool has(Producer producer, std::uint64_t label) const {
    const auto& sorted = labels[static_cast<int>(producer)];
    return std::binary_search(sorted.begin(), sorted.end(), label);
  }
  /// Marks `b` for `producer`; true the first time.
  bool take(const Block* b, Producer producer) {
    if ((b->marks.dirty & bit(producer)) != 0)
      return false;
    mark(b, bit(producer));
    return true;
  }
};

Findings::Findings(const std::vector<BlockPtr>& blocks,
                   const std::vector<std::uint32_t>& first_line, const Config& config,
                   const VenueCatalog& venues)
    : blocks_(blocks),
      first_line_(first_line),
      config_(config),
      a_(blocks, first_line, config, venues) {}

void Findings::invalidate() {
  valid_ = false;
  records_.clear();
}

void Findings::replacing(std::size_t from, std::size_t to, const std::vector<BlockPtr>& fresh) {
  if (!valid_)
    return;
  const std::size_t n = blocks_.size();
  Record r;
  r.from = from;
  r.removed.assign(blocks_.begin() + static_cast<std::ptrdiff_t>(from),
                   blocks_.begin() + static_cast<std::ptrdiff_t>(to));
  r.fresh = fresh;
  if (from >= 2)
    r.neighbours[0] = blocks_[from - 2].get();
  if (from >= 1)
    r.neighbours[1] = blocks_[from - 1].get();
  if (to < n)
    r.neighbours[2] = blocks_[to].get();
  const std::uint32_t total = first_line_.back() + blocks_.back()->line_count();
  r.line_from = from < n ? first_line_[from] : total;
  r.old_line_end = to < n ? first_line_[to] : total;
  r.new_line_end = r.line_from;
  for (const BlockPtr& b : fresh) r.new_line_end += b->line_count();
  for (const BlockPtr& b : r.removed) {
    b->marks.gone = true;
    if (b->suppression)
      --suppressions_;
  }
  for (const BlockPtr& b : fresh) {
    if (b->suppression)
      ++suppressions_;
  }
  // Labels: the fresh blocks take over the removed ones' labels, extra ones go in between.
  const std::size_t reuse = std::min(r.removed.size(), fresh.size());
  for (std::size_t i = 0; i < reuse; ++i) fresh[i]->marks.label = r.removed[i]->marks.label;
  if (fresh.size() > reuse) {
    const std::uint64_t lo = reuse > 0  ? fresh[reuse - 1]->marks.label
                             : from > 0 ? blocks_[from - 1]->marks.label
                                        : 0;
    const std::uint64_t hi = to < n ? blocks_[to]->marks.label : UINT64_MAX;
    const std::uint64_t step = hi > lo ? (hi - lo) / (fresh.size() - reuse + 1) : 0;
    if (step == 0)
      relabel_ = true;
    for (std::size_t i = reuse; i < fresh.size(); ++i) {
      fresh[i]->marks.label = lo + step * (i - reuse + 1);
    }
  }
  state_.erase(state_.begin() + static_cast<std::ptrdiff_t>(from),
               state_.begin() + static_cast<std::ptrdiff_t>(to));
  state_.insert(state_.begin() + static_cast<std::ptrdiff_t>(from), fresh.size(), BlockState{});
  records_.push_back(std::move(r));
}

void Findings::relabel() {
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    blocks_[i]->marks.label = static_cast<std::uint64_t>(i + 1) << kLabelShift;
  }
}

void Findings::build_chunks() {
  chunk_start_.assign(1, 0);
  for (const SectionRec& s : a_.sections) {
    if (starts_chunk(a_, s) && s.block > chunk_start_.back())
      chunk_start_.push_back(s.block);
  }
  chunk_owner_.assign(chunk_start_.size(), nullptr);
}

std::size_t Findings::chunk_of(std::size_t block) const {
  auto it = std::upper_bound(chunk_start_.begin(), chunk_start_.end(), block);
  return static_cast<std::size_t>(it - chunk_start_.begin()) - 1;
}

namespace {

/// What order_conventions() reads of an entry: its arXiv id (0 for none) and venue year.
using OrderFacts = std::pair<std::uint64_t, int>;
OrderFacts order_facts(const Entry& e) {
  const std::uint64_t id =
      e.arxiv ? (std::uint64_t{e.arxiv->sort_month()} << 32 | e.arxiv->number) + 1 : 0;
  return {id, e.venue && e.venue->year ? *e.venue->year : 0};
}

std::size_t shifted(std::size_t i, std::ptrdiff_t by) {
  return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + by);
}

/// Whether the replaced and fresh blocks hold a heading (or a year `<summary>`).
bool touches_headings(const std::vector<BlockPtr>& removed, const std::vector<BlockPtr>& fresh) {
  for (const auto* list : {&removed, &fresh}) {
    for (const BlockPtr& b : *list) {
      if (shapes_outline(*b))
        return true;
    }
  }
  return false;
}

/// Whether the fresh blocks replace the removed ones one for one, each heading by a heading of
/// the same role: then only heading text changed.
bool same_roles(const std::vector<BlockPtr>& removed, const std::vector<BlockPtr>& fresh) {
  if (removed.size() != fresh.size())
    return false;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    const Block& x = *removed[i];
    const Block& y = *fresh[i];
    if (shapes_outline(x) != shapes_outline(y))
      return false;
    if (shapes_outline(x) && !same_outline_role(x, y))
      return false;
  }
  return true;
}

/// Updates the entry and prose counts of the sections the blocks leave and join; false (and no
/// change) when a section gains its first or loses its last, which decides the paper part.
bool patch_section_counts(Analysis& a, std::size_t from, const std::vector<BlockPtr>& removed,
                          const std::vector<BlockPtr>& fresh) {
  struct Change {
    std::size_t section;
    int entries = 0, prose = 0;
  };
  std::vector<Change> changes;
  const auto count = [&](std::size_t s, const Block& b, int sign) {
    if (s == SIZE_MAX || shapes_outline(b))
      return;
    const int e = b.entry ? sign : 0;
    const int p = !b.entry && is_prose(b) ? sign : 0;
    if (e == 0 && p == 0)
      return;
    auto it = std::find_if(changes.begin(), changes.end(),
                           [&](const Change& c) { return c.section == s; });
    if (it == changes.end())
      it = changes.insert(changes.end(), Change{s});
    it->entries += e;
    it->prose += p;
  };
  const bool in_place = removed.size() == fresh.size();
  const std::size_t before = from > 0 ? a.block_section[from - 1] : SIZE_MAX;
  for (std::size_t i = 0; i < removed.size(); ++i)
    count(a.block_section[from + i], *removed[i], -1);
  for (std::size_t j = 0; j < fresh.size(); ++j)
    count(in_place ? a.block_section[from + j] : before, *fresh[j], +1);
  const auto crosses = [](std::uint32_t now, int by) {
    return (now == 0) != (static_cast<std::int64_t>(now) + by == 0);
  };
  const auto add = [](std::uint32_t now, int by) {
    return static_cast<std::uint32_t>(static_cast<std::int64_t>(now) + by);
  };
  for (const Change& c : changes) {
    SectionRec& sec = a.sections[c.section];
    if (crosses(sec.direct_entries, c.entries) || crosses(sec.direct_prose, c.prose))
      return false;
  }
  for (const Change& c : changes) {
    SectionRec& sec = a.sections[c.section];
    sec.direct_entries = add(sec.direct_entries, c.entries);
    sec.direct_prose = add(sec.direct_prose, c.prose);
  }
  return true;
}

/// Moves every block index at or after `to` by `delta`: the replaced blocks hold no heading.
void shift_outline(Analysis& a, std::size_t from, std::size_t to, std::size_t count,
                   std::ptrdiff_t delta) {
  const std::size_t s = from > 0 ? a.block_section[from - 1] : SIZE_MAX;
  a.block_section.erase(a.block_section.begin() + static_cast<std::ptrdiff_t>(from),
                        a.block_section.begin() + static_cast<std::ptrdiff_t>(to));
  a.block_section.insert(a.block_section.begin() + static_cast<std::ptrdiff_t>(from), count, s);
  for (SectionRec& sec : a.sections) {
    if (sec.block >= to)
      sec.block = shifted(sec.block, delta);
    if (sec.end_block >= to)
      sec.end_block = shifted(sec.end_block, delta);
    shift_from(sec.entries, to, delta);
  }
  shift_from(a.papers, to, delta);
  for (TocRec& t : a.toc) {
    if (t.block >= to)
      t.block = shifted(t.block, delta);
  }
}

/// Counts a paper entry in (sign +1) or out (-1) of the dialect and convention inputs.
void count_paper(Analysis& a, const Block& b, std::size_t s, int sign) {
  if (sign > 0) {
    a.digests_2021 += b.counts_2021_digest;
    a.digests_2026 += b.counts_2026_digest;
  } else {
    a.digests_2021 -= b.counts_2021_digest;
    a.digests_2026 -= b.counts_2026_digest;
  }
  a.convention_counts.count(b, sign, filing_section(a, s));
}

}  // namespace

bool Findings::patch_outline(const Record& r, Dirty& dirty) {
  Analysis& a = a_;
  const std::size_t from = r.from, to = from + r.removed.size(), k = r.fresh.size();
  const auto delta = static_cast<std::ptrdiff_t>(k) - static_cast<std::ptrdiff_t>(r.removed.size());
  if (a.toc_section != SIZE_MAX) {
    const SectionRec& t = a.sections[a.toc_section];
    if (from <= t.end_block && to >= t.block)
      return false;  // ToC items are parsed anew
  }
  const bool headings = touches_headings(r.removed, r.fresh);
  // A comment between two entries splits their section into ordering groups, which
  // order_conventions() counts pairs in (the chunk holding it is checked again anyway).
  const auto is_comment = [](const BlockPtr& b) { return b->kind == BlockKind::kComment; };
  if (headings || std::any_of(r.removed.begin(), r.removed.end(), is_comment) ||
      std::any_of(r.fresh.begin(), r.fresh.end(), is_comment)) {
    dirty.conventions_inputs = true;
    dirty.order_inputs = true;
  }
  if (headings && !same_roles(r.removed, r.fresh))
    return false;
  // Which sections hold entries, or only headings, decides the paper part: when an edit
  // changes that for a section, the outline is built again.
  if (!patch_section_counts(a, from, r.removed, r.fresh))
    return false;
  // What order_conventions() reads of the entries that go and come: unchanged (an edit in a
  // title or a digest), the pass over every entry is not needed.
  std::vector<OrderFacts> gone, come;
  for (std::size_t i = 0; i < r.removed.size(); ++i) {
    const Block& b = *r.removed[i];
    const std::size_t s = a.block_section[from + i];
    if (!b.entry || s == SIZE_MAX || !a.sections[s].holds_papers)
      continue;
    count_paper(a, b, s, -1);
    dirty.conventions_inputs = true;
    gone.push_back(order_facts(*b.entry));
    erase_range(a.sections[s].entries, from + i, from + i + 1);
  }
  erase_range(a.papers, from, to);
  if (delta != 0) {
    shift_outline(a, from, to, k, delta);
    for (std::size_t c = 1; c < chunk_start_.size(); ++c) {
      if (chunk_start_[c] >= to)
        chunk_start_[c] = shifted(chunk_start_[c], delta);
    }
  }
  for (std::size_t j = 0; j < k; ++j) {
    const Block& b = *r.fresh[j];
    const std::size_t s = a.block_section[from + j];
    if (shapes_outline(b)) {
      // Same part in the outline, new text: what reads the heading is checked again.
      dirty.heading_subtrees.emplace_back(a.sections[s].block, a.sections[s].end_block);
      dirty.toc = true;
    }
    if (!b.entry || s == SIZE_MAX || !a.sections[s].holds_papers)
      continue;
    count_paper(a, b, s, +1);
    dirty.conventions_inputs = true;
    come.push_back(order_facts(*b.entry));
    insert_sorted(a.sections[s].entries, from + j);
    insert_sorted(a.papers, from + j);
  }
  // Without a heading among them, the entries that go and come are in one section, at one
  // place: the same ids and years there leave every adjacent pair as it was.
  if (gone != come)
    dirty.order_inputs = true;
  return true;
}

bool Findings::map_lines(Diagnostic& d) const {
  bool moved = false;
  const auto map = [&](Position& p) {
    for (const Record& r : records_) {
      if (p.line >= r.old_line_end) {
        p.line = p.line - r.old_line_end + r.new_line_end;
        moved = moved || r.old_line_end != r.new_line_end;
      }
    }
  };
  const auto map_range = [&](Range& range) {
    map(range.start);
    map(range.end);
  };
  map_range(d.range);
  for (auto& rel : d.related) map_range(rel.range);
  for (auto& fix : d.fixes) {
    for (auto& e : fix.edits) map_range(e.range);
  }
  return moved;
}

void Findings::produce(Dirty& dirty, std::vector<Diagnostic>& out, std::vector<Tag>& tags) {
  Analysis& a = a_;
  const auto tag_new = [&](const Block* owner, Producer p) {
    tags.resize(out.size(), Tag{owner, owner == nullptr ? 0 : owner->marks.label, p});
  };
  std::vector<Diagnostic> local;
  const auto local_start = std::chrono::steady_clock::now();
  for (std::size_t bi : dirty.local) {
    local.clear();
    check_block_local(a, bi, local);
    const std::uint32_t base = first_line_[bi];
    for (Diagnostic& d : local) {
      d.range.start.line += base;
      d.range.end.line += base;
      for (auto& rel : d.related) {
        rel.range.start.line += base;
        rel.range.end.line += base;
      }
      for (auto& fix : d.fixes) {
        for (auto& e : fix.edits) {
          e.range.start.line += base;
          e.range.end.line += base;
        }
      }
      out.push_back(std::move(d));
    }
    tag_new(blocks_[bi].get(), Producer::kLocal);
    state_[bi] = {true, a.is_paper(bi)};
  }
  times_.local_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - local_start)
          .count();
  DiagnosticSink chunk_sink(out, Scope::kChunk);
  for (std::size_t c : dirty.chunks) {
    a.block_begin = chunk_start_[c];
    a.block_end = c + 1 < chunk_start_.size() ? chunk_start_[c + 1] : blocks_.size();
    const auto by_block = [](const SectionRec& s, std::size_t b) { return s.block < b; };
    a.section_begin = static_cast<std::size_t>(
        std::lower_bound(a.sections.begin(), a.sections.end(), a.block_begin, by_block) -
        a.sections.begin());
    a.section_end = static_cast<std::size_t>(
        std::lower_bound(a.sections.begin(), a.sections.end(), a.block_end, by_block) -
        a.sections.begin());
    check_chunk(a, chunk_sink);
    chunk_owner_[c] = blocks_[chunk_start_[c]].get();
    tag_new(chunk_owner_[c], Producer::kChunk);
  }
  a.block_begin = a.section_begin = 0;
  a.block_end = a.section_end = SIZE_MAX;
  DiagnosticSink toc_sink(out, Scope::kToc), document_sink(out, Scope::kDocument);
  if (dirty.toc) {
    check_toc(a, toc_sink);
    check_recognised(a, document_sink);
    tag_new(nullptr, Producer::kToc);
  }
  for (const Block* b : dirty.duplicates) {
    duplicates_.check(a, a.index_of(b), document_sink);
    tag_new(b, Producer::kDuplicate);
  }
  for (const Block* b : dirty.keywords) {
    keywords_.check(a, a.index_of(b), document_sink);
    tag_new(b, Producer::kKeyword);
  }
}

void Findings::filter_suppressed(std::vector<Diagnostic>& out, std::vector<Tag>& tags) const {
  std::size_t kept = 0;
  std::vector<Span> spans;
  if (suppressions_ > 0)
    spans = suppression_spans(blocks_, first_line_);
  for (std::size_t i = 0; i < out.size(); ++i) {
    Diagnostic& d = out[i];
    d.severity = effective_severity(config_, d.rule);
    if (d.severity == Severity::kOff)
      continue;
    bool suppressed = false;
    for (const Span& sp : spans) {
      if (d.range.start.line < sp.from || d.range.start.line >= sp.to)
        continue;
      if (sp.rules.empty() ||
          std::find(sp.rules.begin(), sp.rules.end(), d.rule) != sp.rules.end()) {
        suppressed = true;
        break;
      }
    }
    if (suppressed)
      continue;
    if (kept != i) {
      out[kept] = std::move(d);
      tags[kept] = tags[i];
    }
    ++kept;
  }
  out.resize(kept);
  tags.resize(kept);
}

void Findings::apply_records(Dirty& dirty) {
  dirty.full = !valid_;
  if (dirty.full || relabel_) {
    relabel();
    dirty.relabeled = true;  // the labels in the tags are stale: the merge looks at owners
  }
  relabel_ = false;
  for (const Record& r : records_) {
    if (r.new_line_end != r.old_line_end)
      dirty.lines_moved = true;
    for (const auto* list : {&r.removed, &r.fresh}) {
      for (const BlockPtr& b : *list) {
        if (b->suppression)
          dirty.suppression_changed = true;
      }
    }
  }
}

void Findings::update_outline(Dirty& dirty) {
  // Patched when the edits leave the sections as they are, else built again.
  bool patched = !dirty.full;
  for (const Record& r : records_) {
    if (!patched)
      break;
    patched = patch_outline(r, dirty);
  }
  if (!patched) {
    build_outline(a_);
    build_chunks();
    dirty.outline_rebuilt = true;
    dirty.toc = true;
    dirty.all_chunks = true;
  } else {
    a_.dialect = detect_dialect(a_);
    // order_conventions() reads every entry: only when an id, a year or a heading changed.
    if (dirty.order_inputs)
      a_.order = order_conventions(a_);
    if (dirty.conventions_inputs)
      a_.conventions = derive_conventions(a_);
  }
  if (dirty.suppression_changed || (suppressions_ > 0 && dirty.lines_moved) ||
      a_.dialect != dialect_ || a_.conventions != conventions_) {
    dirty.full = true;  // which findings are hidden, or what every entry is held to, changes
  }
  dialect_ = a_.dialect;
  conventions_ = a_.conventions;
  // Whether the document is a paper list can change with any edit of an entry's links: while
  // it is not one (or was not), the finding that says so is made again.
  const bool list = is_paper_list(a_);
  if (!list || !was_list_)
    dirty.toc = true;
  was_list_ = list;
}

void Findings::reset(Dirty& dirty, IndexChanges& changes) {
  const std::size_t n = blocks_.size();
  out_.clear();
  tags_.clear();
  duplicates_.clear();
  keywords_.clear();
  state_.assign(n, BlockState{});
  suppressions_ = 0;
  for (const BlockPtr& b : blocks_) {
    b->marks.indexed = false;
    b->marks.dirty = 0;
    if (b->suppression)
      ++suppressions_;
  }
  dirty.toc = true;
  dirty.all_chunks = true;
  dirty.local.resize(n);
  std::iota(dirty.local.begin(), dirty.local.end(), std::size_t{0});
  for (std::size_t bi : a_.papers) changes.added.push_back(blocks_[bi].get());
  valid_ = true;
}

void Findings::mark_edits(Dirty& dirty, IndexChanges& changes) {
  for (const Record& r : records_) {
    for (const BlockPtr& b : r.removed) {
      dirty.mark(b.get(), kAllProducers);
      if (b->marks.indexed)
        changes.removed.push_back(b.get());
    }
    for (const BlockPtr& b : r.fresh) {
      if (b->marks.gone)
        continue;
      const std::size_t bi = a_.index_of(b.get());
      dirty.local.push_back(bi);
      if (a_.is_paper(bi))
        changes.added.push_back(b.get());
      if (!dirty.all_chunks)
        dirty.chunks.push_back(chunk_of(bi));
    }
    for (const Block* nb : r.neighbours) {
      if (nb == nullptr || nb->marks.gone)
        continue;
      if (nb->marks.indexed)
        dirty.duplicates.push_back(nb);  // removal fixes read neighbours
      const std::size_t at = a_.index_of(nb);
      if (!dirty.all_chunks && at != SIZE_MAX)
        dirty.chunks.push_back(chunk_of(at));
    }
  }
  if (dirty.outline_rebuilt)
    mark_outline_roles(dirty, changes);
  // A year section filed under the wrong category is offered a move under the category it
  // names, in another chunk: whether that category exists and where the section goes there
  // can change with any edit, so every edit checks the chunks holding such a finding again.
  if (!dirty.all_chunks) {
    for (std::size_t i = 0; i < out_.size(); ++i) {
      const Block* owner = tags_[i].owner;
      if (tags_[i].producer != Producer::kChunk || out_[i].fixes.empty() ||
          out_[i].rule != rule_info(RuleId::kHeadingHierarchy).id || owner == nullptr ||
          owner->marks.gone) {
        continue;
      }
      if (const std::size_t at = a_.index_of(owner); at != SIZE_MAX)
        dirty.chunks.push_back(chunk_of(at));
    }
  }
  // A changed heading's subtree reads it; with several edits its range may have moved.
  if (records_.size() > 1 && !dirty.heading_subtrees.empty())
    dirty.all_chunks = true;
  for (const auto& [from, to] : dirty.heading_subtrees) {
    for (std::size_t c = chunk_of(from);
         c < chunk_start_.size() && chunk_start_[c] < std::max(to, from + 1); ++c) {
      dirty.chunks.push_back(c);
    }
  }
}

void Findings::mark_outline_roles(Dirty& dirty, IndexChanges& changes) {
  // Sections moved: which blocks are paper entries may change anywhere.
  for (std::size_t bi = 0; bi < blocks_.size(); ++bi) {
    const Block* b = blocks_[bi].get();
    const bool paper = a_.is_paper(bi);
    if (state_[bi].computed && state_[bi].is_paper != paper)
      dirty.local.push_back(bi);
    if (b->marks.indexed && !paper)
      changes.removed.push_back(b);
    if (!b->marks.indexed && paper && state_[bi].computed)
      changes.added.push_back(b);
  }
}

void Findings::update_indexes(Dirty& dirty, IndexChanges& changes) {
  for (const Block* b : changes.removed) {
    // Out of the indexes: its duplicate and key word findings go (it may stay in the text).
    b->marks.indexed = false;
    dirty.mark(b, bit(Producer::kDuplicate) | bit(Producer::kKeyword));
  }
  for (const Block* b : changes.added) b->marks.indexed = true;
  duplicates_.update(changes.removed, changes.added, changes.recheck);
  // Cross-listing and theses read the sections entries are in: a changed heading or outline
  // re-checks every entry that has another of its paper or title.
  if (!dirty.full && (dirty.outline_rebuilt || !dirty.heading_subtrees.empty()))
    duplicates_.grouped(changes.recheck);
  keywords_.update(changes.removed, changes.added, changes.reemit);
}

void Findings::settle_groups(Dirty& dirty, IndexChanges& changes) {
  // Each group once; the marks tell the merge which findings go.
  std::vector<std::size_t> local;
  for (std::size_t bi : dirty.local) {
    if (dirty.take(blocks_[bi].get(), Producer::kLocal))
      local.push_back(bi);
  }
  std::sort(local.begin(), local.end());
  dirty.local = std::move(local);
  changes.recheck.insert(changes.recheck.end(), dirty.duplicates.begin(), dirty.duplicates.end());
  dirty.duplicates.clear();
  for (const Block* b : changes.recheck) {
    if (b->marks.indexed && dirty.take(b, Producer::kDuplicate))
      dirty.duplicates.push_back(b);
  }
  for (const Block* b : changes.reemit) {
    if (b->marks.indexed && dirty.take(b, Producer::kKeyword))
      dirty.keywords.push_back(b);
  }
  if (dirty.all_chunks) {
    dirty.chunks.resize(chunk_start_.size());
    std::iota(dirty.chunks.begin(), dirty.chunks.end(), std::size_t{0});
  } else {
    std::sort(dirty.chunks.begin(), dirty.chunks.end());
    dirty.chunks.erase(std::unique(dirty.chunks.begin(), dirty.chunks.end()), dirty.chunks.end());
    for (std::size_t c : dirty.chunks) {
      if (chunk_owner_[c] != nullptr)
        dirty.mark(chunk_owner_[c], bit(Producer::kChunk));
    }
  }
  for (auto& labels : dirty.labels) std::sort(labels.begin(), labels.end());
}

namespace {

/// Findings in result order: by position, then rule, then the producer; ties keep the order
/// in which the group reported them.
bool finding_less(const Diagnostic& x, int px, const Diagnostic& y, int py) {
  if (x.range.start != y.range.start)
    return x.range.start < y.range.start;
  if (x.rule != y.rule)
    return x.rule < y.rule;
  return px < py;
}

}  // namespace

void Findings::merge(const Dirty& dirty, std::vector<Diagnostic> fresh,
                     std::vector<Tag> fresh_tags) {
  std::vector<std::uint32_t> order(fresh.size());
  std::iota(order.begin(), order.end(), 0u);
  const auto rank = [](const Tag& t) { return static_cast<int>(t.producer); };
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return finding_less(fresh[x], rank(fresh_tags[x]), fresh[y], rank(fresh_tags[y]));
  });
  const auto dropped = [&](const Tag& t) {
    if (t.producer == Producer::kToc)
      return dirty.toc;
    if (t.producer == Producer::kChunk && dirty.all_chunks)
      return true;
    if (dirty.relabeled)
      return (t.owner->marks.dirty & bit(t.producer)) != 0;
    return dirty.has(t.producer, t.label);
  };
  std::vector<Diagnostic> result;
  std::vector<Tag> result_tags;
  std::vector<std::uint32_t> origins;
  result.reserve(out_.size() + fresh.size());
  result_tags.reserve(out_.size() + fresh.size());
  origins.reserve(out_.size() + fresh.size());
  const bool map = dirty.lines_moved && !dirty.full;
  std::size_t j = 0;
  const auto take_fresh = [&]() {
    result.push_back(std::move(fresh[order[j]]));
    result_tags.push_back(fresh_tags[order[j]]);
    origins.push_back(kNew);
    ++j;
  };
  for (std::size_t i = 0; i < out_.size(); ++i) {
    if (dropped(tags_[i]))
      continue;
    if (dirty.relabeled && tags_[i].owner != nullptr)
      tags_[i].label = tags_[i].owner->marks.label;
    const bool moved = map && map_lines(out_[i]);
    while (j < order.size() &&
           finding_less(fresh[order[j]], rank(fresh_tags[order[j]]), out_[i], rank(tags_[i]))) {
      take_fresh();
    }
    result.push_back(std::move(out_[i]));
    result_tags.push_back(tags_[i]);
    origins.push_back(moved ? kNew : static_cast<std::uint32_t>(i));
  }
  while (j < order.size()) take_fresh();
  out_ = std::move(result);
  tags_ = std::move(result_tags);
  origins_ = std::move(origins);
}

const std::vector<Diagnostic>& Findings::update() {
  if (valid_ && records_.empty())
    return out_;
  using Clock = std::chrono::steady_clock;
  const auto micros = [](Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
  };
  const Clock::time_point start = Clock::now();
  Dirty dirty;
  apply_records(dirty);
  update_outline(dirty);
  IndexChanges changes;
  if (dirty.full)
    reset(dirty, changes);
  else
    mark_edits(dirty, changes);
  update_indexes(dirty, changes);
  settle_groups(dirty, changes);
  const Clock::time_point indexed = Clock::now();
  // New findings of the dirty groups, merged with the findings that stay.
  std::vector<Diagnostic> fresh;
  std::vector<Tag> fresh_tags;
  produce(dirty, fresh, fresh_tags);  // sets times_.local_us
  const Clock::time_point produced = Clock::now();
  filter_suppressed(fresh, fresh_tags);
  merge(dirty, std::move(fresh), std::move(fresh_tags));
  times_.indexes_us = micros(indexed - start);
  times_.document_us = micros(produced - indexed) - times_.local_us;
  times_.merge_us = micros(Clock::now() - produced);
  for (const Block* b : dirty.marked) b->marks.dirty = 0;
  records_.clear();
  ++generation_;
  return out_;
}

}  // namespace awesome::rules
