// JSON-RPC message classification and the error replies for broken messages.
#include "protocol/jsonrpc.hpp"

#include <doctest/doctest.h>
#include <malloc.h>

#include <random>
#include <string>
#include <vector>

using namespace awesome::protocol;

namespace {
json reply_of(std::string_view body) {
  auto msg = parse_message(body);
  REQUIRE(std::holds_alternative<Invalid>(msg));
  auto& inv = std::get<Invalid>(msg);
  return inv.reply ? *inv.reply : json();
}
}  // namespace

TEST_CASE("requests, notifications and responses are told apart") {
  auto req = parse_message(R"({"jsonrpc":"2.0","id":7,"method":"shutdown"})");
  REQUIRE(std::holds_alternative<Request>(req));
  CHECK(std::get<Request>(req).id == RequestId{std::int64_t{7}});
  CHECK(std::get<Request>(req).params.is_null());

  auto str_id = parse_message(R"({"jsonrpc":"2.0","id":"a-1","method":"m","params":[1]})");
  REQUIRE(std::holds_alternative<Request>(str_id));
  CHECK(std::get<Request>(str_id).id == RequestId{std::string("a-1")});

  auto note = parse_message(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
  REQUIRE(std::holds_alternative<Notification>(note));
  CHECK(std::get<Notification>(note).method == "initialized");

  auto resp = parse_message(R"({"jsonrpc":"2.0","id":3,"result":[{"a":1}]})");
  REQUIRE(std::holds_alternative<Response>(resp));
  CHECK(std::get<Response>(resp).result == json::parse(R"([{"a":1}])"));

  auto err = parse_message(R"({"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"no"}})");
  REQUIRE(std::holds_alternative<Response>(err));
  CHECK(std::get<Response>(err).error->code == ErrorCode::kMethodNotFound);
}

TEST_CASE("invalid JSON gets a parse error with a null id") {
  json reply = reply_of(R"({"jsonrpc":"2.0","id":1,"method":)");
  CHECK(reply["id"].is_null());
  CHECK(reply["error"]["code"] == -32700);
}

TEST_CASE("structurally invalid messages get invalid-request replies") {
  SUBCASE("wrong version keeps the id") {
    json reply = reply_of(R"({"jsonrpc":"1.0","id":5,"method":"x"})");
    CHECK(reply["id"] == 5);
    CHECK(reply["error"]["code"] == -32600);
  }
  SUBCASE("missing version") {
    CHECK(reply_of(R"({"id":5,"method":"x"})")["error"]["code"] == -32600);
  }
  SUBCASE("missing method") {
    json reply = reply_of(R"({"jsonrpc":"2.0","id":6})");
    CHECK(reply["id"] == 6);
    CHECK(reply["error"]["code"] == -32600);
  }
  SUBCASE("not an object") {
    json reply = reply_of(R"([1,2])");
    CHECK(reply["id"].is_null());
    CHECK(reply["error"]["code"] == -32600);
  }
  SUBCASE("bad id type") {
    CHECK(reply_of(R"({"jsonrpc":"2.0","id":{"x":1},"method":"m"})")["id"].is_null());
    CHECK(reply_of(R"({"jsonrpc":"2.0","id":1.5,"method":"m"})")["error"]["code"] == -32600);
  }
  SUBCASE("method not a string, params a scalar") {
    CHECK(reply_of(R"({"jsonrpc":"2.0","id":1,"method":3})")["error"]["code"] == -32600);
    CHECK(reply_of(R"({"jsonrpc":"2.0","id":1,"method":"m","params":3})")["error"]["code"] ==
          -32600);
  }
}

TEST_CASE("a broken response is dropped without a reply") {
  CHECK(reply_of(R"({"jsonrpc":"1.0","id":1,"result":null})").is_null());
  CHECK(reply_of(R"({"jsonrpc":"2.0","id":null,"result":1})").is_null());
}

TEST_CASE("builders write JSON-RPC 2.0 and dump_message survives invalid UTF-8") {
  CHECK(make_result(RequestId{std::int64_t{1}}, nullptr).dump() ==
        R"({"id":1,"jsonrpc":"2.0","result":null})");
  CHECK(make_notification("exit", nullptr).dump() == R"({"jsonrpc":"2.0","method":"exit"})");
  CHECK(make_error(nullptr, ErrorCode::kServerNotInitialized, "no").dump() ==
        R"({"error":{"code":-32002,"message":"no"},"id":null,"jsonrpc":"2.0"})");
  json bad = make_notification("m", json{{"s", std::string("a\xff")}});
  CHECK(dump_message(bad) ==
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"s\":\"a\xEF\xBF\xBD\"}}");
}

