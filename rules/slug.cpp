#include "rules/slug.hpp"

#include <re2/re2.h>

#include "rules/patterns.hpp"

namespace awesome::rules {

std::string heading_plain_text(std::string_view heading) {
  std::string s(heading);
  static const RE2 image(patterns::kSlugImage);
  static const RE2 link(patterns::kSlugLink);
  static const RE2 shortcode(patterns::kSlugShortcode);
  static const RE2 html_tag(patterns::kSlugHtmlTag);
  // Each pattern runs only on text that holds what it needs to match ("](", two ':', '<'):
  // most titles hold none, and outlines ask for thousands of them.
  const auto has_link = [&] { return s.find("](") != std::string::npos; };
  if (has_link())
    RE2::GlobalReplace(&s, image, "");
  if (has_link())
    RE2::GlobalReplace(&s, link, "\\1");
  if (const std::size_t colon = s.find(':');
      colon != std::string::npos && s.find(':', colon + 1) != std::string::npos) {
    RE2::GlobalReplace(&s, shortcode, "");
  }
  if (s.find('<') != std::string::npos)
    RE2::GlobalReplace(&s, html_tag, "");
  return s;
}

namespace {

/// Decodes one UTF-8 code point at `i`; returns its length (1 for invalid bytes).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size())
    n = 1;
  cp = n == 1 ? c : c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return n;
}

bool is_word_code_point(char32_t cp) {
  // Letters and digits of the scripts GitHub's slugger keeps; symbols and emoji are dropped.
  return (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) || (cp >= 0x3040 && cp < 0xA000) ||
         (cp >= 0xAC00 && cp < 0xD7B0);
}

}  // namespace

std::string github_slug(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (c == ' ') {
        out.push_back('-');
      }
    } else if (is_word_code_point(cp)) {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string SlugCounter::next(std::string_view heading_title) {
  return next_slug(github_slug(heading_plain_text(heading_title)));
}

std::string SlugCounter::next_slug(const std::string& base) {
  int& count = seen_[base];
  std::string slug = count == 0 ? base : base + "-" + std::to_string(count);
  ++count;
  return slug;
}

}  // namespace awesome::rules
