// Ordering rules: entry-order (descending arXiv ids inside the deepest section holding
// entries, each group after a topic comment on its own; entries without an id keep their place;
// the entries outside a longest run in order are reported) and entry-year (an entry's arXiv
// year matches its year section).
#include <algorithm>
#include <optional>

#include "rules/analysis.hpp"
#include "rules/longest_run.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

std::uint64_t sort_key(const ArxivId& id) {
  return (static_cast<std::uint64_t>(id.sort_month()) << 32) | id.number;
}

/// The comment that starts a new ordering group at the entry in block `entry`, given the
/// section's entry before it in block `previous`: the last comment between the two that is no
/// suppression (`<!-- blockchain -->`, over one line or several); SIZE_MAX when there is none.
std::size_t group_comment(const Analysis& a, std::size_t previous, std::size_t entry) {
  for (std::size_t bi = entry; bi-- > previous + 1;) {
    const Block& b = a.block(bi);
    if (b.kind == BlockKind::kComment && !b.suppression)
      return bi;
  }
  return SIZE_MAX;
}

/// An ordering group of a section: the entries [begin, end) of `SectionRec::entries`, sorted on
/// their own; `comment` is the comment that starts the group (SIZE_MAX for the first one).
struct OrderGroup {
  std::size_t begin = 0, end = 0, comment = SIZE_MAX;
};

/// The ordering groups of `s`, in order; one group when no comment stands between its entries.
std::vector<OrderGroup> order_groups(const Analysis& a, const SectionRec& s) {
  std::vector<OrderGroup> groups{{0, s.entries.size(), SIZE_MAX}};
  for (std::size_t i = 1; i < s.entries.size(); ++i) {
    const std::size_t comment = group_comment(a, s.entries[i - 1], s.entries[i]);
    if (comment == SIZE_MAX)
      continue;
    groups.back().end = i;
    groups.push_back({i, s.entries.size(), comment});
  }
  return groups;
}

}  // namespace

namespace {

bool opens_details(const Block& b) {
  return b.kind == BlockKind::kHtml && text::trim(b.line(0)).starts_with("<details") &&
         b.text.find("</details>") == std::string::npos;
}

bool closes_details(const Block& b) {
  return b.kind == BlockKind::kHtml && text::trim(b.line(0)).starts_with("</details>");
}

bool is_wrapper_part(const Block& b) {
  return b.kind == BlockKind::kBlank || (b.kind == BlockKind::kSummary && !b.heading) ||
         (b.kind == BlockKind::kHtml && !closes_details(b));
}

}  // namespace

std::optional<EntryUnit> entry_unit(const Analysis& a, std::size_t bi) {
  const EntryUnit unit{bi, bi + 1, bi};
  // A `<details><summary>Title (2023)</summary>` wrapper of its own, closed after the entry.
  std::size_t before = bi;
  while (before > 0 && is_wrapper_part(a.block(before - 1)) &&
         !opens_details(a.block(before - 1))) {
    --before;
  }
  const bool opened = before > 0 && opens_details(a.block(before - 1));
  std::size_t after = bi + 1;
  while (after < a.blocks.size() && a.block(after).kind == BlockKind::kBlank) ++after;
  const bool closed = after < a.blocks.size() && closes_details(a.block(after));
  if (opened && closed)
    return EntryUnit{before - 1, after + 1, bi};
  // HTML right around the entry that is no wrapper of its own: moving the entry could carry
  // it into or out of an HTML block.
  for (std::size_t k = before; k < bi; ++k) {
    if (a.block(k).kind != BlockKind::kBlank)
      return std::nullopt;
  }
  // A `</details>` after the last entry of a section closes the section's own wrapper
  // (`<details><summary>Category: 2024</summary>`), not the entry's.
  const std::size_t section = a.block_section[bi];
  const bool last = section != SIZE_MAX && a.sections[section].entries.back() == bi;
  if (opened || (closed && !last))
    return std::nullopt;
  return unit;
}

