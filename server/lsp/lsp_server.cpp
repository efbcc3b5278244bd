#include "server/lsp/lsp_server.hpp"

#include <ostream>

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

LspServer::LspServer(Sink sink, ServerOptions options) : sink_(std::move(sink)), options_(options) {
  bind("initialize", &LspServer::on_initialize);
  bind("shutdown", &LspServer::on_shutdown);
  bind("textDocument/diagnostic", &LspServer::on_diagnostic);
  bind("textDocument/codeAction", &LspServer::on_code_action);
  bind("textDocument/formatting", &LspServer::on_formatting);
  bind("textDocument/rangeFormatting", &LspServer::on_range_formatting);
  bind("textDocument/completion", &LspServer::on_completion);
  bind("completionItem/resolve", &LspServer::on_completion_resolve);
  bind("workspace/executeCommand", &LspServer::on_execute_command);
  bind("textDocument/documentSymbol", &LspServer::on_document_symbol);
  bind("textDocument/foldingRange", &LspServer::on_folding_range);
  bind("textDocument/documentLink", &LspServer::on_document_link);
  bind("textDocument/definition", &LspServer::on_definition);
  bind("textDocument/references", &LspServer::on_references);
  bind("textDocument/hover", &LspServer::on_hover);
  bind("textDocument/prepareRename", &LspServer::on_prepare_rename);
  bind("textDocument/rename", &LspServer::on_rename);
  bind("workspace/symbol", &LspServer::on_workspace_symbol);
  bind(std::string(kDocumentInfoMethod), &LspServer::on_document_info);
  bind("initialized", &LspServer::on_initialized);
  bind("$/setTrace", &LspServer::on_set_trace);
  notifications_["$/cancelRequest"] = nullptr;  // acted on in enqueue()
  bind("textDocument/didOpen", &LspServer::on_did_open);
  bind("textDocument/didChange", &LspServer::on_did_change);
  bind("textDocument/didClose", &LspServer::on_did_close);
  bind("textDocument/didSave", &LspServer::on_did_save);
  bind("workspace/didChangeConfiguration", &LspServer::on_did_change_configuration);
}

void LspServer::enqueue(std::string_view body) {
  protocol::Message message = protocol::parse_message(body);
  if (const auto* note = std::get_if<protocol::Notification>(&message);
      note != nullptr && note->method == "$/cancelRequest") {
    if (auto cancel = lsp::parse_params<lsp::CancelParams>(note->params)) {
      for (auto* waiting : {&queue_, &held_}) {
        for (auto& queued : *waiting) {
          const auto* request = std::get_if<protocol::Request>(&queued.message);
          if (request != nullptr && request->id == cancel->id)
            queued.cancelled = true;
        }
      }
    }
  }
  queue_.push_back({std::move(message), false});
}

bool LspServer::drain(const std::function<bool()>& may_continue) {
  while (!queue_.empty() && !exit_requested_ && (!may_continue || may_continue())) {
    Queued item = std::move(queue_.front());
    queue_.pop_front();
    if (const auto* request = std::get_if<protocol::Request>(&item.message);
        configuration_deadline_ && request != nullptr && !item.cancelled &&
        request->method == "textDocument/diagnostic") {
      held_.push_back(std::move(item));  // answered once the client's settings are known
      continue;
    }
    dispatch(item);
  }
  if (!queue_.empty() && !exit_requested_)
    return false;
  if (!exit_requested_ && initialized_)
    publish_dirty();
  return true;
}

void LspServer::on_frame_error(std::string_view reason) {
  log(lsp::MessageType::kError, "framing error: " + std::string(reason));
}

void LspServer::on_input_closed() {
  if (!exit_requested_)
    log(lsp::MessageType::kInfo, "input closed; exiting");
  exit_requested_ = true;
}

void LspServer::log(lsp::MessageType type, std::string_view message) {
  static constexpr std::string_view kNames[] = {"", "error", "warning", "info", "log"};
  if (options_.log != nullptr) {
    *options_.log << "awesome-ls [" << kNames[static_cast<int>(type)] << "] " << message << '\n';
  }
  if (!exit_requested_) {
    send(protocol::make_notification("window/logMessage",
                                     {{"type", static_cast<int>(type)}, {"message", message}}));
  }
}

