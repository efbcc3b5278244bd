// Matching file paths against the `ignore` globs of `.awesome-ls.json`: `*`, `**` and `?` over
// '/'-separated relative paths. No character classes or negation; see docs/cli.md.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace awesome::server {

/// True when `path` ('/'-separated, relative) or one of its parent directories matches
/// `pattern`. `*` and `?` match within one path segment, `**` across segments, and `**/`
/// also matches no directory at all. Runs in O(|pattern| * |path|).
bool glob_match(std::string_view pattern, std::string_view path);

/// `file` relative to `base` with '/' separators, or nullopt when `file` is not inside `base`.
std::optional<std::string> relative_slash_path(const std::filesystem::path& file,
                                               const std::filesystem::path& base);

/// The first pattern that matches, or nullptr.
const std::string* first_matching_glob(std::span<const std::string> patterns,
                                       std::string_view path);

}  // namespace awesome::server
