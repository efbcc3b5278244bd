#include "rules/keys.hpp"

#include <functional>

#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

bool starts_with_lower(std::string_view s, std::string_view lower_prefix) {
  return s.size() >= lower_prefix.size() &&
         text::iequals(s.substr(0, lower_prefix.size()), lower_prefix);
}

/// normalize_url() before lowercasing.
std::string_view url_core(std::string_view url) {
  std::string_view u = text::trim(url);
  for (std::string_view p : {"https://", "http://"}) {
    if (starts_with_lower(u, p))
      u.remove_prefix(p.size());
  }
  if (starts_with_lower(u, "www."))
    u.remove_prefix(4);
  while (!u.empty() && (u.back() == '/' || u.back() == '#')) u.remove_suffix(1);
  return u;
}

}  // namespace

std::string normalize_url(std::string_view url) {
  return text::to_lower_ascii(url_core(url));
}

std::uint64_t normalized_url_hash(std::string_view url, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (char c : url_core(url)) h = text::word_hash_step(h, text::lower_ascii(c));
  return h;
}

std::string paper_key(const Entry& e) {
  if (e.arxiv)
    return "arxiv:" + e.arxiv->id;
  for (const Link& l : e.links) {
    if (text::iequals(l.label, "paper") && !l.url.empty())
      return "url:" + normalize_url(l.url);
  }
  return {};
}

std::string title_key(std::string_view title) {
  // The words of text::words() concatenated: letters, digits and non-ASCII bytes, lowercased.
  std::string out;
  out.reserve(title.size());
  for (char c : title) {
    if (const char w = text::word_byte(c); w != '\0')
      out.push_back(w);
  }
  return out;
}

std::uint64_t digest_hash(std::string_view digest) {
  const std::string_view trimmed = text::trim(digest);
  if (trimmed.find('\t') == std::string_view::npos &&
      trimmed.find("  ") == std::string_view::npos) {
    // Nothing to fold: hash the text as it is (the same bytes as the folded string).
    if (trimmed.size() < 20)
      return 0;
    const std::uint64_t h = std::hash<std::string_view>{}(trimmed);
    return h == 0 ? 1 : h;
  }
  std::string folded;
  for (char c : trimmed) {
    if (text::is_space(c)) {
      if (!folded.empty() && folded.back() != ' ')
        folded.push_back(' ');
    } else {
      folded.push_back(c);
    }
  }
  if (folded.size() < 20)
    return 0;
  const std::uint64_t h = std::hash<std::string>{}(folded);
  return h == 0 ? 1 : h;
}

bool mentions_thesis(std::string_view text) {
  bool found = false;
  text::for_each_word(text, [&](std::string_view w) {
    found = found || text::iequals(w, "thesis") || text::iequals(w, "theses") ||
            text::iequals(w, "dissertation") || text::iequals(w, "dissertations");
  });
  return found;
}

std::string singular(std::string w) {
  if (w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("is") &&
      !w.ends_with("us")) {
    w.pop_back();
  }
  return w;
}

std::string phrase_key(const std::vector<std::string>& words) {
  std::string key;
  for (const auto& w : words) {
    if (!key.empty())
      key.push_back(' ');
    key += singular(w);
  }
  return key;
}

}  // namespace awesome::rules
