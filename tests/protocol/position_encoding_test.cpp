// Column conversion between UTF-8 bytes and the LSP position encodings.
#include "protocol/position_encoding.hpp"

#include <doctest/doctest.h>

#include <string>

using awesome::protocol::column_count;
using awesome::protocol::from_byte_column;
using awesome::protocol::parse_position_encoding;
using awesome::protocol::PositionEncoding;
using awesome::protocol::to_byte_column;

namespace {
constexpr auto kU8 = PositionEncoding::kUtf8;
constexpr auto kU16 = PositionEncoding::kUtf16;
constexpr auto kU32 = PositionEncoding::kUtf32;
}  // namespace

TEST_CASE("two-byte names: Jörn and Mądry") {
  const std::string line = "Jörn Mądry.";  // ö and ą take two bytes each
  REQUIRE(line.size() == 13);
  CHECK(from_byte_column(line, 3, kU16) == 2);  // after "Jö"
  CHECK(to_byte_column(line, 2, kU16) == 3);
  CHECK(from_byte_column(line, 9, kU16) == 7);  // after "Jörn Mą"
  CHECK(to_byte_column(line, 7, kU16) == 9);
  CHECK(column_count(line, kU16) == 11);
  CHECK(column_count(line, kU32) == 11);
  CHECK(column_count(line, kU8) == 13);
  CHECK(to_byte_column(line, 9, kU8) == 9);
}

TEST_CASE("characters outside the BMP take two UTF-16 units and one UTF-32 unit") {
  const std::string line = "a😀b";  // 😀 = U+1F600, four bytes
  CHECK(from_byte_column(line, 5, kU16) == 3);
  CHECK(from_byte_column(line, 5, kU32) == 2);
  CHECK(to_byte_column(line, 3, kU16) == 5);
  CHECK(to_byte_column(line, 2, kU32) == 5);
  CHECK(to_byte_column(line, 4, kU16) == 6);
  SUBCASE("a column between the surrogate halves snaps to the character's start") {
    CHECK(to_byte_column(line, 2, kU16) == 1);
  }
  SUBCASE("a byte inside the character counts the whole character") {
    CHECK(from_byte_column(line, 3, kU16) == 3);
    CHECK(to_byte_column(line, 3, kU8) == 1);
  }
}

TEST_CASE("CJK characters are three bytes and one UTF-16 unit") {
  const std::string line = "可信深度学习 list";
  CHECK(column_count(line, kU16) == 11);
  CHECK(to_byte_column(line, 6, kU16) == 18);
  CHECK(from_byte_column(line, 18, kU16) == 6);
}

TEST_CASE("columns past the end of the line clamp to its end") {
  const std::string line = "Jörn";
  CHECK(to_byte_column(line, 100, kU16) == 5);
  CHECK(to_byte_column(line, 100, kU8) == 5);
  CHECK(from_byte_column(line, 100, kU16) == 4);
  CHECK(to_byte_column("", 3, kU32) == 0);
}

TEST_CASE("invalid UTF-8 bytes count as one unit each and never crash") {
  const std::string line = "a\xff\xc3(b\xe2\x82";  // stray, bad continuation, truncated
  CHECK(column_count(line, kU16) == 7);
  CHECK(column_count(line, kU32) == 7);
  CHECK(to_byte_column(line, 4, kU16) == 4);
  SUBCASE("overlong forms and encoded surrogates are invalid too") {
    CHECK(column_count("\xc0\xaf", kU16) == 2);
    CHECK(column_count("\xed\xa0\x80", kU16) == 3);
    CHECK(column_count("\xf4\x90\x80\x80", kU16) == 4);
  }
}

TEST_CASE("every character boundary round-trips in every encoding") {
  const std::string line = "- Jörn Mądry, 张三 😀😀 *NeurIPS 2019* \xff end";
  for (auto enc : {kU8, kU16, kU32}) {
    for (std::uint32_t units = 0; units <= column_count(line, enc); ++units) {
      auto byte = to_byte_column(line, units, enc);
      auto back = from_byte_column(line, byte, enc);
      CAPTURE(units);
      CHECK(back <= units);  // equal unless `units` fell inside a character
      CHECK(to_byte_column(line, back, enc) == byte);
    }
  }
  std::uint32_t exact = 0;
  for (std::uint32_t units = 0; units <= column_count(line, kU16); ++units) {
    exact += from_byte_column(line, to_byte_column(line, units, kU16), kU16) == units ? 1 : 0;
  }
  CHECK(exact == column_count(line, kU16) + 1 - 2);  // two columns fall inside the emoji
}

TEST_CASE("encoding names") {
  CHECK(parse_position_encoding("utf-8") == kU8);
  CHECK(parse_position_encoding("utf-16") == kU16);
  CHECK(parse_position_encoding("utf-32") == kU32);
  CHECK_FALSE(parse_position_encoding("latin1"));
}
