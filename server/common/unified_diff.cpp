#include "server/common/unified_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace awesome::server {
namespace {

using Lines = std::vector<std::string_view>;

/// Beyond this edit distance the trace of Myers' algorithm would need too much memory.
constexpr int kMaxEditDistance = 3000;

enum class Op : std::uint8_t { kEqual, kDelete, kInsert };

struct Step {
  Op op;
  std::size_t old_index;  ///< line in `before` (for kEqual and kDelete)
  std::size_t new_index;  ///< line in `after` (for kEqual and kInsert)
};

Lines split_lines(std::string_view text) {
  Lines lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

/// Replays the Myers trace backwards from (n, m) and returns the steps in reverse order.
std::vector<Step> backtrack(const std::vector<std::vector<int>>& trace, const Lines& a,
                            const Lines& b, std::size_t base) {
  std::vector<Step> reversed;
  int x = static_cast<int>(a.size());
  int y = static_cast<int>(b.size());
  for (int d = static_cast<int>(trace.size()); d >= 0; --d) {
    const int k = x - y;
    int prev_x = 0;
    int prev_y = 0;
    if (d > 0) {
      const std::vector<int>& v = trace[static_cast<std::size_t>(d - 1)];  // k in [1-d, d-1]
      auto at = [&](int kk) { return v[static_cast<std::size_t>(kk + d - 1)]; };
      const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
      const int prev_k = down ? k + 1 : k - 1;
      prev_x = at(prev_k);
      prev_y = prev_x - prev_k;
    }
    for (; x > prev_x && y > prev_y; --x, --y) {
      reversed.push_back({Op::kEqual, base + static_cast<std::size_t>(x - 1),
                          base + static_cast<std::size_t>(y - 1)});
    }
    if (d == 0)
      break;
    if (x == prev_x) {
      reversed.push_back({Op::kInsert, base + static_cast<std::size_t>(x),
                          base + static_cast<std::size_t>(prev_y)});
    } else {
      reversed.push_back({Op::kDelete, base + static_cast<std::size_t>(prev_x),
                          base + static_cast<std::size_t>(y)});
    }
    x = prev_x;
    y = prev_y;
  }
  return reversed;
}

/// Myers' shortest edit script between a and b, or nullopt beyond kMaxEditDistance.
std::optional<std::vector<Step>> myers(const Lines& a, const Lines& b, std::size_t base) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int max = std::min(n + m, kMaxEditDistance);
  const int offset = max + 1;
  std::vector<int> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<int>> trace;
  for (int d = 0; d <= max; ++d) {
    for (int k = -d; k <= d; k += 2) {
      auto at = [&](int kk) -> int& {
        const int index = kk + offset;
        return v[static_cast<std::size_t>(index)];
      };
      int x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      int y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(k) = x;
      if (x >= n && y >= m) {
        std::vector<Step> steps = backtrack(trace, a, b, base);
        std::reverse(steps.begin(), steps.end());
        return steps;
      }
    }
    trace.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
  }
  return std::nullopt;
}

/// The edit script of the whole texts: common prefix and suffix, then Myers on the middle.
std::vector<Step> edit_script(const Lines& a, const Lines& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Step> steps;
  for (std::size_t i = 0; i < prefix; ++i) steps.push_back({Op::kEqual, i, i});
  const Lines mid_a(a.begin() + static_cast<std::ptrdiff_t>(prefix),
                    a.end() - static_cast<std::ptrdiff_t>(suffix));
  const Lines mid_b(b.begin() + static_cast<std::ptrdiff_t>(prefix),
                    b.end() - static_cast<std::ptrdiff_t>(suffix));
  if (auto middle = myers(mid_a, mid_b, prefix)) {
    steps.insert(steps.end(), middle->begin(), middle->end());
  } else {
    for (std::size_t i = 0; i < mid_a.size(); ++i) {
      steps.push_back({Op::kDelete, prefix + i, prefix});
    }
    for (std::size_t i = 0; i < mid_b.size(); ++i) {
      steps.push_back({Op::kInsert, prefix + mid_a.size(), prefix + i});
    }
  }
  for (std::size_t i = 0; i < suffix; ++i) {
    steps.push_back({Op::kEqual, a.size() - suffix + i, b.size() - suffix + i});
  }
  return steps;
}

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n')
    out += "\n\\ No newline at end of file\n";
}

std::string range_text(std::size_t start, std::size_t count) {
  // A hunk that is empty on one side names the line before it (0 for the file start).
  const std::size_t first = count == 0 ? start : start + 1;
  return std::to_string(first) + "," + std::to_string(count);
}

/// Appends the hunk made of steps[first, last).
void append_hunk(std::string& out, const std::vector<Step>& steps, std::size_t first,
                 std::size_t last, const Lines& a, const Lines& b) {
  std::size_t old_count = 0;
  std::size_t new_count = 0;
  for (std::size_t i = first; i < last; ++i) {
    old_count += steps[i].op != Op::kInsert ? 1 : 0;
    new_count += steps[i].op != Op::kDelete ? 1 : 0;
  }
  out += "@@ -" + range_text(steps[first].old_index, old_count) + " +" +
         range_text(steps[first].new_index, new_count) + " @@\n";
  for (std::size_t i = first; i < last; ++i) {
    const Step& s = steps[i];
    if (s.op == Op::kEqual)
      append_line(out, ' ', a[s.old_index]);
    if (s.op == Op::kDelete)
      append_line(out, '-', a[s.old_index]);
    if (s.op == Op::kInsert)
      append_line(out, '+', b[s.new_index]);
  }
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_name,
                         std::string_view new_name, int context) {
  if (before == after)
    return {};
  const Lines a = split_lines(before);
  const Lines b = split_lines(after);
  const std::vector<Step> steps = edit_script(a, b);
  const std::size_t ctx = static_cast<std::size_t>(std::max(context, 0));
  std::string out = "--- " + std::string(old_name) + "\n+++ " + std::string(new_name) + "\n";
  std::size_t i = 0;
  while (i < steps.size()) {
    while (i < steps.size() && steps[i].op == Op::kEqual) ++i;
    if (i == steps.size())
      break;
    const std::size_t first = i >= ctx ? i - ctx : 0;
    std::size_t end = i;  // one past the last change of this hunk
    while (true) {
      while (end < steps.size() && steps[end].op != Op::kEqual) ++end;
      std::size_t next = end;
      while (next < steps.size() && steps[next].op == Op::kEqual) ++next;
      if (next == steps.size() || next - end > 2 * ctx)
        break;
      end = next;
    }
    const std::size_t last = std::min(steps.size(), end + ctx);
    append_hunk(out, steps, first, last, a, b);
    i = last;
  }
  return out;
}

std::vector<LineChange> line_changes(std::string_view before, std::string_view after) {
  std::vector<LineChange> changes;
  if (before == after)
    return changes;
  const Lines a = split_lines(before);
  const Lines b = split_lines(after);
  const std::vector<Step> steps = edit_script(a, b);
  std::size_t old_line = 0, new_line = 0;
  for (std::size_t i = 0; i < steps.size();) {
    if (steps[i].op == Op::kEqual) {
      ++old_line, ++new_line, ++i;
      continue;
    }
    LineChange change{old_line, 0, new_line, 0};
    for (; i < steps.size() && steps[i].op != Op::kEqual; ++i) {
      if (steps[i].op == Op::kDelete) {
        ++change.old_count, ++old_line;
      } else {
        ++change.new_count, ++new_line;
      }
    }
    changes.push_back(change);
  }
  return changes;
}

}  // namespace awesome::server
