#include "rules/analysis.hpp"

#include <algorithm>

#include <re2/re2.h>

#include "rules/text_util.hpp"

namespace awesome::rules {

Diagnostic& DiagnosticSink::report(std::string_view rule, Range range, std::string message) {
  Diagnostic d;
  d.rule = rule;
  d.range = range;
  d.message = std::move(message);
  out_.push_back(std::move(d));
  return out_.back();
}

namespace {

bool is_toc_title(std::string_view title) {
  std::string t = text::to_lower_ascii(text::trim(title));
  return t == "table of contents" || t == "contents" || t == "toc";
}

bool is_paper_list_title(std::string_view title) {
  return text::iequals(text::trim(title), "paper list") ||
         text::iequals(text::trim(title), "papers");
}

void parse_toc_block(Analysis& a, std::size_t bi) {
  static const RE2 item_re(R"(^(\s*)[-*+]\s+\[((?:[^\[\]]|\[[^\]]*\])*)\]\(#([^)\s]*)\))");
  const Block& b = a.block(bi);
  for (std::uint32_t i = 0; i < b.line_count(); ++i) {
    std::string_view line = b.line(i);
    re2::StringPiece indent, label, anchor;
    if (!RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), item_re, &indent, &label,
                           &anchor)) {
      continue;
    }
    TocRec t;
    t.block = bi;
    t.line = i;
    t.text = std::string(label.data(), label.size());
    t.anchor = std::string(anchor.data(), anchor.size());
    t.depth = static_cast<int>(indent.size() / 2);
    const auto begin = static_cast<std::uint32_t>(line.find('[', indent.size()));
    const auto anchor_begin = static_cast<std::uint32_t>(anchor.data() - line.data());
    const auto end = static_cast<std::uint32_t>(anchor_begin + anchor.size() + 1);
    t.range = {{i, begin}, {i, end}};
    t.anchor_range = {{i, anchor_begin}, {i, static_cast<std::uint32_t>(anchor_begin + anchor.size())}};
    a.toc.push_back(std::move(t));
  }
}

}  // namespace

Dialect detect_dialect(const Analysis& a) {
  if (a.config.dialect) return *a.config.dialect;
  if (a.digests_2021 != a.digests_2026) {
    return a.digests_2021 > a.digests_2026 ? Dialect::k2021 : Dialect::k2026;
  }
  return (a.has_year_headings && !a.has_paper_list) ? Dialect::k2021 : Dialect::k2026;
}

bool shapes_outline(const Block& b) {
  return (b.kind == BlockKind::kHeading || b.kind == BlockKind::kSummary) && b.heading;
}

bool same_outline_role(const Block& x, const Block& y) {
  if (x.kind != y.kind || x.heading.has_value() != y.heading.has_value()) return false;
  if (!x.heading) return true;
  const HeadingInfo& a = *x.heading;
  const HeadingInfo& b = *y.heading;
  return a.level == b.level && a.year.has_value() == b.year.has_value() &&
         a.category.empty() == b.category.empty() &&
         is_toc_title(a.title) == is_toc_title(b.title) &&
         is_paper_list_title(a.title) == is_paper_list_title(b.title);
}

bool starts_chunk(const SectionRec& s) {
  return s.level == 1 || (s.level == 2 && s.kind != SectionKind::kYear);
}

std::size_t Analysis::index_of(const Block* b) const {
  const std::uint64_t label = b->marks.label;
  auto it = std::lower_bound(blocks.begin(), blocks.end(), label,
                             [](const BlockPtr& x, std::uint64_t l) { return x->marks.label < l; });
  if (it == blocks.end() || it->get() != b) return SIZE_MAX;
  return static_cast<std::size_t>(it - blocks.begin());
}

