// LspServer: textDocument/completion and completionItem/resolve. rules/completion.hpp decides
// what to offer; this turns its items into LSP CompletionItems with their edits in the
// negotiated position encoding, writing only what the client cannot take from itemDefaults or
// resolve later.
#include <algorithm>

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
  const auto items = rules::complete(
      doc->list, at, {.snippets = snippet_support_, .documentation = !resolve_documentation_});
  lsp::CompletionList out;
  out.isIncomplete = items.size() >= kIncompleteAt;
  // What every item shares goes once into itemDefaults, for clients that take them: the range
  // (all items replace the text under the cursor) and the data resolve needs.
  const bool one_range =
      default_edit_range_ && !items.empty() &&
      std::all_of(items.begin(), items.end(), [&](const rules::CompletionItem& item) {
        return item.range == items.front().range && !item.insert_text.empty();
      });
  const bool resolves = resolve_documentation_ || resolve_detail_;
  json defaults = json::object();
  if (one_range)
    defaults["editRange"] = to_lsp_range(doc->list, items.front().range, store_.encoding());
  if (resolves && default_data_)
    defaults["data"] = {{"uri", uri}, {"position", params.position}};
  if (!defaults.empty())
    out.itemDefaults = std::move(defaults);
  out.items.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const rules::CompletionItem& item = items[i];
    lsp::CompletionItem& lsp_item = out.items.emplace_back();
    lsp_item.label = item.label;
    lsp_item.kind = lsp_kind(item.kind);
    if (!one_range) {
      lsp_item.textEdit = {to_lsp_range(doc->list, item.range, store_.encoding()),
                           item.insert_text};
    } else if (item.insert_text != item.label) {
      lsp_item.textEditText = item.insert_text;
    }
    if (item.filter_text != item.label)
      lsp_item.filterText = item.filter_text;
    lsp_item.sortText = item.sort_text;
    lsp_item.insertTextFormat =
        item.snippet ? lsp::InsertTextFormat::kSnippet : lsp::InsertTextFormat::kPlainText;
    if (!resolve_detail_)
      lsp_item.detail = item.detail;
    if (label_details_ && (!item.label_detail.empty() || !item.label_description.empty())) {
      lsp_item.labelDetails = {item.label_detail, item.label_description};
    }
    if (resolves && !default_data_) {
      // Only the item the user selects needs its documentation: a list of a hundred items
      // stays small, and the documentation is not even written (resolve writes it).
      lsp_item.data = {{"uri", uri}, {"position", params.position}, {"index", i}};
    }
    if (!resolve_documentation_ && !item.documentation.empty())
      lsp_item.documentation = lsp::MarkupContent{"markdown", item.documentation};
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
  item.sortText.push_back('0');  // first; not `= "0"`, where GCC 12 -O2 warns (-Wrestrict) wrongly
  item.insertTextFormat = lsp::InsertTextFormat::kPlainText;
  item.detail = "the entry of arXiv " + *id;
}

LspServer::Reply LspServer::on_completion_resolve(const json& params) {
  if (!params.is_object() || !params.contains("label")) {
    return ResponseError{ErrorCode::kInvalidParams, "expected a CompletionItem"};
  }
  json item = params;
  const json data = params.value("data", json());
  if (!data.is_object())
    return item;
  const json uri = data.value("uri", json());
  const auto position = lsp::parse_params<lsp::Position>(data.value("position", json()));
  OpenDocument* doc =
      uri.is_string() && position ? store_.find(uri.get_ref<const std::string&>()) : nullptr;
  if (doc == nullptr)
    return item;
  // The items at that position again, found by their index when the client sent it, else by
  // label (labels are distinct within a list). The document may have changed since: then no
  // item matches and this one stays as it is.
  const auto items =
      rules::complete(doc->list, to_byte_position(doc->list, *position, store_.encoding()),
                      {.snippets = snippet_support_});
  const json index = data.value("index", json());
  const rules::CompletionItem* found = nullptr;
  if (index.is_number_unsigned() && index.get<std::size_t>() < items.size() &&
      item["label"] == items[index.get<std::size_t>()].label) {
    found = &items[index.get<std::size_t>()];
  }
  for (std::size_t i = 0; found == nullptr && i < items.size(); ++i) {
    if (item["label"] == items[i].label)
      found = &items[i];
  }
  if (found == nullptr)
    return item;
  if (!item.contains("documentation") && !found->documentation.empty())
    item["documentation"] = lsp::MarkupContent{"markdown", found->documentation};
  if (!item.contains("detail") && !found->detail.empty())
    item["detail"] = found->detail;
  return item;
}

}  // namespace awesome::server
