// LspServer: code actions (a quick fix per fixable diagnostic, source.fixAll.awesome-ls) and
// document formatting, which applies the safe fixes exactly as `awesome-ls check --fix` does.
// Fix edits are rebuilt here from the held document, never carried in diagnostics' data.
#include <algorithm>

#include "rules/fixes.hpp"
#include "server/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

namespace {

constexpr std::string_view kFixAllKind = "source.fixAll.awesome-ls";

/// Edits sorted by position with any edit overlapping an earlier one dropped: a WorkspaceEdit
/// must not overlap.
std::vector<rules::TextEdit> non_overlapping(std::vector<rules::TextEdit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) {
    return a.range.start < b.range.start;
  });
  std::vector<rules::TextEdit> out;
  for (auto& e : edits) {
    if (!out.empty() && e.range.start < out.back().range.end) continue;
    out.push_back(std::move(e));
  }
  return out;
}

/// Whether the client asked for `kind` (an empty `only` asks for everything).
bool wanted(const json& only, std::string_view kind) {
  if (!only.is_array() || only.empty()) return true;
  for (const auto& k : only) {
    if (!k.is_string()) continue;
    const std::string& prefix = k.get_ref<const std::string&>();
    if (kind == prefix || (kind.starts_with(prefix) && kind.size() > prefix.size() &&
                           kind[prefix.size()] == '.')) {
      return true;
    }
  }
  return false;
}

bool overlaps_lines(const rules::Range& a, const rules::Range& b) {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

}  // namespace

json LspServer::workspace_edit(std::string_view uri, const OpenDocument& doc,
                               const std::vector<rules::TextEdit>& edits) const {
  json lsp_edits = json::array();
  for (const auto& e : edits) {
    lsp_edits.push_back({{"range", to_lsp_range(doc.list, e.range, store_.encoding())},
                         {"newText", e.new_text}});
  }
  if (document_changes_) {
    return {{"documentChanges",
             json::array({{{"textDocument", {{"uri", uri}, {"version", doc.version}}},
                           {"edits", std::move(lsp_edits)}}})}};
  }
  return {{"changes", {{std::string(uri), std::move(lsp_edits)}}}};
}

LspServer::Reply LspServer::on_code_action(const json& params) {
  if (!params.is_object() || !params.contains("textDocument") || !params.contains("range") ||
      !params["textDocument"].is_object() || !params["textDocument"].contains("uri") ||
      !params["textDocument"]["uri"].is_string()) {
    return ResponseError{ErrorCode::kInvalidParams, "expected textDocument.uri and range"};
  }
  auto range = lsp::parse_params<lsp::Range>(params["range"]);
  if (!range) return ResponseError{ErrorCode::kInvalidParams, "range is not an LSP Range"};
  const std::string uri = params["textDocument"]["uri"].get<std::string>();
  OpenDocument* doc = store_.find(uri);
  if (doc == nullptr) return json::array();
  const json only = params.contains("context") && params["context"].is_object()
                        ? params["context"].value("only", json::array())
                        : json::array();
  const rules::Range wanted_range{to_byte_position(doc->list, range->start, store_.encoding()),
                                  to_byte_position(doc->list, range->end, store_.encoding())};
  const auto& diagnostics = doc->list.diagnostics();
  const ConvertOptions convert{store_.encoding(), related_information_, true};
  json actions = json::array();
  if (wanted(only, "quickfix")) {
    for (const auto& d : diagnostics) {
      if (d.fixes.empty() || !overlaps_lines(d.range, wanted_range)) continue;
      const json lsp_diagnostic = to_lsp_diagnostic(d, doc->list, uri, convert);
      for (std::size_t i = 0; i < d.fixes.size(); ++i) {
        const rules::Fix& fix = d.fixes[i];
        actions.push_back({{"title", fix.title},
                           {"kind", "quickfix"},
                           {"diagnostics", json::array({lsp_diagnostic})},
                           {"isPreferred", fix.preferred && i == 0},
                           {"edit", workspace_edit(uri, *doc, non_overlapping(fix.edits))}});
      }
    }
  }
  if (wanted(only, kFixAllKind)) {
    auto edits = non_overlapping(rules::safe_fix_edits(diagnostics));
    if (!edits.empty()) {
      actions.push_back({{"title", "Fix all safe awesome-ls problems"},
                         {"kind", kFixAllKind},
                         {"edit", workspace_edit(uri, *doc, edits)}});
    }
  }
  return actions;
}

LspServer::Reply LspServer::on_formatting(const json& params) {
  if (!params.is_object() || !params.contains("textDocument") ||
      !params["textDocument"].is_object() || !params["textDocument"].contains("uri") ||
      !params["textDocument"]["uri"].is_string()) {
    return ResponseError{ErrorCode::kInvalidParams, "expected textDocument.uri"};
  }
  OpenDocument* doc = store_.find(params["textDocument"]["uri"].get<std::string>());
  if (doc == nullptr) return json::array();
  const std::string text = doc->list.text();
  const std::string fixed = rules::fix_all(text, doc->list.config());
  if (fixed == text) return json::array();
  const std::uint32_t last = doc->list.line_count() - 1;
  const rules::Range whole{{0, 0}, {last, static_cast<std::uint32_t>(doc->list.line(last).size())}};
  return json::array({{{"range", to_lsp_range(doc->list, whole, store_.encoding())},
                       {"newText", fixed}}});
}

}  // namespace awesome::server
