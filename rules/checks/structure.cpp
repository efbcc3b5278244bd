// Structure rules: heading-hierarchy, year-order and empty-section (the table-of-contents
// rules are in toc.cpp).
#include <algorithm>
#include <optional>

#include "rules/analysis.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

const HeadingInfo& heading_of(const Analysis& a, const SectionRec& s) {
  return *a.block(s.block).heading;
}

std::string heading_text(const Analysis& a, const SectionRec& s) {
  const Block& b = a.block(s.block);
  if (s.level == 0)
    return "<summary>" + b.heading->title + "</summary>";
  return std::string(static_cast<std::size_t>(s.level), '#') + " " + b.heading->title;
}

std::size_t category_of(const Analysis& a, std::size_t si) {
  for (std::size_t p = a.sections[si].parent; p != SIZE_MAX; p = a.sections[p].parent) {
    if (a.sections[p].kind == SectionKind::kCategory)
      return p;
  }
  return SIZE_MAX;
}

/// The end of the document, as a position.
Position document_end(const Analysis& a) {
  const Block& last = *a.blocks.back();
  return {a.first_line.back() + last.line_count() - 1, last.lines.back().length};
}

/// The category titled `name` (case and spaces around it ignored); SIZE_MAX unless exactly one
/// category has that title.
std::size_t category_named(const Analysis& a, std::string_view name) {
  std::size_t found = SIZE_MAX;
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    const SectionRec& c = a.sections[si];
    if (c.kind != SectionKind::kCategory ||
        !text::iequals(text::trim(heading_of(a, c).title), text::trim(name))) {
      continue;
    }
    if (found != SIZE_MAX)
      return SIZE_MAX;
    found = si;
  }
  return found;
}

/// The title of year section `h` with the category `category` in place of the one it names:
/// `Ownership: 2017` for `Others: 2017`, `Ownership: 2019 and Before` likewise.
std::string retitled(const HeadingInfo& h, std::string_view category) {
  const std::string_view title = h.title;
  const std::string_view named = text::trim(h.category);
  if (!named.empty() && title.starts_with(named))
    return std::string(category) + std::string(title.substr(named.size()));
  return std::string(category) + ": " + std::to_string(*h.year) +
         (h.year_and_before ? " and Before" : "");
}

/// Where year section `s` goes under category `t`, as year-order expects it (newest first):
/// the first year section of `t` older than it, or SIZE_MAX for the end of `t`. `found` is
/// false when `t` has a year section for its year already (the two are for a person to merge)
/// or year sections that are no headings.
std::size_t year_place(const Analysis& a, const SectionRec& t, std::size_t ti, int year,
                       bool& found) {
  found = false;
  for (std::size_t si = ti + 1; si < a.sections.size() && a.sections[si].block < t.end_block;
       ++si) {
    const SectionRec& y = a.sections[si];
    if (y.parent != ti || y.kind != SectionKind::kYear)
      continue;
    const HeadingInfo& h = heading_of(a, y);
    if (y.level == 0 || *h.year == year || (h.year_and_before && year <= *h.year))
      return SIZE_MAX;
    if (*h.year < year) {
      found = true;
      return si;
    }
  }
  found = true;
  return SIZE_MAX;
}

/// Moves year section `si` (its heading and every block up to the next heading of its level
/// or higher) under category `ti`, at its place among the year sections there (see
/// year_place()). The section's own blank lines after it go with it; one blank line separates
/// it from its new neighbours. nullopt for a `<summary>` section, a level that does not fit
/// under `ti`, or text that does not end its last line.
std::optional<Fix> move_section_fix(const Analysis& a, std::size_t si, std::size_t ti) {
  const SectionRec& s = a.sections[si];
  const SectionRec& t = a.sections[ti];
  if (s.level == 0 || s.level != t.level + 1 || (t.block < s.block && s.block < t.end_block))
    return std::nullopt;
  bool placed = false;
  const std::size_t before = year_place(a, t, ti, *heading_of(a, s).year, placed);
  if (!placed)
    return std::nullopt;
  std::size_t last = s.end_block;  // one past the section's last block that is not blank
  while (last > s.block + 1 && a.block(last - 1).kind == BlockKind::kBlank) --last;
  std::string moved;
  for (std::size_t bi = s.block; bi < last; ++bi) moved += a.block(bi).text;
  if (!a.block(last - 1).ends_line())
    return std::nullopt;
  Fix fix;
  fix.title = "Move the section under '" + heading_text(a, t) + "'";
  // Removed with the blank lines after it; at the end of the document, with those before it.
  std::size_t from = s.block;
  if (s.end_block >= a.blocks.size()) {
    while (from > 0 && a.block(from - 1).kind == BlockKind::kBlank) --from;
    fix.edits.push_back({{{a.first_line[from], 0}, document_end(a)}, ""});
  } else {
    fix.edits.push_back({{{a.first_line[from], 0}, {a.first_line[s.end_block], 0}}, ""});
  }
  if (before != SIZE_MAX) {
    const Position at{a.first_line[a.sections[before].block], 0};
    fix.edits.push_back({{at, at}, moved + "\n"});
  } else {
    std::size_t end = t.end_block;  // after the category's last block that is not blank
    while (end > t.block + 1 && a.block(end - 1).kind == BlockKind::kBlank) --end;
    if (!a.block(end - 1).ends_line())
      return std::nullopt;
    const Position at{a.first_line[end - 1] + a.block(end - 1).line_count(), 0};
    fix.edits.push_back({{at, at}, "\n" + moved});
  }
  // The category it names may be a typo of the one it is in: for a person to choose.
  fix.safe = false;
  return fix;
}

