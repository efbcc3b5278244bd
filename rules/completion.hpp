// Completion for a list being edited: what the cursor is in (a venue on the author line, a key
// word, a link label, a heading, an empty line of a section) and the items to offer there,
// ranked by how the document uses them. Pure data in byte positions; the server converts it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/model.hpp"

namespace awesome::rules {

class ListDocument;

/// How the document uses its key words and venues, and its outline by lines. Kept by
/// ListDocument and rebuilt only when an edit changes what it counts.
struct Vocabulary {
  struct Section {
    std::uint32_t first_line = 0;  ///< the heading
    std::uint32_t last_line = 0;   ///< last line of its content
    SectionKind kind = SectionKind::kOther;
    int level = 0;
    std::string title;
    std::optional<int> year;
    std::size_t category = SIZE_MAX;  ///< index into categories
    bool holds_papers = false;
  };
  struct Phrase {
    std::string text;
    std::uint32_t count = 0;
    std::vector<std::pair<std::size_t, std::uint32_t>> categories;  ///< (category, uses), most first
  };
  struct VenueUse {
    std::string name;  ///< without the year
    std::uint32_t count = 0;
  };

  Dialect dialect = Dialect::k2026;
  std::vector<std::string> categories;  ///< category titles, document order
  std::vector<Section> sections;        ///< document order
  std::vector<Phrase> phrases;          ///< most used first, then by text
  std::vector<VenueUse> venues;         ///< most used first, then by name
  std::uint64_t fingerprint = 0;        ///< of what phrases and venues were counted from

  /// The innermost section whose lines hold `line`, or SIZE_MAX.
  std::size_t section_at(std::uint32_t line) const;
  /// The category around `line`, or SIZE_MAX.
  std::size_t category_at(std::uint32_t line) const;
};

enum class CompletionKind : std::uint8_t { kVenue, kKeyword, kLinkLabel, kHeading, kEntry };

struct CompletionItem {
  CompletionKind kind = CompletionKind::kKeyword;
  std::string label;
  std::string insert_text;  ///< a snippet when `snippet`, plain text otherwise
  bool snippet = false;
  Range range;              ///< the text it replaces (bytes)
  std::string filter_text;
  std::string sort_text;
  std::string detail;
  std::string documentation;  ///< Markdown
};

struct CompletionOptions {
  bool snippets = false;   ///< the client takes snippet syntax
  int current_year = 0;    ///< for year headings; 0 = this year by the clock
};

/// The items to offer at `pos` (byte column), best first; empty where nothing fits.
std::vector<CompletionItem> complete(ListDocument& doc, Position pos, const CompletionOptions& options);

}  // namespace awesome::rules