namespace {

/// The units that hold an arXiv id (`slots`, indexes into `units`), sorted in the configured
/// direction; each group of order_groups() on its own, so no entry crosses the comment that
/// starts a group.
std::vector<std::size_t> sorted_slots(const Analysis& a, const SectionRec& s,
                                      const std::vector<EntryUnit>& units,
                                      const std::vector<std::size_t>& slots) {
  const bool descending = a.config.order == SortDirection::kDescending;
  // Units are the section's entries, one each: a group's range of entries is its units.
  std::vector<std::size_t> group(units.size());
  const std::vector<OrderGroup> groups = order_groups(a, s);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::fill(group.begin() + static_cast<std::ptrdiff_t>(groups[g].begin),
              group.begin() + static_cast<std::ptrdiff_t>(groups[g].end), g);
  }
  std::vector<std::size_t> sorted = slots;
  const auto in_order = [&](std::size_t x, std::size_t y) {
    const auto kx = sort_key(*a.entry(units[x].entry).arxiv);
    const auto ky = sort_key(*a.entry(units[y].entry).arxiv);
    return descending ? kx > ky : kx < ky;
  };
  for (auto from = sorted.begin(); from != sorted.end();) {
    const auto to =
        std::find_if(from, sorted.end(), [&](std::size_t k) { return group[k] != group[*from]; });
    std::stable_sort(from, to, in_order);
    from = to;
  }
  return sorted;
}

/// Whether the sort carries an entry across a suppression comment inside a group (a region),
/// or moves the entry right under a suppression of the next line away from it.
bool crosses_suppression(const Analysis& a, const std::vector<EntryUnit>& units,
                         const std::vector<std::size_t>& slots,
                         const std::vector<std::size_t>& sorted) {
  std::vector<std::size_t> comments_above(units.size(), 0);
  for (std::size_t k = 1; k < units.size(); ++k) {
    comments_above[k] = comments_above[k - 1];
    for (std::size_t bi = units[k - 1].end; bi < units[k].begin; ++bi)
      comments_above[k] += a.block(bi).kind == BlockKind::kComment ? 1 : 0;
  }
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const std::size_t k = slots[i], begin = units[k].begin;
    const auto* above = begin > 0 ? &a.block(begin - 1).suppression : nullptr;
    const bool pinned = above && *above && (*above)->kind == Suppression::Kind::kNextLine;
    if (comments_above[sorted[i]] != comments_above[k] || (pinned && sorted[i] != k))
      return true;
  }
  return false;
}

/// The text of the units from the first to the last, the slots filled in sorted order; nullopt
/// when HTML between units could open or close a block the sort would move entries across, or
/// a block does not end in a line break.
std::optional<std::string> sorted_text(const Analysis& a, const std::vector<EntryUnit>& units,
                                       const std::vector<std::size_t>& slots,
                                       const std::vector<std::size_t>& sorted) {
  // Between units only blank lines and plain text stay in place.
  const auto append = [&](std::string& text, std::size_t from, std::size_t to) {
    for (std::size_t bi = from; bi < to; ++bi) {
      const Block& b = a.block(bi);
      if (b.text.empty() || (b.text.back() != '\n' && b.text.back() != '\r'))
        return false;
      text += b.text;
    }
    return true;
  };
  std::string text;
  std::size_t next = 0, at = units.front().begin;
  for (std::size_t k = 0; k < units.size(); ++k) {
    for (std::size_t bi = at; bi < units[k].begin; ++bi) {
      const BlockKind kind = a.block(bi).kind;
      if (kind == BlockKind::kHtml || kind == BlockKind::kSummary)
        return std::nullopt;
    }
    if (!append(text, at, units[k].begin))
      return std::nullopt;
    const bool slot = next < slots.size() && slots[next] == k;
    const EntryUnit& u = units[slot ? sorted[next++] : k];
    if (!append(text, u.begin, u.end))
      return std::nullopt;
    at = units[k].end;
  }
  return text;
}

}  // namespace

