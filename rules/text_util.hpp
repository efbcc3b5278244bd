// Small text helpers shared by the parser and the checks: trimming, ASCII case folding,
// UTF-8 validation and word-level edit distance. Byte-oriented; no locale.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awesome::rules::text {

inline bool is_space(char c) {
  return c == ' ' || c == '\t';
}
std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);
inline char lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string to_lower_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

/// Byte offset of the first invalid UTF-8 sequence at or after `from`, or npos; `length`
/// receives the length of the invalid run (at least 1).
std::size_t find_invalid_utf8(std::string_view s, std::size_t from, std::size_t& length);

/// Damerau-Levenshtein (optimal string alignment) distance, capped: returns `cap + 1` as soon
/// as the distance is known to exceed `cap`.
int edit_distance(std::string_view a, std::string_view b, int cap);

/// Splits on `sep`, keeping empty parts.
std::vector<std::string_view> split(std::string_view s, std::string_view sep);

/// Lowercased words of `s` (letters and digits; everything else separates).
std::vector<std::string> words(std::string_view s);

/// What a word of words() holds for byte `c`: an ASCII letter lowercased, a digit or a byte of
/// a multi-byte UTF-8 sequence as it is; 0 for a byte that separates words.
inline char word_byte(char c) {
  static constexpr auto kTable = [] {
    std::array<char, 256> t{};
    for (int u = 0; u < 256; ++u) {
      if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80)
        t[u] = static_cast<char>(u);
      else if (u >= 'A' && u <= 'Z')
        t[u] = static_cast<char>(u - 'A' + 'a');
    }
    return t;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

/// Calls `fn(word)` for each word of `s` as words() splits it, in order, with the word as it
/// stands in `s` (not lowercased); nothing is allocated.
template <class Fn>
void for_each_word(std::string_view s, Fn&& fn) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && word_byte(s[i]) == '\0') ++i;
    std::size_t end = i;
    while (end < s.size() && word_byte(s[end]) != '\0') ++end;
    if (end == i)
      return;
    fn(s.substr(i, end - i));
    i = end;
  }
}

/// A 64-bit hash (FNV-1a) of a word of words(), for counting words without building them.
constexpr std::uint64_t kWordHashSeed = 0xcbf29ce484222325ull;
inline std::uint64_t word_hash_step(std::uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
}
std::uint64_t word_hash(std::string_view word);

/// Calls `fn(hash, length)` for each word of `s`, in order, with the word_hash() of the word
/// words() would give; nothing is allocated.
template <class Fn>
void for_each_word_hash(std::string_view s, Fn&& fn) {
  std::uint64_t h = kWordHashSeed;
  std::size_t len = 0;
  for (char c : s) {
    if (const char w = word_byte(c); w != '\0') {
      h = word_hash_step(h, w);
      ++len;
    } else if (len > 0) {
      fn(h, len);
      h = kWordHashSeed;
      len = 0;
    }
  }
  if (len > 0)
    fn(h, len);
}

/// True when an author list (without the venue) is a placeholder for the names: `Anonymous`,
/// `[Authors]`, `Authors: [Author names not provided]`. TBD and TODO are not among them: the
/// placeholder rule finds those words anywhere.
bool is_placeholder_authors(std::string_view authors);

}  // namespace awesome::rules::text
