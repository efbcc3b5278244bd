// The direct JSON writer against nlohmann: the same value for every valid UTF-8 string (so the
// same text once parsed), valid JSON with U+FFFD for broken UTF-8, and ranges as LSP writes them.
#include "protocol/json_text.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace {

using awesome::protocol::append_json_number;
using awesome::protocol::append_json_range;
using awesome::protocol::append_json_string;
using nlohmann::json;

std::string written(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("append_json_string writes what nlohmann reads back as the same string") {
  for (const std::string& s :
       std::vector<std::string>{"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r",
                                std::string("nul \0 byte", 10), "\x01\x1f\x7f", "ü · 日本 😀"}) {
    CAPTURE(s);
    CHECK(json::parse(written(s)).get<std::string>() == s);
    CHECK(written(s) == json(s).dump());  // byte for byte, where nlohmann's escapes agree
  }
  // Random strings of the characters that matter, valid UTF-8 only.
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"a", "\"", "\\", "\n", "\x02", "é", "€", "😀", " "};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (std::size_t n = rng() % 20; n-- > 0;) s += pieces[rng() % pieces.size()];
    REQUIRE(json::parse(written(s)).get<std::string>() == s);
  }
}

TEST_CASE("append_json_string replaces each byte of broken UTF-8 with U+FFFD") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(json::parse(written("a\xff"
                            "b"))
            .get<std::string>() == "a" + fffd + "b");
  // A truncated three-byte sequence, a lone continuation byte, an overlong form, a surrogate
  // and a code point past U+10FFFF: each byte replaced, the text after kept.
  CHECK(json::parse(written("\xE2\x82z")).get<std::string>() == fffd + fffd + "z");
  CHECK(json::parse(written("\x80")).get<std::string>() == fffd);
  CHECK(json::parse(written("\xC0\xAF")).get<std::string>() == fffd + fffd);
  CHECK(json::parse(written("\xED\xA0\x80")).get<std::string>() == fffd + fffd + fffd);
  CHECK(json::parse(written("\xF4\x90\x80\x80")).get<std::string>() == fffd + fffd + fffd + fffd);
  // Whatever the bytes, the result parses.
  std::mt19937 rng(5);
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (std::size_t n = rng() % 12; n-- > 0;) s.push_back(static_cast<char>(rng() % 256));
    REQUIRE_FALSE(json::parse(written(s), nullptr, false).is_discarded());
  }
}

TEST_CASE("numbers and ranges") {
  std::string out;
  append_json_number(out, 0);
  out += ",";
  append_json_number(out, 18446744073709551615ull);
  CHECK(out == "0,18446744073709551615");
  out.clear();
  append_json_range(out, 1, 2, 3, 4);
  CHECK(json::parse(out) ==
        json{{"start", {{"line", 1}, {"character", 2}}}, {"end", {{"line", 3}, {"character", 4}}}});
}
