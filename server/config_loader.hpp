// Reading `.awesome-ls.json` (or the same object from LSP settings) into rules::Config, with
// validation of every key and value. Shared by `awesome-ls check` and `awesome-ls serve`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

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
ConfigResult load_config_file(const std::filesystem::path& path, rules::Config base = {});

/// The nearest `.awesome-ls.json` in `start` or its parents, if any.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

}  // namespace awesome::server
