#include "rules/analysis.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <stdexcept>

#include "rules/entry_parser.hpp"
#include "rules/keys.hpp"
#include "rules/patterns.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

Diagnostic& DiagnosticSink::report(RuleId rule, Range range, std::string message) {
  const RuleInfo& info = rule_info(rule);
  if (!info.scopes.has(scope_)) {
    // Findings would not run the check again when what the rule reads changes.
    throw std::logic_error("rule " + std::string(info.id) + " reported outside its scopes");
  }
  Diagnostic d;
  d.rule = info.id;
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
  static const RE2 item_re(patterns::kTocItem);
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
    t.anchor_range = {{i, anchor_begin},
                      {i, static_cast<std::uint32_t>(anchor_begin + anchor.size())}};
    a.toc.push_back(std::move(t));
  }
}

}  // namespace

Dialect detect_dialect(const Analysis& a) {
  if (a.config.dialect)
    return *a.config.dialect;
  if (a.digests_2021 != a.digests_2026) {
    return a.digests_2021 > a.digests_2026 ? Dialect::k2021 : Dialect::k2026;
  }
  return (a.has_year_headings && !a.has_paper_list) ? Dialect::k2021 : Dialect::k2026;
}

bool shapes_outline(const Block& b) {
  return (b.kind == BlockKind::kHeading || b.kind == BlockKind::kSummary) && b.heading;
}

bool same_outline_role(const Block& x, const Block& y) {
  if (x.kind != y.kind || x.heading.has_value() != y.heading.has_value())
    return false;
  if (!x.heading)
    return true;
  const HeadingInfo& a = *x.heading;
  const HeadingInfo& b = *y.heading;
  return a.level == b.level && a.year.has_value() == b.year.has_value() &&
         a.category.empty() == b.category.empty() &&
         is_toc_title(a.title) == is_toc_title(b.title) &&
         is_paper_list_title(a.title) == is_paper_list_title(b.title);
}

bool starts_chunk(const Analysis& a, const SectionRec& s) {
  if (s.kind == SectionKind::kCategory)
    return true;
  // Year sections at the top of the paper part are compared with each other: one chunk.
  if (s.holds_papers || a.years_at_top)
    return false;
  return s.level == 1 || s.level == 2;
}

std::size_t Analysis::index_of(const Block* b) const {
  const std::uint64_t label = b->marks.label;
  auto it = std::lower_bound(blocks.begin(), blocks.end(), label,
                             [](const BlockPtr& x, std::uint64_t l) { return x->marks.label < l; });
  if (it == blocks.end() || it->get() != b)
    return SIZE_MAX;
  return static_cast<std::size_t>(it - blocks.begin());
}

bool is_prose(const Block& b) {
  switch (b.kind) {
    case BlockKind::kParagraph:
    case BlockKind::kFence:
      return true;
    case BlockKind::kListItem:
      return !b.entry;
    case BlockKind::kHtml: {
      const std::string_view t = text::trim(b.line(0));
      return !(t.starts_with("<details") || t.starts_with("</details") ||
               t.starts_with("<summary") || t.starts_with("</summary") || t.starts_with("<br") ||
               t.starts_with("</p") || t.starts_with("<p>"));
    }
    default:
      return false;
  }
}

namespace {

/// Pass 1: sections nested by heading level. A table of contents owns only its list: the next
/// heading of any level closes it. A `<summary>` year section nests one level below the
/// heading around it and closes at the next `<summary>` year or heading of that level.
void build_heading_tree(Analysis& a) {
  const std::size_t n = a.blocks.size();
  std::vector<std::size_t> stack;  // open sections, outermost first
  std::vector<int> ranks;          // their nesting ranks (heading level, or derived)
  const auto close_sections = [&](int rank, std::size_t at) {
    while (!stack.empty() && ranks.back() >= rank) {
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
      if (!stack.empty() && a.sections[stack.back()].kind == SectionKind::kToc) {
        close_sections(ranks.back(), bi);
      }
      int rank = b.heading->level;
      if (is_summary) {
        const bool in_summary = !stack.empty() && a.sections[stack.back()].level == 0;
        rank = stack.empty() ? 1 : in_summary ? ranks.back() : ranks.back() + 1;
      }
      close_sections(rank, bi);
      SectionRec s;
      s.block = bi;
      s.level = is_heading ? b.heading->level : 0;
      s.parent = stack.empty() ? SIZE_MAX : stack.back();
      if (is_heading && is_toc_title(b.heading->title))
        s.kind = SectionKind::kToc;
      a.sections.push_back(std::move(s));
      stack.push_back(a.sections.size() - 1);
      ranks.push_back(rank);
      a.block_section[bi] = stack.back();
      continue;
    }
    const std::size_t inner = stack.empty() ? SIZE_MAX : stack.back();
    a.block_section[bi] = inner;
    if (inner == SIZE_MAX)
      continue;
    if (b.entry) {
      ++a.sections[inner].direct_entries;
    } else if (is_prose(b)) {
      ++a.sections[inner].direct_prose;
    }
  }
  close_sections(0, n);
}

/// Passes 2 and 3: which sections form the paper part, and their kinds.
class PaperPart {
 public:
  explicit PaperPart(Analysis& a) : a_(a), secs_(a.sections), ns_(a.sections.size()) {
    count_subtrees();
    find_title();
  }
  /// Sets the paper root, the kinds of the sections and which hold papers.
  void assign() {
    const std::vector<std::size_t> top = top_sections();
    mark_top(top);
    mark_subtrees();
  }
  bool has_paper_list() const { return paper_list_ != SIZE_MAX; }

