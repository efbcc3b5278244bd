#include "protocol/json_text.hpp"

#include <charconv>

namespace awesome::protocol {

namespace {

/// Length of the valid UTF-8 sequence at `s[i]` (a lead byte >= 0x80), or 0 if invalid:
/// no overlong forms, no surrogates, nothing past U+10FFFF.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char lead = b(0);
  if (lead >= 0xC2 && lead <= 0xDF)
    return cont(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!cont(1) || !cont(2) || (lead == 0xE0 && b(1) < 0xA0) || (lead == 0xED && b(1) > 0x9F))
      return 0;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3) || (lead == 0xF0 && b(1) < 0x90) ||
        (lead == 0xF4 && b(1) > 0x8F)) {
      return 0;
    }
    return 4;
  }
  return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied, which need no escape
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8_sequence(s, i); n > 0) {
        i += n;
        continue;
      }
    }
    out.append(s.substr(run, i - run));
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c >= 0x80) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        }
    }
    run = ++i;
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void append_json_number(std::string& out, std::uint64_t n) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out.append(buf, end);
}

void append_json_range(std::string& out, std::uint32_t start_line, std::uint32_t start_character,
                       std::uint32_t end_line, std::uint32_t end_character) {
  out += R"({"start":{"line":)";
  append_json_number(out, start_line);
  out += R"(,"character":)";
  append_json_number(out, start_character);
  out += R"(},"end":{"line":)";
  append_json_number(out, end_line);
  out += R"(,"character":)";
  append_json_number(out, end_character);
  out += "}}";
}

}  // namespace awesome::protocol
