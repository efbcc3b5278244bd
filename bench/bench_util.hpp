// Shared helpers of awesome_bench: timing, percentiles, file I/O, the synthetic 10 MB list and
// the seeded choice of single-character edits inside entries. No LSP and no I/O loop here.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "rules/list_document.hpp"

namespace awesome::bench {

using Clock = std::chrono::steady_clock;
inline double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

struct Percentiles {
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
  std::size_t count = 0;
};
/// Nearest-rank percentiles of `samples` (sorted in place); all zero when empty.
Percentiles percentiles(std::vector<double>& samples);
double median(std::vector<double> samples);

/// Whole file; empty string when unreadable (the caller checks).
std::string read_file(const std::string& path);
bool write_file(const std::string& path, std::string_view text);

/// `copies` copies of `full`, a large list with the findings of `full` in each copy rather than
/// every entry a duplicate: in copy k > 0 every `abs/YYMM.NNNN(N)` gets its number part shifted
/// deterministically, entry titles start with "Copy k: ", other link URLs end in "#copyk" and
/// digests start with "Copy k.".
std::string make_synthetic(std::string_view full, int copies);

/// One single-character insertion: at byte column `column` of line `line`.
struct CharEdit {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  ///< byte column
  std::string text;
};

/// Where single-character edits go: the lines of each paper entry of `doc` (first, last).
std::vector<std::pair<std::uint32_t, std::uint32_t>> entry_lines(rules::ListDocument& doc);

/// Picks `count` seeded insertions at random places inside entries of `doc`, applying each to
/// `doc`. With `must_change`, each one is chosen (retrying places and characters) so that what
/// an editor shows of the diagnostics (fix edits aside) differs from before, which makes a
/// server that publishes only changes publish.
std::vector<CharEdit> pick_edits(rules::ListDocument& doc, std::size_t count, std::uint32_t seed,
                                 bool must_change);

/// Equal as an LSP client sees them: everything but the edits of the fixes.
bool same_visible(const std::vector<rules::Diagnostic>& a, const std::vector<rules::Diagnostic>& b);

/// UTF-16 code units in the first `bytes` bytes of a UTF-8 line.
std::uint32_t utf16_column(std::string_view line, std::uint32_t bytes);

}  // namespace awesome::bench
