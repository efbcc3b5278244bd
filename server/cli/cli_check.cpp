// `awesome-ls check`: config lookup, ignore globs, fixing, diffing and reporting (cli.hpp).
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "rules/arxiv.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "server/arxiv/metadata_source.hpp"
#include "server/cli/baseline.hpp"
#include "server/cli/cli.hpp"
#include "server/cli/text_layout.hpp"
#include "server/common/atomic_write.hpp"
#include "server/common/config_loader.hpp"
#include "server/common/docs_link.hpp"
#include "server/common/glob_match.hpp"
#include "server/common/unified_diff.hpp"

namespace awesome::server {
namespace fs = std::filesystem;
namespace {

/// Lists larger than this are refused rather than read into memory (the largest real list is
/// about 1 MB).
constexpr std::size_t kMaxInputBytes = std::size_t{64} * 1024 * 1024;

/// Reads all of `in`, but never more than the limit: a character device (`/dev/zero`) or an
/// endless pipe is an error, not a list checked on a truncated read.
std::optional<std::string> read_bounded(std::istream& in, std::string& error,
                                        std::size_t expected = 0) {
  std::string text;
  text.reserve(std::min(expected, kMaxInputBytes) + 1);
  std::array<char, std::size_t{64} * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      error = "larger than 64 MiB, the limit of a list; not checked";
      return std::nullopt;
    }
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return text;
}

/// Reads a whole file or standard input; nullopt with `error` set on failure.
std::optional<std::string> read_input(const std::string& file, std::string& error) {
  if (file == "-")
    return read_bounded(std::cin, error);
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  const auto size = fs::file_size(file, ec);  // a hint: a device or a growing file may differ
  return read_bounded(in, error, ec ? 0 : static_cast<std::size_t>(size));
}

/// The findings of one text, and with `contexts` the entry each belongs to (for baselines).
struct Linted {
  std::vector<rules::Diagnostic> found;
  std::vector<std::string> contexts;  ///< finding_context() of each finding, or empty
};

/// Keeps `document` instead of freeing it now: freeing the blocks of a large list one by one
/// takes a tenth of a `check` run, and the process exits soon after, which frees them at once
/// (clang does the same with its syntax trees). Only the last one is kept: the one before it is
/// freed when the next comes. It stays reachable, so leak checkers do not count it.
void keep_until_exit(std::unique_ptr<rules::ListDocument> document) {
  static auto* const kept = new std::unique_ptr<rules::ListDocument>();
  *kept = std::move(document);
}

/// With `arxiv`, the arxiv-* findings of that metadata are among them.
Linted lint(std::string_view text, const rules::Config& config, bool contexts,
            const rules::ArxivLookup* arxiv = nullptr) {
  auto kept = std::make_unique<rules::ListDocument>(text, config);
  rules::ListDocument& document = *kept;
  Linted out{document.diagnostics(), {}};
  if (arxiv) {
    for (auto& d : rules::check_arxiv(document, *arxiv)) out.found.push_back(std::move(d));
    std::stable_sort(out.found.begin(), out.found.end(),
                     [](const auto& x, const auto& y) { return x.range.start < y.range.start; });
  }
  std::erase_if(out.found,
                [](const rules::Diagnostic& d) { return d.severity == rules::Severity::kOff; });
  if (contexts) {
    const rules::Model& model = document.model();
    for (const auto& d : out.found)
      out.contexts.push_back(finding_context(model, d.range.start.line));
  }
  keep_until_exit(std::move(kept));
  return out;
}

/// Whether some entry links to a web page. Documentation whose bullets merely quote entries
/// (in code spans, with placeholder URLs) is not a list, and `--fix` must not rewrite it.
bool looks_like_paper_list(std::string_view text, const rules::Config& config) {
  rules::ListDocument document(text, config);
  return document.is_paper_list();
}

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

bool use_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

/// One run of `check` over all its files.
class CheckRun {
 public:
  explicit CheckRun(const CheckOptions& options) : options_(options) {}

