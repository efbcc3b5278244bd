// Completion for a list being edited: what the cursor is in (a venue on the author line, a key
// word, a link label, a heading, an empty line of a section) and the items to offer there,
// ranked by how the document uses them. Pure data in byte positions; the server converts it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/model.hpp"

namespace awesome::rules {

class ListDocument;

/// How the document uses its key words and venues. Kept up to date by ListDocument edit by
/// edit: an edit inside entries costs the entries it touches, not the document.
struct Vocabulary {
  struct Use {
    std::uint32_t count = 0;
    std::map<std::string, std::uint32_t, std::less<>> categories;  ///< category title -> uses
    bool operator==(const Use&) const = default;
  };
  std::unordered_map<std::string, Use> phrases;  ///< key word phrase -> uses
  std::unordered_map<std::string, Use> venues;   ///< venue name (without year) -> uses
};

/// The document's outline by lines, for features that need section bounds.
struct LineOutline {
  struct Section {
    std::uint32_t first_line = 0;  ///< the heading
    std::uint32_t last_line = 0;   ///< last line of its content
    SectionKind kind = SectionKind::kOther;
    int level = 0;
    std::string title;
    std::optional<int> year;
    std::size_t category = SIZE_MAX;  ///< index into sections of its category
    bool holds_papers = false;
    bool operator==(const Section&) const = default;
  };
  Dialect dialect = Dialect::k2026;
  std::vector<Section> sections;  ///< document order

  /// The innermost section whose lines hold `line`, or SIZE_MAX.
  std::size_t section_at(std::uint32_t line) const;
};

enum class CompletionKind : std::uint8_t { kVenue, kKeyword, kLinkLabel, kHeading, kEntry };

struct CompletionItem {
  CompletionKind kind = CompletionKind::kKeyword;
  std::string label;
  std::string insert_text;  ///< a snippet when `snippet`, plain text otherwise
  bool snippet = false;
  Range range;  ///< the text it replaces (bytes)
  std::string filter_text;
  std::string sort_text;
  std::string detail;             ///< for clients that show no label details
  std::string label_detail;       ///< shown right after the label: the proposed year (" 2021")
  std::string label_description;  ///< shown beside the label: what the ranking counts
  std::string documentation;      ///< Markdown
};

struct CompletionOptions {
  bool snippets = false;  ///< the client takes snippet syntax
  int current_year = 0;   ///< for year headings; 0 = this year by the clock
  /// Write each item's `documentation`; a client that resolves it later (only for the item
  /// the user selects) asks without, and the hundred strings are not built.
  bool documentation = true;
};

/// The items to offer at `pos` (byte column), best first; empty where nothing fits.
std::vector<CompletionItem> complete(ListDocument& doc, Position pos,
                                     const CompletionOptions& options);

}  // namespace awesome::rules
