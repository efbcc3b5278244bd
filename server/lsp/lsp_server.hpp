// The language server without I/O: JSON-RPC bodies in, JSON messages out through a sink. It
// owns the lifecycle, the method table, the document store, configuration and diagnostics
// publication. The Asio stdio loop (stdio_loop.hpp) feeds it; tests drive it directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "protocol/jsonrpc.hpp"
#include "protocol/lsp_features.hpp"
#include "protocol/lsp_types.hpp"
#include "rules/arxiv.hpp"
#include "rules/queries.hpp"
#include "server/lsp/document_store.hpp"
#include "server/lsp/publisher.hpp"
#include "server/lsp/session_config.hpp"
#include "server/lsp/workspace_index.hpp"

namespace awesome::server {

// The code action kinds and commands the server offers (lsp_edits.cpp) and advertises in
// initialize (lsp_lifecycle.cpp).
inline constexpr std::string_view kFixAllKind = "source.fixAll.awesome-ls";
inline constexpr std::string_view kSortKind = "source.sortEntries.awesome-ls";
inline constexpr std::string_view kTocKind = "source.updateToc.awesome-ls";
inline constexpr std::string_view kSortCommand = "awesome-ls.sortSection";
inline constexpr std::string_view kTocCommand = "awesome-ls.updateToc";
inline constexpr std::string_view kFixAllCommand = "awesome-ls.fixAll";
/// Per rule, from the quick fixes of a finding (lsp_rule_actions.cpp): arguments [{uri, rule}].
inline constexpr std::string_view kFixRuleCommand = "awesome-ls.fixRule";
inline constexpr std::string_view kDisableRuleCommand = "awesome-ls.disableRuleInConfig";
inline constexpr std::string_view kDisableLineCommand = "awesome-ls.disableForLine";
inline constexpr std::string_view kShowRuleDocsCommand = "awesome-ls.showRuleDocumentation";

/// The edits turning `before` into `after`, one per run of changed lines (lsp_edits.cpp): an
/// editor keeps the cursor, folds and marks of every line a fix did not change.
std::vector<rules::TextEdit> edits_between(std::string_view before, std::string_view after);
/// The message after a fix of many findings (lsp_edits.cpp): "awesome-ls: fixed 3 findings in
/// 2 rules; 1 needs a manual edit." (or "...; none left.").
std::string fix_summary(std::span<const rules::Diagnostic> before,
                        std::span<const rules::Diagnostic> after);
/// The server's own request (lsp_document_info.cpp); a client may call it on any open document.
inline constexpr std::string_view kDocumentInfoMethod = "awesome-ls/documentInfo";

struct ServerOptions {
  std::ostream* log = nullptr;  ///< where logs go besides window/logMessage (stderr); may be null
  /// How long the first diagnostics wait for the client's answer to workspace/configuration.
  std::chrono::milliseconds configuration_wait{2000};
};

class LspServer {
 public:
  /// Receives every outgoing message, in order. Called on the thread that calls drain().
  using Sink = std::function<void(const nlohmann::json&)>;

  explicit LspServer(Sink sink, ServerOptions options = {});

  /// Receives outgoing messages that are already JSON text (large diagnostics lists). Without
  /// one, such messages are parsed and given to the Sink; the order of all messages holds.
  using TextSink = std::function<void(std::string)>;
  void set_text_sink(TextSink sink) { text_sink_ = std::move(sink); }

  /// Queues one framed body. A `$/cancelRequest` takes effect at once on queued requests.
  void enqueue(std::string_view body);
  /// Handles the queued messages in order while `may_continue` (when given) says so, then, once
  /// the queue is empty, lints each changed document once and publishes what changed. Returns
  /// whether the queue is empty. Does nothing once exit was requested.
  bool drain(const std::function<bool()>& may_continue = {});
  /// enqueue() then drain().
  void handle(std::string_view body) {
    enqueue(body);
    drain();
  }
  /// Reports a framing error from the transport (logged, nothing answered).
  void on_frame_error(std::string_view reason);
  /// The input closed: the session ends (exit code 0 after shutdown, 1 otherwise).
  void on_input_closed();

  using Clock = std::chrono::steady_clock;
  /// When tick() must be called next (the end of the wait for the client's configuration), or
  /// nullopt when the server waits for nothing.
  std::optional<Clock::time_point> deadline() const { return configuration_deadline_; }
  /// Time has come to `now`: a wait whose deadline passed ends (logged), and the documents held
  /// for it are checked and published.
  void tick(Clock::time_point now);

