// LspServer: text document synchronisation and diagnostics, pushed (publishDiagnostics after
// the input queue drains, only when changed) or pulled (textDocument/diagnostic).
#include "server/common/docs_link.hpp"
#include "server/lsp/diagnostics_convert.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;

void LspServer::on_did_open(const lsp::DidOpenTextDocumentParams& params) {
  store_.open(params.textDocument, config_.effective());
  publisher_.forget(params.textDocument.uri);  // a reopened document starts afresh
}

void LspServer::on_did_change(const lsp::DidChangeTextDocumentParams& params) {
  const std::string& uri = params.textDocument.uri;
  if (!store_.change(uri, params.textDocument.version, params.contentChanges)) {
    log(lsp::MessageType::kWarning, "didChange for a document that is not open: " + uri);
    return;
  }
  publisher_.mark_dirty(uri);
}

void LspServer::on_did_close(const lsp::DidCloseTextDocumentParams& params) {
  const std::string& uri = params.textDocument.uri;
  if (!store_.close(uri)) {
    log(lsp::MessageType::kWarning, "didClose for a document that is not open");
    return;
  }
  publisher_.forget(uri);
  if (!pull_diagnostics_) {
    send(protocol::make_notification("textDocument/publishDiagnostics",
                                     {{"uri", uri}, {"diagnostics", json::array()}}));
  }
}

void LspServer::on_did_save(const json& /*params*/) {
  // Nothing to do: the server checks the text it holds, which didChange keeps current.
}

ConvertOptions LspServer::convert_options(const rules::ListDocument& list) const {
  return {store_.encoding(), related_information_, rules_doc_url(list.config().docs_url), {}};
}

void LspServer::publish_dirty() {
  if (pull_diagnostics_ || configuration_deadline_)
    return;  // the client asks when it wants them; or its settings are yet to come
  request_arxiv();
  for (auto& [uri, doc] : store_.documents()) {
    if (auto body = publisher_.push(uri, doc.list, doc.version, options_with_arxiv(doc.list)))
      send_text(std::move(*body));
  }
}

ConvertOptions LspServer::options_with_arxiv(rules::ListDocument& list) {
  ConvertOptions options = convert_options(list);
  if (list.config().arxiv.enabled && !arxiv_.empty())
    options.extra = rules::check_arxiv(list, arxiv_);
  return options;
}

void LspServer::request_arxiv() {
  if (!arxiv_fetcher_)
    return;
  std::vector<std::string> ids;
  std::optional<rules::ArxivSettings> settings;
  for (auto& [uri, doc] : store_.documents()) {
    if (!doc.list.config().arxiv.enabled)
      continue;
    settings = doc.list.config().arxiv;
    for (auto& id : rules::list_arxiv_ids(doc.list)) {
      if (arxiv_asked_.insert(id).second)
        ids.push_back(std::move(id));
    }
    // A line holding only an arXiv URL or id: the entry the editor offers to write.
    for (std::uint32_t line = 0; line < doc.list.line_count(); ++line) {
      auto id = rules::arxiv_id_on_line(doc.list.line(line));
      if (id && arxiv_asked_.insert(*id).second)
        ids.push_back(std::move(*id));
    }
  }
  if (!ids.empty())
    arxiv_fetcher_(std::move(ids), *settings);
}

void LspServer::on_arxiv_metadata(const rules::ArxivLookup& lookup) {
  for (const auto& [id, paper] : lookup.papers) {
    arxiv_.papers[id] = paper;
    arxiv_.missing.erase(id);
  }
  for (const auto& [id, missing] : lookup.missing) arxiv_.missing[id] = missing;
  publisher_.mark_all_dirty();
  if (initialized_ && !exit_requested_ && queue_.empty())
    publish_dirty();
}

LspServer::Reply LspServer::on_diagnostic(const lsp::DocumentDiagnosticParams& params) {
  OpenDocument* doc = store_.find(params.textDocument.uri);
  if (doc == nullptr)
    return json{{"kind", "full"}, {"items", json::array()}};
  request_arxiv();
  auto pulled = publisher_.pull(params.textDocument.uri, doc->list, options_with_arxiv(doc->list));
  if (params.previousResultId == pulled.result_id) {
    return json{{"kind", "unchanged"}, {"resultId", pulled.result_id}};
  }
  return RawResult{R"({"kind":"full","resultId":)" +
                   protocol::dump_message(json(pulled.result_id)) + R"(,"items":)" + pulled.items +
                   "}"};
}

}  // namespace awesome::server
