// JSON-RPC 2.0 as LSP uses it: error codes, classification of an incoming body into request,
// notification or response, and builders for outgoing messages. Parsing never throws; a body
// that is not a valid message yields the error reply it deserves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace awesome::protocol {

using nlohmann::json;

enum class ErrorCode : std::int32_t {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
  kRequestCancelled = -32800,
  kContentModified = -32801,
};

struct ResponseError {
  ErrorCode code = ErrorCode::kInternalError;
  std::string message;
};

/// A request or notification id: an integer or a string (null only in error replies).
using RequestId = std::variant<std::int64_t, std::string>;
json id_to_json(const RequestId& id);
std::optional<RequestId> id_from_json(const json& value);

struct Request {
  RequestId id;
  std::string method;
  json params;  ///< null when absent
};
struct Notification {
  std::string method;
  json params;
};
struct Response {
  RequestId id;
  json result;  ///< null when `error` is set
  std::optional<ResponseError> error;
};
/// A body that is no valid message. `reply` is the error response to send (id null when the
/// id could not be read), or empty when nothing may be answered (e.g. a broken notification).
struct Invalid {
  std::optional<json> reply;
  std::string reason;
};

using Message = std::variant<Request, Notification, Response, Invalid>;

/// Bodies nested deeper than this are refused before parsing: copying, comparing or printing
/// a json value recurses once per level, so a hostile depth would overflow the stack.
inline constexpr int kMaxJsonDepth = 128;

/// Parsing a body may build at most this many times its size, plus kJsonTreeSlack, in JSON
/// values: `[{},{},...]` would otherwise take about 50 bytes of heap per byte of input.
inline constexpr std::size_t kJsonTreeFactor = 4;
inline constexpr std::size_t kJsonTreeSlack = std::size_t{64} << 20;

/// What parsing a JSON text would build, counted in one pass without building it. The text
/// need not be valid JSON; for invalid text the figures are those of its valid prefix, roughly.
struct JsonShape {
  int depth = 0;               ///< deepest nesting of arrays and objects
  std::size_t tree_bytes = 0;  ///< upper estimate of the heap a parsed nlohmann::json takes
  /// Raw text of the value of the top-level member "id" (the last one), empty when absent.
  std::string_view top_level_id;
  bool has_method = false;  ///< the top-level object has a member "method"
};
JsonShape scan_json_shape(std::string_view text);

/// Deepest nesting of arrays and objects in a JSON text (brackets inside strings ignored).
int json_nesting_depth(std::string_view text);

/// Classifies one framed body. Never throws.
Message parse_message(std::string_view body);

/// Builders for outgoing messages; each returns the complete JSON object.
json make_result(const RequestId& id, json result);
json make_error(const json& id, ErrorCode code, std::string_view message);
json make_request(const RequestId& id, std::string_view method, json params);
json make_notification(std::string_view method, json params);

/// Serialises a message for the wire; invalid UTF-8 in strings is replaced, never thrown on.
std::string dump_message(const json& message);

}  // namespace awesome::protocol
