// A paper entry written from arXiv metadata in the list's own conventions, and the place where
// `add` inserts it: the year section of its arXiv year (created when missing, in year order)
// at its place in the arXiv order of that section.
#include <algorithm>
#include <cctype>

#include "rules/arxiv.hpp"
#include "rules/entry_parser.hpp"
#include "rules/list_document.hpp"
#include "rules/queries.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

std::string join_authors(const std::vector<std::string>& authors) {
  std::string out;
  for (const auto& a : authors) {
    if (!out.empty())
      out += ", ";
    out += latex_to_text(a);
  }
  return out + ".";
}

/// The sections that entries of the list go into: categories holding papers, or (in a list by
/// year only) nothing, as the year sections sit at the top.
std::vector<std::size_t> categories(const Model& m) {
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < m.sections.size(); ++s) {
    if (m.sections[s].kind == SectionKind::kCategory && m.sections[s].holds_papers)
      out.push_back(s);
  }
  return out;
}

std::string names_of(const Model& m, const std::vector<std::size_t>& sections) {
  std::string out;
  for (std::size_t s : sections) out += (out.empty() ? "'" : ", '") + m.sections[s].title + "'";
  return out;
}

/// The line after the last line of `s` that is not blank: where text goes at its end.
std::uint32_t content_end(ListDocument& doc, const Section& s) {
  std::uint32_t line = std::min(s.end_line, doc.line_count() - 1);
  while (line > s.range.start.line && text::trim(doc.line(line)).empty()) --line;
  return line + 1;
}

/// Whether `x` goes before `y` in the list's order of arXiv ids.
bool before(const ArxivId& x, const ArxivId& y, SortDirection order) {
  return order == SortDirection::kDescending ? x > y : x < y;
}

/// Inserts into section `s` (which holds entries directly): before the first entry that the
/// paper precedes in the arXiv order, else after the last entry (or under the heading).
void place_in_section(ListDocument& doc, const Model& m, std::size_t s, const ArxivId& id,
                      std::string_view entry, Placement& out) {
  const Section& sec = m.sections[s];
  out.section = sec.title;
  for (std::size_t ei : sec.entries) {
    const Entry& e = m.entries[ei];
    if (e.arxiv && before(id, *e.arxiv, doc.config().order)) {
      out.line = e.first_line;
      out.text = std::string(entry) + "\n\n";
      return;
    }
  }
  // After the last entry: inside a `<details>` year section, before its `</details>`.
  out.line =
      sec.entries.empty() ? content_end(doc, sec) : m.entries[sec.entries.back()].last_line + 1;
  out.text = "\n" + std::string(entry) + "\n";
}

/// The heading of a new year section under category `cat`, modelled on a year section of the
/// list: `### Category: 2021` or `### 2021`.
std::string year_heading(const Model& m, std::size_t cat, int year) {
  const Section* model = nullptr;
  for (const Section& s : m.sections) {
    if (s.kind == SectionKind::kYear && s.level > 0 && (!model || s.parent == cat))
      model = &s;
  }
  const int level = model ? model->level : (cat == SIZE_MAX ? 2 : m.sections[cat].level + 1);
  const bool named = model ? !model->category.empty() : cat != SIZE_MAX;
  std::string heading(static_cast<std::size_t>(level), '#');
  heading += ' ';
  if (named && cat != SIZE_MAX)
    heading += m.sections[cat].title + ": ";
  return heading + std::to_string(year);
}

