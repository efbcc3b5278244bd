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

Message classify_response(json& msg, const json& raw_id) {
  auto id = id_from_json(raw_id);
  if (!id)
    return Invalid{std::nullopt, "response with an invalid id"};
  Response response{*id, nullptr, std::nullopt};
  if (auto error = msg.find("error"); error != msg.end()) {
    response.error = read_error(*error);
    if (!response.error)
      return Invalid{std::nullopt, "response with a malformed error"};
  } else if (auto result = msg.find("result"); result != msg.end()) {
    response.result = std::move(*result);
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

namespace {

// Heap bytes of nlohmann::json pieces with libstdc++ and glibc malloc (chunk sizes, measured):
// a value slot in an array (16, doubled by vector growth), the std::map behind an object, the
// std::vector behind an array, a map node holding a member, a std::string behind a string
// value; strings longer than the small-string buffer add their own chunk.
constexpr std::size_t kArraySlotBytes = 32;
constexpr std::size_t kObjectBytes = 64;
constexpr std::size_t kArrayBytes = 32;
constexpr std::size_t kMemberBytes = 96;
constexpr std::size_t kStringBytes = 48;
constexpr std::size_t kSmallString = 15;

std::size_t string_heap(std::size_t length) {
  return length > kSmallString ? length + 1 + 16 : 0;
}

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim_json_space(std::string_view text) {
  while (!text.empty() && is_json_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_json_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

JsonShape scan_json_shape(std::string_view text) {
  JsonShape shape;
  std::string open;         // '{' or '[' for each container not yet closed
  bool expect_key = false;  // in an object, after '{' or ',': the next string names a member
  bool first_item = false;  // just after '[': the next token, unless ']', is an element
  bool id_key = false;      // the last top-level member name was "id"
  std::size_t id_start = std::string_view::npos;
  std::size_t id_end = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_json_space(c))
      continue;
    if (first_item) {
      first_item = false;
      if (c != ']')
        shape.tree_bytes += kArraySlotBytes;
    }
    const bool top_level = open.size() == 1;
    if (top_level && (c == ',' || c == '}' || c == ']') && id_start != std::string_view::npos &&
        id_end == std::string_view::npos) {
      id_end = i;  // the value of the top-level "id" ends here
    }
    switch (c) {
      case '"': {
        std::size_t end = i + 1;
        while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
        const std::string_view raw = text.substr(i + 1, std::min(end, text.size()) - i - 1);
        if (expect_key) {
          shape.tree_bytes += kMemberBytes + string_heap(raw.size());
          if (top_level) {
            id_key = raw == "id";
            shape.has_method = shape.has_method || raw == "method";
          }
          expect_key = false;
        } else {
          shape.tree_bytes += kStringBytes + string_heap(raw.size());
        }
        i = end;
        break;
      }
      case '{':
      case '[':
        shape.tree_bytes += c == '{' ? kObjectBytes : kArrayBytes;
        open.push_back(c);
        shape.depth = std::max(shape.depth, static_cast<int>(open.size()));
        expect_key = c == '{';
        first_item = c == '[';
        break;
      case '}':
      case ']':
        if (!open.empty())
          open.pop_back();
        expect_key = false;
        break;
      case ',':
        expect_key = !open.empty() && open.back() == '{';
        if (!open.empty() && open.back() == '[')
          shape.tree_bytes += kArraySlotBytes;
        break;
      case ':':
        if (top_level && id_key) {
          id_start = i + 1;
          id_end = std::string_view::npos;
          id_key = false;
        }
        break;
      default:
        break;
    }
  }
  if (id_start != std::string_view::npos && id_end != std::string_view::npos)
    shape.top_level_id = trim_json_space(text.substr(id_start, id_end - id_start));
  return shape;
}

int json_nesting_depth(std::string_view text) {
  return scan_json_shape(text).depth;
}

Message parse_message(std::string_view body) {
  const JsonShape shape = scan_json_shape(body);
  const std::size_t tree_limit = kJsonTreeFactor * body.size() + kJsonTreeSlack;
  if (shape.depth > kMaxJsonDepth || shape.tree_bytes > tree_limit) {
    std::string reason =
        shape.depth > kMaxJsonDepth
            ? "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"
            : "a message of " + std::to_string(body.size()) +
                  " bytes whose JSON values would take " + std::to_string(shape.tree_bytes >> 20) +
                  " MiB (the limit is " + std::to_string(kJsonTreeFactor) +
                  " times its size plus " + std::to_string(kJsonTreeSlack >> 20) + " MiB)";
    // Refused unparsed, so answered under the id read from the raw text when there is one; a
    // response (an id but no method) gets no answer, like any broken response.
    const json raw_id = json::parse(shape.top_level_id, nullptr, false);
    const bool readable_id = !raw_id.is_discarded() && id_from_json(raw_id).has_value();
    if (readable_id && !shape.has_method)
      return Invalid{std::nullopt, std::move(reason)};
    return invalid(readable_id ? raw_id : json(), std::move(reason));
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
  // Moved out, not copied: params may be most of a large message.
  auto params_it = msg.find("params");
  json params = params_it == msg.end() ? json() : std::move(*params_it);
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
