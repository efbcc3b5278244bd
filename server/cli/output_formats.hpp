// The report formats of `awesome-ls check`: compiler-style text, a stable JSON array, SARIF
// 2.1.0 and GitHub Actions workflow commands. Pure functions from findings to text; reading
// files, exit codes and the summary line live in cli_check.cpp. Formats are documented in
// docs/cli.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.hpp"

namespace awesome::server {

/// The name and version that reports carry.
inline constexpr std::string_view kToolName = "awesome-ls";
std::string_view tool_version();

/// The findings of one checked file, with the text they refer to (for column conversion).
class FileReport {
 public:
  FileReport(std::string name, std::string text, std::vector<rules::Diagnostic> diagnostics);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  const std::vector<rules::Diagnostic>& diagnostics() const { return diagnostics_; }
  /// Line `index` (0-based) without its terminator ("\n", "\r\n" or "\r"); empty past the end.
  std::string_view line(std::uint32_t index) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
  /// 1-based column in UTF-16 code units of the 0-based byte position `pos`.
  std::uint32_t utf16_column(rules::Position pos) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<rules::Diagnostic> diagnostics_;
  std::vector<std::size_t> starts_;  ///< byte offset of every line's start
};

enum class OutputFormat : std::uint8_t { kText, kJson, kSarif, kGithub };

/// "text", "json", "sarif", "github"; nullopt for anything else.
std::optional<OutputFormat> parse_output_format(std::string_view word);

/// `file:line:col: severity: message [rule-id]` per finding (1-based byte columns), related
/// places as `file:line:col: note: message` lines. ANSI colours when `color`.
std::string format_text(std::span<const FileReport> reports, bool color);

/// The JSON array of findings documented in docs/cli.md (1-based lines, byte columns).
nlohmann::json format_json(std::span<const FileReport> reports);

/// A SARIF 2.1.0 log with one run: the full rule catalog and every finding with its fixes.
/// With `rules_doc` (the URL of rules.md, docs_link.hpp), each rule's helpUri is its anchor
/// there and the driver's informationUri is rules_doc; without, neither is written.
nlohmann::json format_sarif(std::span<const FileReport> reports, std::string_view rules_doc = {});

/// GitHub shows at most 10 annotations of each level (error, warning, notice) per step.
inline constexpr std::size_t kGithubAnnotationsPerLevel = 10;

/// `::error file=...::message` workflow commands: the first `per_level` errors, then as many
/// warnings, then `per_level - 1` infos as `::notice`; when findings are left, one more
/// `::notice` sums them up by rule, and each follows as a plain text line (format_text()) so
/// that the log still holds every finding.
std::string format_github(std::span<const FileReport> reports,
                          std::size_t per_level = kGithubAnnotationsPerLevel);

/// The whole report in `format`, ending in a newline when not empty; `rules_doc` as for
/// format_sarif().
std::string render_report(OutputFormat format, std::span<const FileReport> reports, bool color,
                          std::string_view rules_doc = {});

}  // namespace awesome::server
