// What a check reports: a rule id, a severity, a byte-precise range, a message, related places
// and fixes. Positions are 0-based lines and 0-based byte columns within the line (no line
// terminator); conversion to an editor's encoding happens outside rules/.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awesome::rules {

struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  ///< byte offset within the line
  auto operator<=>(const Position&) const = default;
};

struct Range {
  Position start;
  Position end;
  auto operator<=>(const Range&) const = default;
};

enum class Severity : std::uint8_t { kOff, kInfo, kWarning, kError };

std::string_view to_string(Severity severity);
/// Parses "off", "info", "warning", "error"; false when the word is none of them.
bool parse_severity(std::string_view word, Severity& out);

/// LSP-style diagnostic tags; rules/ only says which apply.
enum class Tag : std::uint8_t { kNone, kUnnecessary, kDeprecated };

struct TextEdit {
  Range range;
  std::string new_text;
  auto operator<=>(const TextEdit&) const = default;
};

/// A fix is a set of non-overlapping edits on the document. `safe` fixes keep every entry and
/// are applied by `check --fix` and formatting; the others are offered in the editor only.
struct Fix {
  std::string title;
  std::vector<TextEdit> edits;
  bool safe = false;
  bool preferred = false;
  auto operator<=>(const Fix&) const = default;
};

struct RelatedLocation {
  Range range;
  std::string message;
  auto operator<=>(const RelatedLocation&) const = default;
};

struct Diagnostic {
  std::string_view rule;  ///< a rule id from the catalog; static storage
  Severity severity = Severity::kWarning;
  Range range;
  std::string message;
  std::vector<RelatedLocation> related;
  std::vector<Fix> fixes;
  Tag tag = Tag::kNone;
  bool operator==(const Diagnostic&) const = default;
};

}  // namespace awesome::rules
