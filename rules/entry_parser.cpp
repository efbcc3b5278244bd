#include "rules/entry_parser.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>

#include "rules/link_scan.hpp"
#include "rules/patterns.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

constexpr std::array<std::string_view, 7> kKnownLabels{"paper",  "code",  "dataset", "project",
                                                       "slides", "video", "blog"};
constexpr std::array<std::string_view, 8> kPaperLabels{"paper", "pdf", "link", "arxiv",
                                                       "abs",   "doi", "html", "openreview"};

Range on_line(std::uint32_t line, std::size_t begin, std::size_t end) {
  return {{line, static_cast<std::uint32_t>(begin)}, {line, static_cast<std::uint32_t>(end)}};
}

std::size_t indent_of(std::string_view line, bool& tab) {
  std::size_t i = 0;
  tab = false;
  while (i < line.size() && text::is_space(line[i])) {
    tab = tab || line[i] == '\t';
    ++i;
  }
  return i;
}

/// The entry link `m` found in `line`, on `row`.
Link make_link(std::string_view line, std::uint32_t row, const LinkMatch& m) {
  Link link;
  link.label = std::string(m.label);
  link.url = std::string(m.url);
  link.range = on_line(row, m.begin, m.end);
  const auto label_begin = static_cast<std::size_t>(m.label.data() - line.data());
  const auto url_begin = static_cast<std::size_t>(m.url.data() - line.data());
  link.label_range = on_line(row, label_begin, label_begin + m.label.size());
  link.url_range = on_line(row, url_begin, url_begin + m.url.size());
  link.style = m.style;
  return link;
}

/// A link left open at the end of a title line, its target on the next line: `[[paper]](`.
struct OpenLink {
  std::size_t begin;       ///< column of its first bracket
  std::string_view label;  ///< inside `line`
  bool double_bracket;     ///< `[[label]](` rather than `[label](`
};

std::optional<OpenLink> open_link_at_end(std::string_view line) {
  static const RE2 re(patterns::kOpenLink);
  const std::string_view tail = line.substr(line.size() >= 2 ? 2 : line.size());  // after "- "
  re2::StringPiece whole, label;
  if (!RE2::PartialMatch(re2::StringPiece(tail.data(), tail.size()), re, &whole, &label)) {
    return std::nullopt;
  }
  return OpenLink{static_cast<std::size_t>(whole.data() - line.data()),
                  std::string_view(label.data(), label.size()),
                  whole.size() >= 2 && whole[1] == '['};
}

void parse_title_line(std::string_view line, ParsedItem& item) {
  Entry& e = item.entry;
  EntrySyntax& s = item.syntax;
  e.line_range = on_line(0, 0, line.size());
  const std::size_t body = line.size() >= 2 ? 2 : line.size();
  std::size_t title_end = line.size();
  std::size_t pos = body;
  bool in_links = false;
  std::optional<LinkMatch> m;
  while (pos < line.size() && (m = find_link(line, pos))) {
    const std::size_t begin = m->begin;
    const std::size_t end = m->end;
    const bool double_bracket =
        m->style == LinkStyle::kCanonical || m->style == LinkStyle::kInnerBracket;
    if (!in_links && !double_bracket && !is_known_link_label(m->label)) {
      pos = end;  // an ordinary Markdown link inside the title
      continue;
    }
    if (!in_links) {
      in_links = true;
      title_end = begin;
    } else {
      std::string_view gap = line.substr(s.links_end, begin - s.links_end);
      if (!text::trim(gap).empty() && s.trailing_text.empty()) {
        s.trailing_text = std::string(text::trim(gap));
        s.trailing_range = on_line(0, s.links_end, begin);
      }
    }
    e.links.push_back(make_link(line, 0, *m));
    s.links_end = static_cast<std::uint32_t>(end);
    pos = end;
  }
  if (!in_links) {
    // A link whose target continues on the next line: `... [[paper]](` then the URL.
    if (const auto open = open_link_at_end(line))
      title_end = open->begin;
  }
  if (in_links) {
    std::string_view rest = line.substr(s.links_end);
    if (!text::trim(rest).empty() && s.trailing_text.empty()) {
      s.trailing_text = std::string(text::trim(rest));
      s.trailing_range = on_line(0, s.links_end, s.links_end + text::trim_right(rest).size());
    }
  }
  std::string_view title = text::trim(line.substr(body, title_end > body ? title_end - body : 0));
  const std::size_t title_begin =
      title.empty() ? body : static_cast<std::size_t>(title.data() - line.data());
  e.title = std::string(title);
  e.title_range = on_line(0, title_begin, title_begin + title.size());
  s.looks_like_paper = !e.links.empty();
}

