// Argument parsing of `awesome-ls check` and `conventions` (declared in cli.hpp). One table
// names every option: its spellings, whether it takes a value, which commands list it, its
// help text and how it sets CheckOptions; parsing and the --help texts both come from it.
#include <algorithm>
#include <array>

#include "server/cli/cli.hpp"

namespace awesome::server {
namespace {

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

bool set_mode(CheckMode mode, CheckOptions& options, std::string& error) {
  if (options.mode != CheckMode::kReport && options.mode != mode) {
    error = "--fix and --diff cannot be combined";
    return false;
  }
  options.mode = mode;
  return true;
}

bool set_arxiv(ArxivMode mode, CheckOptions& options, std::string& error) {
  if (options.arxiv != ArxivMode::kNone && options.arxiv != mode) {
    error = "--online and --offline cannot be combined";
    return false;
  }
  options.arxiv = mode;
  return true;
}

bool set_format(std::string_view value, CheckOptions& options, std::string& error) {
  const auto format = parse_output_format(value);
  if (!format) {
    error = "unknown format \"" + std::string(value) + "\" (use text, json, sarif or github)";
    return false;
  }
  options.format = *format;
  options.format_given = true;
  return true;
}

bool set_min_severity(std::string_view value, CheckOptions& options, std::string& error) {
  rules::Severity severity{};
  if (!rules::parse_severity(value, severity) || severity == rules::Severity::kOff) {
    error = "unknown severity \"" + std::string(value) +
            "\" for --min-severity (use error, warning or info)";
    return false;
  }
  options.min_severity = severity;
  return true;
}

bool set_max_warnings(std::string_view value, CheckOptions& options, std::string& error) {
  const auto count = parse_count(value);
  if (!count) {
    error =
        "--max-warnings needs a number from 0 to 1000000000, got \"" + std::string(value) + "\"";
    return false;
  }
  options.max_warnings = *count;
  return true;
}

/// Sets the field of one option from its value (empty for a flag); false with `error` set on
/// a bad value.
using ApplyOption = bool (*)(std::string_view value, CheckOptions& options, std::string& error);

struct OptionSpec {
  std::array<std::string_view, 2> names{};  ///< the short spelling first; the second may be empty
  std::string_view value_name{};        ///< empty: a flag, else `--name VALUE` or `--name=VALUE`
  bool conventions = false;             ///< listed by `conventions --help` too
  std::string_view help{};              ///< for `check --help`; '\n' continues the text
  std::string_view conventions_help{};  ///< where `conventions --help` says less; empty: help
  ApplyOption apply = nullptr;
};

/// Every option, in the order of the --help texts.
constexpr std::array kOptions = {
    OptionSpec{.names = {"--fix"},
               .help = "apply the safe fixes in place, then report what is left",
               .apply = [](std::string_view, CheckOptions& o,
                           std::string& e) { return set_mode(CheckMode::kFix, o, e); }},
    OptionSpec{.names = {"--diff"},
               .help = "print the changes --fix would make as a unified diff; write nothing",
               .apply = [](std::string_view, CheckOptions& o,
                           std::string& e) { return set_mode(CheckMode::kDiff, o, e); }},
    OptionSpec{.names = {"--format"},
               .value_name = "FORMAT",
               .conventions = true,
               .help = "text (default), json, sarif or github (workflow commands; at most\n"
                       "10 annotations per level, the rest summed up in one notice)",
               .conventions_help = "text (default) or json",
               .apply = set_format},
    OptionSpec{.names = {"--config"},
               .value_name = "FILE",
               .conventions = true,
               .help = "use this config instead of the nearest .awesome-ls.json",
               .apply =
                   [](std::string_view v, CheckOptions& o, std::string&) {
                     o.config = std::string(v);
                     return true;
                   }},
    OptionSpec{.names = {"--no-config"},
               .conventions = true,
               .help = "use no config file at all (every .awesome-ls.json is ignored)",
               .conventions_help = "use no config file at all",
               .apply =
                   [](std::string_view, CheckOptions& o, std::string&) {
                     o.no_config = true;
                     return true;
                   }},
    OptionSpec{.names = {"--stdin-filename"},
               .value_name = "NAME",
               .conventions = true,
               .help = "name standard input (-) in reports and for config lookup",
               .apply =
                   [](std::string_view v, CheckOptions& o, std::string&) {
                     o.stdin_filename = std::string(v);
                     return true;
                   }},
    OptionSpec{.names = {"--min-severity"},
               .value_name = "LEVEL",
               .help = "show and count only findings of LEVEL (error, warning, info) or above",
               .apply = set_min_severity},
    OptionSpec{.names = {"-q", "--quiet"},
               .help = "show and count only errors (= --min-severity error)",
               .apply =
                   [](std::string_view, CheckOptions& o, std::string&) {
                     o.min_severity = rules::Severity::kError;
                     return true;
                   }},
    OptionSpec{.names = {"--max-warnings"},
               .value_name = "N",
               .help = "exit 1 also when more than N warnings are shown",
               .apply = set_max_warnings},
    OptionSpec{.names = {"--baseline"},
               .value_name = "FILE",
               .help = "show and count only findings that FILE (written by\n"
                       "--write-baseline) does not hold; matched by file, rule, entry and\n"
                       "message, not by line",
               .apply =
                   [](std::string_view v, CheckOptions& o, std::string&) {
                     o.baseline = std::string(v);
                     return true;
                   }},
    OptionSpec{.names = {"--write-baseline"},
               .value_name = "FILE",
               .help = "write the findings shown into FILE as a baseline (then none is left)",
               .apply =
                   [](std::string_view v, CheckOptions& o, std::string&) {
                     o.write_baseline = std::string(v);
                     return true;
                   }},
    OptionSpec{.names = {"--online"},
               .help = "also compare entries with arXiv: ask the arXiv API for the ids the\n"
                       "cache lacks or holds too long (arxiv-id, arxiv-title, arxiv-authors)",
               .apply = [](std::string_view, CheckOptions& o,
                           std::string& e) { return set_arxiv(ArxivMode::kOnline, o, e); }},
    OptionSpec{.names = {"--offline"},
               .help = "also compare entries with arXiv, from the cache only (no network)",
               .apply = [](std::string_view, CheckOptions& o,
                           std::string& e) { return set_arxiv(ArxivMode::kOffline, o, e); }},
    OptionSpec{.names = {"-h", "--help"},
               .conventions = true,
               .help = "show this help",
               .apply =
                   [](std::string_view, CheckOptions& o, std::string&) {
                     o.help = true;
                     return true;
                   }},
};

/// The option that `arg` spells, with its value when given as `--name=VALUE`.
const OptionSpec* find_option(std::string_view arg, std::optional<std::string_view>& inline_value) {
  for (const OptionSpec& option : kOptions) {
    for (const std::string_view name : option.names) {
      if (name.empty())
        continue;
      if (arg == name)
        return &option;
      if (!option.value_name.empty() && arg.size() > name.size() && arg.starts_with(name) &&
          arg[name.size()] == '=') {
        inline_value = arg.substr(name.size() + 1);
        return &option;
      }
    }
  }
  return nullptr;
}

/// Applies the option at args[i], taking its value from args[i + 1] when not given inline;
/// false with `error` set on a usage problem.
bool parse_option(std::span<const std::string_view> args, std::size_t& i, CheckOptions& options,
                  std::string& error) {
  std::optional<std::string_view> value;
  const OptionSpec* option = find_option(args[i], value);
  if (option == nullptr) {
    error = "unknown option " + std::string(args[i]);
    return false;
  }
  if (!option->value_name.empty() && !value) {
    if (i + 1 >= args.size()) {
      error = std::string(args[i]) + " needs a value";
      return false;
    }
    value = args[++i];
  }
  return option->apply(value.value_or(std::string_view()), options, error);
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

/// The option lines of a --help text: the spellings from column 3, the help text from column
/// 27, its further lines indented as far.
std::string option_lines(bool conventions) {
  constexpr std::size_t kHelpColumn = 26;
  std::string out;
  for (const OptionSpec& option : kOptions) {
    if (conventions && !option.conventions)
      continue;
    std::string line = "  " + std::string(option.names[0]);
    if (!option.names[1].empty())
      line += ", " + std::string(option.names[1]);
    if (!option.value_name.empty())
      line += " " + std::string(option.value_name);
    std::string_view help = option.help;
    if (conventions && !option.conventions_help.empty())
      help = option.conventions_help;
    for (;;) {
      line.resize(kHelpColumn, ' ');
      const std::size_t end = std::min(help.find('\n'), help.size());
      out += line + std::string(help.substr(0, end)) + "\n";
      if (end == help.size())
        break;
      help.remove_prefix(end + 1);
      line.clear();
    }
  }
  return out;
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

std::string_view check_usage() {
  static const std::string usage =
      R"(Usage: awesome-ls check [OPTIONS] [FILE | DIR | GLOB]... | -

Checks awesome paper lists and reports findings as `file:line:col: severity: message [rule]`
(1-based lines, 1-based byte columns). Without FILE: README.md in the current folder. A DIR
stands for the *.md and *.markdown files under it (hidden folders, node_modules, vendor,
build* and the like skipped); a quoted GLOB ('lists/**/*.md': * ? **) for the Markdown files
it matches. Files matching the config's `ignore` patterns are skipped, even when named.

)" + option_lines(false) +
      R"(
With --online the arXiv ids of the lists (only those) go to the arXiv API, one request per
100 ids, 3 s apart; the answers are kept in $XDG_CACHE_HOME/awesome-ls/arxiv.json (else
~/.cache/awesome-ls/) for arxiv.maxAgeDays (30). The API is https://export.arxiv.org/api/query,
the config's arxiv.url, or AWESOME_LS_ARXIV_URL (which wins); HTTPS_PROXY is honoured.

Exit status: 0 no error-level findings shown (and at most N warnings with --max-warnings),
1 error-level findings (or more than N warnings), 2 usage, config or I/O problem (a failed
arXiv request included).
See docs/cli.md for the formats, the baseline file and the config file.
)";
  return usage;
}

std::string_view conventions_usage() {
  static const std::string usage =
      R"(Usage: awesome-ls conventions [--format text|json] [--config FILE | --no-config]
                              [FILE | DIR | GLOB]... | -

Prints, for each list, the conventions it is checked against: pinned in the config, learnt from
its entries (with the counts) or the template's default. Files are found as `check` finds them
(no FILE: README.md in the current folder).

)" + option_lines(true) +
      R"(
Exit status: 0 printed, 2 usage, config or I/O problem.
)";
  return usage;
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
  add [--category NAME] ARXIV-ID FILE
                            add a paper to a list from its arXiv metadata, in the list's
                            conventions, at its place; see `awesome-ls add --help`
  serve                     run the language server on stdin/stdout
  rules [--format json]     list every rule with its default severity and fix
Every command answers --help.
  --version                 print the version
  --help                    show this help
)";
}

}  // namespace awesome::server
