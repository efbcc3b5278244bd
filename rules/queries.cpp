#include "rules/queries.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "rules/entry_parser.hpp"
#include "rules/keys.hpp"
#include "rules/slug.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

bool contains(const Range& r, Position p) {
  return !(p < r.start) && !(r.end < p);
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

/// Byte offset of the first case-insensitive occurrence of `needle` in `hay`, or npos.
std::size_t ifind(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return lower(a) == lower(b); });
  return it == hay.end() && !needle.empty() ? std::string_view::npos
                                            : static_cast<std::size_t>(it - hay.begin());
}

/// Whether the letters and digits of `query` appear in order in `text` (case-insensitive).
bool subsequence(std::string_view query, std::string_view text) {
  std::size_t at = 0;
  for (char q : query) {
    if (!is_word_char(q))
      continue;
    while (at < text.size() && lower(text[at]) != lower(q)) ++at;
    if (at == text.size())
      return false;
    ++at;
  }
  return true;
}

}  // namespace

std::size_t entry_at_line(const Model& m, std::uint32_t line) {
  auto it = std::upper_bound(m.entries.begin(), m.entries.end(), line,
                             [](std::uint32_t l, const Entry& e) { return l < e.first_line; });
  if (it == m.entries.begin())
    return SIZE_MAX;
  --it;
  return line <= it->last_line ? static_cast<std::size_t>(it - m.entries.begin()) : SIZE_MAX;
}

Target target_at(const Model& m, Position pos) {
  Target t;
  if (const std::size_t e = entry_at_line(m, pos.line); e != SIZE_MAX) {
    const Entry& entry = m.entries[e];
    t.kind = TargetKind::kEntry;
    t.entry = e;
    t.range = entry.line_range;
    const auto set = [&](TargetKind kind, std::size_t index, Range range) {
      t.kind = kind;
      t.index = index;
      t.range = range;
      return t;
    };
    if (pos.line == entry.first_line) {
      for (std::size_t i = 0; i < entry.links.size(); ++i) {
        if (contains(entry.links[i].range, pos))
          return set(TargetKind::kLink, i, entry.links[i].range);
      }
      if (contains(entry.title_range, pos))
        return set(TargetKind::kTitle, SIZE_MAX, entry.title_range);
    }
    if (entry.keywords_line == pos.line) {
      for (std::size_t i = 0; i < entry.keywords.size(); ++i) {
        if (contains(entry.keywords[i].range, pos)) {
          return set(TargetKind::kKeyword, i, entry.keywords[i].range);
        }
      }
    }
    if (entry.venue && entry.venue->range.start.line == pos.line) {
      Range stars = entry.venue->range;  // the asterisks around the venue count too
      if (stars.start.column > 0)
        --stars.start.column;
      ++stars.end.column;
      if (contains(stars, pos))
        return set(TargetKind::kVenue, SIZE_MAX, entry.venue->range);
    }
    return t;
  }
  for (std::size_t i = 0; i < m.toc.size(); ++i) {
    if (contains(m.toc[i].range, pos)) {
      t.kind = TargetKind::kToc;
      t.toc = i;
      t.range = m.toc[i].range;
      return t;
    }
  }
  auto it =
      std::lower_bound(m.sections.begin(), m.sections.end(), pos.line,
                       [](const Section& s, std::uint32_t l) { return s.range.start.line < l; });
  if (it != m.sections.end() && it->range.start.line == pos.line) {
    t.kind = TargetKind::kHeading;
    t.section = static_cast<std::size_t>(it - m.sections.begin());
    t.range = it->title_range;
  }
  return t;
}

std::size_t section_for_anchor(const Model& m, std::string_view anchor) {
  for (std::size_t i = 0; i < m.sections.size(); ++i) {
    if (m.sections[i].level > 0 && m.sections[i].anchor == anchor)
      return i;
  }
  return SIZE_MAX;
}

std::size_t category_of(const Model& m, std::size_t s) {
  while (s != SIZE_MAX && m.sections[s].kind != SectionKind::kCategory) s = m.sections[s].parent;
  return s;
}

namespace {

/// From the start of line `first` to the start of the line after `last` (the end of the document
/// when `last` is its last line): ending at a line start spares editors' position conversions
/// a scan of long digest lines.
Range whole_lines(const ListDocument& doc, std::uint32_t first, std::uint32_t last) {
  if (last + 1 < doc.line_count())
    return {{first, 0}, {last + 1, 0}};
  return {{first, 0}, {last, static_cast<std::uint32_t>(doc.line(last).size())}};
}

}  // namespace

namespace {

bool is_ascii_punct(char c) {
  return std::ispunct(static_cast<unsigned char>(c)) != 0;
}

/// A run of `*` or `_` is markup when it opens or closes emphasis: a space, punctuation or an
/// end on one side. A run between two word characters is markup for `*` only (`a*b*c` is
/// emphasis to CommonMark, `snake_case` is not).
bool is_emphasis_run(std::string_view s, std::size_t from, std::size_t to) {
  const bool word_before = from > 0 && !text::is_space(s[from - 1]) && !is_ascii_punct(s[from - 1]);
  const bool word_after = to < s.size() && !text::is_space(s[to]) && !is_ascii_punct(s[to]);
  return s[from] == '*' || !(word_before && word_after);
}

}  // namespace