std::optional<TextEdit> sort_section_edit(const Analysis& a, const SectionRec& s) {
  if (s.entries.empty())
    return std::nullopt;
  // Each entry moves as a unit: with the wrapper that belongs to it, if any.
  std::vector<EntryUnit> units;
  for (std::size_t bi : s.entries) {
    auto unit = entry_unit(a, bi);
    if (!unit || (!units.empty() && unit->begin < units.back().end))
      return std::nullopt;
    units.push_back(*unit);
  }
  std::vector<std::size_t> slots;  // indexes into units
  for (std::size_t k = 0; k < units.size(); ++k) {
    if (a.entry(units[k].entry).arxiv)
      slots.push_back(k);
  }
  const std::vector<std::size_t> sorted = sorted_slots(a, s, units, slots);
  if (sorted == slots || crosses_suppression(a, units, slots, sorted))
    return std::nullopt;
  std::optional<std::string> text = sorted_text(a, units, slots, sorted);
  if (!text)
    return std::nullopt;
  const std::size_t first = units.front().begin, last = units.back().end;
  const std::uint32_t from = a.first_line[first];
  const std::uint32_t to = a.first_line[last - 1] + a.block(last - 1).line_count();
  return TextEdit{{{from, 0}, {to, 0}}, std::move(*text)};
}

OrderConventions order_conventions(const Analysis& a) {
  const bool descending = a.config.order == SortDirection::kDescending;
  std::size_t pairs = 0, inverted = 0, by_venue = 0, by_arxiv = 0;
  std::size_t section = SIZE_MAX, previous_block = 0;
  const ArxivId* previous = nullptr;
  for (std::size_t bi : a.papers) {
    const Entry& e = a.entry(bi);
    if (!e.arxiv)
      continue;
    // Pairs inside one ordering group: none across a comment that starts a group.
    if (a.block_section[bi] == section && previous != nullptr &&
        group_comment(a, previous_block, bi) == SIZE_MAX) {
      ++pairs;
      if (descending ? *previous < *e.arxiv : *e.arxiv < *previous)
        ++inverted;
    }
    section = a.block_section[bi];
    previous = &*e.arxiv;
    previous_block = bi;
    // The entries whose venue and arXiv years differ tell which one the year sections hold.
    if (!e.venue || !e.venue->year || *e.venue->year == e.arxiv->year())
      continue;
    std::size_t si = section;
    while (si != SIZE_MAX && a.sections[si].kind != SectionKind::kYear) si = a.sections[si].parent;
    if (si == SIZE_MAX)
      continue;
    const int year = *a.block(a.sections[si].block).heading->year;
    by_venue += year == *e.venue->year;
    by_arxiv += year == e.arxiv->year();
  }
  // Random order inverts half the pairs; a list sorted by hand, with slips, far fewer.
  return {pairs < 10 || inverted * 4 <= pairs,
          by_venue > by_arxiv,
          pairs,
          inverted,
          by_venue,
          by_arxiv};
}

