// LspServer: initialize (capability negotiation), initialized, shutdown and $/setTrace.
#include <algorithm>

#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

namespace {

bool valid_trace(std::string_view value) {
  return value == "off" || value == "messages" || value == "verbose";
}

/// The workspace root: rootUri, else rootPath, else the first workspace folder.
std::optional<std::filesystem::path> workspace_root(const lsp::InitializeParams& params) {
  if (params.rootUri)
    return file_uri_to_path(*params.rootUri);
  if (params.rootPath && !params.rootPath->empty())
    return std::filesystem::path(*params.rootPath);
  if (!params.workspaceFolders.empty())
    return file_uri_to_path(params.workspaceFolders[0].uri);
  return std::nullopt;
}

}  // namespace

LspServer::Reply LspServer::on_initialize(const json& params) {
  if (initialized_)
    return ResponseError{ErrorCode::kInvalidRequest, "initialize was already received"};
  std::string error;
  auto init = lsp::parse_params<lsp::InitializeParams>(params, &error);
  if (!init)
    return ResponseError{ErrorCode::kInvalidParams, error};
  client_pid_ = init->processId;
  if (init->trace && valid_trace(*init->trace))
    trace_ = *init->trace;
  negotiate(*init);
  workspace_root_ = workspace_root(*init);
  if (auto root = workspace_root_) {
    const std::string problem = config_.load_workspace_file(*root);
    for (const auto& skipped : config_.skipped_files())
      log(lsp::MessageType::kWarning, "ignoring " + skipped);
    if (!problem.empty()) {
      report_config_error(".awesome-ls.json", problem);
    } else if (config_.file()) {
      log(lsp::MessageType::kInfo, "using " + config_.file()->string());
    }
  }
  json& options = init->initializationOptions;
  papers_only_outline_ = false;
  if (options.is_object() && options.contains("outline")) {
    // Not a setting of the list: taken out before the rest is read as one.
    const json outline = options["outline"];
    options.erase("outline");
    if (outline == "papers") {
      papers_only_outline_ = true;
    } else if (outline != "full") {
      log(lsp::MessageType::kWarning,
          R"(initializationOptions.outline: expected "full" or "papers", got )" + outline.dump());
    }
  }
  if (!options.is_null() && options != json::object()) {
    if (auto problem = config_.set_init_options(options); !problem.empty()) {
      report_config_error("initializationOptions", problem);
    }
  }
  initialized_ = true;
  return json{{"capabilities", server_capabilities()}, {"serverInfo", {{"name", "awesome-ls"}}}};
}

void LspServer::negotiate(const lsp::InitializeParams& params) {
  const json& caps = params.capabilities;
  store_.set_encoding(protocol::PositionEncoding::kUtf16);
  json::json_pointer encodings_at("/general/positionEncodings");
  if (caps.contains(encodings_at) && caps.at(encodings_at).is_array()) {
    const json& offered = caps.at(encodings_at);
    if (std::find(offered.begin(), offered.end(), "utf-8") != offered.end()) {
      store_.set_encoding(protocol::PositionEncoding::kUtf8);
    }
  }
  json::json_pointer diagnostic_at("/textDocument/diagnostic");
  pull_diagnostics_ = caps.contains(diagnostic_at) && caps.at(diagnostic_at).is_object();
  related_information_ =
      lsp::flag_at(caps, "/textDocument/publishDiagnostics/relatedInformation") ||
      lsp::flag_at(caps, "/textDocument/diagnostic/relatedInformation");
  configuration_pull_ = lsp::flag_at(caps, "/workspace/configuration");
  configuration_registration_ =
      lsp::flag_at(caps, "/workspace/didChangeConfiguration/dynamicRegistration");
  diagnostic_refresh_ = lsp::flag_at(caps, "/workspace/diagnostics/refreshSupport");
  document_changes_ = lsp::flag_at(caps, "/workspace/workspaceEdit/documentChanges");
  create_files_ =
      lsp::array_at_holds(caps, "/workspace/workspaceEdit/resourceOperations", "create");
  show_document_ = lsp::flag_at(caps, "/window/showDocument/support");
  snippet_support_ = lsp::flag_at(caps, "/textDocument/completion/completionItem/snippetSupport");
  label_details_ =
      lsp::flag_at(caps, "/textDocument/completion/completionItem/labelDetailsSupport");
  constexpr const char* kResolvable =
      "/textDocument/completion/completionItem/resolveSupport/properties";
  resolve_documentation_ = lsp::array_at_holds(caps, kResolvable, "documentation");
  resolve_detail_ = lsp::array_at_holds(caps, kResolvable, "detail");
  constexpr const char* kDefaults = "/textDocument/completion/completionList/itemDefaults";
  default_edit_range_ = lsp::array_at_holds(caps, kDefaults, "editRange");
  default_data_ = lsp::array_at_holds(caps, kDefaults, "data");
  negotiate_navigation(params);
}

json LspServer::server_capabilities() const {
  json caps = {
      {"positionEncoding", protocol::to_string(store_.encoding())},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"codeActionProvider",
       {{"codeActionKinds", {lsp::CodeActionKind::kQuickFix, kFixAllKind, kSortKind, kTocKind}}}},
      {"documentFormattingProvider", true},
      {"documentRangeFormattingProvider", true},
      {"completionProvider",
       {{"triggerCharacters", {"*", "[", ";", ":", " ", "#"}}, {"resolveProvider", true}}},
      {"executeCommandProvider",
       {{"commands",
         {kSortCommand, kTocCommand, kFixAllCommand, kFixRuleCommand, kDisableRuleCommand,
          kDisableLineCommand, kShowRuleDocsCommand}}}},
  };
  add_navigation_capabilities(caps);
  if (pull_diagnostics_) {
    caps["diagnosticProvider"] = {{"identifier", "awesome-ls"},
                                  {"interFileDependencies", false},
                                  {"workspaceDiagnostics", false}};
  }
  return caps;
}

void LspServer::on_initialized(const json& /*params*/) {
  if (configuration_registration_) {
    // Clients that pull settings only notify changes of a section someone registered for.
    json registration = {{"id", "awesome-ls-configuration"},
                         {"method", "workspace/didChangeConfiguration"},
                         {"registerOptions", {{"section", "awesomeLs"}}}};
    send_request("client/registerCapability",
                 {{"registrations", json::array({std::move(registration)})}},
                 [](const protocol::Response&) {});
  }
  if (configuration_pull_) {
    configuration_deadline_ = Clock::now() + options_.configuration_wait;
    pull_configuration();
  }
}

LspServer::Reply LspServer::on_shutdown(const json& /*params*/) {
  shutdown_ = true;
  return json(nullptr);
}

void LspServer::on_set_trace(const lsp::SetTraceParams& params) {
  if (!valid_trace(params.value)) {
    log(lsp::MessageType::kWarning, "$/setTrace: invalid value");
    return;
  }
  trace_ = params.value;
}

}  // namespace awesome::server