std::string display_text(std::string_view markdown) {
  std::string plain = heading_plain_text(markdown);
  const std::string_view s = plain;
  // Most titles hold nothing to unescape, strip or fold: only the ends to trim.
  if (s.find_first_of("\\`*_\t") == std::string_view::npos &&
      s.find("  ") == std::string_view::npos) {
    const std::string_view t = text::trim(s);
    return t.size() == s.size() ? plain : std::string(t);
  }
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
      out.push_back(s[i + 1]);
      i += 2;
    } else if (c == '`') {
      ++i;
    } else if (c == '*' || c == '_') {
      std::size_t end = i;
      while (end < s.size() && s[end] == c) ++end;
      if (!is_emphasis_run(s, i, end))
        out.append(s.substr(i, end - i));
      i = end;
    } else if (text::is_space(c)) {
      if (!out.empty() && out.back() != ' ')
        out.push_back(' ');
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return std::string(text::trim(out));
}

std::string outline_name(const Model& m, std::size_t si) {
  const Section& s = m.sections[si];
  std::string name = display_text(s.title);
  if (s.kind != SectionKind::kYear || s.category.empty() || s.parent >= m.sections.size())
    return name;
  const Section& parent = m.sections[s.parent];
  if (parent.kind != SectionKind::kCategory ||
      !text::iequals(display_text(parent.title), display_text(s.category)))
    return name;
  const std::size_t colon = s.title.rfind(':');
  std::string rest =
      colon == std::string::npos ? std::string() : display_text(s.title.substr(colon + 1));
  return rest.empty() ? name : rest;
}

Range section_range(const ListDocument& doc, const Section& s) {
  return whole_lines(doc, s.range.start.line, s.end_line);
}

Range entry_range(const ListDocument& doc, const Entry& e) {
  return whole_lines(doc, e.first_line, e.last_line);
}

std::optional<Range> toc_text_range(const ListDocument& doc, const TocItem& t) {
  const std::uint32_t line = t.range.start.line;
  const std::uint32_t from = t.range.start.column + 1;
  if (t.anchor_range.start.line != line || t.anchor_range.start.column < from + 3)
    return std::nullopt;
  const std::uint32_t to = t.anchor_range.start.column - 3;
  const std::string_view text = doc.line(line);
  if (text.substr(t.range.start.column, 1) != "[" || text.substr(to, 3) != "](#")
    return std::nullopt;
  return Range{{line, from}, {line, to}};
}

std::vector<LineSpan> folding_spans(const ListDocument& doc, const Model& m) {
  std::vector<LineSpan> spans;
  for (const Section& s : m.sections) {
    std::uint32_t last = s.end_line;
    while (last > s.range.start.line && text::trim(doc.line(last)).empty()) --last;
    if (last > s.range.start.line)
      spans.push_back({s.range.start.line, last});
  }
  for (const Entry& e : m.entries) {
    if (e.last_line > e.first_line)
      spans.push_back({e.first_line, e.last_line});
  }
  std::stable_sort(spans.begin(), spans.end(),
                   [](const LineSpan& a, const LineSpan& b) { return a.first < b.first; });
  return spans;
}

std::vector<Occurrence> keyword_occurrences(const Model& m, std::string_view phrase) {
  std::vector<Occurrence> out;
  for (std::size_t e = 0; e < m.entries.size(); ++e) {
    const auto& keywords = m.entries[e].keywords;
    for (std::size_t i = 0; i < keywords.size(); ++i) {
      if (keywords[i].text == phrase)
        out.push_back({e, i, keywords[i].range});
    }
  }
  return out;
}

std::optional<ArxivId> link_arxiv(const Link& link) {
  return parse_arxiv_url(link.url);
}

std::vector<Occurrence> arxiv_occurrences(const Model& m, const ArxivId& id) {
  std::vector<Occurrence> out;
  for (std::size_t e = 0; e < m.entries.size(); ++e) {
    const auto& links = m.entries[e].links;
    for (std::size_t i = 0; i < links.size(); ++i) {
      if (auto other = link_arxiv(links[i]); other && other->id == id.id) {
        out.push_back({e, i, links[i].range});
      }
    }
  }
  return out;
}

std::size_t first_copy(const Model& m, std::size_t e) {
  const std::string key = paper_key(m.entries[e]);
  if (key.empty())
    return SIZE_MAX;
  for (std::size_t i = 0; i < e; ++i) {
    if (paper_key(m.entries[i]) == key)
      return i;
  }
  return SIZE_MAX;
}

std::string arxiv_month(const ArxivId& id) {
  static constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
  const std::uint32_t month = id.yymm % 100;
  if (month < 1 || month > 12)
    return {};
  return std::string(kMonths[month - 1]) + " " + std::to_string(id.year());
}