 private:
  const HeadingInfo& heading(std::size_t si) const { return *a_.block(secs_[si].block).heading; }
  bool is_year(std::size_t si) const { return heading(si).year.has_value(); }
  /// A section belongs to the paper list when it holds entries, or nothing but headings (an
  /// empty category); one with other text and no entry (news, citation, toolboxes) does not.
  bool qualifies(std::size_t si) const {
    return secs_[si].kind != SectionKind::kToc && (entries_[si] > 0 || prose_[si] == 0);
  }
  std::vector<std::size_t> children(std::size_t parent) const {
    std::vector<std::size_t> out;
    for (std::size_t si = parent == SIZE_MAX ? 0 : parent + 1; si < ns_; ++si) {
      if (parent != SIZE_MAX && secs_[si].block >= secs_[parent].end_block)
        break;
      if (secs_[si].parent == parent)
        out.push_back(si);
    }
    return out;
  }

  /// What each subtree holds: sections are in document order, so children follow parents.
  void count_subtrees() {
    entries_.assign(ns_, 0);
    prose_.assign(ns_, 0);
    non_year_child_.assign(ns_, false);
    for (std::size_t si = ns_; si-- > 0;) {
      entries_[si] += secs_[si].direct_entries;
      prose_[si] += secs_[si].direct_prose;
      const std::size_t p = secs_[si].parent;
      if (p == SIZE_MAX)
        continue;
      entries_[p] += entries_[si];
      prose_[p] += prose_[si];
    }
    for (std::size_t si = 0; si < ns_; ++si) {
      const std::size_t p = secs_[si].parent;
      if (p != SIZE_MAX && !is_year(si) && secs_[si].kind != SectionKind::kToc &&
          entries_[si] > 0) {
        non_year_child_[p] = true;  // a sub-section with entries, not a year
      }
    }
  }

  /// `# Paper List`, and the title: a first heading of level 1 that comes before any entry.
  void find_title() {
    const std::size_t n = a_.blocks.size();
    std::size_t first_entry_block = n;
    for (std::size_t bi = 0; bi < n; ++bi) {
      if (a_.block(bi).entry && a_.block_section[bi] != SIZE_MAX &&
          secs_[a_.block_section[bi]].kind != SectionKind::kToc) {
        first_entry_block = bi;
        break;
      }
    }
    for (std::size_t si = 0; si < ns_; ++si) {
      if (secs_[si].level == 1 && is_paper_list_title(heading(si).title)) {
        paper_list_ = si;
        break;
      }
    }
    if (ns_ > 0 && secs_[0].level == 1 && secs_[0].kind != SectionKind::kToc && paper_list_ != 0 &&
        secs_[0].block < first_entry_block) {
      title_ = 0;
      secs_[0].kind = SectionKind::kTitle;
    }
  }

  /// The paper root and the sections right under it: `# Paper List` where a list names it;
  /// else found from where the entries are, going down through wrappers (the title, a heading
  /// around everything) while one section alone holds the paper part.
  std::vector<std::size_t> top_sections() {
    if (paper_list_ != SIZE_MAX) {
      a_.paper_root = paper_list_;
      return children(paper_list_);
    }
    std::size_t root = SIZE_MAX;
    for (;;) {
      std::vector<std::size_t> q;
      for (std::size_t c : children(root)) {
        if (qualifies(c) && (c != title_ || entries_[c] > 0))
          q.push_back(c);
      }
      if (q.size() != 1 || secs_[q[0]].direct_entries != 0 || is_year(q[0]) ||
          (q[0] != title_ && !non_year_child_[q[0]])) {
        break;
      }
      root = q[0];
    }
    a_.paper_root = root;
    std::vector<std::size_t> top;
    for (std::size_t c : children(root)) {
      if (c == title_) {
        // A title with entries right under it and no categories: a list of one part.
        if (secs_[c].direct_entries > 0)
          secs_[c].holds_papers = true;
        continue;
      }
      if (qualifies(c))
        top.push_back(c);
    }
    return top;
  }

  /// Categories and year sections at the top of the paper part.
  void mark_top(const std::vector<std::size_t>& top) {
    paper_.assign(ns_, false);
    for (std::size_t c : top) {
      if (secs_[c].kind == SectionKind::kToc)
        continue;
      paper_[c] = true;
      if (is_year(c)) {
        secs_[c].kind = SectionKind::kYear;
        a_.years_at_top = true;
      } else {
        secs_[c].kind = SectionKind::kCategory;
      }
    }
    if (paper_list_ != SIZE_MAX) {
      secs_[paper_list_].kind = SectionKind::kGroup;
      secs_[paper_list_].holds_papers = true;
    }
  }

