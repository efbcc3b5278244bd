// The longest run of a sequence that is already in order, for blaming the entries outside
// it (entry-order). A pure function over sort keys; knows nothing of entries or sections.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace awesome::rules {

/// Marks a longest non-increasing subsequence of `keys` (true: kept in place). Among several
/// longest ones it keeps the one whose positions come first, compared position by position
/// from the start: of two swapped neighbours the upper one stays and the lower one is out.
/// O(n log n) time, O(n) space; empty input gives an empty result.
std::vector<bool> longest_run_in_order(std::span<const std::uint64_t> keys);

}  // namespace awesome::rules
