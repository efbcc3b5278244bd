// Argument parsing of `awesome-ls check` (declared in cli.hpp).
#include <algorithm>

#include "server/cli.hpp"

namespace awesome::server {
namespace {

/// Reads one option that takes a value, as `--name VALUE` or `--name=VALUE`.
bool take_value(std::span<const std::string_view> args, std::size_t& i, std::string_view name,
                std::string& value, std::string& error) {
  const std::string_view arg = args[i];
  if (arg.size() > name.size() && arg.starts_with(name) && arg[name.size()] == '=') {
    value = std::string(arg.substr(name.size() + 1));
    return true;
  }
  if (i + 1 >= args.size()) {
    error = std::string(name) + " needs a value";
    return false;
  }
  value = std::string(args[++i]);
  return true;
}

bool is_option(std::string_view arg, std::string_view name) {
  return arg == name ||
         (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=');
}

/// Applies one option at args[i]; false with `error` set on a usage problem.
bool parse_option(std::span<const std::string_view> args, std::size_t& i, CheckOptions& options,
                  std::string& error) {
  const std::string_view arg = args[i];
  std::string value;
  if (arg == "--fix" || arg == "--diff") {
    const CheckMode mode = arg == "--fix" ? CheckMode::kFix : CheckMode::kDiff;
    if (options.mode != CheckMode::kReport && options.mode != mode) {
      error = "--fix and --diff cannot be combined";
      return false;
    }
    options.mode = mode;
  } else if (arg == "-h" || arg == "--help") {
    options.help = true;
  } else if (is_option(arg, "--format")) {
    if (!take_value(args, i, "--format", value, error))
      return false;
    const auto format = parse_output_format(value);
    if (!format) {
      error = "unknown format \"" + value + "\" (use text, json, sarif or github)";
      return false;
    }
    options.format = *format;
    options.format_given = true;
  } else if (is_option(arg, "--config")) {
    if (!take_value(args, i, "--config", value, error))
      return false;
    options.config = value;
  } else if (is_option(arg, "--stdin-filename")) {
    if (!take_value(args, i, "--stdin-filename", value, error))
      return false;
    options.stdin_filename = value;
  } else {
    error = "unknown option " + std::string(arg);
    return false;
  }
  return true;
}

std::string check_combinations(const CheckOptions& options) {
  if (options.help)
    return {};
  if (options.files.empty())
    return "no input files (use - to read standard input)";
  const auto stdin_count = std::count(options.files.begin(), options.files.end(), "-");
  if (stdin_count > 1)
    return "- (standard input) can be given only once";
  if (stdin_count == 1 && options.mode == CheckMode::kFix) {
    return "--fix cannot rewrite standard input; use --diff";
  }
  if (options.stdin_filename && stdin_count == 0)
    return "--stdin-filename needs - among the files";
  if (options.mode == CheckMode::kDiff && options.format_given &&
      options.format != OutputFormat::kText) {
    return "--diff prints a unified diff; it cannot be combined with --format";
  }
  return {};
}

}  // namespace

ParsedCheckArgs parse_check_args(std::span<const std::string_view> args) {
  ParsedCheckArgs parsed;
  bool only_files = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (only_files || arg == "-" || !arg.starts_with("-")) {
      parsed.options.files.emplace_back(arg);
    } else if (arg == "--") {
      only_files = true;
    } else if (!parse_option(args, i, parsed.options, parsed.error)) {
      return parsed;
    }
  }
  parsed.error = check_combinations(parsed.options);
  return parsed;
}

}  // namespace awesome::server

namespace awesome::server {

std::string_view check_usage() {
  return R"(Usage: awesome-ls check [--fix | --diff] [--format text|json|sarif|github]
                        [--config FILE] [--stdin-filename NAME] FILE... | -

Checks awesome paper lists and reports findings as `file:line:col: severity: message [rule]`
(1-based lines, 1-based byte columns).

  --fix                   apply the safe fixes in place, then report what is left
  --diff                  print the changes --fix would make as a unified diff; write nothing
  --format FORMAT         text (default), json, sarif or github (workflow commands)
  --config FILE           use this config instead of the nearest .awesome-ls.json
  --stdin-filename NAME   name standard input (-) in reports and for config lookup
  -h, --help              show this help

Exit status: 0 no error-level findings, 1 error-level findings, 2 usage, config or I/O problem.
See docs/cli.md for the formats and the config file.
)";
}

std::string_view program_usage() {
  return R"(Usage: awesome-ls COMMAND [ARGS]

Linter and language server for curated Markdown paper lists ("awesome" lists).

Commands:
  check [OPTIONS] FILE...   check (and with --fix, fix) lists; see `awesome-ls check --help`
  conventions [--format json] [--config FILE] FILE...
                            show the conventions each list follows (learnt from its entries
                            or pinned in the config) and the counts they were learnt from
  serve                     run the language server on stdin/stdout
  rules [--format json]     list every rule with its default severity and fix
  --version                 print the version
  --help                    show this help
)";
}

}  // namespace awesome::server