  int run() {
    if (options_.config && !load_forced_config())
      return kExitTrouble;
    if (options_.baseline && !load_baseline())
      return kExitTrouble;
    std::vector<std::string> arguments = options_.files;
    if (arguments.empty()) {
      // As awesome-lint does: the list of a repository is its README.
      std::error_code ec;
      if (!fs::is_regular_file("README.md", ec)) {
        std::fprintf(stderr,
                     "awesome-ls: no FILE given and no README.md in the current folder (%s)\n",
                     fs::current_path(ec).string().c_str());
        return kExitTrouble;
      }
      arguments.emplace_back("README.md");
    }
    const ExpandedFiles expanded = expand_file_arguments(arguments);
    for (const auto& error : expanded.errors) {
      std::fprintf(stderr, "awesome-ls: %s\n", error.c_str());
      trouble_ = true;
    }
    for (const auto& file : expanded.files) check_file(file);
    if (options_.mode == CheckMode::kConventions) {
      const std::string out = render_conventions(options_.format, conventions_);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return trouble_ ? kExitTrouble : kExitClean;
    }
    if (options_.write_baseline)
      write_baseline();
    finish_reports();
    if (options_.mode == CheckMode::kDiff) {
      std::fwrite(diffs_.data(), 1, diffs_.size(), stdout);
    } else {
      const std::string report =
          render_report(options_.format, reports_, use_color(), rules_doc_url(docs_url_));
      std::fwrite(report.data(), 1, report.size(), stdout);
    }
    std::fflush(stdout);
    if (options_.mode == CheckMode::kDiff || options_.format == OutputFormat::kText) {
      print_summary();
    }
    const std::size_t warnings = count(rules::Severity::kWarning);
    const bool too_many_warnings = options_.max_warnings && warnings > *options_.max_warnings;
    if (too_many_warnings) {
      std::fprintf(stderr, "awesome-ls: too many warnings (%zu; --max-warnings allows %zu)\n",
                   warnings, *options_.max_warnings);
    }
    if (trouble_)
      return kExitTrouble;
    return count(rules::Severity::kError) > 0 || too_many_warnings ? kExitErrors : kExitClean;
  }

 private:
  struct ResolvedConfig {
    rules::Config config;
    std::optional<fs::path> dir;  ///< the config file's directory, for ignore globs
    std::string error;
  };

  /// A file checked but not reported on: its text and findings, the latter not yet filtered
  /// by the baseline.
  struct Pending {
    std::string name;
    fs::path path;  ///< absolute; for standard input, that of --stdin-filename
    std::string text;
    Linted linted;
  };

  void complain(const std::string& name, const std::string& what) {
    std::fprintf(stderr, "awesome-ls: %s: %s\n", name.c_str(), what.c_str());
    trouble_ = true;
  }

  /// complain() about a file that is therefore not checked.
  void skip(const std::string& name, const std::string& what) {
    complain(name, what);
    ++not_checked_;
  }

  bool load_baseline() {
    std::string error;
    auto loaded = Baseline::load(*options_.baseline, error);
    if (!loaded) {
      std::fprintf(stderr, "awesome-ls: %s\n", error.c_str());
      return false;
    }
    baseline_ = std::move(*loaded);
    baseline_dir_ = fs::absolute(*options_.baseline).parent_path();
    return true;
  }

  bool uses_baseline() const { return options_.baseline || options_.write_baseline; }

  BaselineKey baseline_key(const Pending& pending, std::size_t i) const {
    const rules::Diagnostic& d = pending.linted.found[i];
    return {baseline_file_name(pending.path, baseline_dir_), std::string(d.rule),
            pending.linted.contexts[i], d.message};
  }

