// LspServer: textDocument/completion. rules/completion.hpp decides what to offer; this turns
// its items into LSP CompletionItems with textEdits in the negotiated position encoding.
#include "rules/completion.hpp"
#include "server/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

namespace {

// LSP CompletionItemKind values.
int lsp_kind(rules::CompletionKind kind) {
  switch (kind) {
    case rules::CompletionKind::kVenue: return 12;      // Value
    case rules::CompletionKind::kKeyword: return 14;    // Keyword
    case rules::CompletionKind::kLinkLabel: return 10;  // Property
    case rules::CompletionKind::kHeading: return 9;     // Module
    case rules::CompletionKind::kEntry: return 15;      // Snippet
  }
  return 1;
}

constexpr std::size_t kIncompleteAt = 100;  // rules::complete caps its lists here

}  // namespace

const std::string* LspServer::document_uri(const json& params) {
  if (!params.is_object()) return nullptr;
  auto doc = params.find("textDocument");
  if (doc == params.end() || !doc->is_object()) return nullptr;
  auto uri = doc->find("uri");
  if (uri == doc->end() || !uri->is_string()) return nullptr;
  return uri->get_ptr<const std::string*>();
}

LspServer::Reply LspServer::on_completion(const json& params) {
  const std::string* uri = document_uri(params);
  const auto position = uri ? lsp::parse_params<lsp::Position>(params.value("position", json()))
                            : std::nullopt;
  if (!position) return ResponseError{ErrorCode::kInvalidParams, "expected textDocument.uri and position"};
  OpenDocument* doc = store_.find(*uri);
  if (doc == nullptr) return json(nullptr);
  const rules::Position at = to_byte_position(doc->list, *position, store_.encoding());
  const auto items = rules::complete(doc->list, at, {.snippets = snippet_support_});
  json out = json::array();
  for (const auto& item : items) {
    json lsp_item = {
        {"label", item.label},
        {"kind", lsp_kind(item.kind)},
        {"textEdit", {{"range", to_lsp_range(doc->list, item.range, store_.encoding())},
                      {"newText", item.insert_text}}},
        {"filterText", item.filter_text},
        {"sortText", item.sort_text},
        {"insertTextFormat", item.snippet ? 2 : 1},
    };
    if (!item.detail.empty()) lsp_item["detail"] = item.detail;
    if (!item.documentation.empty()) {
      lsp_item["documentation"] = {{"kind", "markdown"}, {"value", item.documentation}};
    }
    out.push_back(std::move(lsp_item));
  }
  return json{{"isIncomplete", items.size() >= kIncompleteAt}, {"items", std::move(out)}};
}

}  // namespace awesome::server
