#include "server/lsp/publisher.hpp"

#include "protocol/jsonrpc.hpp"

namespace awesome::server {

void Publisher::mark_dirty(std::string_view uri) {
  if (auto it = states_.find(uri); it != states_.end())
    it->second.dirty = true;
}

void Publisher::mark_all_dirty() {
  for (auto& [uri, state] : states_) state.dirty = true;
}

void Publisher::forget(std::string_view uri) {
  if (auto it = states_.find(uri); it != states_.end())
    states_.erase(it);
}

Publisher::State& Publisher::update(const std::string& uri, rules::ListDocument& list,
                                    const ConvertOptions& options, bool& changed) {
  State& state = states_[uri];
  changed = false;
  if (state.dirty) {
    state.converter.convert(list, uri, options, changed);
    state.dirty = false;
  }
  return state;
}

std::optional<std::string> Publisher::push(const std::string& uri, rules::ListDocument& list,
                                           std::int32_t version, const ConvertOptions& options) {
  auto it = states_.find(uri);
  if (it != states_.end() && !it->second.dirty)
    return std::nullopt;
  bool changed = false;
  State& state = update(uri, list, options, changed);
  if (state.published && !changed)
    return std::nullopt;
  state.published = true;
  // Written as text: a large list's diagnostics are megabytes of JSON, most of it kept from
  // the previous publish.
  const std::string& items = state.converter.items_text();
  const std::string uri_json = protocol::dump_message(nlohmann::json(uri));
  std::string body;
  body.reserve(items.size() + uri_json.size() + 128);
  body += R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
  body += uri_json;
  body += R"(,"version":)";
  body += std::to_string(version);
  body += R"(,"diagnostics":)";
  body += items;
  body += "}}";
  return body;
}

Publisher::Pulled Publisher::pull(const std::string& uri, rules::ListDocument& list,
                                  const ConvertOptions& options) {
  bool changed = false;
  State& state = update(uri, list, options, changed);
  const std::string& items = state.converter.items_text();
  if (state.pull_result == 0 || items != state.pulled_items) {
    state.pull_result = ++last_result_id_;
    state.pulled_items = items;
  }
  return {std::to_string(state.pull_result), items};
}

const DiagnosticConverter* Publisher::converter(std::string_view uri) const {
  auto it = states_.find(uri);
  return it == states_.end() ? nullptr : &it->second.converter;
}

}  // namespace awesome::server