/// A year section `si` that names another category than its own `cat`: retitle it after its
/// category, or move it under the category it names, when exactly one has that title.
void report_misfiled(const Analysis& a, std::size_t si, std::size_t cat, DiagnosticSink& sink) {
  const SectionRec& s = a.sections[si];
  const HeadingInfo& h = heading_of(a, s);
  const std::string& cat_title = heading_of(a, a.sections[cat]).title;
  const std::string title = retitled(h, cat_title);
  auto& d =
      sink.report(RuleId::kHeadingHierarchy, a.absolute(s.block, h.title_range),
                  "Year section '" + h.title + "' is under '" + heading_text(a, a.sections[cat]) +
                      "'; expected it under '## " + h.category + "' or titled '" + title + "'.");
  d.related.push_back(
      {a.absolute(a.sections[cat].block, heading_of(a, a.sections[cat]).title_range),
       "the enclosing category"});
  d.fixes.push_back(Fix{"Rename the section to '" + title + "'",
                        {{a.absolute(s.block, h.title_range), title}},
                        false,
                        false});
  if (const std::size_t named = category_named(a, h.category); named != SIZE_MAX) {
    if (auto fix = move_section_fix(a, si, named))
      d.fixes.push_back(std::move(*fix));
  }
}

void check_hierarchy(const Analysis& a, DiagnosticSink& sink) {
  for (std::size_t si = a.section_begin; si < a.sections_end(); ++si) {
    const SectionRec& s = a.sections[si];
    const HeadingInfo& h = heading_of(a, s);
    const Range title = a.absolute(s.block, h.title_range);
    // Levels matter where the list's structure is: a skipped level in a prose section of the
    // preamble (`#### Why Backdoor Learning?` under the title) is Markdown style, not structure.
    const bool structure =
        s.kind == SectionKind::kCategory || s.kind == SectionKind::kYear || s.holds_papers;
    if (structure && s.level > 1 && s.parent != SIZE_MAX && a.sections[s.parent].level > 0 &&
        s.level > a.sections[s.parent].level + 1) {
      sink.report(RuleId::kHeadingHierarchy, title,
                  "Heading level " + std::to_string(s.level) + " under a level " +
                      std::to_string(a.sections[s.parent].level) +
                      " heading skips a level; expected level " +
                      std::to_string(a.sections[s.parent].level + 1) + ".");
    }
    if (s.kind != SectionKind::kYear)
      continue;
    const std::size_t cat = category_of(a, si);
    if (cat == SIZE_MAX) {
      // In a list organised by year, `## 2021` at the top of the paper part is right; a year
      // section that names a category has lost it.
      if (s.holds_papers && s.parent == a.paper_root && h.category.empty())
        continue;
      if (s.holds_papers || s.parent == SIZE_MAX) {
        sink.report(RuleId::kHeadingHierarchy, title,
                    "Year section '" + h.title +
                        "' is outside any category; expected it under "
                        "a '## Category' heading.");
      }
      continue;
    }
    const std::string& cat_title = heading_of(a, a.sections[cat]).title;
    if (!h.category.empty() && !text::iequals(text::trim(h.category), text::trim(cat_title)))
      report_misfiled(a, si, cat, sink);
  }
}

/// The first block of a year section's chunk, including a `<details>` line that opens it.
std::size_t chunk_start(const Analysis& a, const SectionRec& s) {
  if (s.level == 0 && s.block > 0) {
    const Block& prev = a.block(s.block - 1);
    if (prev.kind == BlockKind::kHtml && text::trim(prev.line(0)) == "<details>")
      return s.block - 1;
  }
  return s.block;
}

