// longest_run_in_order: a longest non-increasing subsequence, the one whose positions come
// first, checked against every subset of every short sequence over a small alphabet.
#include "rules/longest_run.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using awesome::rules::longest_run_in_order;

namespace {

/// The positions `kept` marks.
std::vector<std::size_t> positions(const std::vector<bool>& kept) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i])
      out.push_back(i);
  }
  return out;
}

/// By trying every subset: the longest non-increasing subsequences, the first by positions.
std::vector<std::size_t> brute_force(const std::vector<std::uint64_t>& keys) {
  std::vector<std::size_t> best;
  bool found = false;
  for (std::uint32_t mask = 0; mask < (1u << keys.size()); ++mask) {
    std::vector<std::size_t> pick;
    bool in_order = true;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if ((mask >> i & 1u) == 0)
        continue;
      in_order = in_order && (pick.empty() || keys[i] <= keys[pick.back()]);
      pick.push_back(i);
    }
    if (!in_order)
      continue;
    if (!found || pick.size() > best.size() || (pick.size() == best.size() && pick < best)) {
      best = pick;
      found = true;
    }
  }
  return best;
}

}  // namespace

TEST_CASE("longest_run_in_order keeps a longest non-increasing run, the earliest of equals") {
  CHECK(longest_run_in_order({}).empty());
  CHECK(positions(longest_run_in_order(std::vector<std::uint64_t>{5})) ==
        std::vector<std::size_t>{0});
  // An outlier above a sorted run is out, not its lower neighbour.
  CHECK(positions(longest_run_in_order(std::vector<std::uint64_t>{9, 2, 8, 7, 6, 1})) ==
        std::vector<std::size_t>{0, 2, 3, 4, 5});
  // Two swapped neighbours: the lower one is out.
  CHECK(positions(longest_run_in_order(std::vector<std::uint64_t>{9, 7, 8, 5})) ==
        std::vector<std::size_t>{0, 1, 3});
  // Equal keys are in order.
  CHECK(positions(longest_run_in_order(std::vector<std::uint64_t>{3, 3, 4, 3})) ==
        std::vector<std::size_t>{0, 1, 3});
}

TEST_CASE("longest_run_in_order matches a brute force on every sequence of up to 7 keys") {
  for (std::size_t n = 0; n <= 7; ++n) {
    std::vector<std::uint64_t> keys(n, 0);
    for (;;) {
      std::string shown;
      for (auto k : keys) shown += std::to_string(k) + " ";
      CAPTURE(shown);
      REQUIRE(positions(longest_run_in_order(keys)) == brute_force(keys));
      // The next sequence over the alphabet {0, 1, 2, 3}.
      std::size_t i = 0;
      while (i < n && keys[i] == 3) keys[i++] = 0;
      if (i == n)
        break;
      ++keys[i];
    }
  }
}
