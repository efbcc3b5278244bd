// HashCounter against std::unordered_map under random adds and removals that grow the table,
// empty counts (backward-shift deletion) and crowd keys into the same slots; and the word hash
// scanner against text::words().
#include "rules/hash_counter.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <unordered_map>

#include "rules/text_util.hpp"

namespace awesome::rules {

TEST_CASE("HashCounter keeps the counts a map keeps, through growth and removals") {
  std::mt19937_64 rng(20261130);
  for (const std::uint64_t key_space : {8ull, 200ull, 5000ull}) {
    HashCounter counter;
    std::unordered_map<std::uint64_t, int> model;
    for (int step = 0; step < 40000; ++step) {
      // Small keys (0 and 1 among them, 0 being the table's empty mark) and spread ones.
      const std::uint64_t key = (rng() % key_space) * (key_space == 8 ? 1 : 0x9e3779b97f4a7c15ull);
      const int existing = model.contains(key) ? model[key] : 0;
      // Mostly +1, and -1 when counted, so counts reach 0 and leave the table often.
      const int by = existing > 0 && rng() % 2 == 0 ? -1 : 1;
      CHECK(counter.add(key, by) == existing);
      if ((model[key] += by) == 0)
        model.erase(key);
      if (step % 997 == 0) {
        for (std::uint64_t k = 0; k < key_space; ++k) {
          const std::uint64_t probe = k * (key_space == 8 ? 1 : 0x9e3779b97f4a7c15ull);
          const auto it = model.find(probe);
          REQUIRE(counter.get(probe) == (it == model.end() ? 0 : it->second));
        }
      }
    }
    std::size_t nonzero = 0;
    for (const auto& [k, c] : model) nonzero += c != 0 ? 1 : 0;
    CHECK(counter.size() == nonzero);
  }
}

TEST_CASE("for_each_word_hash hashes exactly the words text::words() splits") {
  std::mt19937 rng(7);
  const std::string alphabet = "aZ9 -_.,\t\xc3\xa9\x80Qq(";
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    std::vector<std::pair<std::uint64_t, std::size_t>> scanned;
    text::for_each_word_hash(
        s, [&](std::uint64_t h, std::size_t len) { scanned.emplace_back(h, len); });
    const auto words = text::words(s);
    REQUIRE(scanned.size() == words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      CHECK(scanned[i].first == text::word_hash(words[i]));
      CHECK(scanned[i].second == words[i].size());
    }
  }
  CHECK(text::words("Hello, WORLD-wide x2") ==
        std::vector<std::string>{"hello", "world", "wide", "x2"});
}

}  // namespace awesome::rules
