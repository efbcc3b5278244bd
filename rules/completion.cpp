// Completion: reads the cursor's line to tell what is being typed, then ranks what the
// document and the venue catalog offer for it. Only the cursor's line and the few lines of its
// entry are read; document-wide counts come from the Vocabulary ListDocument keeps.
#include "rules/completion.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <unordered_set>

#include "rules/entry_parser.hpp"
#include "rules/list_document.hpp"
#include "rules/text_util.hpp"
#include "rules/venues.hpp"

namespace awesome::rules {

namespace {

constexpr std::size_t kMaxItems = 100;
constexpr std::string_view kKeywordLabel = "Key Word:";
constexpr std::array<std::string_view, 7> kLinkLabels{"paper",  "code",  "project", "dataset",
                                                      "slides", "video", "blog"};

/// A sort key: `i` in five digits.
std::string rank(std::size_t i) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%05zu", i);
  return buf;
}

/// A sort key: `group` then `i` in five digits.
std::string rank(char group, std::size_t i) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c%05zu", group, i);
  return buf;
}

Range on_line(std::uint32_t line, std::size_t from, std::size_t to) {
  return {{line, static_cast<std::uint32_t>(from)}, {line, static_cast<std::uint32_t>(to)}};
}

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Whether every character of `typed` appears in `candidate` in order, ignoring ASCII case.
bool fuzzy_match(std::string_view typed, std::string_view candidate) {
  std::size_t j = 0;
  for (std::size_t i = 0; i < candidate.size() && j < typed.size(); ++i) {
    if (ascii_lower(candidate[i]) == ascii_lower(typed[j]))
      ++j;
  }
  return j == typed.size();
}

std::string entries(std::uint32_t n) {
  return std::to_string(n) + (n == 1 ? " entry" : " entries");
}

// ---- key words --------------------------------------------------------------------------

/// The phrases of a Key Word line after its label: (start, end) columns, without the final '.'.
std::vector<std::pair<std::size_t, std::size_t>> phrase_spans(std::string_view line,
                                                              std::size_t from) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t start = from;
  for (std::size_t i = from; i <= line.size(); ++i) {
    if (i < line.size() && line[i] != ';')
      continue;
    std::size_t b = start, e = i;
    while (b < e && text::is_space(line[b])) ++b;
    while (e > b && text::is_space(line[e - 1])) --e;
    if (i == line.size() && e > b && line[e - 1] == '.')
      --e;
    spans.emplace_back(b, e);
    start = i + 1;
  }
  return spans;
}

/// Where a key word is used: its count, and its five most frequent categories.
std::string keyword_documentation(const Vocabulary::Use& use, const std::string& category) {
  std::string doc_text = "Used by " + entries(use.count) + " of this list";
  if (use.categories.empty())
    return doc_text + ".";
  std::vector<std::pair<std::string_view, std::uint32_t>> where(use.categories.begin(),
                                                                use.categories.end());
  std::stable_sort(where.begin(), where.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  doc_text += ":";
  for (std::size_t k = 0; k < where.size(); ++k) {
    if (k == 5) {
      doc_text += "\n- ...";
      break;
    }
    doc_text += "\n- " + std::string(where[k].first) + ": " + std::to_string(where[k].second);
    if (where[k].first == category)
      doc_text += " (this category)";
  }
  return doc_text;
}

/// "2 in this category · 5 in the list", or "5 in the list": the figures a key word is
/// ranked by.
std::string usage_text(std::uint32_t in_category, std::uint32_t in_list) {
  std::string out = std::to_string(in_list) + " in the list";
  if (in_category == 0)
    return out;
  return std::to_string(in_category) + " in this category · " + out;
}

std::vector<CompletionItem> complete_keyword(ListDocument& doc, std::uint32_t line_no,
                                             std::string_view line, std::size_t label_end,
                                             std::size_t cursor, const CompletionOptions& options) {
  const auto spans = phrase_spans(line, label_end);
  // The phrase under the cursor: as many separators precede it as its index.
  const std::string_view head = line.substr(label_end, cursor - label_end);
  const auto current = static_cast<std::size_t>(std::count(head.begin(), head.end(), ';'));
  auto [from, to] = spans[current];
  if (cursor < from)
    from = cursor;  // typing right after "; " or the label
  if (to < cursor)
    to = cursor;
  const std::string_view typed = line.substr(from, cursor - from);
  std::unordered_set<std::string_view> present;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (i != current)
      present.insert(line.substr(spans[i].first, spans[i].second - spans[i].first));
  }
  // The text under the cursor counts as a use of itself: a fragment used nowhere else is no
  // phrase to offer.
  const std::string_view under =
      line.substr(spans[current].first, spans[current].second - spans[current].first);

  const Vocabulary& v = doc.vocabulary();
  const std::string category = doc.category_at(line_no);
  struct Scored {
    const std::string* text;
    const Vocabulary::Use* use;
    std::uint32_t in_category;  ///< uses in the entry's category, the entry's own left out
    std::uint32_t in_list;      ///< uses in the whole list, likewise
  };
  std::vector<Scored> scored;
  for (const auto& [text, use] : v.phrases) {
    if (present.count(text) || !fuzzy_match(typed, text))
      continue;
    const std::uint32_t own = text == under ? 1 : 0;
    if (use.count <= own)
      continue;
    std::uint32_t in_category = 0;
    if (auto it = use.categories.find(category); it != use.categories.end())
      in_category = it->second - own;
    scored.push_back({&text, &use, in_category, use.count - own});
  }
  // Uses in the entry's category first, then in the list: the order of the two figures the
  // items show.
  const std::size_t keep = std::min(scored.size(), kMaxItems);
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep),
                    scored.end(), [](const Scored& x, const Scored& y) {
                      if (x.in_category != y.in_category)
                        return x.in_category > y.in_category;
                      return x.in_list != y.in_list ? x.in_list > y.in_list : *x.text < *y.text;
                    });
  std::vector<CompletionItem> items;
  for (std::size_t i = 0; i < keep; ++i) {
    const std::string& text = *scored[i].text;
    const Vocabulary::Use& use = *scored[i].use;
    CompletionItem item;
    item.kind = CompletionKind::kKeyword;
    item.label = text;
    item.insert_text = text;
    item.range = on_line(line_no, from, to);
    item.filter_text = text;
    item.sort_text = rank(i);
    item.label_description = usage_text(scored[i].in_category, scored[i].in_list);
    item.detail = "Key word: " + item.label_description;
    if (options.documentation)
      item.documentation = keyword_documentation(use, category);
    items.push_back(std::move(item));
  }
  return items;
}