void build_outline(Analysis& a) {
  const std::size_t n = a.blocks.size();
  a.sections.clear();
  a.papers.clear();
  a.toc.clear();
  a.toc_section = SIZE_MAX;
  a.block_section.assign(n, SIZE_MAX);
  bool has_paper_list = false;
  bool seen_heading = false;
  for (const auto& b : a.blocks) {
    if (b->kind == BlockKind::kHeading && b->heading && b->heading->level == 1 &&
        is_paper_list_title(b->heading->title)) {
      has_paper_list = true;
    }
  }
  bool has_year_headings = false;
  std::vector<std::size_t> stack;  // open sections, outermost first
  std::vector<int> ranks;          // their heading levels (a <summary> section ranks as 3)
  auto close_sections = [&](int level, std::size_t at) {
    while (!stack.empty() && ranks.back() >= level) {
      a.sections[stack.back()].end_block = at;
      stack.pop_back();
      ranks.pop_back();
    }
  };
  for (std::size_t bi = 0; bi < n; ++bi) {
    const Block& b = a.block(bi);
    const bool is_heading = b.kind == BlockKind::kHeading && b.heading;
    const bool is_summary = b.kind == BlockKind::kSummary && b.heading;
    if (is_heading || is_summary) {
      const HeadingInfo& h = *b.heading;
      const int level = is_heading ? h.level : 3;
      close_sections(level, bi);
      SectionRec s;
      s.block = bi;
      s.level = is_heading ? h.level : 0;
      s.parent = stack.empty() ? SIZE_MAX : stack.back();
      const SectionRec* parent = stack.empty() ? nullptr : &a.sections[stack.back()];
      if (is_toc_title(h.title)) {
        s.kind = SectionKind::kToc;
      } else if (level == 1) {
        if (!seen_heading && !has_paper_list) {
          s.kind = SectionKind::kTitle;
        } else if (is_paper_list_title(h.title)) {
          s.kind = SectionKind::kGroup;
          s.holds_papers = true;
        } else {
          s.kind = seen_heading ? SectionKind::kGroup : SectionKind::kTitle;
        }
      } else if (level == 2 && (has_paper_list ? (parent && parent->kind == SectionKind::kGroup &&
                                                  parent->holds_papers)
                                               : (!parent || parent->kind == SectionKind::kTitle))) {
        s.kind = h.year ? SectionKind::kYear : SectionKind::kCategory;
        s.holds_papers = true;
      } else if (parent && parent->holds_papers) {
        s.kind = h.year ? SectionKind::kYear : SectionKind::kOther;
        s.holds_papers = true;
      } else if (h.year && !parent) {
        s.kind = SectionKind::kYear;  // a year section outside any category
        s.holds_papers = !has_paper_list;
      } else {
        s.kind = SectionKind::kOther;
      }
      if (s.kind == SectionKind::kYear && is_heading && !h.category.empty()) {
        has_year_headings = true;
      }
      seen_heading = true;
      a.sections.push_back(std::move(s));
      stack.push_back(a.sections.size() - 1);
      ranks.push_back(level);
      a.block_section[bi] = stack.back();
      continue;
    }
    const std::size_t inner = stack.empty() ? SIZE_MAX : stack.back();
    a.block_section[bi] = inner;
    if (inner == SIZE_MAX) continue;
    SectionRec& sec = a.sections[inner];
    if (b.kind == BlockKind::kListItem) {
      if (sec.kind == SectionKind::kToc) {
        if (a.toc_section == SIZE_MAX || a.toc_section == inner) {
          a.toc_section = inner;
          parse_toc_block(a, bi);
        }
      } else if (sec.holds_papers && b.entry) {
        sec.entries.push_back(bi);
        a.papers.push_back(bi);
      }
    }
  }
  close_sections(0, n);
  a.has_paper_list = has_paper_list;
  a.has_year_headings = has_year_headings;
  a.digests_2021 = 0;
  a.digests_2026 = 0;
  for (std::size_t bi : a.papers) {
    a.digests_2021 += a.block(bi).counts_2021_digest;
    a.digests_2026 += a.block(bi).counts_2026_digest;
  }
  a.dialect = detect_dialect(a);
}

}  // namespace awesome::rules