bool is_keyword_label(std::string_view label) {
  if (label == "Key Word")
    return true;  // the usual spelling, without the edit distance
  std::string squeezed;
  for (char c : label) {
    if (c != ' ')
      squeezed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (squeezed.empty() || squeezed[0] != 'k' || squeezed.size() > 10)
    return false;
  return text::edit_distance(squeezed, "keyword", 2) <= 2 ||
         text::edit_distance(squeezed, "keywords", 2) <= 1;
}

/// The label of a `Label: text` sub-line that is no author line: one to three capitalised
/// words before the colon, such as `Modality`, `Datasets`, `Code Release`.
std::string_view other_label(std::string_view content, std::size_t colon) {
  if (colon == std::string_view::npos || colon == 0 || colon > 24)
    return {};
  const std::string_view label = content.substr(0, colon);
  if (!std::isupper(static_cast<unsigned char>(label[0])))
    return {};
  int words = 1;
  for (char c : label) {
    if (c == ' ') {
      ++words;
    } else if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-') {
      return {};
    }
  }
  // An author line has commas or a venue before any colon, so it never reads as a label.
  if (words > 3 || label.back() == ' ')
    return {};
  return label;
}

void parse_keywords(std::string_view line, std::uint32_t row, std::size_t content,
                    std::size_t colon, ParsedItem& item) {
  EntrySyntax& s = item.syntax;
  Entry& e = item.entry;
  e.keywords_line = row;
  s.keyword_label = std::string(line.substr(content, colon - content));
  s.keyword_label_range = on_line(row, content, colon + 1);
  std::size_t start = colon + 1;
  std::string_view raw = line.substr(start);
  s.keywords_raw = std::string(raw);
  s.keywords_range = on_line(row, start, line.size());
  std::string_view body = text::trim_right(raw);
  if (!body.empty() && body.back() == '.')
    body.remove_suffix(1);
  // Phrases are separated by ';', or by ',' in a line that has no ';' (`Keywords: a, b`).
  const std::string_view separator =
      body.find(';') == std::string_view::npos && body.find(',') != std::string_view::npos ? ","
                                                                                           : ";";
  s.keyword_separator = separator[0];
  std::size_t offset = start;
  for (std::string_view part : text::split(body, separator)) {
    std::string_view phrase = text::trim(part);
    // An empty phrase sits where its text would start: after the separator's space.
    const std::size_t begin = phrase.empty()
                                  ? offset + part.size()
                                  : static_cast<std::size_t>(phrase.data() - line.data());
    e.keywords.push_back({std::string(phrase), on_line(row, begin, begin + phrase.size())});
    offset += part.size() + 1;
  }
}

void parse_digest(std::string_view line, std::uint32_t row, std::size_t content, ParsedItem& item) {
  Entry& e = item.entry;
  EntrySyntax& s = item.syntax;
  e.digest_line = row;
  std::string_view rest = line.substr(content);
  static const RE2 details(patterns::kDetailsDigest);
  re2::StringPiece marker;
  std::size_t text_begin;
  if (RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), details, &marker)) {
    e.digest_style = DigestStyle::kDetails;
    text_begin = content + marker.size();
  } else {
    e.digest_style = DigestStyle::kPlain;
    text_begin = content + rest.find(':') + 1;
  }
  s.digest_marker_range = on_line(row, content, text_begin);
  std::string_view body = text::trim(line.substr(text_begin));
  if (e.digest_style == DigestStyle::kDetails && body.ends_with("</details>")) {
    s.digest_closed = true;
    body = text::trim_right(body.substr(0, body.size() - 10));
  } else if (e.digest_style == DigestStyle::kDetails && body.empty()) {
    s.digest_block = true;  // the text follows on the next lines, up to `</details>`
  }
  const std::size_t b =
      body.empty() ? text_begin : static_cast<std::size_t>(body.data() - line.data());
  s.digest_text_range = on_line(row, b, b + body.size());
  e.digest = std::string(body);
}