namespace {

/// Whether the entry in block `bi` moves alone: no wrapper of its own and no HTML around it.
bool plain_entry(const Analysis& a, std::size_t bi) {
  const auto u = entry_unit(a, bi);
  return u && u->begin == bi && u->end == bi + 1;
}

/// The edit that removes the entry in block `bi` (a block that ends its line) with the blank
/// line after it, or before it when none follows.
TextEdit entry_removal(const Analysis& a, std::size_t bi) {
  const auto blank_line = [&](std::size_t k) {
    return k < a.blocks.size() && a.block(k).kind == BlockKind::kBlank &&
           a.block(k).line_count() == 1 && a.block(k).ends_line();
  };
  std::uint32_t from = a.first_line[bi];
  std::uint32_t to = from + a.block(bi).line_count();
  if (blank_line(bi + 1))
    ++to;  // the entry's separating blank line goes with it
  else if (bi > 0 && blank_line(bi - 1))
    --from;  // or the one before it: no blank line is left at the end of the document
  return {{{from, 0}, {to, 0}}, ""};
}

/// The two edits that move the entry in block `bi`, with the blank line after it (or before
/// it, when none follows), next to block `anchor`: right after it (`after`), or right before
/// it, separated from it by a blank line. nullopt when a block that text would follow does not
/// end its line. The entry must not be right after `anchor` with a blank line between.
std::optional<std::vector<TextEdit>> move_edits(const Analysis& a, std::size_t bi,
                                                std::size_t anchor, bool after) {
  const Block& b = a.block(bi);
  if (!b.ends_line() || (after && !a.block(anchor).ends_line()))
    return std::nullopt;
  const BlockLine& last = b.lines.back();
  const std::string terminator = b.text.substr(last.start + last.length, last.term);
  const TextEdit removal = entry_removal(a, bi);
  const std::uint32_t line =
      after ? a.first_line[anchor] + a.block(anchor).line_count() : a.first_line[anchor];
  const Position at{line, 0};
  std::vector<TextEdit> edits;
  edits.push_back(removal);
  edits.push_back({{at, at}, after ? terminator + b.text : b.text + terminator});
  return edits;
}

std::string id_of(const Analysis& a, std::size_t block) {
  return a.entry(block).arxiv->id;
}

/// Where a finding about the arXiv id of the entry in block `bi` goes: the id inside its paper
/// link's URL (`2010.09515` of `https://arxiv.org/abs/2010.09515v2`), absolute; the whole URL
/// when the id is not written there as it is normalized.
Range arxiv_id_range(const Analysis& a, std::size_t bi) {
  const Entry& e = a.entry(bi);
  const Link& paper = e.links.front();
  Range r = paper.url_range;
  const std::size_t at = paper.url.rfind(e.arxiv->id);
  if (at != std::string::npos && r.start.line == r.end.line &&
      r.start.column + paper.url.size() == r.end.column) {
    r.start.column += static_cast<std::uint32_t>(at);
    r.end.column = r.start.column + static_cast<std::uint32_t>(e.arxiv->id.size());
  }
  return a.absolute(bi, r);
}

/// Blocks of a section that a move must not carry an entry across: HTML (a `<details>` that
/// opens or closes), `<summary>` and headings, and comments (suppressions by line or region).
class Barriers {
 public:
  /// Over the blocks from the heading of `s` to one past its last entry.
  Barriers(const Analysis& a, const SectionRec& s) : first_(s.block), count_{0} {
    const std::size_t end = std::min({s.end_block, s.entries.back() + 2, a.blocks.size()});
    for (std::size_t bi = s.block; bi < end; ++bi) {
      const BlockKind k = a.block(bi).kind;
      const bool barrier = k == BlockKind::kHtml || k == BlockKind::kSummary ||
                           k == BlockKind::kComment || k == BlockKind::kHeading;
      count_.push_back(count_.back() + (barrier ? 1 : 0));
    }
  }
  /// Whether a barrier lies in the blocks [from, to] (clamped to the blocks counted, heading
  /// left out).
  bool any(std::size_t from, std::size_t to) const {
    from = std::max(from, first_ + 1);
    to = std::min(to, first_ + count_.size() - 2);
    return from <= to && count_[to - first_ + 1] != count_[from - first_];
  }

