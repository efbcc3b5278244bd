// Options that change what the checks report. Plain data: reading `.awesome-ls.json` lives in
// server/ (rules/ knows nothing of JSON); validation of values happens there too.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/diagnostic.hpp"

namespace awesome::rules {

enum class Dialect : std::uint8_t { k2021, k2026 };
enum class SortDirection : std::uint8_t { kDescending, kAscending };

struct VenueSpec {
  std::string name;                  ///< canonical spelling, e.g. "NeurIPS"
  std::string full_name;             ///< e.g. "Conference on Neural Information Processing Systems"
  std::vector<std::string> aliases;  ///< other spellings that mean the same venue, e.g. "NIPS"
  bool operator==(const VenueSpec&) const = default;
};

/// Conventions the configuration fixes instead of learning them from the list.
struct ConventionPins {
  std::optional<std::string> paper_label;
  std::optional<bool> links_below;
  std::optional<std::string> keyword_label;
  std::optional<char> keyword_separator;
  std::optional<bool> digest;
  std::optional<bool> sorted;
  std::optional<bool> year_by_venue;
  std::optional<bool> cross_listed;
  std::optional<bool> venue_emphasis;
  std::optional<std::vector<std::string>> sub_labels;
  std::optional<std::vector<std::string>> link_labels;  ///< lowercase
  bool operator==(const ConventionPins&) const = default;
};

/// `arxiv` in the config: the arXiv client of the server and `check --online` (server/arxiv/).
/// Plain data here; the rules only read the metadata it fetches.
struct ArxivSettings {
  bool enabled = false;   ///< the server asks arXiv (the CLI asks only with --online)
  std::string url;        ///< the API's base URL; empty: the real one
  int max_age_days = 30;  ///< cached metadata older than this is fetched again
  bool operator==(const ArxivSettings&) const = default;
};

struct Config {
  std::map<std::string, Severity, std::less<>> severity;  ///< rule id -> severity override
  int keyword_min = 1;
  int keyword_max = 6;
  SortDirection order = SortDirection::kDescending;
  std::optional<Dialect> dialect;   ///< forced dialect; detected when empty
  std::vector<VenueSpec> venues;    ///< added to the built-in catalog
  std::vector<std::string> ignore;  ///< glob patterns of files the CLI skips
  /// Require `</details>` at the end of a 2026-dialect digest line. Off by default: the real
  /// lists leave almost every digest open and GitHub closes it at the end of the list item.
  bool digest_require_close = false;
  /// `rules.whitespace.strict`: report the two trailing spaces of a Markdown hard line break
  /// too. Off by default, as markdownlint's MD009 (`br_spaces: 2`) allows them.
  bool whitespace_strict = false;
  ConventionPins conventions;
  /// `docsUrl`: the URL of rules.md that links to a rule's documentation start from (the
  /// rule's anchor is appended); empty: the installed copy, if any. Only reports use it.
  std::string docs_url;
  ArxivSettings arxiv;
  bool operator==(const Config&) const = default;
};

/// The effective severity of `rule` under `config`.
Severity effective_severity(const Config& config, std::string_view rule);

}  // namespace awesome::rules