TEST_CASE("a body nested deeper than kMaxJsonDepth is refused before parsing") {
  const auto nested = [](int depth) {
    return R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" + std::string(depth - 1, '[') +
           std::string(depth - 1, ']') + "}";
  };
  CHECK(std::holds_alternative<Request>(parse_message(nested(kMaxJsonDepth))));
  const json reply = reply_of(nested(kMaxJsonDepth + 1));
  CHECK(reply["error"]["code"] == -32600);
  CHECK(reply["id"] == 1);  // read from the raw text, so the client's request gets its answer
  // Brackets inside strings do not count.
  CHECK(json_nesting_depth(R"({"a": "[[[[{{{{", "b": ["\"]]]"]})") == 2);
}

namespace {

/// A JSON array of `count` copies of `item`.
std::string repeated(std::string_view item, std::size_t count) {
  std::string out = "[";
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0)
      out += ',';
    out += item;
  }
  return out + "]";
}

std::string request_with(std::string_view params) {
  return R"({"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"x":)" +
         std::string(params) + "}}";
}

/// An incremental change as editors send them, one per cursor.
constexpr std::string_view kChange =
    R"({"range":{"start":{"line":12,"character":4},"end":{"line":12,"character":4}},"text":"a"})";

}  // namespace

TEST_CASE("a message whose JSON values would take many times its size is refused unparsed") {
  const std::size_t count = (std::size_t{8} << 20) / 3;  // an 8 MiB body of empty objects
  const std::string body = request_with(repeated("{}", count));
  const JsonShape shape = scan_json_shape(body);
  CHECK(shape.tree_bytes > 20 * body.size());
  const json reply = reply_of(body);
  CHECK(reply["id"] == 7);
  CHECK(reply["error"]["code"] == -32600);
  CHECK(reply["error"]["message"].get<std::string>().find("MiB") != std::string::npos);

  // As a notification: answered with a null id. As a response: not answered at all.
  std::string notification = body;
  notification.replace(notification.find(R"("id":7,)"), 7, "");
  CHECK(reply_of(notification)["id"].is_null());
  const std::string response = R"({"jsonrpc":"2.0","id":7,"result":)" + repeated("{}", count) + "}";
  CHECK(reply_of(response).is_null());

  // Small messages of the same shape fit in the fixed allowance; so do the heaviest messages
  // a client really sends: one change per cursor, 20,000 cursors.
  CHECK(std::holds_alternative<Request>(parse_message(request_with(repeated("{}", 100000)))));
  const std::string changes =
      R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"contentChanges":)" +
      repeated(kChange, 20000) + "}}";
  auto parsed = parse_message(changes);
  REQUIRE(std::holds_alternative<Notification>(parsed));
  CHECK(std::get<Notification>(parsed).params["contentChanges"].size() == 20000);
  // A long text is no amplification at all.
  const std::string text = R"({"jsonrpc":"2.0","method":"m","params":{"text":")" +
                           std::string(std::size_t{32} << 20, 'a') + "\"}}";
  CHECK(scan_json_shape(text).tree_bytes < text.size() + 4096);
  CHECK(std::holds_alternative<Notification>(parse_message(text)));
}

TEST_CASE("scan_json_shape reads the top-level id and method from the raw text") {
  CHECK(scan_json_shape(R"({"id" : 12 , "method":"m"})").top_level_id == "12");
  CHECK(scan_json_shape(R"({"id":"a,\"}b"})").top_level_id == R"("a,\"}b")");
  CHECK(scan_json_shape(R"({"params":{"id":5,"method":"x"},"id":6})").top_level_id == "6");
  CHECK_FALSE(scan_json_shape(R"({"params":{"id":5,"method":"x"},"id":6})").has_method);
  CHECK(scan_json_shape(R"({"method":"m"})").has_method);
  CHECK(scan_json_shape(R"({"method":"m"})").top_level_id.empty());
  CHECK(scan_json_shape(R"({"id":)").top_level_id.empty());
  CHECK(scan_json_shape(R"(["id",1])").top_level_id.empty());
  // An id that is no valid id is answered with a null id.
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  CHECK(reply_of(R"({"jsonrpc":"2.0","id":{"a":1},"method":"m","params":)" + deep + "}")["id"]
            .is_null());
}

// The estimate must not be below what nlohmann::json really allocates, or the limit would not
// bound memory. Measured with glibc's allocator statistics, so not under AddressSanitizer.
#if defined(__SANITIZE_ADDRESS__)
#define AWESOME_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AWESOME_ASAN 1
#endif
#endif
#ifndef AWESOME_ASAN
TEST_CASE("scan_json_shape estimates at least the heap that parsing takes") {
  const auto in_use = [] {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
  };
  std::mt19937 rng(20261130);
  const auto random_value = [&rng](auto&& self, int depth) -> std::string {
    // Containers at the top, scalars only below a depth of six.
    switch (depth == 0 ? 4 + rng() % 2 : rng() % (depth > 6 ? 4 : 6)) {
      case 0:
        return std::to_string(rng());
      case 1:
        return "null";
      case 2:
        return "\"" + std::string(rng() % 40, 'k') + "\"";
      case 3:
        return "true";
      case 4: {
        std::string out = "[";
        for (std::size_t i = 0, n = rng() % 5; i < n; ++i)
          out += (i ? "," : "") + self(self, depth + 1);
        return out + "]";
      }
      default: {
        std::string out = "{";
        for (std::size_t i = 0, n = rng() % 5; i < n; ++i) {
          out += (i ? ",\"" : "\"") + std::string(1 + rng() % 30, 'a' + static_cast<char>(i)) +
                 "\":" + self(self, depth + 1);
        }
        return out + "}";
      }
    }
  };
  std::vector<std::pair<std::string, std::string>> bodies = {
      {"empty objects", repeated("{}", 300000)},
      {"empty arrays", repeated("[]", 300000)},
      {"numbers", repeated("1", 300000)},
      {"empty strings", repeated(R"("")", 300000)},
      {"long strings", repeated(R"("abcdefghijklmnopqrstuvwxyz")", 100000)},
      {"changes", repeated(kChange, 20000)},
      {"random", repeated(random_value(random_value, 0), 1)},
  };
  std::string members = "{";
  for (int i = 0; i < 200000; ++i) members += (i ? ",\"" : "\"") + std::to_string(i) + "\":0";
  bodies.emplace_back("members", members + "}");
  for (int i = 0; i < 30; ++i)
    bodies.emplace_back("random", repeated(random_value(random_value, 0), 2000));
  for (const auto& [name, body] : bodies) {
    CAPTURE(name);
    const std::size_t before = in_use();
    const json parsed = json::parse(body);
    const std::size_t taken = in_use() - before;
    CHECK(parsed.is_array() == (body.front() == '['));
    CHECK(taken <= scan_json_shape(body).tree_bytes);
  }
}
#endif