  /// Findings below --min-severity are dropped at once: neither shown nor counted.
  void add_report(const std::string& name, const fs::path& path, std::string text, Linted linted) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < linted.found.size(); ++i) {
      if (linted.found[i].severity < options_.min_severity) {
        ++hidden_;
        continue;
      }
      if (kept != i) {
        linted.found[kept] = std::move(linted.found[i]);
        if (!linted.contexts.empty())
          linted.contexts[kept] = std::move(linted.contexts[i]);
      }
      ++kept;
    }
    linted.found.resize(kept);
    if (!linted.contexts.empty())
      linted.contexts.resize(kept);
    pending_.push_back({name, path, std::move(text), std::move(linted)});
  }

  /// --write-baseline: every finding shown becomes the baseline, which then applies.
  void write_baseline() {
    const fs::path file = *options_.write_baseline;
    baseline_dir_ = fs::absolute(file).parent_path();
    Baseline written;
    for (const auto& pending : pending_) {
      for (std::size_t i = 0; i < pending.linted.found.size(); ++i)
        written.add(baseline_key(pending, i));
    }
    const std::string text = written.to_text();
    std::error_code ec;
    std::string failure;
    if (fs::exists(file, ec)) {
      failure = write_file_atomically(file, text);
    } else {
      std::ofstream out(file, std::ios::binary);
      out << text;
      out.close();
      if (!out)
        failure = std::strerror(errno);
    }
    if (!failure.empty())
      return complain(file.string(), "cannot write baseline: " + failure);
    std::fprintf(stderr, "awesome-ls: wrote %s to %s\n", plural(written.size(), "finding").c_str(),
                 file.string().c_str());
    baseline_ = std::move(written);
  }

  /// The reports as shown: without the findings the baseline absorbs.
  void finish_reports() {
    for (auto& pending : pending_) {
      std::vector<rules::Diagnostic> shown;
      for (std::size_t i = 0; i < pending.linted.found.size(); ++i) {
        if (baseline_ && baseline_->absorb(baseline_key(pending, i))) {
          ++baselined_;
          continue;
        }
        shown.push_back(std::move(pending.linted.found[i]));
      }
      reports_.emplace_back(std::move(pending.name), std::move(pending.text), std::move(shown));
    }
    pending_.clear();
  }

  bool load_forced_config() {
    ConfigResult loaded = load_config_file(*options_.config);
    if (!loaded.ok()) {
      std::fprintf(stderr, "awesome-ls: %s\n", loaded.error.c_str());
      return false;
    }
    forced_ =
        ResolvedConfig{std::move(loaded.config), fs::absolute(*options_.config).parent_path(), {}};
    return true;
  }

  const ResolvedConfig& config_for(const fs::path& directory) {
    if (forced_)
      return *forced_;
    if (options_.no_config)
      return configs_[fs::path()];
    const ConfigSearch search = search_config_file(directory);
    for (const auto& skipped : search.skipped) {
      if (skipped_notes_.insert(skipped).second)
        std::fprintf(stderr, "awesome-ls: note: ignoring %s\n", skipped.c_str());
    }
    const std::optional<fs::path>& found = search.path;
    const fs::path key = found.value_or(fs::path());
    auto it = configs_.find(key);
    if (it != configs_.end())
      return it->second;
    ResolvedConfig resolved;
    if (found) {
      ConfigResult loaded = load_config_file(*found);
      resolved = {std::move(loaded.config), found->parent_path(), std::move(loaded.error)};
    }
    return configs_.emplace(key, std::move(resolved)).first->second;
  }

  bool ignored(const ResolvedConfig& resolved, const fs::path& path) const {
    if (!resolved.dir || resolved.config.ignore.empty())
      return false;
    const auto relative = relative_slash_path(path, *resolved.dir);
    return relative && first_matching_glob(resolved.config.ignore, *relative) != nullptr;
  }

  void check_file(const std::string& file) {
    const bool from_stdin = file == "-";
    const std::string name = from_stdin ? options_.stdin_filename.value_or("<stdin>") : file;
    std::error_code ec;
    const fs::path path = fs::absolute(
        from_stdin ? fs::path(options_.stdin_filename.value_or("<stdin>")) : fs::path(file), ec);
    const ResolvedConfig& resolved = config_for(path.parent_path());
    if (!resolved.error.empty())
      return skip(name, "config: " + resolved.error);
    if (docs_url_.empty())
      docs_url_ = resolved.config.docs_url;  // one run, one catalog: the first docsUrl wins
    if (ignored(resolved, path)) {
      ++ignored_;
      return;
    }
    std::string error;
    // What --fix read, so that it never overwrites what another program writes meanwhile
    // (--fix never reads standard input).
    const bool fixing = options_.mode == CheckMode::kFix;
    const std::optional<FileStamp> before = fixing ? stamp_file(file) : std::nullopt;
    const std::optional<std::string> text = read_input(file, error);
    const std::optional<FileStamp> stamp = fixing ? stamp_file(file) : std::nullopt;
    if (text && fixing && !(before && stamp && *before == *stamp))
      return skip(name, "changed while being read; not fixed");
    if (!text)
      return skip(name, error);
    ++checked_;
    if (options_.mode == CheckMode::kConventions) {
      rules::ListDocument document(strip_bom(*text), resolved.config);
      conventions_.push_back({name, document.model().entries.size(), document.is_paper_list(),
                              document.explain_conventions()});
    } else if (options_.mode == CheckMode::kReport) {
      const std::string_view body = strip_bom(*text);
      const auto arxiv = arxiv_metadata(name, body, resolved.config);
      add_report(name, path, std::string(body),
                 lint(body, resolved.config, uses_baseline(), arxiv ? &*arxiv : nullptr));
    } else {
      fix_file(file, name, path, *text, stamp, resolved.config);
    }
  }

  /// --fix and --diff: computes the fixed text, writes or diffs it, reports what is left.
  void fix_file(const std::string& file, const std::string& name, const fs::path& path,
                const std::string& text, const std::optional<FileStamp>& stamp,
                const rules::Config& config) {
    // --fix never reads standard input, so a file that was read has its stamp.
    const ReadState read{stamp.value_or(FileStamp{}), text};
    const std::string_view bom = has_bom(text) ? kUtf8Bom : std::string_view();
    const std::string_view body = strip_bom(text);
    std::string fixed = restore_layout(body, rules::fix_all(body, config));
    if (fixed != body && !looks_like_paper_list(body, config)) {
      std::fprintf(stderr,
                   "awesome-ls: %s: not a paper list (no entry links to a web page); "
                   "fixes not applied\n",
                   name.c_str());
      fixed = std::string(body);
    }
    if (fixed != body) {
      const std::string new_text = std::string(bom) + fixed;
      if (options_.mode == CheckMode::kDiff) {
        diffs_ += unified_diff(text, new_text, name, name);
        ++fixed_;
      } else if (std::string failure = write_file_atomically(file, new_text, &read);
                 !failure.empty()) {
        complain(name, "cannot write fixes: " + failure);
        fixed = std::string(body);  // the file keeps its old text: report that
      } else {
        ++fixed_;
      }
    }
    const auto arxiv = arxiv_metadata(name, fixed, config);
    Linted linted = lint(fixed, config, uses_baseline(), arxiv ? &*arxiv : nullptr);
    add_report(name, path, std::move(fixed), std::move(linted));
  }

  /// With --online or --offline, what is known of the arXiv ids of `text`; a failed request
  /// is trouble (exit 2), an unreadable cache a warning.
  std::optional<rules::ArxivLookup> arxiv_metadata(const std::string& name, std::string_view text,
                                                   const rules::Config& config) {
    if (options_.arxiv == ArxivMode::kNone)
      return std::nullopt;
    if (!arxiv_source_)
      arxiv_source_.emplace();
    rules::ListDocument document(text, config);
    std::vector<std::string> warnings, errors;
    rules::ArxivLookup lookup =
        arxiv_source_->get(rules::list_arxiv_ids(document), options_.arxiv == ArxivMode::kOnline,
                           config.arxiv, warnings, errors);
    for (const auto& w : warnings) {
      if (arxiv_notes_.insert(w).second)
        std::fprintf(stderr, "awesome-ls: warning: %s\n", w.c_str());
    }
    for (const auto& e : errors) complain(name, "arXiv: " + e);
    return lookup;
  }

  std::size_t count(rules::Severity severity) const {
    std::size_t total = 0;
    for (const auto& report : reports_) {
      for (const auto& d : report.diagnostics()) total += d.severity == severity ? 1 : 0;
    }
    return total;
  }

  void print_summary() const {
    const std::size_t errors = count(rules::Severity::kError);
    const std::size_t warnings = count(rules::Severity::kWarning);
    const std::size_t infos = count(rules::Severity::kInfo);
    std::string line;
    if (checked_ == 0) {
      line = "no file checked";  // never "no problems" about nothing
    } else {
      line = errors + warnings + infos == 0
                 ? "no problems"
                 : plural(errors, "error") + ", " + plural(warnings, "warning") + ", " +
                       plural(infos, "info");
      line += " in " + plural(checked_, "file");
    }
    if (not_checked_ > 0)
      line += ", " + plural(not_checked_, "file") + " not checked";
    if (fixed_ > 0) {
      line += options_.mode == CheckMode::kDiff ? ", " + plural(fixed_, "file") + " to fix"
                                                : ", " + plural(fixed_, "file") + " fixed";
    }
    if (ignored_ > 0)
      line += ", " + std::to_string(ignored_) + " ignored";
    if (hidden_ > 0) {
      line += ", " + std::to_string(hidden_) + " below " +
              std::string(rules::to_string(options_.min_severity)) + " not shown";
    }
    if (baselined_ > 0)
      line += ", " + std::to_string(baselined_) + " in the baseline";
    std::fprintf(stderr, "awesome-ls: %s\n", line.c_str());
  }

  const CheckOptions& options_;
  std::optional<ResolvedConfig> forced_;
  std::map<fs::path, ResolvedConfig> configs_;         ///< by config file; "" for no config
  std::set<std::string> skipped_notes_;                ///< configs passed over, said once each
  std::optional<arxiv::MetadataSource> arxiv_source_;  ///< with --online or --offline
  std::set<std::string> arxiv_notes_;                  ///< cache warnings, said once each
  std::vector<Pending> pending_;
  std::vector<FileReport> reports_;
  std::optional<Baseline> baseline_;
  fs::path baseline_dir_;
  std::string docs_url_;  ///< the first docsUrl of the configs used
  std::vector<ConventionsReport> conventions_;
  std::string diffs_;
  std::size_t checked_ = 0;
  std::size_t fixed_ = 0;
  std::size_t ignored_ = 0;
  std::size_t not_checked_ = 0;
  std::size_t hidden_ = 0;     ///< below --min-severity
  std::size_t baselined_ = 0;  ///< absorbed by the baseline
  bool trouble_ = false;
};

}  // namespace

