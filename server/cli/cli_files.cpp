// The FILE arguments of `check` and `conventions`: folders and globs expanded to Markdown
// files (declared in cli.hpp).
#include <algorithm>
#include <filesystem>
#include <set>

#include "server/cli/cli.hpp"
#include "server/common/file_walk.hpp"
#include "server/common/glob_match.hpp"

namespace awesome::server {
namespace fs = std::filesystem;
namespace {

/// The bounds of one folder or glob walk. Far above any real repository of lists (the
/// workspace index keeps 1000 files); a walk that reaches one is reported, never cut silently.
constexpr WalkLimits kWalkLimits{100000, 0, 1000000, 32};

bool has_glob(std::string_view arg) {
  return arg.find_first_of("*?") != std::string_view::npos;
}

/// A glob split at its first segment with `*` or `?`: the folder to walk and the pattern
/// for the paths below it.
struct SplitGlob {
  std::string base;  ///< "" for the current folder
  std::string rest;
};

SplitGlob split_glob(std::string_view pattern) {
  std::size_t literal_end = 0;  // the end of the last '/'-terminated literal segment
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '*' || pattern[i] == '?')
      break;
    if (pattern[i] == '/')
      literal_end = i + 1;
  }
  // "lists/" -> "lists" (a trailing '/' would make the paths below it look outside it).
  const std::size_t base_end = literal_end > 1 ? literal_end - 1 : literal_end;
  return {std::string(pattern.substr(0, base_end)), std::string(pattern.substr(literal_end))};
}

class Expander {
 public:
  void add(const std::string& arg) {
    std::error_code ec;
    if (arg == "-") {
      stdin_ = true;
    } else if (fs::is_directory(arg, ec)) {
      walk(arg, arg, "");
    } else if (has_glob(arg) && !fs::exists(fs::symlink_status(arg, ec))) {
      const SplitGlob glob = split_glob(arg);
      std::error_code base_ec;
      if (!glob.base.empty() && !fs::is_directory(glob.base, base_ec)) {
        out_.errors.push_back(arg + ": no Markdown file matches (no folder " + glob.base + ")");
        return;
      }
      walk(arg, glob.base.empty() ? "." : glob.base, glob.rest);
    } else {
      keep(arg);
    }
  }

  ExpandedFiles finish() {
    std::sort(named_.begin(), named_.end());
    for (auto& [name, key] : named_) {
      if (seen_.insert(key).second)
        out_.files.push_back(name);
    }
    if (stdin_)
      out_.files.emplace_back("-");
    return std::move(out_);
  }

 private:
  void keep(const std::string& name) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(fs::absolute(name, ec), ec);
    if (ec)
      key = fs::absolute(name, ec).lexically_normal();
    named_.emplace_back(name, key.string());
  }

  /// The Markdown files under `root` whose path below it matches `pattern` (all when empty).
  void walk(const std::string& arg, const fs::path& root, const std::string& pattern) {
    std::vector<fs::path> files;
    std::size_t visited = 0;
    const bool complete = walk_markdown_files(root, kWalkLimits, visited, files);
    if (!complete) {
      out_.errors.push_back(arg + ": stopped after " + std::to_string(visited) +
                            " folder entries or " + std::to_string(files.size()) +
                            " files (the limits of a walk: 1000000 entries, 100000 files)");
    }
    std::size_t matched = 0;
    for (const fs::path& file : files) {
      if (!pattern.empty()) {
        const auto below = relative_slash_path(file, root.lexically_normal());
        if (!below || !glob_match(pattern, *below))
          continue;
      }
      ++matched;
      keep(file.generic_string());
    }
    if (matched == 0 && complete)
      out_.errors.push_back(arg + ": no Markdown file matches");
  }

  ExpandedFiles out_;
  std::vector<std::pair<std::string, std::string>> named_;  ///< name, canonical path
  std::set<std::string> seen_;
  bool stdin_ = false;
};

}  // namespace

ExpandedFiles expand_file_arguments(const std::vector<std::string>& args) {
  Expander expander;
  for (const auto& arg : args) expander.add(arg);
  return expander.finish();
}

}  // namespace awesome::server
