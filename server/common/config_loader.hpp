// Reading `.awesome-ls.json` (or the same object from LSP settings) into rules::Config, with
// validation of every key and value. Shared by `awesome-ls check` and `awesome-ls serve`.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/config.hpp"

namespace awesome::server {

struct ConfigResult {
  rules::Config config;
  std::string error;  ///< empty on success; otherwise says which key is wrong and why
  bool ok() const { return error.empty(); }
};

/// Applies the settings object `json` on top of `base` (so LSP settings can override a file).
/// Unknown keys, unknown rule ids and values out of range are errors.
ConfigResult apply_config_json(const nlohmann::json& json, rules::Config base = {});

/// Reads and applies a config file; the error names the file.
/// The text of the config file at `path` as load_config_file reads it: a regular file (a FIFO
/// or a device would block), at most kMaxConfigBytes + 1 bytes; nullopt, with `error` set, when
/// it cannot be read.
std::optional<std::string> read_config_file(const std::filesystem::path& path, std::string& error);
ConfigResult load_config_file(const std::filesystem::path& path, rules::Config base = {});

/// The same for the text of a config file named `name` (for the error messages), e.g. one an
/// editor holds.
ConfigResult load_config_text(std::string_view name, std::string_view text,
                              rules::Config base = {});

/// Where the config search went (search_config_file()).
struct ConfigSearch {
  std::optional<std::filesystem::path> path;  ///< the config to use, if any
  std::vector<std::string> skipped;           ///< configs passed over, each with the reason
};

/// The nearest `.awesome-ls.json` in `start` or its parents, up to the root of the repository
/// (the folder holding `.git`), the way git and markdownlint-cli2 scope their configs. A config
/// owned by another user than the one running (or root) is passed over, as git treats unsafe
/// folders: another user who can write to a shared parent such as /tmp must not turn checks off.
ConfigSearch search_config_file(const std::filesystem::path& start);

}  // namespace awesome::server
