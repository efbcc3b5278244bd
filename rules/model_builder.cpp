// Materializes the public Model (absolute positions) from the blocks and the outline; done
// lazily, only when a caller asks for the model (navigation, completion), not per keystroke.
#include "rules/analysis.hpp"
#include "rules/list_document.hpp"
#include "rules/slug.hpp"

namespace awesome::rules {

namespace {

Range shift(Range r, std::uint32_t by) {
  r.start.line += by;
  r.end.line += by;
  return r;
}

Entry absolute_entry(const Entry& rel, std::uint32_t base) {
  Entry e = rel;
  e.first_line += base;
  e.last_line += base;
  e.title_range = shift(e.title_range, base);
  e.line_range = shift(e.line_range, base);
  for (auto& l : e.links) {
    l.range = shift(l.range, base);
    l.label_range = shift(l.label_range, base);
    l.url_range = shift(l.url_range, base);
  }
  if (e.authors_line)
    *e.authors_line += base;
  if (e.venue)
    e.venue->range = shift(e.venue->range, base);
  if (e.keywords_line)
    *e.keywords_line += base;
  for (auto& k : e.keywords) k.range = shift(k.range, base);
  if (e.digest_line)
    *e.digest_line += base;
  return e;
}

}  // namespace

Model build_model(const Analysis& a) {
  Model m;
  m.dialect = a.dialect;
  m.dialect_forced = a.config.dialect.has_value();
  m.conventions = a.conventions;
  SlugCounter slugs;
  std::vector<std::size_t> entry_index(a.blocks.size(), SIZE_MAX);
  for (std::size_t bi : a.papers) {
    entry_index[bi] = m.entries.size();
    m.entries.push_back(absolute_entry(a.entry(bi), a.first_line[bi]));
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