 private:
  std::size_t first_;
  std::vector<std::size_t> count_;  ///< barriers among the section's first k blocks
};

/// Moves the entry in block `bi` within its section: right after the entry in block `target`,
/// or before the first entry with an id of its group (`first`) when `target` is SIZE_MAX. Only
/// plain entries move, and not across HTML or a comment, nor away from or next to a comment.
std::optional<Fix> move_in_section_fix(const Analysis& a, const Barriers& barriers, std::size_t bi,
                                       std::size_t target, std::size_t first) {
  const bool after = target != SIZE_MAX;
  const std::size_t anchor = after ? target : first;
  if (!plain_entry(a, bi) || !plain_entry(a, anchor))
    return std::nullopt;
  // One block beyond each end: a comment right above the entry or its new place.
  if (barriers.any(std::min(bi, anchor) - 1, std::max(bi, anchor) + 1))
    return std::nullopt;
  auto edits = move_edits(a, bi, anchor, after);
  if (!edits)
    return std::nullopt;
  Fix fix;
  fix.title = (after ? "Move the entry right after " : "Move the entry before ") + id_of(a, anchor);
  fix.edits = std::move(*edits);
  // One entry at a time is a choice made in the editor; `--fix` sorts the whole section.
  fix.safe = false;
  fix.preferred = true;
  return fix;
}

/// Reports the entries of one ordering group of `s` outside a longest run of the group already
/// in order (entries without an id are left out). Each one is expected right after the entry of
/// the run that sorts last before it, so moving every reported entry there sorts the group.
/// The section's first finding carries the sort of the whole section (`sort_attached`).
void check_group_order(const Analysis& a, const SectionRec& s, const OrderGroup& g, bool grouped,
                       std::optional<Barriers>& barriers, bool& sort_attached,
                       DiagnosticSink& sink) {
  const bool descending = a.config.order == SortDirection::kDescending;
  std::vector<std::size_t> blocks;
  std::vector<std::uint64_t> keys;  // complemented when ascending: in order = non-increasing
  for (std::size_t k = g.begin; k < g.end; ++k) {
    const std::size_t bi = s.entries[k];
    if (!a.entry(bi).arxiv)
      continue;
    const std::uint64_t key = sort_key(*a.entry(bi).arxiv);
    blocks.push_back(bi);
    keys.push_back(descending ? key : ~key);
  }
  if (blocks.size() < 2)
    return;
  const std::vector<bool> kept = longest_run_in_order(keys);
  std::vector<std::size_t> run;  // positions in `blocks` of the kept entries, in order
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i])
      run.push_back(i);
  }
  if (run.size() == blocks.size())
    return;
  if (!barriers)
    barriers.emplace(a, s);
  std::size_t next = 0;  // the first kept entry below position i
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (kept[i]) {
      ++next;
      continue;
    }
    // The kept entry above sorts after it, or the kept entry below sorts before it: else it
    // would fit between them and the run would not be a longest one.
    const bool after_above = next > 0 && keys[run[next - 1]] < keys[i];
    const std::size_t other = after_above ? run[next - 1] : run[next];
    // Its place in the run: after the last kept entry that sorts before it or equals it.
    const auto place = std::partition_point(run.begin(), run.end(),
                                            [&](std::size_t k) { return keys[k] >= keys[i]; });
    const std::size_t target = place == run.begin() ? SIZE_MAX : blocks[*(place - 1)];
    const Entry& e = a.entry(blocks[i]);
    std::string msg = "Entry " + e.arxiv->id + " is out of " +
                      (descending ? "descending" : "ascending") + " arXiv id order " +
                      (after_above ? "after " : "before ") + id_of(a, blocks[other]) +
                      "; expected ";
    if (target != SIZE_MAX)
      msg += "it right after " + id_of(a, target) + ".";
    else
      msg += grouped ? "it first among its group's entries with an id."
                     : "it first among the section's entries with an id.";
    auto& d = sink.report(RuleId::kEntryOrder, arxiv_id_range(a, blocks[i]), std::move(msg));
    if (target != SIZE_MAX) {
      d.related.push_back(
          {a.absolute(target, a.entry(target).title_range), "the entry it should follow"});
    } else if (g.comment != SIZE_MAX) {
      d.related.push_back({a.line_range(g.comment, 0), "the comment that starts its group"});
    }
    // The sort rewrites the whole section, so only the section's first finding carries it.
    if (!sort_attached) {
      sort_attached = true;
      if (auto edit = sort_section_edit(a, s)) {
        d.fixes.push_back(
            Fix{"Sort the entries of this section by arXiv id", {std::move(*edit)}, true, true});
      }
    }
    if (auto fix = move_in_section_fix(a, *barriers, blocks[i], target, blocks.front())) {
      // The move of this one entry is what the finding asks for: the preferred fix, first (an
      // editor takes a finding's first fix as the preferred one; `--fix` its first safe one).
      for (Fix& sort : d.fixes) sort.preferred = false;
      d.fixes.insert(d.fixes.begin(), std::move(*fix));
    }
  }
}

/// entry-order over a section: each ordering group on its own (a comment between two entries
/// starts a group).
void check_section_order(const Analysis& a, const SectionRec& s, DiagnosticSink& sink) {
  const std::vector<OrderGroup> groups = order_groups(a, s);
  std::optional<Barriers> barriers;  // built at the section's first finding
  bool sort_attached = false;
  for (const OrderGroup& g : groups)
    check_group_order(a, s, g, groups.size() > 1, barriers, sort_attached, sink);
}

