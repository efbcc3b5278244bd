#include "protocol/position_encoding.hpp"

namespace awesome::protocol {
namespace {

struct Char {
  std::uint32_t bytes;  ///< length of the sequence (1 for an invalid byte)
  std::uint32_t units;  ///< its length in the target encoding
};

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

/// Length of a valid UTF-8 sequence at `s[i]` and its code point, or 0 when invalid (overlong
/// forms, surrogates and values past U+10FFFF are invalid, as in the Unicode standard).
std::uint32_t valid_sequence(std::string_view s, std::size_t i, char32_t& cp) {
  auto b0 = static_cast<unsigned char>(s[i]);
  std::uint32_t len = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size())
    return 0;
  for (std::uint32_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation(b))
      return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return len;
}

Char next_char(std::string_view s, std::size_t i, PositionEncoding encoding) {
  if (static_cast<unsigned char>(s[i]) < 0x80)
    return {1, 1};  // the common case
  char32_t cp = 0;
  std::uint32_t len = valid_sequence(s, i, cp);
  if (len == 0)
    return {1, 1};
  switch (encoding) {
    case PositionEncoding::kUtf8:
      return {len, len};
    case PositionEncoding::kUtf16:
      return {len, cp >= 0x10000 ? 2U : 1U};
    case PositionEncoding::kUtf32:
      break;
  }
  return {len, 1};
}

}  // namespace

std::string_view to_string(PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::kUtf8:
      return "utf-8";
    case PositionEncoding::kUtf16:
      return "utf-16";
    case PositionEncoding::kUtf32:
      break;
  }
  return "utf-32";
}

std::optional<PositionEncoding> parse_position_encoding(std::string_view name) {
  if (name == "utf-8")
    return PositionEncoding::kUtf8;
  if (name == "utf-16")
    return PositionEncoding::kUtf16;
  if (name == "utf-32")
    return PositionEncoding::kUtf32;
  return std::nullopt;
}

std::uint32_t to_byte_column(std::string_view line, std::uint32_t units,
                             PositionEncoding encoding) {
  std::size_t byte = 0;
  std::uint32_t seen = 0;
  while (byte < line.size() && seen < units) {
    Char c = next_char(line, byte, encoding);
    if (seen + c.units > units)
      break;  // inside this character: stay at its start
    seen += c.units;
    byte += c.bytes;
  }
  return static_cast<std::uint32_t>(byte);
}

std::uint32_t from_byte_column(std::string_view line, std::uint32_t byte,
                               PositionEncoding encoding) {
  std::size_t end = byte < line.size() ? byte : line.size();
  std::size_t at = 0;
  std::uint32_t units = 0;
  while (at < end) {
    Char c = next_char(line, at, encoding);
    units += c.units;
    at += c.bytes;
  }
  return units;
}

}  // namespace awesome::protocol
