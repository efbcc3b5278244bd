// The configuration of an LSP session in layers: `.awesome-ls.json` of the workspace root, then
// `initializationOptions`, then the client's settings (didChangeConfiguration or a pull of
// workspace/configuration). A bad layer is reported and the previous configuration stays.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/config.hpp"

namespace awesome::server {

/// The local path of a `file://` URI, percent-decoded; nullopt for other schemes or bad escapes.
std::optional<std::filesystem::path> file_uri_to_path(std::string_view uri);

/// The awesome-ls part of a settings object: `settings.awesomeLs` when present, otherwise the
/// object itself; null (or anything not an object) means "no settings" and yields {}.
nlohmann::json settings_section(const nlohmann::json& settings);

class SessionConfig {
 public:
  /// Reads `.awesome-ls.json` from `root` or its parents. Returns an error message (the layer
  /// is then left out) or "" on success or when there is no file.
  std::string load_workspace_file(const std::filesystem::path& root);
  /// Replaces the file layer with `text`, the new content of the config file `path` (written
  /// by the server's own edit, which the editor may not have saved yet). On error nothing
  /// changes and the message is returned.
  std::string set_workspace_file_text(const std::filesystem::path& path, std::string_view text);
  /// Sets the initializationOptions layer; on error the layer is left out.
  std::string set_init_options(const nlohmann::json& options);
  /// Sets the settings layer; on error the previous settings stay in force.
  std::string set_settings(const nlohmann::json& settings);

  const rules::Config& effective() const { return effective_; }
  const std::optional<std::filesystem::path>& file() const { return file_path_; }
  /// Configs the search passed over (owned by another user), each with the reason.
  const std::vector<std::string>& skipped_files() const { return skipped_; }

 private:
  /// Recomputes the effective config from the layers; "" or the error (nothing changes then).
  std::string compose(const nlohmann::json& init, const nlohmann::json& settings);

  rules::Config file_config_;
  std::optional<std::filesystem::path> file_path_;
  std::vector<std::string> skipped_;
  nlohmann::json init_ = nlohmann::json::object();
  nlohmann::json settings_ = nlohmann::json::object();
  rules::Config effective_;
};

}  // namespace awesome::server