void LspServer::show_message(lsp::MessageType type, std::string_view message) {
  send(protocol::make_notification("window/showMessage",
                                   {{"type", static_cast<int>(type)}, {"message", message}}));
}

void LspServer::send_request(std::string_view method, json params, ResponseHandler on_response) {
  std::int64_t id = next_request_id_++;
  pending_.emplace(id, std::move(on_response));
  send(protocol::make_request(protocol::RequestId{id}, method, std::move(params)));
}

void LspServer::dispatch(Queued& item) {
  std::visit(
      [&](const auto& message) {
        using T = std::decay_t<decltype(message)>;
        if constexpr (std::is_same_v<T, protocol::Request>) {
          dispatch_request(message, item.cancelled);
        } else if constexpr (std::is_same_v<T, protocol::Notification>) {
          dispatch_notification(message);
        } else if constexpr (std::is_same_v<T, protocol::Response>) {
          dispatch_response(message);
        } else {
          log(lsp::MessageType::kWarning, "invalid message: " + message.reason);
          if (message.reply)
            send(*message.reply);
        }
      },
      item.message);
}

void LspServer::dispatch_request(const protocol::Request& request, bool cancelled) {
  const json id = protocol::id_to_json(request.id);
  trace_incoming("request", request.method, request.params);
  auto fail = [&](ErrorCode code, std::string_view message) {
    send(protocol::make_error(id, code, message));
  };
  if (cancelled)
    return fail(ErrorCode::kRequestCancelled, "request cancelled");
  if (shutdown_)
    return fail(ErrorCode::kInvalidRequest, "the server is shut down");
  if (!initialized_ && request.method != "initialize") {
    return fail(ErrorCode::kServerNotInitialized, "the server is not initialized");
  }
  auto handler = requests_.find(request.method);
  if (handler == requests_.end()) {
    return fail(ErrorCode::kMethodNotFound, "unknown method " + request.method);
  }
  Reply reply = ResponseError{ErrorCode::kInternalError, "internal error"};
  try {
    reply = handler->second(request.params);
  } catch (const std::exception& e) {  // a bug, not bad input: answer and keep serving
    log(lsp::MessageType::kError, request.method + " failed: " + e.what());
  }
  if (auto* error = std::get_if<ResponseError>(&reply)) {
    return fail(error->code, error->message);
  }
  if (auto* raw = std::get_if<RawResult>(&reply)) {
    return send_text(R"({"jsonrpc":"2.0","id":)" + protocol::dump_message(id) + R"(,"result":)" +
                     raw->json + "}");
  }
  send(protocol::make_result(request.id, std::move(std::get<json>(reply))));
}

void LspServer::dispatch_notification(const protocol::Notification& notification) {
  const std::string& method = notification.method;
  trace_incoming("notification", method, notification.params);
  if (method == "exit") {
    exit_requested_ = true;
    return;
  }
  if (!initialized_ || shutdown_)
    return;  // dropped, as the spec says
  auto handler = notifications_.find(method);
  if (handler == notifications_.end()) {
    if (!method.starts_with("$/")) {
      log(lsp::MessageType::kLog, "ignoring unknown notification " + method);
    }
    return;
  }
  if (!handler->second)
    return;
  try {
    handler->second(notification.params);
  } catch (const std::exception& e) {
    log(lsp::MessageType::kError, method + " failed: " + e.what());
  }
}

void LspServer::dispatch_response(const protocol::Response& response) {
  const auto* id = std::get_if<std::int64_t>(&response.id);
  auto it = id == nullptr ? pending_.end() : pending_.find(*id);
  if (it == pending_.end()) {
    log(lsp::MessageType::kWarning, "response to an unknown request");
    return;
  }
  ResponseHandler handler = std::move(it->second);
  pending_.erase(it);
  if (response.error) {
    log(lsp::MessageType::kWarning,
        "the client answered with an error: " + response.error->message);
  }
  handler(response);
}

void LspServer::trace_incoming(std::string_view kind, std::string_view method, const json& params) {
  if (trace_ == "off" || exit_requested_)
    return;
  json trace = {{"message", "Received " + std::string(kind) + " '" + std::string(method) + "'."}};
  if (trace_ == "verbose")
    trace["verbose"] = "Params: " + protocol::dump_message(params);
  send(protocol::make_notification("$/logTrace", std::move(trace)));
}

}  // namespace awesome::server