std::size_t year_section_of(const Analysis& a, std::size_t si) {
  for (; si != SIZE_MAX; si = a.sections[si].parent) {
    if (a.sections[si].kind == SectionKind::kYear)
      return si;
  }
  return SIZE_MAX;
}

/// The year section of the same category that an entry from `year` belongs in.
std::size_t year_section_for(const Analysis& a, std::size_t current, int year) {
  // The category, or the paper root of a list organised by year (SIZE_MAX: the document).
  const std::size_t category = a.sections[current].parent;
  const bool whole = category == SIZE_MAX;
  for (std::size_t si = whole ? 0 : category + 1;
       si < a.sections.size() && (whole || a.sections[si].block < a.sections[category].end_block);
       ++si) {
    const SectionRec& s = a.sections[si];
    if (s.parent != category || s.kind != SectionKind::kYear || si == current)
      continue;
    const HeadingInfo& h = *a.block(s.block).heading;
    if (year == *h.year || (h.year_and_before && year <= *h.year))
      return si;
  }
  return SIZE_MAX;
}

/// Moves the entry in block `bi` into the year section `target`, at its place in arXiv id
/// order: one edit removes it (with its blank line), one inserts it.
std::optional<Fix> move_entry_fix(const Analysis& a, std::size_t bi, std::size_t target) {
  // An entry inside HTML (its own `<details>` wrapper, or any other) is not moved, and nothing
  // is moved into a section whose entries sit in HTML.
  if (!plain_entry(a, bi))
    return std::nullopt;
  const SectionRec& t = a.sections[target];
  for (std::size_t other : t.entries) {
    if (!plain_entry(a, other))
      return std::nullopt;
  }
  const bool descending = a.config.order == SortDirection::kDescending;
  const std::uint64_t key = sort_key(*a.entry(bi).arxiv);
  std::optional<std::vector<TextEdit>> edits;
  for (std::size_t other : t.entries) {
    const Entry& e = a.entry(other);
    if (e.arxiv && (descending ? sort_key(*e.arxiv) < key : sort_key(*e.arxiv) > key)) {
      edits = move_edits(a, bi, other, false);  // before the first entry it sorts before
      if (!edits)
        return std::nullopt;
      break;
    }
  }
  // Else after the last entry, or right after the heading of an empty section.
  if (!edits)
    edits = move_edits(a, bi, t.entries.empty() ? t.block : t.entries.back(), true);
  if (!edits)
    return std::nullopt;
  const HeadingInfo& h = *a.block(t.block).heading;
  Fix fix;
  fix.title = "Move the entry to the year section '" + h.title + "'";
  fix.edits = std::move(*edits);
  fix.safe = true;
  fix.preferred = true;
  return fix;
}

/// The year sections next to year section `ys` (the same parent), in order, `ys` among them.
std::vector<std::size_t> sibling_years(const Analysis& a, std::size_t ys) {
  const std::size_t parent = a.sections[ys].parent;
  const bool whole = parent == SIZE_MAX;
  std::vector<std::size_t> out;
  for (std::size_t si = whole ? 0 : parent + 1;
       si < a.sections.size() && (whole || a.sections[si].block < a.sections[parent].end_block);
       ++si) {
    if (a.sections[si].parent == parent && a.sections[si].kind == SectionKind::kYear)
      out.push_back(si);
  }
  return out;
}