/// Parses a line under the title that holds only links (`  [[pdf]](url) [[code]](url)`), or
/// the rest of a link whose target the title line left open (`  https://...) [[code]](...)`).
/// False, and nothing added, for any other line.
bool parse_link_line(std::string_view title_line, std::string_view line, std::uint32_t row,
                     ParsedItem& item) {
  Entry& e = item.entry;
  std::size_t pos = 0;
  while (pos < line.size() && text::is_space(line[pos])) ++pos;
  std::vector<Link> links;
  if (e.links.empty() && item.syntax.subs.empty()) {
    if (const auto open = open_link_at_end(title_line)) {
      static const RE2 target(patterns::kLinkTarget);
      re2::StringPiece url, bracket;
      re2::StringPiece rest(line.data() + pos, line.size() - pos);
      if (!RE2::Consume(&rest, target, &url, &bracket))
        return false;
      const auto label_begin = static_cast<std::size_t>(open->label.data() - title_line.data());
      const auto url_begin = static_cast<std::size_t>(url.data() - line.data());
      const auto end = static_cast<std::size_t>(rest.data() - line.data());
      Link link;
      link.label = std::string(open->label);
      link.url = std::string(url.data(), url.size());
      link.range = {{0, static_cast<std::uint32_t>(open->begin)},
                    {row, static_cast<std::uint32_t>(end)}};
      link.label_range = on_line(0, label_begin, label_begin + open->label.size());
      link.url_range = on_line(row, url_begin, url_begin + url.size());
      link.style = !open->double_bracket ? LinkStyle::kSingle
                   : bracket.empty()     ? LinkStyle::kCanonical
                                         : LinkStyle::kInnerBracket;
      links.push_back(std::move(link));
      pos = end;
    }
  }
  while (pos < line.size()) {
    if (text::is_space(line[pos])) {
      ++pos;
      continue;
    }
    const std::optional<LinkMatch> m = link_at(line, pos);
    if (!m)
      return false;
    // A plain Markdown link under the title is text, not the entry's links.
    if (m->style == LinkStyle::kSingle && !is_known_link_label(m->label))
      return false;
    links.push_back(make_link(line, row, *m));
    pos = m->end;
  }
  if (links.empty())
    return false;
  for (Link& l : links) e.links.push_back(std::move(l));
  item.syntax.links_below = true;
  return true;
}

/// Whether `content` opens a digest: `Digest:`, or `<details>` + `<summary>Digest</summary>`
/// with any spaces between the tags.
bool opens_digest(std::string_view content) {
  if (text::istarts_with(content, "digest:"))
    return true;
  if (!text::istarts_with(content, "<details>"))
    return false;
  std::string_view rest = text::trim_left(content.substr(9));
  if (!text::istarts_with(rest, "<summary>"))
    return false;
  return text::istarts_with(text::trim_left(rest.substr(9)), "digest");
}

/// The end of `body` without a curator's note in parentheses after a complete author line
/// (`... *AAAI*, 2022. (Discusses the limits of ...)`); body.size() when there is none.
std::size_t before_note(std::string_view body) {
  if (body.size() < 3 || body.back() != ')')
    return body.size();
  int depth = 0;
  for (std::size_t i = body.size(); i-- > 0;) {
    if (body[i] == ')') {
      ++depth;
    } else if (body[i] == '(' && --depth == 0) {
      const std::string_view before = text::trim_right(body.substr(0, i));
      const bool complete = !before.empty() && (before.back() == '.' || before.back() == '*');
      return complete && before.size() < i ? before.size() : body.size();
    }
  }
  return body.size();
}

/// A venue written without emphasis after the names' final '.': `Ada Lovelace. NeurIPS 2023`,
/// `Alan Turing. arXiv, 2023.` Only with a year: without one, a plain venue cannot be told
/// from the last name of an author line that lacks its '.'.
bool plain_venue(std::string_view body, std::size_t content, std::uint32_t row, Venue& v,
                 std::size_t& authors_end) {
  static const RE2 plain(patterns::kPlainVenue);
  re2::StringPiece authors, name, comma;
  int year = 0;
  if (!ends_with_year(body) || !RE2::FullMatch(re2::StringPiece(body.data(), body.size()), plain,
                                               &authors, &name, &comma, &year)) {
    return false;
  }
  if (std::count(name.begin(), name.end(), ' ') > 5)
    return false;  // a sentence, not a venue
  const auto start = static_cast<std::size_t>(name.data() - body.data());
  const bool year_inside = comma.find(',') == re2::StringPiece::npos;
  const std::size_t end =
      year_inside ? body.size() - (body.back() == '.' ? 1 : 0) : start + name.size();
  v.text = std::string(body.substr(start, end - start));
  v.name = std::string(text::trim_right(std::string_view(name.data(), name.size())));
  v.year = year;
  v.emphasis = false;
  v.range = on_line(row, content + start, content + end);
  authors_end = authors.size();
  return true;
}

