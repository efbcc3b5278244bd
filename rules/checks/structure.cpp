// Structure rules: heading-hierarchy, year-order and empty-section (the table-of-contents
// rules are in toc.cpp).
#include <algorithm>

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
    if (!h.category.empty() && !text::iequals(text::trim(h.category), text::trim(cat_title))) {
      auto& d = sink.report(RuleId::kHeadingHierarchy, title,
                            "Year section '" + h.title + "' is under '" +
                                heading_text(a, a.sections[cat]) + "'; expected it under '## " +
                                h.category + "' or titled '" + cat_title + ": " +
                                std::to_string(*h.year) + "'.");
      d.related.push_back(
          {a.absolute(a.sections[cat].block, heading_of(a, a.sections[cat]).title_range),
           "the enclosing category"});
    }
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