  bool exit_requested() const { return exit_requested_; }
  int exit_code() const { return shutdown_ ? 0 : 1; }
  /// Asks for the arXiv metadata of `ids` of documents whose config enables `arxiv` (the stdio
  /// loop fetches on its io_context and answers with on_arxiv_metadata()); none: never asks.
  using ArxivFetcher =
      std::function<void(std::vector<std::string> ids, const rules::ArxivSettings& settings)>;
  void set_arxiv_fetcher(ArxivFetcher fetcher) { arxiv_fetcher_ = std::move(fetcher); }
  /// What arXiv said (or the cache): the documents are checked against all that is known and
  /// republished where their diagnostics change. Pulled diagnostics do not include these.
  void on_arxiv_metadata(const rules::ArxivLookup& lookup);

  /// The client's process id from initialize, to watch for its death.
  std::optional<std::int64_t> client_process_id() const { return client_pid_; }
  /// Logs to the log stream and the client (window/logMessage).
  void log(lsp::MessageType type, std::string_view message);

  /// The store, for tests that inspect held text.
  const DocumentStore& documents() const { return store_; }
  /// The publication state, for tests that inspect converted diagnostics.
  const Publisher& publisher() const { return publisher_; }

 private:
  /// A result that is already JSON text, sent as it is.
  struct RawResult {
    std::string json;
  };
  using Reply = std::variant<nlohmann::json, protocol::ResponseError, RawResult>;
  using RequestHandler = std::function<Reply(const nlohmann::json& params)>;
  using NotificationHandler = std::function<void(const nlohmann::json& params)>;
  using ResponseHandler = std::function<void(const protocol::Response&)>;
  struct Queued {
    protocol::Message message;
    bool cancelled = false;
  };

  /// Registers `handler` for the request `method`: params are parsed into P (a bad one is
  /// answered InvalidParams naming the problem); P = json takes them as they are.
  template <class P>
  void bind(const std::string& method, Reply (LspServer::*handler)(const P&)) {
    requests_[method] = [this, method, handler](const nlohmann::json& params) -> Reply {
      if constexpr (std::is_same_v<P, nlohmann::json>) {
        return (this->*handler)(params);
      } else {
        std::string error;
        auto parsed = lsp::parse_params<P>(params, &error);
        if (!parsed) {
          return protocol::ResponseError{protocol::ErrorCode::kInvalidParams,
                                         method + ": invalid params: " + error};
        }
        return (this->*handler)(*parsed);
      }
    };
  }
  /// Registers `handler` for the notification `method`; bad params are logged and dropped.
  template <class P>
  void bind(const std::string& method, void (LspServer::*handler)(const P&)) {
    notifications_[method] = [this, method, handler](const nlohmann::json& params) {
      if constexpr (std::is_same_v<P, nlohmann::json>) {
        (this->*handler)(params);
      } else {
        std::string error;
        if (auto parsed = lsp::parse_params<P>(params, &error)) {
          (this->*handler)(*parsed);
        } else {
          log(lsp::MessageType::kWarning, method + ": invalid params: " + error);
        }
      }
    };
  }

  void dispatch(Queued& item);
  void dispatch_request(const protocol::Request& request, bool cancelled);
  void dispatch_notification(const protocol::Notification& notification);
  void dispatch_response(const protocol::Response& response);
  void trace_incoming(std::string_view kind, std::string_view method, const nlohmann::json& params);
  void send(const nlohmann::json& message) { sink_(message); }
  void send_text(std::string body) {
    if (text_sink_) {
      text_sink_(std::move(body));
    } else {
      sink_(nlohmann::json::parse(body));
    }
  }
  void send_request(std::string_view method, nlohmann::json params, ResponseHandler on_response);
  void show_message(lsp::MessageType type, std::string_view message);

  // Lifecycle (lsp_lifecycle.cpp)
  Reply on_initialize(const nlohmann::json& params);
  void on_initialized(const nlohmann::json& params);
  Reply on_shutdown(const nlohmann::json& params);
  void on_set_trace(const lsp::SetTraceParams& params);
  void negotiate(const lsp::InitializeParams& params);
  nlohmann::json server_capabilities() const;