  /// The subtrees of the top sections; the rest is other content.
  void mark_subtrees() {
    for (std::size_t si = 0; si < ns_; ++si) {
      SectionRec& s = secs_[si];
      const std::size_t p = s.parent;
      if (!paper_[si] && p != SIZE_MAX && paper_[p] && s.kind != SectionKind::kToc) {
        paper_[si] = true;
        s.kind = is_year(si) ? SectionKind::kYear : SectionKind::kOther;
      }
      if (paper_[si]) {
        s.holds_papers = true;
      } else if (s.kind == SectionKind::kOther && s.level == 1 && si != title_) {
        s.kind = SectionKind::kGroup;
      }
      if (s.kind == SectionKind::kYear && s.level > 0 && !heading(si).category.empty()) {
        a_.has_year_headings = true;
      }
    }
    if (a_.paper_root != SIZE_MAX && a_.paper_root != paper_list_ && a_.paper_root != title_) {
      secs_[a_.paper_root].kind = SectionKind::kGroup;
    }
  }

  Analysis& a_;
  std::vector<SectionRec>& secs_;
  const std::size_t ns_;
  std::vector<std::size_t> entries_, prose_;
  std::vector<bool> non_year_child_, paper_;
  std::size_t title_ = SIZE_MAX, paper_list_ = SIZE_MAX;
};

/// Pass 4: the ToC items and the paper entries of each section, with the counts the dialect
/// and the conventions are derived from.
void collect_entries(Analysis& a) {
  for (std::size_t bi = 0; bi < a.blocks.size(); ++bi) {
    const std::size_t inner = a.block_section[bi];
    if (inner == SIZE_MAX || a.block(bi).kind != BlockKind::kListItem)
      continue;
    SectionRec& sec = a.sections[inner];
    if (sec.kind == SectionKind::kToc) {
      if (a.toc_section == SIZE_MAX || a.toc_section == inner) {
        a.toc_section = inner;
        parse_toc_block(a, bi);
      }
    } else if (sec.holds_papers && a.block(bi).entry) {
      sec.entries.push_back(bi);
      a.papers.push_back(bi);
    }
  }
  a.digests_2021 = 0;
  a.digests_2026 = 0;
  a.convention_counts.clear();
  for (std::size_t bi : a.papers) {
    a.digests_2021 += a.block(bi).counts_2021_digest;
    a.digests_2026 += a.block(bi).counts_2026_digest;
    a.convention_counts.count(a.block(bi), +1, filing_section(a, a.block_section[bi]));
  }
}

}  // namespace

void build_outline(Analysis& a) {
  a.sections.clear();
  a.papers.clear();
  a.toc.clear();
  a.toc_section = SIZE_MAX;
  a.paper_root = SIZE_MAX;
  a.years_at_top = false;
  a.has_year_headings = false;
  a.block_section.assign(a.blocks.size(), SIZE_MAX);
  build_heading_tree(a);
  PaperPart part(a);
  part.assign();
  a.has_paper_list = part.has_paper_list();
  collect_entries(a);
  a.dialect = detect_dialect(a);
  a.order = order_conventions(a);
  a.conventions = derive_conventions(a);
}

bool is_paper_list(const Analysis& a) {
  return std::any_of(a.papers.begin(), a.papers.end(),
                     [&](std::size_t bi) { return links_to_web(a.entry(bi)); });
}

void check_recognised(const Analysis& a, DiagnosticSink& sink) {
  if (is_paper_list(a))
    return;
  for (std::size_t bi = 0; bi < a.blocks.size(); ++bi) {
    const Block& b = a.block(bi);
    if (b.kind == BlockKind::kFence || b.kind == BlockKind::kComment)
      continue;
    if (b.text.find("](http") == std::string::npos &&
        b.text.find("href=\"http") == std::string::npos) {
      continue;
    }
    // Said once, at the top: the file has links, but none in the shape of a paper entry.
    const std::uint32_t length = a.blocks.front()->lines.front().length;
    sink.report(RuleId::kNoEntries, {{0, 0}, {0, length}},
                std::string("No paper entry recognised: this Markdown file has links, but no "
                            "list item of the form '- Title. [[paper]](https://...)' with its "
                            "sub-bullets") +
                    (a.papers.empty() ? "" : " links to a web page") +
                    "; it is not checked as a paper list.");
    return;
  }
}

std::size_t filing_section(const Analysis& a, std::size_t s) {
  while (s != SIZE_MAX && a.sections[s].kind == SectionKind::kYear) s = a.sections[s].parent;
  return s;
}

bool in_thesis_section(const Analysis& a, std::size_t s) {
  for (; s != SIZE_MAX; s = a.sections[s].parent) {
    const auto& heading = a.block(a.sections[s].block).heading;
    if (heading && mentions_thesis(heading->title))
      return true;
  }
  return false;
}

Conventions derive_conventions(const Analysis& a) {
  Conventions c = a.convention_counts.derive(a.config, a.order.sorted);
  c.year_by_venue = a.config.conventions.year_by_venue.value_or(a.order.year_by_venue);
  return c;
}

}  // namespace awesome::rules
