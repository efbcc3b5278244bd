// The headless command line of `awesome-ls`: `check` (lint, fix, diff in several report
// formats, with arXiv metadata on request), `add` (a paper from its arXiv id) and `rules` (the
// catalog). main.cpp dispatches to these; the LSP server (`serve`)
// lives elsewhere. Commands write to stdout/stderr and return the process exit code.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/conventions.hpp"
#include "server/cli/output_formats.hpp"

namespace awesome::server {

/// Exit codes of `awesome-ls check`.
inline constexpr int kExitClean = 0;    ///< no error-level findings
inline constexpr int kExitErrors = 1;   ///< at least one error-level finding
inline constexpr int kExitTrouble = 2;  ///< usage, config or I/O problem

/// kConventions: `awesome-ls conventions`, which prints what was learnt instead of findings.
enum class CheckMode : std::uint8_t { kReport, kFix, kDiff, kConventions };

/// Whether `check` compares entries with arXiv's metadata (the arxiv-* rules): not at all, with
/// the cache and what the API answers for the ids it lacks (--online), or the cache alone.
enum class ArxivMode : std::uint8_t { kNone, kOnline, kOffline };

struct CheckOptions {
  CheckMode mode = CheckMode::kReport;
  OutputFormat format = OutputFormat::kText;
  bool format_given = false;
  std::optional<std::string> config;          ///< --config FILE
  bool no_config = false;                     ///< --no-config
  std::optional<std::string> stdin_filename;  ///< --stdin-filename NAME
  /// Files, folders and globs as given; "-" is stdin; empty: README.md.
  std::vector<std::string> files;
  /// Findings below this are neither shown nor counted (--min-severity, --quiet).
  rules::Severity min_severity = rules::Severity::kInfo;
  std::optional<std::size_t> max_warnings;    ///< --max-warnings N
  std::optional<std::string> baseline;        ///< --baseline FILE
  std::optional<std::string> write_baseline;  ///< --write-baseline FILE
  ArxivMode arxiv = ArxivMode::kNone;         ///< --online, --offline
  bool help = false;
};

struct ParsedCheckArgs {
  CheckOptions options;
  std::string error;  ///< empty when the arguments are valid
};

/// Parses the arguments after `check`. Never throws; a usage problem is returned as `error`.
ParsedCheckArgs parse_check_args(std::span<const std::string_view> args);

/// The files that the FILE arguments name, sorted by name and without duplicates (the same
/// file named twice), standard input ("-") last: a folder stands for the Markdown files under
/// it (walked as the workspace index walks: hidden folders, node_modules, vendor, build* and
/// the like skipped), an argument with `*` or `?` that names no file is a glob matched with
/// glob_match(), any other argument is kept as given. A folder or glob that matches no
/// Markdown file is an error in `errors`, as is a walk that stops at a limit.
struct ExpandedFiles {
  std::vector<std::string> files;
  std::vector<std::string> errors;
};
ExpandedFiles expand_file_arguments(const std::vector<std::string>& args);

/// `awesome-ls check ARGS...`; returns kExitClean, kExitErrors or kExitTrouble.
int run_check_command(std::span<const std::string_view> args);
/// `awesome-ls conventions [--format text|json] [--config FILE] FILE...`: the conventions each
/// list follows, learnt or pinned, with the counts they were learnt from.
int run_conventions_command(std::span<const std::string_view> args);
/// What `conventions` prints for one file.
struct ConventionsReport {
  std::string name;
  std::size_t entries = 0;
  bool paper_list = false;
  std::vector<rules::ConventionFact> facts;
};
std::string render_conventions(OutputFormat format, const std::vector<ConventionsReport>& reports);
/// `awesome-ls rules [--format text|json]`.
int run_rules_command(std::span<const std::string_view> args);
/// `awesome-ls add [--category NAME] [--offline] ID FILE` (cli_add.cpp): 0 added, 1 refused
/// (already in the list, no such paper, no such category), 2 usage, config, I/O or network.
int run_add_command(std::span<const std::string_view> args);

/// The usage texts of `awesome-ls check`, `conventions`, `rules`, `serve`, `add` and of the
/// whole program.
std::string_view check_usage();
std::string_view conventions_usage();
std::string_view rules_usage();
std::string_view serve_usage();
std::string_view add_usage();
std::string_view program_usage();

}  // namespace awesome::server