  // Documents and diagnostics (lsp_documents.cpp)
  void on_did_open(const lsp::DidOpenTextDocumentParams& params);
  void on_did_change(const lsp::DidChangeTextDocumentParams& params);
  void on_did_close(const lsp::DidCloseTextDocumentParams& params);
  void on_did_save(const nlohmann::json& params);
  Reply on_diagnostic(const lsp::DocumentDiagnosticParams& params);
  void publish_dirty();
  /// "Write the entry of arXiv ID" on a line holding only an arXiv URL or id whose metadata is
  /// known: the line becomes the whole entry, key words and digest left to fill in.
  void add_arxiv_entry_action(const std::string& uri, OpenDocument& doc, std::uint32_t line,
                              std::vector<lsp::CodeAction>& actions);
  /// The same as a completion item on that line.
  void add_arxiv_entry_completion(OpenDocument& doc, std::uint32_t line, lsp::CompletionList& out);
  /// Hands the ids not asked for yet of the documents with `arxiv.enabled` to the fetcher.
  void request_arxiv();
  ConvertOptions convert_options(const rules::ListDocument& list) const;
  /// The same with the arxiv-* findings of `list` as `extra`, when its config enables them.
  ConvertOptions options_with_arxiv(rules::ListDocument& list);

  // Code actions, formatting and editor commands (lsp_edits.cpp)
  Reply on_code_action(const lsp::CodeActionParams& params);
  Reply on_formatting(const lsp::TextDocumentParams& params);
  Reply on_range_formatting(const lsp::TextDocumentRangeParams& params);
  Reply on_execute_command(const lsp::ExecuteCommandParams& params);
  /// Sends `edits` to the client as a workspace/applyEdit, or tells the user `nothing` when
  /// there are none.
  /// `done` (when not empty) is shown once the client applied the edits.
  void apply_command_edits(std::string_view uri, const OpenDocument& doc, std::string_view label,
                           const std::vector<rules::TextEdit>& edits, std::string_view nothing,
                           std::string done = {});

  // Per-rule quick fixes and their commands (lsp_rule_actions.cpp)
  /// Appends, for the findings on the lines of `range`: fix all of the rule, disable it for
  /// the line, disable it in the config file, show its documentation. `as_edit`: fix all of
  /// the rule as an edit (asked for by kind) rather than a command.
  void add_rule_actions(const std::string& uri, OpenDocument& doc, const rules::Range& range,
                        bool as_edit, std::vector<lsp::CodeAction>& actions);
  /// "Disable RULE for this line" for each of `here` where a comment can go.
  void add_disable_line_actions(const std::string& uri, OpenDocument& doc,
                                const std::vector<const rules::Diagnostic*>& here,
                                std::vector<lsp::CodeAction>& actions);
  /// Writes the suppression comment of `rule` above `line` with a workspace/applyEdit, when
  /// the document analysed again has exactly the other findings; else says why not.
  void disable_for_line(const std::string& uri, OpenDocument& doc, std::string_view rule,
                        std::uint32_t line);
  /// Runs kFixRuleCommand, kDisableRuleCommand, kDisableLineCommand or kShowRuleDocsCommand.
  Reply on_rule_command(const std::string& command, const nlohmann::json& arguments);
  /// Sets the severity of `rule` to off in the config file that applies (or a new one) with a
  /// workspace/applyEdit, then uses the new file.
  void disable_rule_in_config(const std::string& uri, std::string_view rule);

  // Completion (lsp_completion.cpp)
  Reply on_completion(const lsp::TextDocumentPositionParams& params);
  /// Fills in the documentation left out of a completion item (the client resolves it when
  /// the item is selected).
  Reply on_completion_resolve(const nlohmann::json& params);

