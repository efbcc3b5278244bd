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
  for (std::size_t i = 0; i < items.size(); ++i) {
    const rules::CompletionItem& item = items[i];
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
    if (item.documentation.empty()) {
    } else if (resolve_documentation_) {
      // Only the item the user selects needs it: a list of a hundred items stays small.
      lsp_item["data"] = {{"uri", *uri}, {"position", params["position"]}, {"index", i}};
    } else {
      lsp_item["documentation"] = {{"kind", "markdown"}, {"value", item.documentation}};
    }
    out.push_back(std::move(lsp_item));
  }
  return json{{"isIncomplete", items.size() >= kIncompleteAt}, {"items", std::move(out)}};
}

LspServer::Reply LspServer::on_completion_resolve(const json& params) {
  if (!params.is_object() || !params.contains("label")) {
    return ResponseError{ErrorCode::kInvalidParams, "expected a CompletionItem"};
  }
  json item = params;
  const json data = params.value("data", json());
  if (item.contains("documentation") || !data.is_object()) return item;
  const json request = {{"textDocument", {{"uri", data.value("uri", json())}}},
                        {"position", data.value("position", json())}};
  const std::string* uri = document_uri(request);
  const auto position = uri ? lsp::parse_params<lsp::Position>(request["position"]) : std::nullopt;
  const json index = data.value("index", json());
  OpenDocument* doc = uri && position ? store_.find(*uri) : nullptr;
  if (doc == nullptr || !index.is_number_unsigned()) return item;
  // The items at that position again (the document may have changed since: then the label
  // no longer matches and the item stays as it is).
  const auto items = rules::complete(doc->list, to_byte_position(doc->list, *position, store_.encoding()),
                                     {.snippets = snippet_support_});
  const auto i = index.get<std::size_t>();
  if (i < items.size() && item["label"] == items[i].label && !items[i].documentation.empty()) {
    item["documentation"] = {{"kind", "markdown"}, {"value", items[i].documentation}};
  }
  return item;
}

}  // namespace awesome::server
