// arXiv metadata for a command-line run: the cache, and with `online` the API for what the
// cache lacks or holds too long. Runs the client's io_context to completion (the CLI has
// nothing else to do meanwhile); the LSP server drives ArxivClient on its own loop instead.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rules/arxiv.hpp"
#include "rules/config.hpp"
#include "server/arxiv/http_client.hpp"
#include "server/arxiv/metadata_cache.hpp"

namespace awesome::server::arxiv {

class MetadataSource {
 public:
  /// `cache_file` empty: the default place (default_cache_dir() / "arxiv.json").
  explicit MetadataSource(std::filesystem::path cache_file = {});

  /// What is known of `ids`: from the cache, and when `online` from arXiv for the ids the cache
  /// lacks or has held longer than `settings.max_age_days`. Problems (an unreadable cache, a
  /// failed request) are appended to `warnings` (the cache) or `errors` (the network); what
  /// could be learnt is returned either way. Fetched answers are saved to the cache.
  rules::ArxivLookup get(const std::vector<std::string>& ids, bool online,
                         const rules::ArxivSettings& settings, std::vector<std::string>& warnings,
                         std::vector<std::string>& errors);

  /// Client options for tests (spacing, timeout, CA file); the URL comes from get()'s settings.
  ClientOptions client_options;

 private:
  std::filesystem::path file_;
  std::optional<MetadataCache> cache_;  ///< loaded on first use
};

}  // namespace awesome::server::arxiv
