#include "server/cli/output_formats.hpp"

#include <algorithm>
#include <map>

#include "protocol/position_encoding.hpp"
#include "rules/blocks.hpp"

#ifndef AWESOME_VERSION
#define AWESOME_VERSION "0.0.0-dev"
#endif

namespace awesome::server {
namespace {

using nlohmann::json;

std::string position_text(rules::Position pos) {
  return std::to_string(pos.line + 1) + ":" + std::to_string(pos.column + 1);
}

json position_json(rules::Position pos) {
  return {{"line", pos.line + 1}, {"column", pos.column + 1}};
}

json range_json(const rules::Range& range) {
  return {{"start", position_json(range.start)}, {"end", position_json(range.end)}};
}

struct TextStyle {
  std::string_view bold, severity, dim, reset;
};

TextStyle text_style(bool color, rules::Severity severity) {
  if (!color)
    return {};
  std::string_view paint = "\x1b[1;36m";  // info: bold cyan
  if (severity == rules::Severity::kError)
    paint = "\x1b[1;31m";
  if (severity == rules::Severity::kWarning)
    paint = "\x1b[1;33m";
  return {"\x1b[1m", paint, "\x1b[2m", "\x1b[0m"};
}

void append_text_finding(std::string& out, const FileReport& report, const rules::Diagnostic& d,
                         bool color) {
  const TextStyle style = text_style(color, d.severity);
  out += std::string(style.bold) + report.name() + ":" + position_text(d.range.start) + ":" +
         std::string(style.reset) + " " + std::string(style.severity) +
         std::string(rules::to_string(d.severity)) + ":" + std::string(style.reset) + " " +
         d.message + " " + std::string(style.dim) + "[" + std::string(d.rule) + "]" +
         std::string(style.reset) + "\n";
  for (const auto& related : d.related) {
    out += std::string(style.bold) + report.name() + ":" + position_text(related.range.start) +
           ":" + std::string(style.reset) + " note: " + related.message + "\n";
  }
}

/// GitHub's escaping of workflow command data; properties also escape ':' and ','.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view github_level(rules::Severity severity) {
  if (severity == rules::Severity::kError)
    return "error";
  if (severity == rules::Severity::kWarning)
    return "warning";
  return "notice";
}

json fix_json(const rules::Fix& fix) {
  json edits = json::array();
  for (const auto& edit : fix.edits) {
    edits.push_back({{"range", range_json(edit.range)}, {"newText", edit.new_text}});
  }
  return {{"title", fix.title}, {"safe", fix.safe}, {"edits", std::move(edits)}};
}

}  // namespace

std::string_view tool_version() {
  return AWESOME_VERSION;
}

FileReport::FileReport(std::string name, std::string text,
                       std::vector<rules::Diagnostic> diagnostics)
    : name_(std::move(name)), text_(std::move(text)), diagnostics_(std::move(diagnostics)) {
  // The document's own lines, as the rules number them.
  const std::vector<rules::BlockLine> lines = rules::split_lines(text_, true);
  starts_.reserve(lines.size());
  for (const rules::BlockLine& l : lines) starts_.push_back(l.start);
}

std::string_view FileReport::line(std::uint32_t index) const {
  if (index >= starts_.size())
    return {};
  const std::size_t start = starts_[index];
  std::size_t end = index + 1 < starts_.size() ? starts_[index + 1] : text_.size();
  std::string_view line = std::string_view(text_).substr(start, end - start);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::uint32_t FileReport::utf16_column(rules::Position pos) const {
  return protocol::from_byte_column(line(pos.line), pos.column,
                                    protocol::PositionEncoding::kUtf16) +
         1;
}

std::optional<OutputFormat> parse_output_format(std::string_view word) {
  if (word == "text")
    return OutputFormat::kText;
  if (word == "json")
    return OutputFormat::kJson;
  if (word == "sarif")
    return OutputFormat::kSarif;
  if (word == "github")
    return OutputFormat::kGithub;
  return std::nullopt;
}

std::string format_text(std::span<const FileReport> reports, bool color) {
  std::string out;
  for (const auto& report : reports) {
    for (const auto& d : report.diagnostics()) append_text_finding(out, report, d, color);
  }
  return out;
}

json format_json(std::span<const FileReport> reports) {
  json findings = json::array();
  for (const auto& report : reports) {
    for (const auto& d : report.diagnostics()) {
      json related = json::array();
      for (const auto& r : d.related) {
        related.push_back({{"range", range_json(r.range)}, {"message", r.message}});
      }
      json fixes = json::array();
      for (const auto& fix : d.fixes) fixes.push_back(fix_json(fix));
      findings.push_back({{"file", report.name()},
                          {"rule", std::string(d.rule)},
                          {"severity", std::string(rules::to_string(d.severity))},
                          {"message", d.message},
                          {"range", range_json(d.range)},
                          {"related", std::move(related)},
                          {"fixes", std::move(fixes)}});
    }
  }
  return findings;
}

std::string format_github(std::span<const FileReport> reports, std::size_t per_level) {
  // Annotations by level, most severe first; each level in file and position order.
  std::string out;
  std::string rest;  // the findings not annotated, as text lines
  std::map<std::string, std::size_t> left_by_rule;
  std::size_t left = 0;
  for (const auto severity :
       {rules::Severity::kError, rules::Severity::kWarning, rules::Severity::kInfo}) {
    // One notice is kept for the summary of what was not annotated.
    std::size_t room =
        severity == rules::Severity::kInfo && per_level > 0 ? per_level - 1 : per_level;
    for (const auto& report : reports) {
      const std::string file = github_escape(report.name(), true);
      for (const auto& d : report.diagnostics()) {
        if (d.severity != severity)
          continue;
        if (room == 0) {
          append_text_finding(rest, report, d, false);
          ++left_by_rule[std::string(d.rule)];
          ++left;
          continue;
        }
        --room;
        out += "::" + std::string(github_level(d.severity)) + " file=" + file +
               ",line=" + std::to_string(d.range.start.line + 1) +
               ",col=" + std::to_string(report.utf16_column(d.range.start)) +
               ",endLine=" + std::to_string(d.range.end.line + 1) +
               ",endColumn=" + std::to_string(report.utf16_column(d.range.end)) +
               ",title=" + github_escape(d.rule, true) + "::" + github_escape(d.message, false) +
               "\n";
      }
    }
  }
  if (left == 0)
    return out;
  std::vector<std::pair<std::string, std::size_t>> by_rule(left_by_rule.begin(),
                                                           left_by_rule.end());
  std::stable_sort(by_rule.begin(), by_rule.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string summary = std::to_string(left) + (left == 1 ? " finding" : " findings") +
                        " not annotated (GitHub shows " + std::to_string(per_level) +
                        " per level); they follow in the log:";
  for (std::size_t i = 0; i < by_rule.size(); ++i) {
    summary += (i == 0 ? " " : ", ") + by_rule[i].first + " " + std::to_string(by_rule[i].second);
  }
  out += "::notice title=" + github_escape(kToolName, true) + "::" + github_escape(summary, false) +
         "\n";
  return out + rest;
}

std::string render_report(OutputFormat format, std::span<const FileReport> reports, bool color,
                          std::string_view rules_doc) {
  switch (format) {
    case OutputFormat::kText:
      return format_text(reports, color);
    case OutputFormat::kGithub:
      return format_github(reports);
    case OutputFormat::kJson:
      return format_json(reports).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
             "\n";
    case OutputFormat::kSarif:
      return format_sarif(reports, rules_doc)
                 .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
             "\n";
  }
  return {};
}

}  // namespace awesome::server
