#include "protocol/jsonrpc.hpp"

#include <algorithm>

namespace awesome::protocol {
namespace {

Invalid invalid(const json& id, std::string reason) {
  return {make_error(id, ErrorCode::kInvalidRequest, reason), std::move(reason)};
}

std::optional<ResponseError> read_error(const json& error) {
  if (!error.is_object())
    return std::nullopt;
  ResponseError out;
  auto code = error.find("code");
  if (code != error.end() && code->is_number_integer()) {
    out.code = static_cast<ErrorCode>(code->get<std::int32_t>());
  }
  auto message = error.find("message");
  if (message != error.end() && message->is_string())
    out.message = message->get<std::string>();
  return out;
}

Message classify_response(const json& msg, const json& raw_id) {
  auto id = id_from_json(raw_id);
  if (!id)
    return Invalid{std::nullopt, "response with an invalid id"};
  Response response{*id, nullptr, std::nullopt};
  if (auto error = msg.find("error"); error != msg.end()) {
    response.error = read_error(*error);
    if (!response.error)
      return Invalid{std::nullopt, "response with a malformed error"};
  } else if (auto result = msg.find("result"); result != msg.end()) {
    response.result = *result;
  } else {
    return Invalid{std::nullopt, "response without result or error"};
  }
  return response;
}

}  // namespace

json id_to_json(const RequestId& id) {
  return std::visit([](const auto& v) { return json(v); }, id);
}

std::optional<RequestId> id_from_json(const json& value) {
  if (value.is_number_integer())
    return RequestId{value.get<std::int64_t>()};
  if (value.is_string())
    return RequestId{value.get<std::string>()};
  return std::nullopt;
}

int json_nesting_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

Message parse_message(std::string_view body) {
  if (json_nesting_depth(body) > kMaxJsonDepth) {
    return invalid(nullptr, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  json msg = json::parse(body, nullptr, false);
  if (msg.is_discarded()) {
    return Invalid{make_error(nullptr, ErrorCode::kParseError, "Parse error"), "invalid JSON"};
  }
  if (!msg.is_object())
    return invalid(nullptr, "a message must be a JSON object");
  auto id_it = msg.find("id");
  const json id = id_it == msg.end() ? json() : *id_it;
  bool has_id = id_it != msg.end();
  if (has_id && !id.is_null() && !id_from_json(id)) {
    return invalid(nullptr, "the id must be an integer or a string");
  }
  // A broken response is dropped: answering a reply would start a ping-pong of errors.
  bool response_shaped =
      has_id && !msg.contains("method") && (msg.contains("result") || msg.contains("error"));
  auto version = msg.find("jsonrpc");
  if (version == msg.end() || *version != "2.0") {
    if (response_shaped)
      return Invalid{std::nullopt, "response without jsonrpc \"2.0\""};
    return invalid(id, "jsonrpc must be \"2.0\"");
  }
  auto method = msg.find("method");
  if (method == msg.end()) {
    if (response_shaped)
      return classify_response(msg, id);
    return invalid(id, "missing method");
  }
  if (!method->is_string())
    return invalid(id, "method must be a string");
  json params = msg.value("params", json());
  if (!params.is_null() && !params.is_object() && !params.is_array()) {
    return invalid(id, "params must be an object or an array");
  }
  if (!has_id)
    return Notification{method->get<std::string>(), std::move(params)};
  if (id.is_null())
    return invalid(nullptr, "a request id must not be null");
  return Request{*id_from_json(id), method->get<std::string>(), std::move(params)};
}

json make_result(const RequestId& id, json result) {
  return {{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"result", std::move(result)}};
}

json make_error(const json& id, ErrorCode code, std::string_view message) {
  return {{"jsonrpc", "2.0"},
          {"id", id},
          {"error", {{"code", static_cast<std::int32_t>(code)}, {"message", message}}}};
}

json make_request(const RequestId& id, std::string_view method, json params) {
  json out = {{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"method", method}};
  if (!params.is_null())
    out["params"] = std::move(params);
  return out;
}

json make_notification(std::string_view method, json params) {
  json out = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null())
    out["params"] = std::move(params);
  return out;
}

std::string dump_message(const json& message) {
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace awesome::protocol
