// Test helper: applies a unified diff (as `check --diff` prints it) to a text, strictly, so
// tests can verify diffs without `patch` and check that `--diff` equals `--fix`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace awesome::test {

/// The patched text, or nullopt when a hunk does not match `original` exactly.
std::optional<std::string> apply_unified_diff(std::string_view original, std::string_view diff);

}  // namespace awesome::test
