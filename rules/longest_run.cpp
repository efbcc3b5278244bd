#include "rules/longest_run.hpp"

#include <algorithm>

namespace awesome::rules {

std::vector<bool> longest_run_in_order(std::span<const std::uint64_t> keys) {
  const std::size_t n = keys.size();
  // from[i]: the length of the longest non-increasing run that starts at i. Read from the
  // right, such a run is non-decreasing; smallest[k] is the smallest first key of a run of
  // length k + 1 found so far, so it never decreases with k.
  std::vector<std::size_t> from(n);
  std::vector<std::uint64_t> smallest;
  for (std::size_t i = n; i-- > 0;) {
    const auto at = std::upper_bound(smallest.begin(), smallest.end(), keys[i]);
    from[i] = static_cast<std::size_t>(at - smallest.begin()) + 1;
    if (at == smallest.end())
      smallest.push_back(keys[i]);
    else
      *at = keys[i];
  }
  // Greedy from the top: the first position that can still start the rest of a longest run.
  std::vector<bool> kept(n, false);
  std::size_t need = smallest.size();
  const std::uint64_t* last = nullptr;
  for (std::size_t i = 0; i < n && need > 0; ++i) {
    if (from[i] == need && (last == nullptr || keys[i] <= *last)) {
      kept[i] = true;
      last = &keys[i];
      --need;
    }
  }
  return kept;
}

}  // namespace awesome::rules
