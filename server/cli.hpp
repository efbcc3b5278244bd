// The headless command line of `awesome-ls`: `check` (lint, fix, diff in several report
// formats) and `rules` (the catalog). main.cpp dispatches to these; the LSP server (`serve`)
// lives elsewhere. Commands write to stdout/stderr and return the process exit code.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/conventions.hpp"
#include "server/output_formats.hpp"

namespace awesome::server {

/// Exit codes of `awesome-ls check`.
inline constexpr int kExitClean = 0;    ///< no error-level findings
inline constexpr int kExitErrors = 1;   ///< at least one error-level finding
inline constexpr int kExitTrouble = 2;  ///< usage, config or I/O problem

/// kConventions: `awesome-ls conventions`, which prints what was learnt instead of findings.
enum class CheckMode : std::uint8_t { kReport, kFix, kDiff, kConventions };

struct CheckOptions {
  CheckMode mode = CheckMode::kReport;
  OutputFormat format = OutputFormat::kText;
  bool format_given = false;
  std::optional<std::string> config;          ///< --config FILE
  std::optional<std::string> stdin_filename;  ///< --stdin-filename NAME
  std::vector<std::string> files;             ///< "-" is stdin
  bool help = false;
};

struct ParsedCheckArgs {
  CheckOptions options;
  std::string error;  ///< empty when the arguments are valid
};

/// Parses the arguments after `check`. Never throws; a usage problem is returned as `error`.
ParsedCheckArgs parse_check_args(std::span<const std::string_view> args);

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

/// The usage text of `awesome-ls check` and of the whole program.
std::string_view check_usage();
std::string_view program_usage();

}  // namespace awesome::server
