// A line-based unified diff (Myers' O(ND) algorithm) for `check --diff`: `---`/`+++` headers,
// `@@` hunks with context, "\ No newline at end of file" markers; output that `patch` applies.
// Lines keep their terminators, so CRLF files diff and patch byte-exactly.
#pragma once

#include <string>
#include <string_view>

namespace awesome::server {

/// The unified diff turning `before` into `after`, or "" when they are equal. `context` lines
/// of context surround each change; hunks whose contexts touch are merged. When the texts
/// differ in more than a few thousand lines the middle is shown as one replacement (still a
/// correct diff, just not a minimal one).
std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_name,
                         std::string_view new_name, int context = 3);

}  // namespace awesome::server
