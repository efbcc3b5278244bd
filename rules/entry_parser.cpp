#include "rules/entry_parser.hpp"

#include <re2/re2.h>

#include <array>

#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

constexpr std::array<std::string_view, 7> kKnownLabels{"paper",  "code",  "dataset", "project",
                                                       "slides", "video", "blog"};

const RE2& link_re() {
  // Leftmost-first: at one position the canonical form wins over the malformed ones.
  static const RE2 re(
      R"(\[\[([^\[\]]*)\]\]\(([^\s()]*)\))"    // 1,2 [[label]](url)
      R"(|\[\[([^\[\]]*)\]\(([^\s()]*)\)\])"   // 3,4 [[label](url)]
      R"(|\(\[([^\[\]]*)\]\(([^\s()]*)\)\))"   // 5,6 ([label](url))
      R"(|\[([^\[\]]*)\]\(([^\s()]*)\))");     // 7,8 [label](url)
  return re;
}

const RE2& arxiv_re() {
  static const RE2 re(
      R"(^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/)"
      R"(((\d{2})(\d{2})\.(\d{4,5})|([a-z][a-z\-]*(?:\.[A-Z]{2})?)/(\d{2})(\d{2})(\d{3}))"
      R"()(v\d+)?(?:\.pdf)?/?(?:[?#].*)?$)");
  return re;
}

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

