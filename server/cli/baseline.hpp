// The baseline of `awesome-ls check --baseline FILE` / `--write-baseline FILE`: findings that
// are known and accepted, so that a check reports only new ones. A finding is matched by its
// file, rule, the entry it belongs to and its message, never by its line, so edits elsewhere
// in the list do not break the match; each baseline item absorbs as many findings as its
// count. The file format is documented in docs/cli.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "rules/model.hpp"

namespace awesome::server {

/// What identifies a finding across edits of its list.
struct BaselineKey {
  std::string file;  ///< '/'-separated, relative to the baseline file's folder when inside it
  std::string rule;
  std::string context;  ///< finding_context()
  std::string message;
  auto operator<=>(const BaselineKey&) const = default;
};

/// The entry (or else the section) a finding on `line` (0-based) belongs to:
/// "paper:arxiv:<id>" or "paper:url:<normalized URL>" for an entry with a paper link,
/// "title:<title key>" for an entry without one, "section:<heading anchor>" for a line of a
/// section outside any entry, "" for a line before the first heading.
std::string finding_context(const rules::Model& model, std::uint32_t line);

/// `file` as a baseline names it: relative to `base` (the baseline file's folder) with '/'
/// separators when inside it, else the absolute path.
std::string baseline_file_name(const std::filesystem::path& file,
                               const std::filesystem::path& base);

class Baseline {
 public:
  /// Reads a baseline file; nullopt with `error` set when it cannot be read or is not a
  /// version 1 baseline.
  static std::optional<Baseline> load(const std::filesystem::path& path, std::string& error);
  void add(const BaselineKey& key) { ++counts_[key]; }
  /// Takes one finding with `key` out of the baseline; false when none is left to absorb it.
  bool absorb(const BaselineKey& key);
  /// The JSON text of the file: items sorted by file, rule, context, message; 2-space indent.
  std::string to_text() const;
  std::size_t size() const;

 private:
  std::map<BaselineKey, std::size_t> counts_;
};

}  // namespace awesome::server
