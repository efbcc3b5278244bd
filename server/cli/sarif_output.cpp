// SARIF 2.1.0 rendering of check results (declared in output_formats.hpp).
#include <cstdio>

#include "rules/catalog.hpp"
#include "server/cli/output_formats.hpp"
#include "server/common/docs_link.hpp"

namespace awesome::server {
namespace {

using nlohmann::json;

std::string_view sarif_level(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::kError:
      return "error";
    case rules::Severity::kWarning:
      return "warning";
    case rules::Severity::kInfo:
      return "note";
    case rules::Severity::kOff:
      return "none";
  }
  return "none";
}

std::string_view fix_kind_name(rules::FixKind kind) {
  if (kind == rules::FixKind::kSafe)
    return "safe";
  if (kind == rules::FixKind::kEditor)
    return "editor";
  return "none";
}

/// A relative path stays a relative URI reference; an absolute one becomes a file:// URI.
std::string path_to_uri(std::string_view path) {
  std::string uri = !path.empty() && path.front() == '/' ? "file://" : "";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') ||
        std::string_view("-._~/").find(c) != std::string_view::npos) {
      uri += c;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      uri += escaped;
    }
  }
  return uri;
}

json region(const FileReport& report, const rules::Range& range) {
  return {{"startLine", range.start.line + 1},
          {"startColumn", report.utf16_column(range.start)},
          {"endLine", range.end.line + 1},
          {"endColumn", report.utf16_column(range.end)}};
}

json physical_location(const FileReport& report, const rules::Range& range) {
  return {{"artifactLocation", {{"uri", path_to_uri(report.name())}}},
          {"region", region(report, range)}};
}

json rule_descriptor(const rules::RuleInfo& rule, std::string_view rules_doc) {
  const std::string id(rule.id);
  json descriptor = {
      {"id", id},
      {"shortDescription", {{"text", std::string(rule.summary)}}},
      {"defaultConfiguration",
       {{"level", sarif_level(rule.default_severity)},
        {"enabled", rule.default_severity != rules::Severity::kOff}}},
      {"properties", {{"group", std::string(rule.group)}, {"fix", fix_kind_name(rule.fix)}}}};
  if (!rules_doc.empty())
    descriptor["helpUri"] = rule_doc_link(rules_doc, id);
  return descriptor;
}

json sarif_fix(const FileReport& report, const rules::Fix& fix) {
  json replacements = json::array();
  for (const auto& edit : fix.edits) {
    replacements.push_back({{"deletedRegion", region(report, edit.range)},
                            {"insertedContent", {{"text", edit.new_text}}}});
  }
  return {
      {"description", {{"text", fix.title}}},
      {"artifactChanges", json::array({{{"artifactLocation", {{"uri", path_to_uri(report.name())}}},
                                        {"replacements", std::move(replacements)}}})}};
}

json sarif_result(const FileReport& report, const rules::Diagnostic& d) {
  json result = {
      {"ruleId", std::string(d.rule)},
      {"level", sarif_level(d.severity)},
      {"message", {{"text", d.message}}},
      {"locations", json::array({{{"physicalLocation", physical_location(report, d.range)}}})}};
  const auto catalog = rules::rule_catalog();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    if (catalog[i].id == d.rule)
      result["ruleIndex"] = i;
  }
  if (!d.related.empty()) {
    json related = json::array();
    for (std::size_t i = 0; i < d.related.size(); ++i) {
      related.push_back({{"id", i},
                         {"physicalLocation", physical_location(report, d.related[i].range)},
                         {"message", {{"text", d.related[i].message}}}});
    }
    result["relatedLocations"] = std::move(related);
  }
  if (!d.fixes.empty()) {
    json fixes = json::array();
    for (const auto& fix : d.fixes) fixes.push_back(sarif_fix(report, fix));
    result["fixes"] = std::move(fixes);
  }
  return result;
}

}  // namespace

json format_sarif(std::span<const FileReport> reports, std::string_view rules_doc) {
  json rules_json = json::array();
  for (const auto& rule : rules::rule_catalog()) {
    rules_json.push_back(rule_descriptor(rule, rules_doc));
  }
  json results = json::array();
  for (const auto& report : reports) {
    for (const auto& d : report.diagnostics()) results.push_back(sarif_result(report, d));
  }
  json driver = {{"name", std::string(kToolName)},
                 {"version", std::string(tool_version())},
                 {"semanticVersion", std::string(tool_version())},
                 {"rules", std::move(rules_json)}};
  if (!rules_doc.empty())
    driver["informationUri"] = std::string(rules_doc);
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"columnKind", "utf16CodeUnits"},
              {"results", std::move(results)}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({std::move(run)})}};
}

}  // namespace awesome::server