/// The author line: the names, then the venue (`*ICML 2020*`, `*TPAMI*, 2022.` or plain
/// `ICML 2020`), then a note in parentheses; each after the first optional.
void parse_authors(std::string_view line, std::uint32_t row, std::size_t content,
                   ParsedItem& item) {
  Entry& e = item.entry;
  EntrySyntax& s = item.syntax;
  e.authors_line = row;
  s.authors_range = on_line(row, content, text::trim_right(line).size());
  std::string_view body = text::trim_right(line.substr(content));
  body = text::trim_right(body.substr(0, before_note(body)));
  std::size_t authors_end = body.size();
  // `Sergey Levine. **`: emphasis with no venue in it.
  if (body.size() >= 2 && body.ends_with("**") &&
      (body.size() == 2 || body[body.size() - 3] == ' ')) {
    s.empty_venue = on_line(row, content + body.size() - 2, content + body.size());
    body = text::trim_right(body.substr(0, body.size() - 2));
    authors_end = body.size();
  }
  // `*Venue*, 2022.`: the year after the emphasis, as some lists of the family write it.
  static const RE2 year_after(patterns::kYearAfterVenue);
  re2::StringPiece emphasised;
  int year_outside = 0;
  std::string_view venue_part = body;
  if (ends_with_year(body) && RE2::FullMatch(re2::StringPiece(body.data(), body.size()), year_after,
                                             &emphasised, &year_outside)) {
    venue_part = body.substr(0, emphasised.size());
  } else {
    year_outside = 0;
  }
  Venue v;
  if (venue_part.size() >= 3 && venue_part.back() == '*') {
    std::size_t open = venue_part.rfind('*', venue_part.size() - 2);
    if (open != std::string_view::npos && open + 1 < venue_part.size() - 1) {
      v.text = std::string(venue_part.substr(open + 1, venue_part.size() - open - 2));
      const std::size_t col = content + open + 1;
      v.range = on_line(row, col, col + v.text.size());
      if (year_outside != 0) {
        v.name = v.text;
        v.year = year_outside;
      } else if (const auto m = match_venue_year(v.text)) {
        v.name = std::string(m->name);
        int year = 0;
        for (const char c : m->year) year = year * 10 + (c - '0');
        v.year = year;
      } else {
        v.name = v.text;
      }
      e.venue = std::move(v);
      authors_end = open;
    }
  } else if (plain_venue(body, content, row, v, authors_end)) {
    e.venue = std::move(v);
  }
  e.authors = std::string(text::trim(body.substr(0, authors_end)));
  s.authors_end =
      static_cast<std::uint32_t>(content + text::trim_right(body.substr(0, authors_end)).size());
}

