// The arXiv metadata cache on disk: one JSON file (`arxiv.json` in $XDG_CACHE_HOME/awesome-ls/,
// else ~/.cache/awesome-ls/) holding what arXiv said of each id and when. Written atomically, so
// a kill mid-write leaves the old file or the new one; a file that does not parse is ignored
// with a warning. Not thread-safe: one owner at a time.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "rules/arxiv.hpp"

namespace awesome::server::arxiv {

using Clock = std::chrono::system_clock;

/// The folder of the cache: $XDG_CACHE_HOME/awesome-ls when that is an absolute path, else
/// $HOME/.cache/awesome-ls; empty when neither is known.
std::filesystem::path default_cache_dir();

class MetadataCache {
 public:
  /// A cache kept in `file` (created with its folder on the first save).
  explicit MetadataCache(std::filesystem::path file) : file_(std::move(file)) {}

  /// Reads the file. A missing or empty file is an empty cache; a file that is not a cache
  /// (truncated, corrupt, another format) is ignored: empty cache, and the returned warning
  /// says why. Returns "" otherwise.
  std::string load();
  /// Writes the cache atomically; returns "" or the reason it could not.
  std::string save() const;

  /// Records what arXiv said at `when`: a paper, or that it has no paper of this id.
  void put(const rules::ArxivMetadata& paper, Clock::time_point when);
  void put_missing(const std::string& id, Clock::time_point when);

  /// The ids among `ids` with no record, or one older than `max_age` at `now`: what to fetch.
  std::vector<std::string> stale(const std::vector<std::string>& ids, Clock::time_point now,
                                 std::chrono::seconds max_age) const;
  /// What the cache knows of `ids`, however old.
  rules::ArxivLookup lookup(const std::vector<std::string>& ids) const;
  std::size_t size() const { return records_.size(); }
  const std::filesystem::path& file() const { return file_; }

 private:
  struct Record {
    bool missing = false;
    rules::ArxivMetadata paper;
    std::int64_t fetched = 0;  ///< seconds since the epoch
  };
  std::filesystem::path file_;
  std::map<std::string, Record, std::less<>> records_;
};

}  // namespace awesome::server::arxiv
