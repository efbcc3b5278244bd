#include "server/diagnostics_convert.hpp"

#include <algorithm>

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

/// The fixes as `{title, safe, preferred}`. Their edits stay out: a "sort the section" fix
/// rewrites a whole section, which would put megabytes into every publish of a large list; a
/// code action takes the edits from the document the server holds.
json fix_summaries(const rules::Diagnostic& diagnostic) {
  json fixes = json::array();
  for (const auto& fix : diagnostic.fixes) {
    fixes.push_back({{"title", fix.title}, {"safe", fix.safe}, {"preferred", fix.preferred}});
  }
  return fixes;
}

/// Equal for everything the LSP form shows (fix edits are not shown).
bool same_output(const rules::Diagnostic& a, const rules::Diagnostic& b) {
  if (a.rule != b.rule || a.severity != b.severity || a.range != b.range || a.tag != b.tag ||
      a.message != b.message || a.related != b.related || a.fixes.size() != b.fixes.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.fixes.size(); ++i) {
    const auto& x = a.fixes[i];
    const auto& y = b.fixes[i];
    if (x.title != y.title || x.safe != y.safe || x.preferred != y.preferred)
      return false;
  }
  return true;
}

bool on_touched_line(const rules::Diagnostic& d, const TouchedLines& touched) {
  if (touched.all)
    return true;
  auto hit = [&](const rules::Range& r) {
    for (auto line = r.start.line; line <= r.end.line; ++line) {
      if (touched.touches(line))
        return true;
    }
    return false;
  };
  if (hit(d.range))
    return true;
  for (const auto& related : d.related) {
    if (hit(related.range))
      return true;
  }
  return false;
}

rules::Diagnostic without_edits(const rules::Diagnostic& d) {
  rules::Diagnostic copy = d;
  for (auto& fix : copy.fixes) fix.edits.clear();
  return copy;
}

}  // namespace

bool TouchedLines::touches(std::uint32_t line) const {
  return all || std::find(lines.begin(), lines.end(), line) != lines.end();
}

void TouchedLines::add(std::uint32_t first, std::uint32_t last, std::uint32_t new_last) {
  constexpr std::size_t kMaxLines = 64;  // beyond this, converting everything is as cheap
  if (all)
    return;
  if (new_last != last || lines.size() + (last - first + 1) > kMaxLines) {
    all = true;
    lines.clear();
    return;
  }
  for (auto line = first; line <= last; ++line) lines.push_back(line);
}

const json& DiagnosticConverter::convert(std::span<const rules::Diagnostic> diagnostics,
                                         const rules::ListDocument& list, std::string_view uri,
                                         const ConvertOptions& options, const TouchedLines& touched,
                                         bool& changed) {
  changed = first_;
  json items = json::array();
  std::vector<rules::Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const rules::Diagnostic& d = diagnostics[i];
    if (d.severity == rules::Severity::kOff)
      continue;
    std::size_t at = kept.size();
    if (!first_ && at < previous_.size() && same_output(d, previous_[at]) &&
        !on_touched_line(d, touched)) {
      items.push_back(std::move(items_[at]));
      kept.push_back(std::move(previous_[at]));
      continue;
    }
    json one = to_lsp_diagnostic(d, list, uri, options);
    if (!changed && (at >= items_.size() || items_[at] != one))
      changed = true;
    items.push_back(std::move(one));
    kept.push_back(without_edits(d));
  }
  changed = changed || kept.size() != previous_.size();
  previous_ = std::move(kept);
  items_ = std::move(items);
  first_ = false;
  return items_;
}

json to_lsp_diagnostic(const rules::Diagnostic& diagnostic, const rules::ListDocument& list,
                       std::string_view uri, const ConvertOptions& options) {
  if (diagnostic.severity == rules::Severity::kOff)
    return nullptr;
  lsp::Diagnostic out;
  out.range = to_lsp_range(list, diagnostic.range, options.encoding);
  out.severity = to_lsp_severity(diagnostic.severity);
  out.code = std::string(diagnostic.rule);
  out.codeDescriptionHref = std::string(kRulesDocUrl) + out.code;
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
  if (options.include_fixes && !diagnostic.fixes.empty()) {
    out.data = {{"fixes", fix_summaries(diagnostic)}};
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
