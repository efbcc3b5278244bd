#include "rules/link_scan.hpp"

namespace awesome::rules {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// One past the run of characters of `[^\[\]]` (label) or `[^\s()]` (URL) starting at `i`:
/// RE2's classes hold whole UTF-8 characters, so a run ends at an invalid sequence too.
template <typename Stop>
std::size_t run_end(std::string_view s, std::size_t i, Stop stop) {
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (stop(static_cast<char>(c)))
        return i;
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0)
      return i;
    i += n;
  }
  return i;
}

std::size_t label_end(std::string_view s, std::size_t i) {
  return run_end(s, i, [](char c) { return c == '[' || c == ']'; });
}
std::size_t url_end(std::string_view s, std::size_t i) {
  // RE2's \s is [\t\n\f\r ].
  return run_end(s, i, [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '(' || c == ')';
  });
}

bool at(std::string_view s, std::size_t i, char c) {
  return i < s.size() && s[i] == c;
}
bool at(std::string_view s, std::size_t i, std::string_view lit) {
  return s.substr(std::min(i, s.size())).starts_with(lit);
}

/// `label](url)` from `l0` (just after the opening bracket or brackets), then `close` after the
/// URL's ')': the link's end, or nullopt.
std::optional<LinkMatch> label_then_url(std::string_view s, std::size_t begin, std::size_t l0,
                                        std::string_view middle, std::string_view close,
                                        LinkStyle style) {
  const std::size_t l1 = label_end(s, l0);
  if (!at(s, l1, middle))
    return std::nullopt;
  const std::size_t u0 = l1 + middle.size();
  const std::size_t u1 = url_end(s, u0);
  if (!at(s, u1, close))
    return std::nullopt;
  return LinkMatch{begin, u1 + close.size(), s.substr(l0, l1 - l0), s.substr(u0, u1 - u0), style};
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                        : c >= 0xE0 && c <= 0xEF ? 3
                        : c >= 0xF0 && c <= 0xF4 ? 4
                                                 : 0;
  if (n == 0 || i + n > s.size())
    return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if (!is_continuation(s[i + k]))
      return 0;
  }
  return n;
}

std::optional<LinkMatch> link_at(std::string_view s, std::size_t p) {
  // The alternatives in the pattern's order; at one position the first that matches wins.
  if (at(s, p, "([")) {
    return label_then_url(s, p, p + 2, "](", "))", LinkStyle::kParenthesized);
  }
  if (at(s, p, "[[")) {
    // `[[label]](url)` or `[[label](url)]`; `[label](url)` cannot start here, its label
    // would have to begin with '['.
    if (auto m = label_then_url(s, p, p + 2, "]](", ")", LinkStyle::kCanonical))
      return m;
    return label_then_url(s, p, p + 2, "](", ")]", LinkStyle::kInnerBracket);
  }
  if (at(s, p, '['))
    return label_then_url(s, p, p + 1, "](", ")", LinkStyle::kSingle);
  return std::nullopt;
}

std::optional<LinkMatch> find_link(std::string_view s, std::size_t pos) {
  for (std::size_t p = s.find_first_of("[(", pos); p != std::string_view::npos;
       p = s.find_first_of("[(", p + 1)) {
    if (auto m = link_at(s, p))
      return m;
  }
  return std::nullopt;
}

namespace {

/// Whether every character of `s` is one RE2's `.` matches: UTF-8, no newline.
bool all_dot(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n')
      return false;
    const std::size_t n = c < 0x80 ? 1 : utf8_sequence_length(s, i);
    if (n == 0)
      return false;
    i += n;
  }
  return true;
}

/// A place in a URL read step by step as kArxivUrl reads it.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool skip(std::string_view lit) {
    if (!at(s, i, lit))
      return false;
    i += lit.size();
    return true;
  }
  bool digits(std::size_t n) {
    if (i + n > s.size())
      return false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!is_digit(s[i + k]))
        return false;
    }
    i += n;
    return true;
  }
  bool lower() const { return i < s.size() && s[i] >= 'a' && s[i] <= 'z'; }
  bool upper(std::size_t k) const { return k < s.size() && s[k] >= 'A' && s[k] <= 'Z'; }
};

