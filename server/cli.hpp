// The headless command line of `awesome-ls`: `check` (lint, fix, diff in several report
// formats) and `rules` (the catalog). main.cpp dispatches to these; the LSP server (`serve`)
// lives elsewhere. Commands write to stdout/stderr and return the process exit code.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/output_formats.hpp"

namespace awesome::server {

/// Exit codes of `awesome-ls check`.
inline constexpr int kExitClean = 0;    ///< no error-level findings
inline constexpr int kExitErrors = 1;   ///< at least one error-level finding
inline constexpr int kExitTrouble = 2;  ///< usage, config or I/O problem

enum class CheckMode : std::uint8_t { kReport, kFix, kDiff };

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
/// `awesome-ls rules [--format text|json]`.
int run_rules_command(std::span<const std::string_view> args);

/// The usage text of `awesome-ls check` and of the whole program.
std::string_view check_usage();
std::string_view program_usage();

}  // namespace awesome::server