/// year-order over the year sections `years` of one category (or of the whole list).
void check_year_sequence(const Analysis& a, const std::vector<std::size_t>& years,
                         DiagnosticSink& sink) {
  for (std::size_t k = 1; k < years.size(); ++k) {
    const auto& prev = heading_of(a, a.sections[years[k - 1]]);
    const auto& cur = heading_of(a, a.sections[years[k]]);
    if (*cur.year <= *prev.year)
      continue;
    auto& d =
        sink.report(RuleId::kYearOrder, a.absolute(a.sections[years[k]].block, cur.title_range),
                    "Year section " + std::to_string(*cur.year) + " comes after " +
                        std::to_string(*prev.year) + "; year sections go newest first.");
    d.related.push_back({a.absolute(a.sections[years[k - 1]].block, prev.title_range),
                         "the older year section before it"});
    // Fix: reorder the year sections' text chunks, newest first (stable).
    std::vector<std::pair<int, std::string>> chunks;
    bool complete = true;
    for (std::size_t j = 0; j < years.size(); ++j) {
      const std::size_t from = chunk_start(a, a.sections[years[j]]);
      const std::size_t to = j + 1 < years.size() ? chunk_start(a, a.sections[years[j + 1]])
                                                  : a.sections[years[j]].end_block;
      std::string text;
      for (std::size_t bi = from; bi < to; ++bi) text += a.block(bi).text;
      complete = complete && !text.empty() && text.back() == '\n';
      chunks.emplace_back(*heading_of(a, a.sections[years[j]]).year, std::move(text));
    }
    if (!complete)
      continue;
    std::stable_sort(chunks.begin(), chunks.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    std::string replacement;
    for (auto& c : chunks) replacement += c.second;
    const std::uint32_t from_line = a.first_line[chunk_start(a, a.sections[years.front()])];
    const std::size_t end_block = a.sections[years.back()].end_block;
    // The replaced text ends where the next block starts, or at the very end of the document.
    Position end{};
    if (end_block < a.blocks.size()) {
      end = {a.first_line[end_block], 0};
    } else {
      const Block& last = *a.blocks.back();
      end = {a.first_line.back() + last.line_count() - 1, last.lines.back().length};
    }
    Fix fix;
    fix.title = "Sort the year sections, newest first";
    fix.edits.push_back({{{from_line, 0}, end}, std::move(replacement)});
    fix.safe = true;
    fix.preferred = true;
    d.fixes.push_back(std::move(fix));
  }
}

void check_year_order(const Analysis& a, DiagnosticSink& sink) {
  for (std::size_t ci = a.section_begin; ci < a.sections_end(); ++ci) {
    if (a.sections[ci].kind != SectionKind::kCategory)
      continue;
    std::vector<std::size_t> years;
    for (std::size_t si = ci + 1;
         si < a.sections.size() && a.sections[si].block < a.sections[ci].end_block; ++si) {
      if (a.sections[si].parent == ci && a.sections[si].kind == SectionKind::kYear)
        years.push_back(si);
    }
    check_year_sequence(a, years, sink);
  }
  if (!a.years_at_top)
    return;
  // A list organised by year: the year sections under the paper root, in the chunk that
  // holds the first of them (one chunk holds them all: see starts_chunk()).
  std::vector<std::size_t> years;
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    if (a.sections[si].parent == a.paper_root && a.sections[si].kind == SectionKind::kYear)
      years.push_back(si);
  }
  if (!years.empty() && years.front() >= a.section_begin && years.front() < a.sections_end()) {
    check_year_sequence(a, years, sink);
  }
}

bool subtree_has_entries(const Analysis& a, std::size_t si) {
  if (!a.sections[si].entries.empty())
    return true;
  for (std::size_t k = si + 1;
       k < a.sections.size() && a.sections[k].block < a.sections[si].end_block; ++k) {
    if (!a.sections[k].entries.empty())
      return true;
  }
  return false;
}

void check_empty(const Analysis& a, DiagnosticSink& sink) {
  for (std::size_t si = a.section_begin; si < a.sections_end(); ++si) {
    const SectionRec& s = a.sections[si];
    if (s.kind != SectionKind::kCategory && s.kind != SectionKind::kYear)
      continue;
    if (!s.holds_papers || subtree_has_entries(a, si))
      continue;
    const HeadingInfo& h = heading_of(a, s);
    sink.report(RuleId::kEmptySection, a.absolute(s.block, h.title_range),
                std::string(s.kind == SectionKind::kYear ? "Year section" : "Category") + " '" +
                    h.title + "' has no entries.")
        .tag = Tag::kUnnecessary;
  }
}

}  // namespace

void check_structure(const Analysis& a, DiagnosticSink& sink) {
  check_hierarchy(a, sink);
  check_year_order(a, sink);
  check_empty(a, sink);
}

}  // namespace awesome::rules
