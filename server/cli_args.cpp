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

/// A decimal count from 0 to 10^9 (digits only).
std::optional<std::size_t> parse_count(std::string_view text) {
  if (text.empty() || text.size() > 10)
    return std::nullopt;
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (value > 1000000000)
    return std::nullopt;
  return value;
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
  } else if (arg == "--no-config") {
    options.no_config = true;
  } else if (arg == "--quiet" || arg == "-q") {
    options.min_severity = rules::Severity::kError;
  } else if (is_option(arg, "--min-severity")) {
    if (!take_value(args, i, "--min-severity", value, error))
      return false;
    rules::Severity severity{};
    if (!rules::parse_severity(value, severity) || severity == rules::Severity::kOff) {
      error = "unknown severity \"" + value + "\" for --min-severity (use error, warning or info)";
      return false;
    }
    options.min_severity = severity;
  } else if (is_option(arg, "--max-warnings")) {
    if (!take_value(args, i, "--max-warnings", value, error))
      return false;
    const auto count = parse_count(value);
    if (!count) {
      error = "--max-warnings needs a number from 0 to 1000000000, got \"" + value + "\"";
      return false;
    }
    options.max_warnings = *count;
  } else if (is_option(arg, "--baseline")) {
    if (!take_value(args, i, "--baseline", value, error))
      return false;
    options.baseline = value;
  } else if (is_option(arg, "--write-baseline")) {
    if (!take_value(args, i, "--write-baseline", value, error))
      return false;
    options.write_baseline = value;
  } else {
    error = "unknown option " + std::string(arg);
    return false;
  }
  return true;
}

std::string check_combinations(const CheckOptions& options) {
  if (options.help)
    return {};
  if (options.config && options.no_config)
    return "--config and --no-config cannot be combined";
  if (options.baseline && options.write_baseline)
    return "--baseline and --write-baseline cannot be combined";
  if (options.max_warnings && options.min_severity == rules::Severity::kError) {
    return "--max-warnings counts warnings, which --quiet or --min-severity error hide";
  }
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
  return R"(Usage: awesome-ls check [OPTIONS] [FILE | DIR | GLOB]... | -

Checks awesome paper lists and reports findings as `file:line:col: severity: message [rule]`
(1-based lines, 1-based byte columns). Without FILE: README.md in the current folder. A DIR
stands for the *.md and *.markdown files under it (hidden folders, node_modules, vendor,
build* and the like skipped); a quoted GLOB ('lists/**/*.md': * ? **) for the Markdown files
it matches. Files matching the config's `ignore` patterns are skipped, even when named.

  --fix                   apply the safe fixes in place, then report what is left
  --diff                  print the changes --fix would make as a unified diff; write nothing
  --format FORMAT         text (default), json, sarif or github (workflow commands; at most
                          10 annotations per level, the rest summed up in one notice)
  --config FILE           use this config instead of the nearest .awesome-ls.json
  --no-config             use no config file at all (every .awesome-ls.json is ignored)
  --stdin-filename NAME   name standard input (-) in reports and for config lookup
  --min-severity LEVEL    show and count only findings of LEVEL (error, warning, info) or above
  -q, --quiet             show and count only errors (= --min-severity error)
  --max-warnings N        exit 1 also when more than N warnings are shown
  --baseline FILE         show and count only findings that FILE (written by
                          --write-baseline) does not hold; matched by file, rule, entry and
                          message, not by line
  --write-baseline FILE   write the findings shown into FILE as a baseline (then none is left)
  -h, --help              show this help

Exit status: 0 no error-level findings shown (and at most N warnings with --max-warnings),
1 error-level findings (or more than N warnings), 2 usage, config or I/O problem.
See docs/cli.md for the formats, the baseline file and the config file.
)";
}

std::string_view conventions_usage() {
  return R"(Usage: awesome-ls conventions [--format text|json] [--config FILE | --no-config]
                              [FILE | DIR | GLOB]... | -

Prints, for each list, the conventions it is checked against: pinned in the config, learnt from
its entries (with the counts) or the template's default. Files are found as `check` finds them
(no FILE: README.md in the current folder).

  --format FORMAT         text (default) or json
  --config FILE           use this config instead of the nearest .awesome-ls.json
  --no-config             use no config file at all
  --stdin-filename NAME   name standard input (-) in reports and for config lookup
  -h, --help              show this help

Exit status: 0 printed, 2 usage, config or I/O problem.
)";
}

std::string_view rules_usage() {
  return R"(Usage: awesome-ls rules [--format text|json]

Lists every rule with its id, default severity, fix kind (safe: applied by check --fix;
editor: quick fix in the editor only) and a one-line summary.

  --format FORMAT   text (default) or json
  -h, --help        show this help
)";
}

std::string_view serve_usage() {
  return R"(Usage: awesome-ls serve

Runs the language server: LSP messages on standard input and output, logs on standard error.
Editors start it; see docs/editors.md. Other arguments (such as --stdio) are ignored.

  -h, --help   show this help instead of starting the server
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
Every command answers --help.
  --version                 print the version
  --help                    show this help
)";
}

}  // namespace awesome::server