// ---- venues -----------------------------------------------------------------------------

/// The arXiv id of the entry whose title line is at or above `line` (at most a few lines up).
std::optional<ArxivId> entry_arxiv(ListDocument& doc, std::uint32_t line) {
  for (std::uint32_t i = 0; i <= 8 && i <= line; ++i) {
    const std::string_view l = doc.line(line - i);
    if (l.empty() || text::is_space(l[0]))
      continue;
    if (!l.starts_with("- ") && !l.starts_with("* "))
      return std::nullopt;
    for (std::size_t at = l.find("arxiv.org/"); at != std::string_view::npos;
         at = l.find("arxiv.org/", at + 1)) {
      std::size_t begin = at;
      while (begin > 0 && l[begin - 1] != '(' && !text::is_space(l[begin - 1])) --begin;
      std::size_t end = at;
      while (end < l.size() && l[end] != ')' && !text::is_space(l[end])) ++end;
      if (auto id = parse_arxiv_url(l.substr(begin, end - begin)))
        return id;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

/// The year to propose for `kind` given the entry's arXiv date: conferences a paper posted in
/// the last quarter of a year goes to are usually next year's (ICLR, CVPR, AAAI).
std::optional<int> proposed_year(const std::optional<ArxivId>& id, VenueKind kind) {
  if (!id)
    return std::nullopt;
  const int month = static_cast<int>(id->yymm % 100);
  return id->year() + (kind == VenueKind::kConference && month >= 10 ? 1 : 0);
}

std::string venue_documentation(const std::string& name, const VenueEntry* known,
                                std::uint32_t uses, std::optional<int> year,
                                const std::optional<ArxivId>& id) {
  std::string d = "**" + name + "**";
  if (known)
    d += ": " + known->full_name;
  if (known && !known->aliases.empty()) {
    d += "\n\nAlso written: ";
    for (std::size_t i = 0; i < known->aliases.size(); ++i)
      d += (i ? ", " : "") + known->aliases[i];
  }
  d += "\n\n" + (uses ? "Used by " + entries(uses) + " of this list."
                      : std::string("Not used in this list yet."));
  if (year && id)
    d += " Year " + std::to_string(*year) + " proposed from arXiv " + id->id + ".";
  return d;
}

std::vector<CompletionItem> complete_venue(ListDocument& doc, std::uint32_t line_no,
                                           std::string_view line, std::size_t star,
                                           std::size_t cursor, const CompletionOptions& options) {
  const std::size_t from = star + 1;
  const std::size_t close = line.find('*', cursor);
  std::size_t to = close;
  if (close == std::string_view::npos) {
    to = line.size();
    while (to > cursor && text::is_space(line[to - 1])) --to;
  }
  const std::string_view typed = text::trim(line.substr(from, cursor - from));
  // Match on the name part only: a year typed after it does not hide the venue.
  std::string_view typed_name = typed;
  while (!typed_name.empty() && (std::isdigit(static_cast<unsigned char>(typed_name.back())) ||
                                 typed_name.back() == ' ')) {
    typed_name.remove_suffix(1);
  }
  const std::optional<ArxivId> id = entry_arxiv(doc, line_no);
  const Vocabulary& v = doc.vocabulary();
  const VenueCatalog& catalog = doc.venues();

  std::vector<CompletionItem> items;
  std::unordered_set<std::string> offered;
  const auto add = [&](const std::string& name, const VenueEntry* known, std::uint32_t uses,
                       std::string sort_text) {
    if (items.size() == kMaxItems)
      return;  // offered in rank order: the rest would be cut
    std::string key = fold_venue(name);
    if (!offered.insert(key).second)
      return;
    std::string filter = name;
    if (known) {
      for (const auto& alias : known->aliases) filter += " " + alias;
    }
    if (!fuzzy_match(typed_name, filter))
      return;
    const std::optional<int> year = proposed_year(id, known ? known->kind : VenueKind::kConference);
    CompletionItem item;
    item.kind = CompletionKind::kVenue;
    item.label = name;
    item.insert_text = year ? name + " " + std::to_string(*year) : name;
    if (close == std::string_view::npos)
      item.insert_text += "*";
    item.range = on_line(line_no, from, to);
    item.filter_text = std::move(filter);
    item.sort_text = std::move(sort_text);
    item.detail = known ? known->full_name : "venue of this list";
    if (year)
      item.label_detail = " " + std::to_string(*year);
    item.label_description = item.detail;
    if (options.documentation)
      item.documentation = venue_documentation(name, known, uses, year, id);
    items.push_back(std::move(item));
  };

  std::vector<std::pair<const std::string*, std::uint32_t>> used;
  for (const auto& [name, use] : v.venues) used.emplace_back(&name, use.count);
  std::sort(used.begin(), used.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : *x.first < *y.first;
  });
  for (std::size_t i = 0; i < used.size(); ++i) {
    const VenueEntry* known = catalog.find(*used[i].first);
    // A known alias used by the list (NIPS) is offered under its canonical name.
    add(known ? known->name : *used[i].first, known, used[i].second, rank('0', i));
  }
  for (const VenueEntry& e : catalog.all()) add(e.name, &e, 0, "1" + e.name);
  if (items.size() > kMaxItems)
    items.resize(kMaxItems);
  return items;
}

// ---- link labels, headings, whole entries ------------------------------------------------

std::vector<CompletionItem> complete_link_label(std::uint32_t line_no, std::string_view line,
                                                std::size_t from, std::size_t cursor,
                                                const CompletionOptions& options) {
  std::size_t to = cursor;
  while (to < line.size() && word_char(line[to])) ++to;
  const bool closed = line.substr(to).starts_with("]]");
  std::vector<CompletionItem> items;
  for (std::size_t i = 0; i < kLinkLabels.size(); ++i) {
    const std::string label(kLinkLabels[i]);
    CompletionItem item;
    item.kind = CompletionKind::kLinkLabel;
    item.label = label;
    item.snippet = !closed && options.snippets;
    item.insert_text = closed ? label : label + (options.snippets ? "]](${1:url})" : "]]()");
    item.range = on_line(line_no, from, to);
    item.filter_text = label;
    item.sort_text = rank(i);
    item.detail = "[[" + label + "]](url)";
    items.push_back(std::move(item));
  }
  return items;
}

int this_year(const CompletionOptions& options) {
  if (options.current_year > 0)
    return options.current_year;
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return static_cast<int>(ymd.year());
}

std::vector<CompletionItem> complete_heading(ListDocument& doc, std::uint32_t line_no,
                                             std::string_view line, std::size_t hashes,
                                             const CompletionOptions& options) {
  std::size_t from = hashes;
  while (from < line.size() && text::is_space(line[from])) ++from;
  std::size_t to = line.size();
  while (to > from && text::is_space(line[to - 1])) --to;
  const LineOutline& v = doc.line_outline();
  std::vector<CompletionItem> items;
  const auto add = [&](const std::string& text, std::string detail) {
    CompletionItem item;
    item.kind = CompletionKind::kHeading;
    item.label = text;
    item.insert_text = text;
    item.range = on_line(line_no, from, std::max(from, to));
    item.filter_text = text;
    item.sort_text = rank(items.size());
    item.detail = std::move(detail);
    items.push_back(std::move(item));
  };
  // The level categories use in this document (2 in both dialects), and one below for years.
  int category_level = 2;
  for (const auto& s : v.sections) {
    if (s.kind == SectionKind::kCategory) {
      category_level = s.level;
      break;
    }
  }
  const int level = static_cast<int>(hashes);
  if (level == category_level) {
    std::unordered_set<std::string> seen;
    for (const auto& s : v.sections) {
      if (s.kind != SectionKind::kCategory || s.first_line == line_no || s.title.empty())
        continue;
      if (seen.insert(s.title).second)
        add(s.title, "category of this list");
    }
  } else if (level == category_level + 1) {
    // Years of the enclosing category not yet present, newest first, written as its siblings.
    const std::size_t at = v.section_at(line_no);
    const std::size_t category = at == SIZE_MAX ? SIZE_MAX : v.sections[at].category;
    if (category == SIZE_MAX)
      return items;
    bool with_category = v.dialect == Dialect::k2021;
    int oldest = this_year(options);
    std::unordered_set<int> present;
    for (const auto& s : v.sections) {
      if (s.kind != SectionKind::kYear || !s.year)
        continue;
      oldest = std::min(oldest, *s.year);
      if (s.category != category)
        continue;
      if (s.first_line != line_no)
        present.insert(*s.year);
      with_category = s.title.find(':') != std::string::npos;
    }
    const std::string& name = v.sections[category].title;
    for (int y = this_year(options); y >= oldest && items.size() < 12; --y) {
      if (present.count(y))
        continue;
      add(with_category ? name + ": " + std::to_string(y) : std::to_string(y),
          "year section of " + name);
    }
  }
  return items;
}

std::vector<CompletionItem> complete_entry(ListDocument& doc, std::uint32_t line_no,
                                           std::string_view line,
                                           const CompletionOptions& options) {
  const LineOutline& v = doc.line_outline();
  const std::size_t s = v.section_at(line_no);
  if (s == SIZE_MAX || !v.sections[s].holds_papers || v.sections[s].first_line == line_no)
    return {};
  const bool details = v.dialect == Dialect::k2026;
  const auto field = [&](int n, std::string_view name) {
    return options.snippets ? "${" + std::to_string(n) + ":" + std::string(name) + "}"
                            : std::string(name);
  };
  std::string text = "- " + field(1, "Title") + ". [[paper]](https://arxiv.org/abs/" +
                     field(2, "id") + ")\n  - " + field(3, "Authors") +
                     ".\n  - Key Word: " + field(4, "Key Word") + ".\n  - ";
  text += details ? "<details><summary>Digest</summary> " + field(5, "Digest") + " </details>"
                  : "Digest: " + field(5, "Digest");
  CompletionItem item;
  item.kind = CompletionKind::kEntry;
  item.label = "paper entry";
  item.insert_text = std::move(text);
  item.snippet = options.snippets;
  item.range = on_line(line_no, 0, line.size());
  item.filter_text = "paper entry";
  item.sort_text = rank(0);
  item.detail = details ? "New entry (digest in <details>)" : "New entry (Digest: line)";
  item.documentation =
      "A new paper entry in this list's format: title line with the arXiv "
      "link, authors, key words and digest.";
  return {std::move(item)};
}

}  // namespace

std::vector<CompletionItem> complete(ListDocument& doc, Position pos,
                                     const CompletionOptions& options) {
  if (pos.line >= doc.line_count())
    return {};
  const std::string_view line = doc.line(pos.line);
  const std::size_t cursor = std::min<std::size_t>(pos.column, line.size());
  const std::string_view before = line.substr(0, cursor);

  if (text::trim(line).empty())
    return complete_entry(doc, pos.line, line, options);

  if (line.starts_with('#')) {
    const std::size_t hashes = line.find_first_not_of('#');
    if (hashes == std::string_view::npos || hashes > 6 || !text::is_space(line[hashes]) ||
        cursor <= hashes) {
      return {};
    }
    return complete_heading(doc, pos.line, line, hashes, options);
  }

  // A link label right after "[[".
  std::size_t word = cursor;
  while (word > 0 && word_char(before[word - 1])) --word;
  if (word >= 2 && before.substr(word - 2, 2) == "[[") {
    return complete_link_label(pos.line, line, word, cursor, options);
  }

  // Sub-bullets of an entry: key words, or the venue on the author line.
  const std::string_view body = text::trim_left(line);
  const std::size_t indent = line.size() - body.size();
  if (indent == 0 || !body.starts_with("- "))
    return {};
  const std::size_t content = indent + 2;
  if (line.substr(content).starts_with(kKeywordLabel)) {
    const std::size_t label_end = content + kKeywordLabel.size();
    if (cursor < label_end)
      return {};
    return complete_keyword(doc, pos.line, line, label_end, cursor, options);
  }
  if (line.substr(content).starts_with("Digest") || line.substr(content).starts_with("<details>")) {
    return {};
  }
  const std::size_t stars = static_cast<std::size_t>(std::count(before.begin(), before.end(), '*'));
  if (stars % 2 == 1)
    return complete_venue(doc, pos.line, line, before.rfind('*'), cursor, options);
  return {};
}

}  // namespace awesome::rules
