#include "rules/text_util.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace awesome::rules::text {

std::string_view trim_left(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
  std::size_t n = s.size();
  while (n > 0 && is_space(s[n - 1])) --n;
  return s.substr(0, n);
}

std::string_view trim(std::string_view s) {
  return trim_right(trim_left(s));
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i]))
      return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::size_t find_invalid_utf8(std::string_view s, std::size_t from, std::size_t& length) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = from;
  const std::size_t n = s.size();
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0)
        lo = 0xA0;
      if (c == 0xED)
        hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0)
        lo = 0x90;
      if (c == 0xF4)
        hi = 0x8F;
    } else {
      length = 1;
      return i;
    }
    std::size_t k = 1;
    for (; k <= need; ++k) {
      if (i + k >= n)
        break;
      unsigned char cc = p[i + k];
      unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (cc < l || cc > h)
        break;
    }
    if (k <= need) {
      length = k;
      return i;
    }
    i += need + 1;
  }
  length = 0;
  return std::string_view::npos;
}

int edit_distance(std::string_view a, std::string_view b, int cap) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap)
    return cap + 1;
  // Three rolling rows; on the stack for the short words this is called with.
  constexpr int kStack = 64;
  std::array<int, kStack + 1> s0{}, s1{}, s2{};
  std::vector<int> h0, h1, h2;
  int* prev2 = s0.data();
  int* prev = s1.data();
  int* cur = s2.data();
  if (m > kStack) {
    h0.resize(m + 1);
    h1.resize(m + 1);
    h2.resize(m + 1);
    prev2 = h0.data();
    prev = h1.data();
    cur = h2.data();
  }
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap)
      return cap + 1;
    int* old = prev2;
    prev2 = prev;
    prev = cur;
    cur = old;
  }
  return std::min(prev[m], cap + 1);
}

std::vector<std::string_view> split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + sep.size();
  }
}

bool is_placeholder_authors(std::string_view authors) {
  // The comparison below keeps every character but blanks, dots and link or emphasis markup;
  // the longest placeholder has 22 such characters and the label before it 8. More: names.
  // Called on every author line: stops counting at the first name long enough to rule it out.
  int kept = 0;
  for (char c : authors) {
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case '\f':
      case '\v':
      case '.':
      case '[':
      case ']':
      case '(':
      case ')':
      case '*':
      case '_':
        break;
      default:
        if (++kept > 30)
          return false;
    }
  }
  std::string s = to_lower_ascii(trim(authors));
  for (std::string_view label : {"authors:", "author:"}) {
    if (s.starts_with(label)) {
      s.erase(0, label.size());
      break;
    }
  }
  std::string core;
  for (char c : s) {
    if (c != '[' && c != ']' && c != '(' && c != ')' && c != '*' && c != '_')
      core.push_back(c);
  }
  std::string_view t = trim(core);
  while (!t.empty() && t.back() == '.') t.remove_suffix(1);
  t = trim(t);
  static constexpr std::array<std::string_view, 12> kPlaceholders{"author names not provided",
                                                                  "authors not provided",
                                                                  "not provided",
                                                                  "author names",
                                                                  "author list",
                                                                  "authors",
                                                                  "author",
                                                                  "anonymous",
                                                                  "anonymous authors",
                                                                  "anonymous author",
                                                                  "unknown authors",
                                                                  "n/a"};
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), t) != kPlaceholders.end();
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  for_each_word(s, [&](std::string_view word) {
    std::string& w = out.emplace_back(word);
    for (char& c : w) c = word_byte(c);
  });
  return out;
}

std::uint64_t word_hash(std::string_view word) {
  std::uint64_t h = kWordHashSeed;
  for (char c : word) h = word_hash_step(h, c);
  return h;
}

}  // namespace awesome::rules::text