  lsp::WorkspaceEdit workspace_edit(std::string_view uri, const OpenDocument& doc,
                                    const std::vector<rules::TextEdit>& edits) const;
  // Navigation (lsp_navigation*.cpp, lsp_workspace_symbol.cpp)
  Reply on_document_symbol(const lsp::TextDocumentParams& params);
  Reply on_folding_range(const lsp::TextDocumentParams& params);
  Reply on_document_link(const lsp::TextDocumentParams& params);
  Reply on_definition(const lsp::TextDocumentPositionParams& params);
  Reply on_references(const lsp::ReferenceParams& params);
  Reply on_hover(const lsp::TextDocumentPositionParams& params);
  Reply on_prepare_rename(const lsp::TextDocumentPositionParams& params);
  Reply on_rename(const lsp::RenameParams& params);
  Reply on_workspace_symbol(const lsp::WorkspaceSymbolParams& params);
  /// `awesome-ls/documentInfo` (lsp_document_info.cpp): null for a document not open.
  Reply on_document_info(const lsp::TextDocumentParams& params);
  /// A TextDocumentPositionParams on an open document: the byte position and what is there.
  struct DocumentPosition {
    const std::string& uri;
    OpenDocument& doc;
    const rules::Model& model;
    rules::Position pos;
    rules::Target target;
  };
  /// Answers a request on a position: `unknown` when the document is not open, otherwise what
  /// `answer` says.
  Reply at_position(const lsp::TextDocumentIdentifier& document, lsp::Position position,
                    nlohmann::json unknown,
                    const std::function<Reply(const DocumentPosition&)>& answer);
  /// Answers a request on a document: [] when the document is not open, otherwise what
  /// `answer` says.
  Reply in_document(const lsp::TextDocumentIdentifier& document,
                    const std::function<Reply(const std::string& uri, OpenDocument& doc)>& answer);
  lsp::Location location(std::string_view uri, const OpenDocument& doc, rules::Range range) const;
  /// `edits` of `doc` as LSP TextEdits in the negotiated encoding.
  std::vector<lsp::TextEdit> text_edits(const OpenDocument& doc,
                                        const std::vector<rules::TextEdit>& edits) const;
  void negotiate_navigation(const lsp::InitializeParams& params);
  void add_navigation_capabilities(nlohmann::json& caps) const;

  // Configuration (lsp_config.cpp)
  void on_did_change_configuration(const nlohmann::json& params);
  void pull_configuration();
  /// The first configuration is known (or will not come): answers the held pull requests.
  void end_configuration_wait();
  void apply_settings(const nlohmann::json& settings);
  void report_config_error(std::string_view origin, std::string_view error);
  void config_changed();

  Sink sink_;
  TextSink text_sink_;
  ServerOptions options_;
  std::unordered_map<std::string, RequestHandler> requests_;
  std::unordered_map<std::string, NotificationHandler> notifications_;
  std::deque<Queued> queue_;
  std::map<std::int64_t, ResponseHandler> pending_;  ///< our requests awaiting the client
  std::int64_t next_request_id_ = 1;

  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_requested_ = false;
  std::optional<std::int64_t> client_pid_;
  std::string trace_ = "off";

  // Negotiated with the client in initialize.
  bool pull_diagnostics_ = false;
  bool related_information_ = false;
  bool configuration_pull_ = false;
  bool configuration_registration_ = false;
  bool diagnostic_refresh_ = false;
  bool document_changes_ = false;       ///< the client takes versioned documentChanges
  bool snippet_support_ = false;        ///< completion items may be snippets
  bool label_details_ = false;          ///< completion items may carry labelDetails
  bool resolve_documentation_ = false;  ///< completion documentation waits for resolve
  bool resolve_detail_ = false;         ///< so does completion detail
  bool default_edit_range_ = false;     ///< completion lists may carry itemDefaults.editRange
  bool default_data_ = false;           ///< and itemDefaults.data
  bool create_files_ = false;           ///< workspace edits may create files (resourceOperations)
  bool show_document_ = false;          ///< the client takes window/showDocument
  std::optional<std::filesystem::path> workspace_root_;

  /// Set from `initialized` until the client answers the first workspace/configuration pull
  /// (or this time passes): diagnostics are neither published nor pulled meanwhile, so the
  /// first ones already follow the client's settings.
  std::optional<Clock::time_point> configuration_deadline_;
  std::deque<Queued> held_;  ///< textDocument/diagnostic requests held during that wait

  // Navigation, negotiated in initialize (lsp_navigation.cpp).
  bool hierarchical_symbols_ = false;  ///< DocumentSymbol trees rather than SymbolInformation
  bool prepare_rename_ = false;        ///< the client sends textDocument/prepareRename
  /// initializationOptions `outline: "papers"`: documentSymbol lists only the papers, for a
  /// client that shows the headings from another provider (docs/editors.md).
  bool papers_only_outline_ = false;
  std::optional<std::size_t> folding_limit_;  ///< the client's foldingRange rangeLimit
  WorkspaceIndex workspace_;  ///< the lists of the workspace folders, for workspace/symbol

  DocumentStore store_;
  Publisher publisher_;
  rules::ArxivLookup arxiv_;                        ///< every answer so far, merged
  std::set<std::string, std::less<>> arxiv_asked_;  ///< ids handed to the fetcher
  ArxivFetcher arxiv_fetcher_;
  SessionConfig config_;
};

}  // namespace awesome::server
