#include "rules/findings.hpp"

#include <algorithm>
#include <numeric>

#include "rules/catalog.hpp"

namespace awesome::rules {

namespace {

constexpr std::uint8_t bit(int producer) {
  return static_cast<std::uint8_t>(1u << producer);
}
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
  std::vector<std::uint64_t> labels[5];
  std::vector<std::size_t> local;  ///< block indexes
  std::vector<const Block*> duplicates, keywords;
  std::vector<std::size_t> chunks;

  void mark(const Block* b, std::uint8_t bits) {
    if (b->marks.dirty == 0)
      marked.push_back(b);
    for (int p = 0; p < 5; ++p) {
      if ((bits & bit(p)) != 0 && (b->marks.dirty & bit(p)) == 0)
        labels[p].push_back(b->marks.label);
    }
    b->marks.dirty |= bits;
  }
  bool has(int producer, std::uint64_t label) const {
    return std::binary_search(labels[producer].begin(), labels[producer].end(), label);
  }
  /// Marks `b` for `producer`; true the first time.
  bool take(const Block* b, int producer) {
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

bool Findings::patch_outline(const Record& r, Dirty& dirty) {
  Analysis& a = a_;
  const std::size_t from = r.from, to = from + r.removed.size(), k = r.fresh.size();
  const auto delta = static_cast<std::ptrdiff_t>(k) - static_cast<std::ptrdiff_t>(r.removed.size());
  if (a.toc_section != SIZE_MAX) {
    const SectionRec& t = a.sections[a.toc_section];
    if (from <= t.end_block && to >= t.block)
      return false;  // ToC items are parsed anew
  }
  bool headings = false;
  for (const auto* list : {&r.removed, &r.fresh}) {
    for (const BlockPtr& b : *list) headings = headings || shapes_outline(*b);
  }
  dirty.conventions_inputs = dirty.conventions_inputs || headings;
  dirty.order_inputs = dirty.order_inputs || headings;
  // A comment between two entries splits their section into ordering groups, which
  // order_conventions() counts pairs in (the chunk holding it is checked again anyway).
  for (const auto* list : {&r.removed, &r.fresh}) {
    for (const BlockPtr& b : *list) {
      if (b->kind == BlockKind::kComment) {
        dirty.conventions_inputs = true;
        dirty.order_inputs = true;
      }
    }
  }
  // What order_conventions() reads of the entries that go and come: unchanged (an edit in a
  // title or a digest), the pass over every entry is not needed.
  std::vector<std::pair<std::uint64_t, int>> gone, come;
  const auto order_facts = [](const Entry& e) {
    const std::uint64_t id =
        e.arxiv ? (std::uint64_t{e.arxiv->sort_month()} << 32 | e.arxiv->number) + 1 : 0;
    return std::pair<std::uint64_t, int>{id, e.venue && e.venue->year ? *e.venue->year : 0};
  };
  if (headings) {
    if (delta != 0)
      return false;
    for (std::size_t i = 0; i < k; ++i) {
      const Block& x = *r.removed[i];
      const Block& y = *r.fresh[i];
      if (shapes_outline(x) != shapes_outline(y))
        return false;
      if (shapes_outline(x) && !same_outline_role(x, y))
        return false;
    }
  }
  // Which sections hold entries, or only headings, decides the paper part: when an edit
  // changes that for a section, the outline is built again.
  {
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
    const std::size_t before = from > 0 ? a.block_section[from - 1] : SIZE_MAX;
    for (std::size_t i = 0; i < r.removed.size(); ++i)
      count(a.block_section[from + i], *r.removed[i], -1);
    for (std::size_t j = 0; j < k; ++j)
      count(delta == 0 ? a.block_section[from + j] : before, *r.fresh[j], +1);
    const auto crosses = [](std::uint32_t now, int by) {
      return (now == 0) != (static_cast<std::int64_t>(now) + by == 0);
    };
    for (const Change& c : changes) {
      SectionRec& sec = a.sections[c.section];
      if (crosses(sec.direct_entries, c.entries) || crosses(sec.direct_prose, c.prose))
        return false;
    }
    for (const Change& c : changes) {
      a.sections[c.section].direct_entries = static_cast<std::uint32_t>(
          static_cast<std::int64_t>(a.sections[c.section].direct_entries) + c.entries);
      a.sections[c.section].direct_prose = static_cast<std::uint32_t>(
          static_cast<std::int64_t>(a.sections[c.section].direct_prose) + c.prose);
    }
  }
  // The entries that go, with their digest counts.
  for (std::size_t i = 0; i < r.removed.size(); ++i) {
    const Block& b = *r.removed[i];
    const std::size_t s = a.block_section[from + i];
    if (!b.entry || s == SIZE_MAX || !a.sections[s].holds_papers)
      continue;
    a.digests_2021 -= b.counts_2021_digest;
    a.digests_2026 -= b.counts_2026_digest;
    a.convention_counts.count(b, -1, filing_section(a, s));
    dirty.conventions_inputs = true;
    gone.push_back(order_facts(*b.entry));
    erase_range(a.sections[s].entries, from + i, from + i + 1);
  }
  erase_range(a.papers, from, to);
  if (delta != 0) {
    // Everything after the replaced blocks moves; no heading is among them.
    const std::size_t s = from > 0 ? a.block_section[from - 1] : SIZE_MAX;
    a.block_section.erase(a.block_section.begin() + static_cast<std::ptrdiff_t>(from),
                          a.block_section.begin() + static_cast<std::ptrdiff_t>(to));
    a.block_section.insert(a.block_section.begin() + static_cast<std::ptrdiff_t>(from), k, s);
    for (SectionRec& sec : a.sections) {
      if (sec.block >= to)
        sec.block = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(sec.block) + delta);
      if (sec.end_block >= to) {
        sec.end_block =
            static_cast<std::size_t>(static_cast<std::ptrdiff_t>(sec.end_block) + delta);
      }
      shift_from(sec.entries, to, delta);
    }
    shift_from(a.papers, to, delta);
    for (TocRec& t : a.toc) {
      if (t.block >= to)
        t.block = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(t.block) + delta);
    }
    for (std::size_t c = 1; c < chunk_start_.size(); ++c) {
      if (chunk_start_[c] >= to) {
        chunk_start_[c] =
            static_cast<std::size_t>(static_cast<std::ptrdiff_t>(chunk_start_[c]) + delta);
      }
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
    a.digests_2021 += b.counts_2021_digest;
    a.digests_2026 += b.counts_2026_digest;
    a.convention_counts.count(b, +1, filing_section(a, s));
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

const std::vector<Diagnostic>& Findings::update() {
  if (valid_ && records_.empty())
    return out_;
  Dirty dirty;
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
  // The outline: patched when the edits leave the sections as they are, else built again.
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
  const std::size_t n = blocks_.size();
  std::vector<const Block*> removed, added;
  if (dirty.full) {
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
    for (std::size_t bi : a_.papers) added.push_back(blocks_[bi].get());
    valid_ = true;
  } else {
    for (const Record& r : records_) {
      for (const BlockPtr& b : r.removed) {
        dirty.mark(b.get(), kAllProducers);
        if (b->marks.indexed)
          removed.push_back(b.get());
      }
      for (const BlockPtr& b : r.fresh) {
        if (b->marks.gone)
          continue;
        const std::size_t bi = a_.index_of(b.get());
        dirty.local.push_back(bi);
        if (a_.is_paper(bi))
          added.push_back(b.get());
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
    if (dirty.outline_rebuilt) {
      // Sections moved: which blocks are paper entries may change anywhere.
      for (std::size_t bi = 0; bi < n; ++bi) {
        const Block* b = blocks_[bi].get();
        const bool paper = a_.is_paper(bi);
        if (state_[bi].computed && state_[bi].is_paper != paper)
          dirty.local.push_back(bi);
        if (b->marks.indexed && !paper)
          removed.push_back(b);
        if (!b->marks.indexed && paper && state_[bi].computed)
          added.push_back(b);
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
  for (const Block* b : removed) {
    // Out of the indexes: its duplicate and key word findings go (it may stay in the text).
    b->marks.indexed = false;
    dirty.mark(
        b, bit(static_cast<int>(Producer::kDuplicate)) | bit(static_cast<int>(Producer::kKeyword)));
  }
  for (const Block* b : added) b->marks.indexed = true;
  std::vector<const Block*> recheck, reemit;
  duplicates_.update(removed, added, recheck);
  // Cross-listing and theses read the sections entries are in: a changed heading or outline
  // re-checks every entry that has another of its paper or title.
  if (!dirty.full && (dirty.outline_rebuilt || !dirty.heading_subtrees.empty()))
    duplicates_.grouped(recheck);
  keywords_.update(removed, added, reemit);
  // Each group once; the marks tell the merge below which findings go.
  std::vector<std::size_t> local;
  for (std::size_t bi : dirty.local) {
    if (dirty.take(blocks_[bi].get(), static_cast<int>(Producer::kLocal)))
      local.push_back(bi);
  }
  std::sort(local.begin(), local.end());
  dirty.local = std::move(local);
  recheck.insert(recheck.end(), dirty.duplicates.begin(), dirty.duplicates.end());
  dirty.duplicates.clear();
  for (const Block* b : recheck) {
    if (b->marks.indexed && dirty.take(b, static_cast<int>(Producer::kDuplicate))) {
      dirty.duplicates.push_back(b);
    }
  }
  for (const Block* b : reemit) {
    if (b->marks.indexed && dirty.take(b, static_cast<int>(Producer::kKeyword))) {
      dirty.keywords.push_back(b);
    }
  }
  if (dirty.all_chunks) {
    dirty.chunks.resize(chunk_start_.size());
    std::iota(dirty.chunks.begin(), dirty.chunks.end(), std::size_t{0});
  } else {
    std::sort(dirty.chunks.begin(), dirty.chunks.end());
    dirty.chunks.erase(std::unique(dirty.chunks.begin(), dirty.chunks.end()), dirty.chunks.end());
    for (std::size_t c : dirty.chunks) {
      if (chunk_owner_[c] != nullptr)
        dirty.mark(chunk_owner_[c], bit(static_cast<int>(Producer::kChunk)));
    }
  }

  // New findings of the dirty groups, sorted; ties keep the order each group reported in.
  std::vector<Diagnostic> fresh;
  std::vector<Tag> fresh_tags;
  produce(dirty, fresh, fresh_tags);
  filter_suppressed(fresh, fresh_tags);
  const auto less = [](const Diagnostic& x, Producer px, const Diagnostic& y, Producer py) {
    if (x.range.start != y.range.start)
      return x.range.start < y.range.start;
    if (x.rule != y.rule)
      return x.rule < y.rule;
    return px < py;
  };
  std::vector<std::uint32_t> order(fresh.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return less(fresh[x], fresh_tags[x].producer, fresh[y], fresh_tags[y].producer);
  });

  // Merge with the findings that stay.
  for (auto& labels : dirty.labels) std::sort(labels.begin(), labels.end());
  const auto dropped = [&](const Tag& t) {
    const int p = static_cast<int>(t.producer);
    if (t.producer == Producer::kToc)
      return dirty.toc;
    if (t.producer == Producer::kChunk && dirty.all_chunks)
      return true;
    if (dirty.relabeled)
      return (t.owner->marks.dirty & bit(p)) != 0;
    return dirty.has(p, t.label);
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
           less(fresh[order[j]], fresh_tags[order[j]].producer, out_[i], tags_[i].producer)) {
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
  for (const Block* b : dirty.marked) b->marks.dirty = 0;
  records_.clear();
  ++generation_;
  return out_;
}

}  // namespace awesome::rules
