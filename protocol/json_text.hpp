// JSON written straight into a string, for the replies sent by the thousand items (document
// symbols): no tree of nlohmann values is built and freed. Only what those replies need:
// strings, unsigned numbers and LSP ranges; objects and arrays are the caller's punctuation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace awesome::protocol {

/// Appends `s` as a JSON string: quoted, with '"', '\' and control characters escaped, and
/// U+FFFD for each byte that starts no valid UTF-8 sequence (dump_message() writes one U+FFFD
/// for the bytes of a broken sequence where this writes one per byte; both are valid JSON).
void append_json_string(std::string& out, std::string_view s);

/// Appends an unsigned number.
void append_json_number(std::string& out, std::uint64_t n);

/// Appends {"start":{"line":..,"character":..},"end":{..}}.
void append_json_range(std::string& out, std::uint32_t start_line, std::uint32_t start_character,
                       std::uint32_t end_line, std::uint32_t end_character);

}  // namespace awesome::protocol