/// Places the entry under category `cat` (SIZE_MAX: the year sections at the top of the list).
void place_in_category(ListDocument& doc, const Model& m, std::size_t cat, const ArxivId& id,
                       std::string_view entry, Placement& out) {
  const int year = id.year();
  const Section* next_older = nullptr;
  bool has_years = false, summaries = false;
  for (std::size_t s = 0; s < m.sections.size(); ++s) {
    const Section& sec = m.sections[s];
    if (sec.kind != SectionKind::kYear || sec.parent != cat || !sec.year)
      continue;
    has_years = true;
    summaries = summaries || sec.level == 0;
    if (*sec.year == year)
      return place_in_section(doc, m, s, id, entry, out);
    if (*sec.year < year && !next_older)
      next_older = &sec;
  }
  if (cat != SIZE_MAX && !has_years)
    return place_in_section(doc, m, cat, id, entry, out);
  if (!m.sections.empty() && !has_years && cat == SIZE_MAX) {
    out.error = "The list has no category or year section to put the entry in.";
    return;
  }
  if (summaries) {
    // A new <details><summary> block is the list's own markup to write, not a heading.
    out.error = "The year sections under '" +
                (cat == SIZE_MAX ? std::string("the list") : m.sections[cat].title) +
                "' are <details> blocks and none is for " + std::to_string(year) +
                "; add it, then add the paper.";
    return;
  }
  const std::string heading = year_heading(m, cat, year);
  out.new_section = true;
  out.section = heading.substr(heading.find(' ') + 1);
  if (next_older) {
    out.line = next_older->range.start.line;
    out.text = heading + "\n\n" + std::string(entry) + "\n\n";
  } else {
    out.line = cat == SIZE_MAX ? doc.line_count() : content_end(doc, m.sections[cat]);
    out.text = "\n" + heading + "\n\n" + std::string(entry) + "\n";
  }
}

}  // namespace

std::optional<std::string> arxiv_id_on_line(std::string_view line) {
  line = text::trim(line);
  if (line.starts_with("- ") || line.starts_with("* "))
    line = text::trim(line.substr(2));
  if (text::istarts_with(line, "arxiv:"))
    line.remove_prefix(6);
  if (line.empty() || line.find(' ') != std::string_view::npos)
    return std::nullopt;
  const bool url = line.find("://") != std::string_view::npos;
  // A bare id starts with its YYMM (or an archive name, `cs/0112017`).
  if (!url && !std::isdigit(static_cast<unsigned char>(line.front())) &&
      line.find('/') == std::string_view::npos) {
    return std::nullopt;
  }
  const auto id =
      parse_arxiv_url(url ? std::string(line) : "https://arxiv.org/abs/" + std::string(line));
  if (!id)
    return std::nullopt;
  return id->id;
}

std::string format_entry(ListDocument& doc, const ArxivMetadata& paper, EntryFill fill) {
  const Model& m = doc.model();
  const Conventions& c = m.conventions;
  const std::string url = "https://arxiv.org/abs/" + paper.id;
  const std::string link = "[[" + c.paper_label + "]](" + url + ")";
  std::string out = "- " + list_title(paper.title);
  out += c.links_below ? "\n  " + link : " " + link;
  out += "\n  - " + join_authors(paper.authors);
  const bool blank = fill == EntryFill::kBlank;
  if (blank)
    out += "\n  - " + c.keyword_label + ": ";
  if (c.digest) {
    const std::string text = blank ? std::string() : first_sentence(paper.summary);
    out += m.dialect == Dialect::k2021
               ? "\n  - Digest: " + text
               : "\n  - <details><summary>Digest</summary> " + text + "</details>";
  }
  return out;
}

Placement place_entry(ListDocument& doc, const ArxivMetadata& paper, std::string_view category,
                      std::string_view entry_text) {
  Placement out;
  const auto id = parse_arxiv_url("https://arxiv.org/abs/" + paper.id);
  if (!id) {
    out.error = "'" + paper.id + "' is not an arXiv id.";
    return out;
  }
  const Model& m = doc.model();
  if (const auto copies = arxiv_occurrences(m, *id); !copies.empty()) {
    out.error = "arXiv " + paper.id + " is already in the list at line " +
                std::to_string(copies.front().range.start.line + 1) + ".";
    return out;
  }
  const std::vector<std::size_t> cats = categories(m);
  std::size_t cat = SIZE_MAX;
  if (!category.empty()) {
    for (std::size_t s : cats) {
      if (text::iequals(display_text(m.sections[s].title), text::trim(category)))
        cat = s;
    }
    if (cat == SIZE_MAX) {
      out.error = "No category '" + std::string(category) + "'; the list has " +
                  (cats.empty() ? std::string("none") : names_of(m, cats)) + ".";
      return out;
    }
  } else if (cats.size() == 1) {
    cat = cats.front();
  } else if (cats.size() > 1) {
    out.error = "Name the category with --category: " + names_of(m, cats) + ".";
    return out;
  }
  place_in_category(doc, m, cat, *id, entry_text, out);
  return out;
}

}  // namespace awesome::rules