int paper_match_score(std::string_view query, std::string_view title, std::string_view authors,
                      std::string_view arxiv_id) {
  query = text::trim(query);
  if (query.empty())
    return 1;
  if (text::iequals(arxiv_id, query))
    return 100;
  if (!arxiv_id.empty() && text::istarts_with(arxiv_id, query))
    return 90;
  if (const std::size_t at = ifind(title, query); at != std::string_view::npos) {
    if (at == 0)
      return 80;
    return is_word_char(title[at - 1]) ? 60 : 70;
  }
  if (const std::size_t at = ifind(authors, query); at != std::string_view::npos) {
    return at == 0 || !is_word_char(authors[at - 1]) ? 55 : 50;
  }
  const auto words = text::split(query, " ");
  if (words.size() > 1 && std::all_of(words.begin(), words.end(), [&](std::string_view w) {
        return w.empty() || ifind(title, w) != std::string_view::npos ||
               ifind(authors, w) != std::string_view::npos || text::iequals(arxiv_id, w);
      })) {
    return 40;
  }
  return query.size() >= 3 && subsequence(query, title) ? 10 : 0;
}

std::string keyword_name_problem(std::string_view name) {
  if (text::trim(name).empty())
    return "A key word cannot be empty.";
  if (name.find_first_of("\r\n") != std::string_view::npos)
    return "A key word is one line.";
  if (name.find(';') != std::string_view::npos) {
    return "A key word cannot contain ';': it separates key words.";
  }
  if (text::trim(name).size() != name.size())
    return "A key word cannot start or end with spaces.";
  if (name.back() == '.')
    return "A key word cannot end with '.': it ends the key word line.";
  return {};
}

std::string heading_name_problem(std::string_view name) {
  if (text::trim(name).empty())
    return "A heading cannot be empty.";
  if (name.find_first_of("\r\n") != std::string_view::npos)
    return "A heading is one line.";
  if (text::trim(name).size() != name.size())
    return "A heading cannot start or end with spaces.";
  return {};
}

std::vector<TextEdit> rename_keyword_edits(const Model& m, std::string_view phrase,
                                           std::string_view new_name) {
  std::vector<TextEdit> edits;
  for (const Occurrence& o : keyword_occurrences(m, phrase)) {
    edits.push_back({o.range, std::string(new_name)});
  }
  return edits;
}

std::vector<TextEdit> rename_heading_edits(const ListDocument& doc, const Model& m,
                                           std::size_t section, std::string_view new_title) {
  const Section& target = m.sections[section];
  std::vector<std::optional<std::string>> renamed(m.sections.size());
  std::vector<TextEdit> edits;
  renamed[section] = std::string(new_title);
  edits.push_back({target.title_range, std::string(new_title)});
  if (target.kind == SectionKind::kCategory) {
    // Year sections name their category (`### Privacy: 2020`): they follow it.
    for (std::size_t si = section + 1; si < m.sections.size(); ++si) {
      const Section& y = m.sections[si];
      const Position at = y.title_range.start;
      if (y.parent != section || y.kind != SectionKind::kYear || y.category != target.title ||
          doc.line(at.line).substr(at.column, y.category.size()) != y.category) {
        continue;
      }
      renamed[si] = std::string(new_title) + y.title.substr(y.category.size());
      const auto end = static_cast<std::uint32_t>(at.column + y.category.size());
      edits.push_back({{at, {at.line, end}}, std::string(new_title)});
    }
  }
  // Every anchor again, in document order, so that duplicate slugs (`x`, `x-1`) renumber.
  SlugCounter slugs;
  std::unordered_map<std::string, std::string> moved;  // old anchor -> new anchor
  for (std::size_t si = 0; si < m.sections.size(); ++si) {
    const Section& s = m.sections[si];
    if (s.level == 0)
      continue;
    std::string anchor = slugs.next(renamed[si] ? *renamed[si] : s.title);
    if (anchor != s.anchor)
      moved.emplace(s.anchor, std::move(anchor));
  }
  for (const TocItem& t : m.toc) {
    const std::size_t si = section_for_anchor(m, t.anchor);
    if (si == SIZE_MAX)
      continue;
    const auto text_range = toc_text_range(doc, t);
    if (renamed[si] && text_range) {
      const std::uint32_t from = text_range->start.column, to = text_range->end.column;
      const std::string_view label = doc.line(t.range.start.line).substr(from, to - from);
      const std::string& old_title = m.sections[si].title;
      std::optional<std::string> text;
      if (label == old_title) {
        text = *renamed[si];
      } else if (text::trim(label) == text::trim(heading_plain_text(old_title))) {
        text = std::string(text::trim(heading_plain_text(*renamed[si])));
      }
      if (text && *text != label)
        edits.push_back({*text_range, std::move(*text)});
    }
    if (auto it = moved.find(t.anchor); it != moved.end()) {
      edits.push_back({t.anchor_range, it->second});
    }
  }
  std::sort(edits.begin(), edits.end());
  return edits;
}

}  // namespace awesome::rules
