#include "server/lsp/session_config.hpp"

#include <cctype>

#include "server/common/config_loader.hpp"

namespace awesome::server {
namespace {

using nlohmann::json;

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::filesystem::path> file_uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  std::string scheme(uri.substr(0, kScheme.size()));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != kScheme)
    return std::nullopt;
  uri.remove_prefix(kScheme.size());
  if (auto slash = uri.find('/'); slash != 0) {
    // "file://host/path": only an empty host or localhost denotes this machine.
    if (uri.substr(0, slash) != "localhost")
      return std::nullopt;
    uri.remove_prefix(slash);
  }
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] != '%') {
      path.push_back(uri[i]);
      continue;
    }
    if (i + 2 >= uri.size() || hex_value(uri[i + 1]) < 0 || hex_value(uri[i + 2]) < 0) {
      return std::nullopt;
    }
    path.push_back(static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2])));
    i += 2;
  }
  if (path.empty())
    return std::nullopt;
  return std::filesystem::path(path);
}

json settings_section(const json& settings) {
  if (!settings.is_object())
    return json::object();
  auto it = settings.find("awesomeLs");
  if (it != settings.end())
    return it->is_object() ? *it : json::object();
  return settings;
}

std::string SessionConfig::load_workspace_file(const std::filesystem::path& root) {
  file_config_ = {};
  ConfigSearch search = search_config_file(root);
  file_path_ = std::move(search.path);
  skipped_ = std::move(search.skipped);
  std::string error;
  if (file_path_) {
    ConfigResult loaded = load_config_file(*file_path_);
    if (loaded.ok()) {
      file_config_ = std::move(loaded.config);
    } else {
      error = loaded.error;
    }
  }
  std::string composed = compose(init_, settings_);
  return error.empty() ? composed : error;
}

std::string SessionConfig::set_workspace_file_text(const std::filesystem::path& path,
                                                   std::string_view text) {
  ConfigResult loaded = load_config_text(path.string(), text);
  if (!loaded.ok())
    return loaded.error;
  rules::Config previous_file = std::move(file_config_);
  file_config_ = std::move(loaded.config);
  if (std::string error = compose(init_, settings_); !error.empty()) {
    file_config_ = std::move(previous_file);
    return error;
  }
  file_path_ = path;
  return "";
}

std::string SessionConfig::set_init_options(const json& options) {
  json init = settings_section(options);
  std::string error = compose(init, settings_);
  init_ = error.empty() ? init : json::object();
  if (!error.empty())
    compose(init_, settings_);
  return error;
}

std::string SessionConfig::set_settings(const json& settings) {
  json section = settings_section(settings);
  std::string error = compose(init_, section);
  if (error.empty())
    settings_ = std::move(section);
  return error;
}

std::string SessionConfig::compose(const json& init, const json& settings) {
  ConfigResult with_init =
      init.empty() ? ConfigResult{file_config_, ""} : apply_config_json(init, file_config_);
  if (!with_init.ok())
    return with_init.error;
  ConfigResult with_settings = settings.empty()
                                   ? std::move(with_init)
                                   : apply_config_json(settings, std::move(with_init.config));
  if (!with_settings.ok())
    return with_settings.error;
  effective_ = std::move(with_settings.config);
  return "";
}

}  // namespace awesome::server
