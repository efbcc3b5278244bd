// LspServer: textDocument/completion. rules/completion.hpp decides what to offer; this turns
// its items into LSP CompletionItems with textEdits in the negotiated position encoding.
#include "rules/completion.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

namespace {

using lsp::CompletionItemKind;

CompletionItemKind lsp_kind(rules::CompletionKind kind) {
  switch (kind) {
    case rules::CompletionKind::kVenue:
      return CompletionItemKind::kValue;
    case rules::CompletionKind::kKeyword:
      return CompletionItemKind::kKeyword;
    case rules::CompletionKind::kLinkLabel:
      return CompletionItemKind::kProperty;
    case rules::CompletionKind::kHeading:
      return CompletionItemKind::kModule;
    case rules::CompletionKind::kEntry:
      return CompletionItemKind::kSnippet;
  }
  return CompletionItemKind::kText;
}

constexpr std::size_t kIncompleteAt = 100;  // rules::complete caps its lists here

}  // namespace

LspServer::Reply LspServer::on_completion(const lsp::TextDocumentPositionParams& params) {
  const std::string& uri = params.textDocument.uri;
  OpenDocument* doc = store_.find(uri);
  if (doc == nullptr)
    return json(nullptr);
  const rules::Position at = to_byte_position(doc->list, params.position, store_.encoding());
  const auto items = rules::complete(doc->list, at, {.snippets = snippet_support_});
  lsp::CompletionList out{items.size() >= kIncompleteAt, {}};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const rules::CompletionItem& item = items[i];
    lsp::CompletionItem& lsp_item = out.items.emplace_back();
    lsp_item.label = item.label;
    lsp_item.kind = lsp_kind(item.kind);
    lsp_item.textEdit = {to_lsp_range(doc->list, item.range, store_.encoding()), item.insert_text};
    lsp_item.filterText = item.filter_text;
    lsp_item.sortText = item.sort_text;
    lsp_item.insertTextFormat =
        item.snippet ? lsp::InsertTextFormat::kSnippet : lsp::InsertTextFormat::kPlainText;
    lsp_item.detail = item.detail;
    if (label_details_ && (!item.label_detail.empty() || !item.label_description.empty())) {
      lsp_item.labelDetails = {item.label_detail, item.label_description};
    }
    if (item.documentation.empty()) {
    } else if (resolve_documentation_) {
      // Only the item the user selects needs it: a list of a hundred items stays small.
      lsp_item.data = {{"uri", uri}, {"position", params.position}, {"index", i}};
    } else {
      lsp_item.documentation = lsp::MarkupContent{"markdown", item.documentation};
    }
  }
  add_arxiv_entry_completion(*doc, at.line, out);
  return json(out);
}

void LspServer::add_arxiv_entry_completion(OpenDocument& doc, std::uint32_t line,
                                           lsp::CompletionList& out) {
  if (!doc.list.config().arxiv.enabled)
    return;
  const std::string_view text = doc.list.line(line);
  const auto id = rules::arxiv_id_on_line(text);
  const auto paper = id ? arxiv_.papers.find(*id) : arxiv_.papers.end();
  if (paper == arxiv_.papers.end())
    return;
  lsp::CompletionItem& item = out.items.emplace_back();
  item.label = rules::list_title(paper->second.title);
  item.kind = CompletionItemKind::kSnippet;
  const rules::Range whole{{line, 0}, {line, static_cast<std::uint32_t>(text.size())}};
  // Plain text, not a snippet: titles hold `$` and braces.
  item.textEdit = {to_lsp_range(doc.list, whole, store_.encoding()),
                   rules::format_entry(doc.list, paper->second, rules::EntryFill::kBlank)};
  item.filterText = std::string(text);  // what the line holds: the editor's filter keeps it
  item.sortText = "0";
  item.insertTextFormat = lsp::InsertTextFormat::kPlainText;
  item.detail = "the entry of arXiv " + *id;
}

LspServer::Reply LspServer::on_completion_resolve(const json& params) {
  if (!params.is_object() || !params.contains("label")) {
    return ResponseError{ErrorCode::kInvalidParams, "expected a CompletionItem"};
  }
  json item = params;
  const json data = params.value("data", json());
  if (item.contains("documentation") || !data.is_object())
    return item;
  const json uri = data.value("uri", json());
  const auto position = lsp::parse_params<lsp::Position>(data.value("position", json()));
  const json index = data.value("index", json());
  OpenDocument* doc =
      uri.is_string() && position ? store_.find(uri.get_ref<const std::string&>()) : nullptr;
  if (doc == nullptr || !index.is_number_unsigned())
    return item;
  // The items at that position again (the document may have changed since: then the label
  // no longer matches and the item stays as it is).
  const auto items =
      rules::complete(doc->list, to_byte_position(doc->list, *position, store_.encoding()),
                      {.snippets = snippet_support_});
  const auto i = index.get<std::size_t>();
  if (i < items.size() && item["label"] == items[i].label && !items[i].documentation.empty()) {
    item["documentation"] = lsp::MarkupContent{"markdown", items[i].documentation};
  }
  return item;
}

}  // namespace awesome::server