void parse_sub_line(std::string_view title_line, std::string_view line, std::uint32_t row,
                    ParsedItem& item) {
  SubLine sub;
  sub.line = row;
  sub.indent = static_cast<std::uint32_t>(indent_of(line, sub.has_tab_indent));
  std::string_view rest = line.substr(sub.indent);
  sub.bullet = rest.starts_with("- ") || rest == "-" || rest.starts_with("* ");
  Entry& e = item.entry;
  if (!sub.bullet) {
    sub.content = sub.indent;
    const bool after_title =
        std::all_of(item.syntax.subs.begin(), item.syntax.subs.end(),
                    [](const SubLine& x) { return x.kind == SubKind::kLinks; });
    const SubLine* previous = item.syntax.subs.empty() ? nullptr : &item.syntax.subs.back();
    if (previous && item.syntax.digest_block && !item.syntax.digest_closed &&
        (previous->kind == SubKind::kDigest || previous->kind == SubKind::kDigestBody)) {
      // The body of a `<details>` digest, up to its `</details>`.
      sub.kind = SubKind::kDigestBody;
      std::string_view body = text::trim(rest);
      if (body.ends_with("</details>")) {
        item.syntax.digest_closed = true;
        body = text::trim_right(body.substr(0, body.size() - 10));
      }
      if (!body.empty()) {
        const auto b = static_cast<std::uint32_t>(body.data() - line.data());
        if (e.digest.empty())
          item.syntax.digest_text_range.start = {row, b};
        item.syntax.digest_text_range.end = {row, static_cast<std::uint32_t>(b + body.size())};
        if (!e.digest.empty())
          e.digest += ' ';
        e.digest += body;
      }
    } else if (after_title && parse_link_line(title_line, line, row, item)) {
      sub.kind = SubKind::kLinks;
    } else {
      sub.kind = SubKind::kContinuation;
    }
    item.syntax.subs.push_back(sub);
    return;
  }
  sub.content = sub.indent + (rest.size() >= 2 ? 2 : 1);
  while (sub.content < line.size() && line[sub.content] == ' ') ++sub.content;  // `-  text`
  std::string_view content = line.substr(sub.content);
  const std::size_t colon = content.find(':');
  if (opens_digest(content)) {
    if (!e.digest_line) {
      sub.kind = SubKind::kDigest;
      parse_digest(line, row, sub.content, item);
    }
  } else if (colon != std::string_view::npos && colon <= 12 &&
             is_keyword_label(content.substr(0, colon))) {
    if (!e.keywords_line) {
      sub.kind = SubKind::kKeywords;
      parse_keywords(line, row, sub.content, sub.content + colon, item);
    }
  } else if (const std::string_view label = other_label(content, colon);
             !label.empty() && !text::iequals(label, "authors") &&
             !text::iequals(label, "author")) {
    sub.label = std::string(label);  // `Modality: Image`: a sub-line of the list's own
  } else if (!e.authors_line && !e.keywords_line && !e.digest_line) {
    sub.kind = SubKind::kAuthors;
  }
  if (sub.kind == SubKind::kAuthors)
    parse_authors(line, row, sub.content, item);
  item.syntax.subs.push_back(sub);
}

}  // namespace

bool is_known_link_label(std::string_view label) {
  for (auto known : kKnownLabels) {
    if (text::iequals(label, known))
      return true;
  }
  return false;
}

std::span<const std::string_view> known_link_labels() {
  return kKnownLabels;
}

std::span<const std::string_view> paper_link_labels() {
  return kPaperLabels;
}

bool is_paper_link_label(std::string_view label) {
  for (auto known : kPaperLabels) {
    if (text::iequals(label, known))
      return true;
  }
  return false;
}

std::optional<ArxivId> parse_arxiv_url(std::string_view url) {
  const std::optional<ArxivUrlMatch> m = match_arxiv_url(url);
  if (!m)
    return std::nullopt;
  const auto number = [](std::string_view digits) {
    std::uint32_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<std::uint32_t>(c - '0');
    return n;
  };
  ArxivId id;
  id.id = std::string(m->id);
  id.yymm = number(m->yy) * 100 + number(m->mm);
  id.number = number(m->number);
  return id;
}

bool links_to_web(const Entry& e) {
  return std::any_of(e.links.begin(), e.links.end(), [](const Link& l) {
    return l.url.starts_with("https://") || l.url.starts_with("http://");
  });
}

std::string canonical_arxiv_url(const ArxivId& id) {
  return "https://arxiv.org/abs/" + id.id;
}

ParsedItem parse_list_item(const std::vector<std::string_view>& lines) {
  ParsedItem item;
  if (lines.empty())
    return item;
  parse_title_line(lines[0], item);
  for (std::uint32_t i = 1; i < lines.size(); ++i) parse_sub_line(lines[0], lines[i], i, item);
  item.entry.first_line = 0;
  item.entry.last_line = static_cast<std::uint32_t>(lines.size() - 1);
  for (const SubLine& sub : item.syntax.subs) {
    if (sub.bullet)
      item.syntax.looks_like_paper = true;
  }
  if (!item.entry.links.empty())
    item.syntax.looks_like_paper = true;
  // The arXiv id comes from the paper link: the first link labelled as one.
  for (const Link& link : item.entry.links) {
    if (is_paper_link_label(link.label)) {
      item.entry.arxiv = parse_arxiv_url(link.url);
      break;
    }
  }
  return item;
}

}  // namespace awesome::rules