/// Creates the year section for `year` next to year section `ys` (the entry in block `bi` sits
/// in it) and moves the entry there: a heading of the level of `ys`, titled like it with the
/// year in place of its own (`### Privacy: 2019` beside `### Privacy: 2020`), before the first
/// year section older than `year` (newest first, as year-order expects) or after the last one.
/// nullopt for `<summary>` year sections and blocks that do not end their line.
std::optional<Fix> new_year_section_fix(const Analysis& a, std::size_t bi, std::size_t ys,
                                        int year) {
  const HeadingInfo& h = *a.block(a.sections[ys].block).heading;
  const std::size_t digits = h.title.find(std::to_string(*h.year));
  if (!plain_entry(a, bi) || !a.block(bi).ends_line() || h.level == 0 ||
      digits == std::string::npos) {
    return std::nullopt;
  }
  const std::string title = h.title.substr(0, digits) + std::to_string(year);
  const std::string heading = std::string(static_cast<std::size_t>(h.level), '#') + " " + title;
  const std::vector<std::size_t> years = sibling_years(a, ys);
  std::optional<TextEdit> insertion;
  for (std::size_t si : years) {
    const HeadingInfo& other = *a.block(a.sections[si].block).heading;
    if (other.level != 0 && *other.year < year) {
      const Position at{a.first_line[a.sections[si].block], 0};
      insertion = TextEdit{{at, at}, heading + "\n\n" + a.block(bi).text + "\n"};
      break;
    }
  }
  if (!insertion) {
    // After the last year section's last block that is not blank.
    std::size_t end = a.sections[years.back()].end_block;
    while (end > a.sections[years.back()].block + 1 && a.block(end - 1).kind == BlockKind::kBlank)
      --end;
    if (!a.block(end - 1).ends_line())
      return std::nullopt;
    const Position at{a.first_line[end - 1] + a.block(end - 1).line_count(), 0};
    insertion = TextEdit{{at, at}, "\n" + heading + "\n\n" + a.block(bi).text};
  }
  Fix fix;
  fix.title = "Create the year section '" + title + "' and move the entry there";
  if (a.sections[years.back()].end_block > bi && insertion->new_text.front() == '\n' &&
      insertion->range.start.line == a.first_line[bi] + a.block(bi).line_count()) {
    // The entry is the last one of the last year section: the heading goes right above it.
    const Position at{a.first_line[bi], 0};
    fix.edits = {{{at, at}, heading + "\n\n"}};
  } else {
    fix.edits = {entry_removal(a, bi), std::move(*insertion)};
  }
  // A curator may file by another year (the venue's): a new section is a person's choice.
  fix.safe = false;
  return fix;
}

void check_entry_years(const Analysis& a, DiagnosticSink& sink) {
  auto first = std::lower_bound(a.papers.begin(), a.papers.end(), a.block_begin);
  auto last = std::lower_bound(first, a.papers.end(), a.blocks_end());
  for (auto it = first; it != last; ++it) {
    const std::size_t bi = *it;
    const Entry& e = a.entry(bi);
    if (!e.arxiv)
      continue;
    const std::size_t ys = year_section_of(a, a.block_section[bi]);
    if (ys == SIZE_MAX)
      continue;
    const HeadingInfo& h = *a.block(a.sections[ys].block).heading;
    // A list whose year sections hold the year of publication files by the venue's year.
    const bool by_venue = a.conventions.year_by_venue && e.venue && e.venue->year;
    const int year = by_venue ? *e.venue->year : e.arxiv->year();
    if (year == *h.year || (h.year_and_before && year <= *h.year))
      continue;
    // On what the finding is about: the venue's year, or the arXiv id.
    const Range subject = by_venue ? a.absolute(bi, e.venue->range) : arxiv_id_range(a, bi);
    auto& d =
        sink.report(RuleId::kEntryYear, subject,
                    "Entry " + e.arxiv->id + (by_venue ? " was published in " : " is from ") +
                        std::to_string(year) + " but sits in the year section '" + h.title + "'.");
    d.related.push_back({a.absolute(a.sections[ys].block, h.title_range), "the year section"});
    // Only an entry directly in its year section moves; one in a sub-heading stays put.
    if (ys != a.block_section[bi])
      continue;
    const std::size_t target = year_section_for(a, ys, year);
    auto fix =
        target != SIZE_MAX ? move_entry_fix(a, bi, target) : new_year_section_fix(a, bi, ys, year);
    if (fix)
      d.fixes.push_back(std::move(*fix));
  }
}

}  // namespace

void check_ordering(const Analysis& a, DiagnosticSink& sink) {
  for (std::size_t si = a.section_begin; si < a.sections_end(); ++si) {
    const SectionRec& s = a.sections[si];
    if (s.entries.size() >= 2 && a.conventions.sorted)
      check_section_order(a, s, sink);
  }
  check_entry_years(a, sink);
}

}  // namespace awesome::rules
