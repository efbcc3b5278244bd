// Conversion of a column on one line of text between UTF-8 bytes and the LSP position
// encodings (UTF-8, UTF-16 code units, UTF-32 code points). Pure functions over the line's
// bytes; they know nothing of documents or lines beyond the one given.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace awesome::protocol {

enum class PositionEncoding : std::uint8_t { kUtf8, kUtf16, kUtf32 };

/// The LSP name: "utf-8", "utf-16", "utf-32".
std::string_view to_string(PositionEncoding encoding);
/// The encoding named by an LSP `PositionEncodingKind`, if known.
std::optional<PositionEncoding> parse_position_encoding(std::string_view name);

/// The byte offset in `line` of the column `units` counted in `encoding`. A column past the end
/// of the line clamps to the line's length; a column inside a character (e.g. between the two
/// halves of a surrogate pair) snaps back to the start of that character. Each byte of an
/// invalid UTF-8 sequence counts as one unit in every encoding.
std::uint32_t to_byte_column(std::string_view line, std::uint32_t units, PositionEncoding encoding);

/// The column in `encoding` of byte offset `byte` in `line`. A byte past the end clamps to the
/// end; a byte inside a multi-byte character counts that whole character (so the column lies
/// after it).
std::uint32_t from_byte_column(std::string_view line, std::uint32_t byte,
                               PositionEncoding encoding);

/// The length of `line` in `encoding` units.
inline std::uint32_t column_count(std::string_view line, PositionEncoding encoding) {
  return from_byte_column(line, static_cast<std::uint32_t>(line.size()), encoding);
}

}  // namespace awesome::protocol
