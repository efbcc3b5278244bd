// LspServer: text document synchronisation and diagnostics, pushed (publishDiagnostics after
// the input queue drains, only when changed) or pulled (textDocument/diagnostic).
#include "server/diagnostics_convert.hpp"
#include "server/docs_link.hpp"
#include "server/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

void LspServer::on_did_open(const json& params) {
  std::string error;
  auto open = lsp::parse_params<lsp::DidOpenTextDocumentParams>(params, &error);
  if (!open) {
    log(lsp::MessageType::kWarning, "didOpen: invalid params: " + error);
    return;
  }
  store_.open(open->textDocument, config_.effective());
}

void LspServer::on_did_change(const json& params) {
  std::string error;
  auto change = lsp::parse_params<lsp::DidChangeTextDocumentParams>(params, &error);
  if (!change) {
    log(lsp::MessageType::kWarning, "didChange: invalid params: " + error);
    return;
  }
  if (!store_.change(change->textDocument.uri, change->textDocument.version,
                     change->contentChanges)) {
    log(lsp::MessageType::kWarning,
        "didChange for a document that is not open: " + change->textDocument.uri);
  }
}

void LspServer::on_did_close(const json& params) {
  auto close = lsp::parse_params<lsp::DidCloseTextDocumentParams>(params);
  if (!close) {
    log(lsp::MessageType::kWarning, "didClose: invalid params");
    return;
  }
  if (!store_.close(close->textDocument.uri)) {
    log(lsp::MessageType::kWarning, "didClose for a document that is not open");
    return;
  }
  if (!pull_diagnostics_) {
    send(protocol::make_notification(
        "textDocument/publishDiagnostics",
        {{"uri", close->textDocument.uri}, {"diagnostics", json::array()}}));
  }
}

void LspServer::on_did_save(const json& /*params*/) {
  // Nothing to do: the server checks the text it holds, which didChange keeps current.
}

void LspServer::compute_diagnostics(std::string_view uri, OpenDocument& doc, bool& changed) {
  const ConvertOptions options{store_.encoding(), related_information_, true,
                               rules_doc_url(doc.list.config().docs_url)};
  doc.converter.convert(doc.list, uri, options, changed);
  doc.dirty = false;
}

void LspServer::publish_dirty() {
  if (pull_diagnostics_ || configuration_deadline_)
    return;  // the client asks when it wants them; or its settings are yet to come
  for (auto& [uri, doc] : store_.documents()) {
    if (!doc.dirty)
      continue;
    bool changed = false;
    compute_diagnostics(uri, doc, changed);
    if (doc.published && !changed)
      continue;
    doc.published = true;
    // Written as text: a large list's diagnostics are megabytes of JSON, most of it kept from
    // the previous publish.
    const std::string& items = doc.converter.items_text();
    const std::string uri_json = protocol::dump_message(json(uri));
    std::string body;
    body.reserve(items.size() + uri_json.size() + 128);
    body += R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
    body += uri_json;
    body += R"(,"version":)";
    body += std::to_string(doc.version);
    body += R"(,"diagnostics":)";
    body += items;
    body += "}}";
    send_text(std::move(body));
  }
}

LspServer::Reply LspServer::on_diagnostic(const json& params) {
  std::string error;
  auto request = lsp::parse_params<lsp::DocumentDiagnosticParams>(params, &error);
  if (!request)
    return ResponseError{ErrorCode::kInvalidParams, error};
  OpenDocument* doc = store_.find(request->textDocument.uri);
  if (doc == nullptr)
    return json{{"kind", "full"}, {"items", json::array()}};
  if (doc->dirty) {
    bool changed = false;
    compute_diagnostics(request->textDocument.uri, *doc, changed);
  }
  // A resultId names one set of items: a new one whenever the items differ from those handed
  // out under the last one, however they were computed (pushes in between included).
  const std::string& items = doc->converter.items_text();
  if (doc->pull_result == 0 || items != doc->pulled_items) {
    doc->pull_result = ++last_result_id_;
    doc->pulled_items = items;
  }
  std::string result_id = std::to_string(doc->pull_result);
  if (request->previousResultId == result_id) {
    return json{{"kind", "unchanged"}, {"resultId", result_id}};
  }
  return RawResult{R"({"kind":"full","resultId":)" + protocol::dump_message(json(result_id)) +
                   R"(,"items":)" + doc->converter.items_text() + "}"};
}

}  // namespace awesome::server
