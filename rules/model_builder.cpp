// Materializes the public Model (absolute positions) from the blocks and the outline; done
// lazily, only when a caller asks for the model (navigation, completion), not per keystroke.
#include <cstdint>

#include "rules/analysis.hpp"
#include "rules/hash_counter.hpp"
#include "rules/list_document.hpp"
#include "rules/slug.hpp"

namespace awesome::rules {

namespace {

// Lines move by `by` modulo 2^32: a negative move is a large `by`, and unsigned arithmetic
// wraps back to the right line.
Range shift(Range r, std::uint32_t by) {
  r.start.line += by;
  r.end.line += by;
  return r;
}

/// Moves every line number of `e` by `by`.
void shift_entry(Entry& e, std::uint32_t by) {
  e.first_line += by;
  e.last_line += by;
  e.title_range = shift(e.title_range, by);
  e.line_range = shift(e.line_range, by);
  for (auto& l : e.links) {
    l.range = shift(l.range, by);
    l.label_range = shift(l.label_range, by);
    l.url_range = shift(l.url_range, by);
  }
  if (e.authors_line)
    *e.authors_line += by;
  if (e.venue)
    e.venue->range = shift(e.venue->range, by);
  if (e.keywords_line)
    *e.keywords_line += by;
  for (auto& k : e.keywords) k.range = shift(k.range, by);
  if (e.digest_line)
    *e.digest_line += by;
}

}  // namespace

Model build_model(const Analysis& a, Model previous,
                  const std::vector<EntrySource>& previous_sources,
                  std::vector<EntrySource>& sources) {
  Model m;
  m.dialect = a.dialect;
  m.dialect_forced = a.config.dialect.has_value();
  m.conventions = a.conventions;
  SlugCounter slugs;
  // The previous entries by their block's address (one past their index; 0: none), in a flat
  // table: a node per entry would cost more than the moves it saves.
  HashCounter reusable;
  if (previous.entries.size() == previous_sources.size()) {
    for (std::size_t i = 0; i < previous_sources.size(); ++i) {
      reusable.add(reinterpret_cast<std::uintptr_t>(previous_sources[i].block.get()),
                   static_cast<int>(i) + 1);
    }
  }
  sources.clear();
  sources.reserve(a.papers.size());
  m.entries.reserve(a.papers.size());
  std::vector<std::size_t> entry_index(a.blocks.size(), SIZE_MAX);
  for (std::size_t bi : a.papers) {
    entry_index[bi] = m.entries.size();
    const std::uint32_t base = a.first_line[bi];
    const auto key = reinterpret_cast<std::uintptr_t>(a.blocks[bi].get());
    if (const int old = reusable.get(key); old > 0) {
      reusable.add(key, -old);  // moved from once (a block is one entry)
      const auto i = static_cast<std::size_t>(old - 1);
      shift_entry(m.entries.emplace_back(std::move(previous.entries[i])),
                  base - previous_sources[i].first_line);
    } else {
      shift_entry(m.entries.emplace_back(a.entry(bi)), base);
    }
    sources.push_back({a.blocks[bi], base});
  }
  for (const SectionRec& s : a.sections) {
    const HeadingInfo& h = *a.block(s.block).heading;
    Section out;
    out.kind = s.kind;
    out.level = s.level;
    out.title = h.title;
    out.anchor = s.level > 0 ? slugs.next(h.title) : std::string();
    out.year = h.year;
    out.category = h.category;
    out.range = a.line_range(s.block, 0);
    out.title_range = a.absolute(s.block, h.title_range);
    const std::size_t end = s.end_block;
    out.end_line = end < a.blocks.size() ? a.first_line[end] - 1
                                         : a.first_line.back() + a.blocks.back()->line_count() - 1;
    out.parent = s.parent;
    out.holds_papers = s.holds_papers;
    for (std::size_t bi : s.entries) out.entries.push_back(entry_index[bi]);
    m.sections.push_back(std::move(out));
  }
  for (std::size_t i = 0; i < m.entries.size(); ++i) {
    m.entries[i].section = a.block_section[a.papers[i]];
  }
  for (const TocRec& t : a.toc) {
    m.toc.push_back({t.text, t.anchor, a.absolute(t.block, t.range),
                     a.absolute(t.block, t.anchor_range), t.depth});
  }
  if (a.toc_section != SIZE_MAX)
    m.toc_section = a.toc_section;
  return m;
}

}  // namespace awesome::rules