/// `YYMM.NNNNN` (four or five digits after the '.') or `archive[.XX]/YYMMNNN`.
bool read_id(Cursor& c, ArxivUrlMatch& m) {
  const std::size_t begin = c.i;
  if (c.i < c.s.size() && is_digit(c.s[c.i])) {
    if (!c.digits(4) || !c.skip("."))
      return false;
    const std::size_t number = c.i;
    if (!c.digits(4))
      return false;
    c.digits(1);
    m.yy = c.s.substr(begin, 2);
    m.mm = c.s.substr(begin + 2, 2);
    m.number = c.s.substr(number, c.i - number);
  } else if (c.lower()) {
    while (c.lower() || at(c.s, c.i, '-')) ++c.i;
    if (at(c.s, c.i, '.') && c.upper(c.i + 1) && c.upper(c.i + 2))
      c.i += 3;
    if (!c.skip("/"))
      return false;
    const std::size_t yymm = c.i;
    if (!c.digits(7))
      return false;
    m.yy = c.s.substr(yymm, 2);
    m.mm = c.s.substr(yymm + 2, 2);
    m.number = c.s.substr(yymm + 4, 3);
  } else {
    return false;
  }
  m.id = c.s.substr(begin, c.i - begin);
  return true;
}

}  // namespace

std::optional<ArxivUrlMatch> match_arxiv_url(std::string_view url) {
  Cursor c{url};
  c.skip("https://") || c.skip("http://");
  c.skip("www.") || c.skip("export.");
  if (!c.skip("arxiv.org/") ||
      !(c.skip("abs/") || c.skip("pdf/") || c.skip("html/") || c.skip("format/"))) {
    return std::nullopt;
  }
  ArxivUrlMatch m;
  if (!read_id(c, m))
    return std::nullopt;
  // (v\d+)?(?:\.pdf)?/?(?:[?#].*)?$
  if (at(url, c.i, 'v') && c.i + 1 < url.size() && is_digit(url[c.i + 1])) {
    ++c.i;
    while (c.digits(1)) {
    }
  }
  c.skip(".pdf");
  c.skip("/");
  if (at(url, c.i, '?') || at(url, c.i, '#'))
    return all_dot(url.substr(c.i + 1)) ? std::optional(m) : std::nullopt;
  return c.i == url.size() ? std::optional(m) : std::nullopt;
}

namespace {

bool is_year_at(std::string_view s, std::size_t p) {
  return p + 4 <= s.size() &&
         ((s[p] == '1' && s[p + 1] == '9') || (s[p] == '2' && s[p + 1] == '0')) &&
         is_digit(s[p + 2]) && is_digit(s[p + 3]);
}

bool is_word(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_re2_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

}  // namespace

std::optional<VenueYearMatch> match_venue_year(std::string_view text) {
  // `(.*?)\s*(year)\b.*`: the first year that ends a word, with only characters `.` matches
  // before the blanks in front of it and after it (the blanks may hold a newline).
  for (std::size_t p = 0; p + 4 <= text.size(); ++p) {
    if (!is_year_at(text, p) || (p + 4 < text.size() && is_word(text[p + 4])))
      continue;
    std::size_t name_end = p;
    while (name_end > 0 && is_re2_space(text[name_end - 1])) --name_end;
    if (all_dot(text.substr(0, name_end)) && all_dot(text.substr(p + 4)))
      return VenueYearMatch{text.substr(0, name_end), text.substr(p, 4)};
  }
  return std::nullopt;
}

bool ends_with_year(std::string_view body) {
  if (body.ends_with('.'))
    body.remove_suffix(1);
  return body.size() >= 4 && is_year_at(body, body.size() - 4);
}

}  // namespace awesome::rules
