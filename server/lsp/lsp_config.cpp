// LspServer: configuration from workspace/didChangeConfiguration or by pulling
// workspace/configuration (section "awesomeLs"); a change re-checks every open document.
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;

void LspServer::on_did_change_configuration(const json& params) {
  if (configuration_pull_) {
    pull_configuration();  // the notification may carry nothing (the pull model)
    return;
  }
  auto change = lsp::parse_params<lsp::DidChangeConfigurationParams>(params);
  if (!change) {
    log(lsp::MessageType::kWarning, "didChangeConfiguration: invalid params");
    return;
  }
  apply_settings(change->settings);
}

void LspServer::pull_configuration() {
  json items = json::array({{{"section", "awesomeLs"}}});
  send_request("workspace/configuration", {{"items", std::move(items)}},
               [this](const protocol::Response& response) {
                 if (response.error) {
                   // The error itself is logged by dispatch_response.
                   if (configuration_deadline_) {
                     log(lsp::MessageType::kWarning,
                         "no settings from workspace/configuration; checking with the "
                         "configuration known so far");
                   }
                 } else if (!response.result.is_array() || response.result.empty()) {
                   log(lsp::MessageType::kWarning, "workspace/configuration: unexpected result");
                 } else {
                   apply_settings(response.result.front());
                 }
                 if (configuration_deadline_)
                   end_configuration_wait();
               });
}

void LspServer::end_configuration_wait() {
  configuration_deadline_.reset();
  std::deque<Queued> held = std::move(held_);
  held_.clear();
  for (auto& item : held) dispatch(item);
}

void LspServer::tick(Clock::time_point now) {
  if (!configuration_deadline_ || now < *configuration_deadline_ || exit_requested_)
    return;
  log(lsp::MessageType::kWarning, "no answer to workspace/configuration within " +
                                      std::to_string(options_.configuration_wait.count()) +
                                      " ms; checking with the configuration known so far");
  end_configuration_wait();
  if (queue_.empty() && initialized_ && !exit_requested_)
    publish_dirty();
}

void LspServer::apply_settings(const json& settings) {
  rules::Config previous = config_.effective();
  if (auto error = config_.set_settings(settings); !error.empty()) {
    report_config_error("settings", error);
    return;
  }
  if (!(config_.effective() == previous))
    config_changed();
}

void LspServer::report_config_error(std::string_view origin, std::string_view error) {
  std::string message = "invalid configuration in " + std::string(origin) + ": " +
                        std::string(error) + " (keeping the previous configuration)";
  log(lsp::MessageType::kError, message);
  show_message(lsp::MessageType::kError, "awesome-ls: " + message);
}

void LspServer::config_changed() {
  log(lsp::MessageType::kInfo, "configuration changed; re-checking open documents");
  store_.set_config(config_.effective());
  publisher_.mark_all_dirty();
  if (pull_diagnostics_ && diagnostic_refresh_) {
    send_request("workspace/diagnostic/refresh", nullptr, [](const protocol::Response&) {});
  }
}

}  // namespace awesome::server
