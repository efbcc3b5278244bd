// JSON-RPC message classification and the error replies for broken messages.
#include "protocol/jsonrpc.hpp"

#include <doctest/doctest.h>

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
  CHECK(reply["id"].is_null());
  // Brackets inside strings do not count.
  CHECK(json_nesting_depth(R"({"a": "[[[[{{{{", "b": ["\"]]]"]})") == 2);
}