void parse_title_line(std::string_view line, ParsedItem& item) {
  Entry& e = item.entry;
  EntrySyntax& s = item.syntax;
  e.line_range = on_line(0, 0, line.size());
  const std::size_t body = line.size() >= 2 ? 2 : line.size();
  std::size_t title_end = line.size();
  std::size_t pos = body;
  std::array<re2::StringPiece, 9> g;
  bool in_links = false;
  while (pos < line.size() &&
         link_re().Match(re2::StringPiece(line.data(), line.size()), pos, line.size(),
                         RE2::UNANCHORED, g.data(), static_cast<int>(g.size()))) {
    const std::size_t begin = static_cast<std::size_t>(g[0].data() - line.data());
    const std::size_t end = begin + g[0].size();
    int alt = 1;
    while (alt < 8 && g[alt].data() == nullptr) alt += 2;
    const std::string_view label(g[alt].data(), g[alt].size());
    const std::string_view url(g[alt + 1].data(), g[alt + 1].size());
    const bool double_bracket = alt <= 3;
    if (!in_links && !double_bracket && !is_known_link_label(label)) {
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
    Link link;
    link.label = std::string(label);
    link.url = std::string(url);
    link.range = on_line(0, begin, end);
    const std::size_t label_begin = static_cast<std::size_t>(label.data() - line.data());
    const std::size_t url_begin = static_cast<std::size_t>(url.data() - line.data());
    link.label_range = on_line(0, label_begin, label_begin + label.size());
    link.url_range = on_line(0, url_begin, url_begin + url.size());
    link.style = alt == 1   ? LinkStyle::kCanonical
                 : alt == 3 ? LinkStyle::kInnerBracket
                 : alt == 5 ? LinkStyle::kParenthesized
                            : LinkStyle::kSingle;
    e.links.push_back(std::move(link));
    s.links_end = static_cast<std::uint32_t>(end);
    pos = end;
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
  for (const Link& link : e.links) {
    if (text::iequals(link.label, "paper")) {
      e.arxiv = parse_arxiv_url(link.url);
      break;
    }
  }
  s.looks_like_paper = !e.links.empty();
}

bool is_keyword_label(std::string_view label) {
  if (label == "Key Word") return true;  // the usual spelling, without the edit distance
  std::string squeezed;
  for (char c : label) {
    if (c != ' ') squeezed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (squeezed.empty() || squeezed[0] != 'k' || squeezed.size() > 10) return false;
  return text::edit_distance(squeezed, "keyword", 2) <= 2 ||
         text::edit_distance(squeezed, "keywords", 2) <= 1;
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
  if (!body.empty() && body.back() == '.') body.remove_suffix(1);
  std::size_t offset = start;
  for (std::string_view part : text::split(body, ";")) {
    std::string_view phrase = text::trim(part);
    // An empty phrase sits where its text would start: after the separator's space.
    const std::size_t begin =
        phrase.empty() ? offset + part.size() : static_cast<std::size_t>(phrase.data() - line.data());
    e.keywords.push_back({std::string(phrase), on_line(row, begin, begin + phrase.size())});
    offset += part.size() + 1;
  }
}

void parse_digest(std::string_view line, std::uint32_t row, std::size_t content, ParsedItem& item) {
  Entry& e = item.entry;
  EntrySyntax& s = item.syntax;
  e.digest_line = row;
  std::string_view rest = line.substr(content);
  static const RE2 details(R"(^(<details>\s*<summary>\s*Digest\s*</summary>))");
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
  }
  const std::size_t b = body.empty() ? text_begin : static_cast<std::size_t>(body.data() - line.data());
  s.digest_text_range = on_line(row, b, b + body.size());
  e.digest = std::string(body);
}

void parse_sub_line(std::string_view line, std::uint32_t row, ParsedItem& item) {
  SubLine sub;
  sub.line = row;
  sub.indent = static_cast<std::uint32_t>(indent_of(line, sub.has_tab_indent));
  std::string_view rest = line.substr(sub.indent);
  sub.bullet = rest.starts_with("- ") || rest == "-" || rest.starts_with("* ");
  if (!sub.bullet) {
    sub.kind = SubKind::kContinuation;
    sub.content = sub.indent;
    item.syntax.subs.push_back(sub);
    return;
  }
  sub.content = sub.indent + (rest.size() >= 2 ? 2 : 1);
  std::string_view content = line.substr(sub.content);
  Entry& e = item.entry;
  const std::size_t colon = content.find(':');
  if (text::istarts_with(content, "digest:") ||
      text::istarts_with(content, "<details><summary>digest") ||
      text::istarts_with(content, "<details> <summary>digest")) {
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
  } else if (!e.authors_line && !e.keywords_line && !e.digest_line) {
    sub.kind = SubKind::kAuthors;
  }
  if (sub.kind == SubKind::kAuthors) {
    e.authors_line = row;
    item.syntax.authors_range = on_line(row, sub.content, text::trim_right(line).size());
    std::string_view body = text::trim_right(content);
    std::size_t authors_end = body.size();
    if (body.size() >= 3 && body.back() == '*') {
      std::size_t open = body.rfind('*', body.size() - 2);
      if (open != std::string_view::npos && open + 1 < body.size() - 1) {
        Venue v;
        v.text = std::string(body.substr(open + 1, body.size() - open - 2));
        const std::size_t col = sub.content + open + 1;
        v.range = on_line(row, col, col + v.text.size());
        static const RE2 year_re(R"(^(.*?)\s*((?:19|20)\d\d)\b.*$)");
        std::string name;
        int year = 0;
        if (RE2::FullMatch(v.text, year_re, &name, &year)) {
          v.name = name;
          v.year = year;
        } else {
          v.name = v.text;
        }
        e.venue = std::move(v);
        authors_end = open;
      }
    }
    e.authors = std::string(text::trim(body.substr(0, authors_end)));
  }
  item.syntax.subs.push_back(sub);
}

}  // namespace

bool is_known_link_label(std::string_view label) {
  for (auto known : kKnownLabels) {
    if (text::iequals(label, known)) return true;
  }
  return false;
}

std::optional<ArxivId> parse_arxiv_url(std::string_view url) {
  if (url.find("arxiv.org/") == std::string_view::npos) return std::nullopt;  // skip the regex
  re2::StringPiece whole, new_yy, new_mm, new_num, archive, old_yy, old_mm, old_num, version;
  if (!RE2::FullMatch(re2::StringPiece(url.data(), url.size()), arxiv_re(), &whole, &new_yy,
                      &new_mm, &new_num, &archive, &old_yy, &old_mm, &old_num, &version)) {
    return std::nullopt;
  }
  const auto number = [](re2::StringPiece digits) {
    std::uint32_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<std::uint32_t>(c - '0');
    return n;
  };
  ArxivId id;
  id.id = std::string(whole.data(), whole.size());
  const bool is_new = !new_yy.empty();
  id.yymm = number(is_new ? new_yy : old_yy) * 100 + number(is_new ? new_mm : old_mm);
  id.number = number(is_new ? new_num : old_num);
  return id;
}

std::string canonical_arxiv_url(const ArxivId& id) { return "https://arxiv.org/abs/" + id.id; }

ParsedItem parse_list_item(const std::vector<std::string_view>& lines) {
  ParsedItem item;
  if (lines.empty()) return item;
  parse_title_line(lines[0], item);
  for (std::uint32_t i = 1; i < lines.size(); ++i) parse_sub_line(lines[i], i, item);
  item.entry.first_line = 0;
  item.entry.last_line = static_cast<std::uint32_t>(lines.size() - 1);
  for (const SubLine& sub : item.syntax.subs) {
    if (sub.bullet) item.syntax.looks_like_paper = true;
  }
  return item;
}

}  // namespace awesome::rules
