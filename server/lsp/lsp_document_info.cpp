// LspServer: `awesome-ls/documentInfo`, a request of this server's own (docs/editors.md): what
// the server made of one open document (paper list or not, the dialect, entries, findings by
// severity), for a client's status display. The findings are those the client is sent.
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;

namespace {

std::string_view dialect_name(rules::Dialect dialect) {
  return dialect == rules::Dialect::k2021 ? "2021" : "2026";
}

}  // namespace

LspServer::Reply LspServer::on_document_info(const lsp::TextDocumentParams& params) {
  OpenDocument* doc = store_.find(params.textDocument.uri);
  if (doc == nullptr)
    return json(nullptr);
  const rules::Model& m = doc->list.model();
  std::size_t errors = 0, warnings = 0, infos = 0;
  for (const rules::Diagnostic& d : doc->list.diagnostics()) {
    errors += d.severity == rules::Severity::kError ? 1 : 0;
    warnings += d.severity == rules::Severity::kWarning ? 1 : 0;
    infos += d.severity == rules::Severity::kInfo ? 1 : 0;
  }
  return json{
      {"uri", params.textDocument.uri},
      {"version", doc->version},
      {"paperList", doc->list.is_paper_list()},
      {"dialect", dialect_name(m.dialect)},
      {"dialectSource", m.dialect_forced ? "configured" : "detected"},
      {"entries", m.entries.size()},
      {"sections", m.sections.size()},
      {"findings", errors + warnings + infos},
      {"findingsBySeverity", {{"error", errors}, {"warning", warnings}, {"information", infos}}}};
}

}  // namespace awesome::server
