// A line-based unified diff (Myers' O(ND) algorithm) for `check --diff`: `---`/`+++` headers,
// `@@` hunks with context, "\ No newline at end of file" markers; output that `patch` applies.
// Lines keep their terminators, so CRLF files diff and patch byte-exactly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace awesome::server {

/// The unified diff turning `before` into `after`, or "" when they are equal. `context` lines
/// of context surround each change; hunks whose contexts touch are merged. When the texts
/// differ in more than a few thousand lines the middle is shown as one replacement (still a
/// correct diff, just not a minimal one).
std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_name,
                         std::string_view new_name, int context = 3);

/// One run of changed lines: lines [old_first, old_first + old_count) of `before` become lines
/// [new_first, new_first + new_count) of `after` (lines keep their terminators).
struct LineChange {
  std::size_t old_first = 0, old_count = 0;
  std::size_t new_first = 0, new_count = 0;
};

/// The runs of changed lines turning `before` into `after`, in order, by the same edit script
/// as unified_diff: for an editor, the few lines a fix changes rather than the whole document.
std::vector<LineChange> line_changes(std::string_view before, std::string_view after);

}  // namespace awesome::server