int run_check_command(std::span<const std::string_view> args) {
  const ParsedCheckArgs parsed = parse_check_args(args);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "awesome-ls check: %s\n%s", parsed.error.c_str(),
                 "Try 'awesome-ls check --help'.\n");
    return kExitTrouble;
  }
  if (parsed.options.help) {
    std::fwrite(check_usage().data(), 1, check_usage().size(), stdout);
    return kExitClean;
  }
  return CheckRun(parsed.options).run();
}

int run_conventions_command(std::span<const std::string_view> args) {
  ParsedCheckArgs parsed = parse_check_args(args);
  if (parsed.error.empty() && parsed.options.mode != CheckMode::kReport)
    parsed.error = "--fix and --diff are options of `check`";
  const CheckOptions& given = parsed.options;
  if (parsed.error.empty() && (given.min_severity != rules::Severity::kInfo || given.max_warnings ||
                               given.baseline || given.write_baseline)) {
    parsed.error = "--min-severity, --quiet, --max-warnings and baselines are options of `check`";
  }
  if (parsed.error.empty() && parsed.options.format != OutputFormat::kText &&
      parsed.options.format != OutputFormat::kJson) {
    parsed.error = "conventions are printed as text or json";
  }
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "awesome-ls conventions: %s\n%s", parsed.error.c_str(),
                 "Try 'awesome-ls conventions --help'.\n");
    return kExitTrouble;
  }
  if (parsed.options.help) {
    std::fwrite(conventions_usage().data(), 1, conventions_usage().size(), stdout);
    return kExitClean;
  }
  parsed.options.mode = CheckMode::kConventions;
  return CheckRun(parsed.options).run();
}

}  // namespace awesome::server
