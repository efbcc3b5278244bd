#include "server/diagnostics_convert.hpp"

#include "protocol/lsp_types.hpp"
#include "server/document_store.hpp"

namespace awesome::server {
namespace {

using nlohmann::json;

lsp::DiagnosticSeverity to_lsp_severity(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::kError:
      return lsp::DiagnosticSeverity::kError;
    case rules::Severity::kWarning:
      return lsp::DiagnosticSeverity::kWarning;
    case rules::Severity::kInfo:
    case rules::Severity::kOff:
      break;
  }
  return lsp::DiagnosticSeverity::kInformation;
}

/// The fixes as `{title, safe, preferred, edits: [{range, newText}]}` with LSP ranges.
json fixes_json(const rules::Diagnostic& diagnostic, const rules::ListDocument& list,
                protocol::PositionEncoding encoding) {
  json fixes = json::array();
  for (const auto& fix : diagnostic.fixes) {
    json edits = json::array();
    for (const auto& edit : fix.edits) {
      edits.push_back(
          {{"range", to_lsp_range(list, edit.range, encoding)}, {"newText", edit.new_text}});
    }
    fixes.push_back({{"title", fix.title},
                     {"safe", fix.safe},
                     {"preferred", fix.preferred},
                     {"edits", std::move(edits)}});
  }
  return fixes;
}

}  // namespace

json to_lsp_diagnostic(const rules::Diagnostic& diagnostic, const rules::ListDocument& list,
                       std::string_view uri, const ConvertOptions& options) {
  if (diagnostic.severity == rules::Severity::kOff) return nullptr;
  lsp::Diagnostic out;
  out.range = to_lsp_range(list, diagnostic.range, options.encoding);
  out.severity = to_lsp_severity(diagnostic.severity);
  out.code = std::string(diagnostic.rule);
  out.codeDescriptionHref = std::string(kRulesDocUrl) + out.code;
  out.source = std::string(kDiagnosticSource);
  out.message = diagnostic.message;
  if (diagnostic.tag == rules::Tag::kUnnecessary) out.tags.push_back(lsp::DiagnosticTag::kUnnecessary);
  if (diagnostic.tag == rules::Tag::kDeprecated) out.tags.push_back(lsp::DiagnosticTag::kDeprecated);
  if (options.related_information) {
    for (const auto& related : diagnostic.related) {
      out.relatedInformation.push_back(
          {{std::string(uri), to_lsp_range(list, related.range, options.encoding)},
           related.message});
    }
  }
  if (options.include_fixes && !diagnostic.fixes.empty()) {
    out.data = {{"fixes", fixes_json(diagnostic, list, options.encoding)}};
  }
  return out;
}

json to_lsp_diagnostics(std::span<const rules::Diagnostic> diagnostics,
                        const rules::ListDocument& list, std::string_view uri,
                        const ConvertOptions& options) {
  json out = json::array();
  for (const auto& diagnostic : diagnostics) {
    json one = to_lsp_diagnostic(diagnostic, list, uri, options);
    if (!one.is_null()) out.push_back(std::move(one));
  }
  return out;
}

}  // namespace awesome::server
