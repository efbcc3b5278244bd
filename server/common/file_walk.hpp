// The bounded walk that finds paper lists in folders, shared by `check DIR` and the language
// server's workspace index: hidden folders, node_modules and build folders skipped; file count,
// file size and walk length capped.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace awesome::server {

/// `file:///a/b%20c.md` for /a/b c.md (percent-encodes all but unreserved characters and '/').
std::string path_to_file_uri(const std::filesystem::path& path);

struct WalkLimits {
  std::size_t max_files = 1000;         ///< Markdown files kept per walk
  std::uintmax_t max_bytes = 8u << 20;  ///< larger files are skipped
  std::size_t max_visited = 50000;      ///< directory entries looked at per walk
  int max_depth = 12;                   ///< folder nesting below a root
};

/// The rules of every walk that looks for lists (the workspace index, `check DIR`): folders
/// that hold dependencies, tool state or build output rather than the user's lists (hidden
/// ones, node_modules, vendor, target, dist, __pycache__, build*) are not entered.
bool skipped_folder(const std::string& name);
/// `.md`, `.MD` or `.markdown`.
bool is_markdown(const std::filesystem::path& path);

/// Appends the Markdown files under `root` to `files` (paths lexically normal, `root` joined
/// with the path below it), in directory order. `visited` counts directory entries across
/// calls; returns false when the walk stopped at `limits` (max_files, max_visited; folders
/// deeper than max_depth are not entered). Never throws on file system errors.
bool walk_markdown_files(const std::filesystem::path& root, const WalkLimits& limits,
                         std::size_t& visited, std::vector<std::filesystem::path>& files);

}  // namespace awesome::server
