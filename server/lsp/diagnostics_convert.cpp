#include "server/lsp/diagnostics_convert.hpp"

#include <algorithm>

#include "protocol/jsonrpc.hpp"
#include "protocol/lsp_types.hpp"
#include "server/common/docs_link.hpp"
#include "server/lsp/position_convert.hpp"

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

}  // namespace

void DiagnosticConverter::convert(rules::ListDocument& list, std::string_view uri,
                                  const ConvertOptions& options, bool& changed) {
  const std::vector<rules::Diagnostic>& diagnostics = list.diagnostics();
  const std::uint64_t generation = list.diagnostics_generation();
  const bool same_options = !first_ && options == options_;
  if (same_options && generation == generation_) {
    changed = false;
    return;
  }
  const std::vector<std::uint32_t>& origins = list.diagnostic_origins();
  const bool reuse =
      same_options && generation == generation_ + 1 && origins.size() == diagnostics.size();
  std::vector<std::string> items(diagnostics.size());
  std::vector<bool> fresh(diagnostics.size(), true);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const std::uint32_t from = reuse ? origins[i] : UINT32_MAX;
    if (from < items_.size()) {
      items[i] = std::move(items_[from]);
      fresh[i] = from != i;
      continue;
    }
    items[i] = protocol::dump_message(to_lsp_diagnostic(diagnostics[i], list, uri, options));
  }
  for (const auto& d : options.extra) {
    items.push_back(protocol::dump_message(to_lsp_diagnostic(d, list, uri, options)));
    fresh.push_back(true);
  }
  // What an editor sees changed when the list did; a finding whose fix edits alone changed
  // converts to the same text.
  changed = first_ || items.size() != items_.size();
  for (std::size_t i = 0; i < items.size() && !changed; ++i) {
    changed = fresh[i] && items[i] != items_[i];
  }
  items_ = std::move(items);
  text_valid_ = false;
  first_ = false;
  generation_ = generation;
  options_ = options;
}

const std::string& DiagnosticConverter::items_text() {
  if (!text_valid_) {
    std::size_t size = 2 + items_.size();
    for (const auto& item : items_) size += item.size();
    text_.clear();
    text_.reserve(size);
    text_ += '[';
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (i > 0)
        text_ += ',';
      text_ += items_[i];
    }
    text_ += ']';
    text_valid_ = true;
  }
  return text_;
}

json DiagnosticConverter::items() const {
  json out = json::array();
  for (const auto& item : items_) out.push_back(json::parse(item));
  return out;
}

json to_lsp_diagnostic(const rules::Diagnostic& diagnostic, const rules::ListDocument& list,
                       std::string_view uri, const ConvertOptions& options) {
  if (diagnostic.severity == rules::Severity::kOff)
    return nullptr;
  lsp::Diagnostic out;
  out.range = to_lsp_range(list, diagnostic.range, options.encoding);
  out.severity = to_lsp_severity(diagnostic.severity);
  out.code = std::string(diagnostic.rule);
  if (!options.rules_doc.empty())
    out.codeDescriptionHref = rule_doc_link(options.rules_doc, out.code);
  out.source = std::string(kDiagnosticSource);
  out.message = diagnostic.message;
  if (diagnostic.tag == rules::Tag::kUnnecessary)
    out.tags.push_back(lsp::DiagnosticTag::kUnnecessary);
  if (diagnostic.tag == rules::Tag::kDeprecated)
    out.tags.push_back(lsp::DiagnosticTag::kDeprecated);
  if (options.related_information) {
    for (const auto& related : diagnostic.related) {
      out.relatedInformation.push_back(
          {{std::string(uri), to_lsp_range(list, related.range, options.encoding)},
           related.message});
    }
  }
  return out;
}

json to_lsp_diagnostics(std::span<const rules::Diagnostic> diagnostics,
                        const rules::ListDocument& list, std::string_view uri,
                        const ConvertOptions& options) {
  json out = json::array();
  for (const auto& diagnostic : diagnostics) {
    json one = to_lsp_diagnostic(diagnostic, list, uri, options);
    if (!one.is_null())
      out.push_back(std::move(one));
  }
  return out;
}

}  // namespace awesome::server
