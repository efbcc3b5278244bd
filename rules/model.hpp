// The document model of an awesome paper list: headings and sections, paper entries with
// their parts and exact ranges, and the other bullets that get no entry rules. Positions are
// absolute (0-based line, byte column); the model is rebuilt cheaply after every edit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/config.hpp"
#include "rules/diagnostic.hpp"

namespace awesome::rules {

enum class LinkStyle : std::uint8_t {
  kCanonical,      ///< [[label]](url)
  kInnerBracket,   ///< [[label](url)]
  kParenthesized,  ///< ([label](url))
  kSingle,         ///< [label](url)
};

struct Link {
  std::string label;
  std::string url;
  Range range;  ///< the whole link
  Range label_range;
  Range url_range;
  LinkStyle style = LinkStyle::kCanonical;
  bool operator==(const Link&) const = default;
};

/// An arXiv identifier, normalized: "2010.09515" or "cs/0112017" (no version).
struct ArxivId {
  std::string id;
  std::uint32_t yymm = 0;    ///< 2010 for 2010.09515 and cs/2010xxx; sort key with `number`
  std::uint32_t number = 0;  ///< the part after the YYMM
  int year() const {
    return yymm / 100 >= 90 ? 1900 + static_cast<int>(yymm / 100)
                            : 2000 + static_cast<int>(yymm / 100);
  }
  /// Year and month as YYYYMM, so old 2-digit-year ids (1990s) sort before new ones.
  std::uint32_t sort_month() const { return static_cast<std::uint32_t>(year()) * 100 + yymm % 100; }
  auto operator<=>(const ArxivId& other) const {
    if (auto c = sort_month() <=> other.sort_month(); c != 0)
      return c;
    return number <=> other.number;
  }
  bool operator==(const ArxivId& other) const {
    return yymm == other.yymm && number == other.number && id == other.id;
  }
};

struct Venue {
  std::string text;  ///< between the asterisks (plain: the name and a year inside it)
  Range range;       ///< of `text`
  std::string name;  ///< without the year
  std::optional<int> year;
  bool emphasis = true;  ///< `*ICML 2020*`, or plain `ICML 2020` after the names
  bool operator==(const Venue&) const = default;
};

struct KeywordPhrase {
  std::string text;
  Range range;
  bool operator==(const KeywordPhrase&) const = default;
};

enum class DigestStyle : std::uint8_t { kNone, kPlain /* - Digest: */, kDetails /* <details> */ };

struct Entry {
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;
  std::string title;
  Range title_range;
  Range line_range;  ///< the whole title line
  std::vector<Link> links;
  std::optional<ArxivId> arxiv;  ///< from the [[paper]] link
  std::optional<std::uint32_t> authors_line;
  std::string authors;  ///< the author list without the venue
  std::optional<Venue> venue;
  std::optional<std::uint32_t> keywords_line;
  std::vector<KeywordPhrase> keywords;
  std::optional<std::uint32_t> digest_line;
  DigestStyle digest_style = DigestStyle::kNone;
  std::string digest;              ///< digest text, trimmed
  std::size_t section = SIZE_MAX;  ///< index into Model::sections, SIZE_MAX outside any
  bool operator==(const Entry&) const = default;
};

enum class SectionKind : std::uint8_t {
  kTitle,     ///< the document title (`# Awesome ...`)
  kToc,       ///< table of contents
  kGroup,     ///< `# Paper List` in the 2026 dialect, or a non-paper `#` part
  kCategory,  ///< `## Category`
  kYear,      ///< `### Category: 2020`, `### 2026`, `<summary>Category: 2024</summary>`
  kOther,     ///< any other heading (non-paper content)
};

struct Section {
  SectionKind kind = SectionKind::kOther;
  int level = 0;       ///< 1..6 for headings, 0 for a `<summary>` year section
  std::string title;   ///< heading text without `#`s
  std::string anchor;  ///< GitHub slug
  std::optional<int> year;
  std::string category;  ///< for year sections, the category named in the heading
  Range range;           ///< the heading line
  Range title_range;
  std::uint32_t end_line = 0;  ///< last line of the section's content
  std::size_t parent = SIZE_MAX;
  bool holds_papers = false;         ///< inside the paper list part of the document
  std::vector<std::size_t> entries;  ///< indexes into Model::entries, directly in this section
  bool operator==(const Section&) const = default;
};

struct TocItem {
  std::string text;
  std::string anchor;  ///< without '#'
  Range range;         ///< the link
  Range anchor_range;  ///< the `#anchor` part
  int depth = 0;       ///< nesting level in the ToC list
  bool operator==(const TocItem&) const = default;
};

/// What a list does where the lists of the family differ: learnt from the majority of its
/// entries (conventions.hpp), or pinned by the configuration.
struct Conventions {
  std::string paper_label = "paper";  ///< the paper link's label: `paper`, `pdf`, `link`...
  bool links_below = false;           ///< links on the lines under the title
  std::string keyword_label = "Key Word";
  char keyword_separator = ';';
  bool digest = true;                    ///< entries end in a digest
  bool sorted = true;                    ///< entries sorted by arXiv id inside their sections
  bool year_by_venue = false;            ///< year sections by the venue's year, not the arXiv id's
  bool venue_emphasis = true;            ///< `*ICML 2020*` rather than a plain `ICML 2020`
  bool cross_listed = false;             ///< identical copies of an entry in several sections
  std::vector<std::string> sub_labels;   ///< extra sub-lines of the list (`Modality`, ...)
  std::vector<std::string> link_labels;  ///< link labels of the list's own (lowercase)
  bool operator==(const Conventions&) const = default;
};

struct Model {
  Dialect dialect = Dialect::k2026;
  Conventions conventions;
  bool dialect_forced = false;
  std::vector<Section> sections;
  std::vector<Entry> entries;  ///< paper entries only, in document order
  std::vector<TocItem> toc;
  std::optional<std::size_t> toc_section;
  bool operator==(const Model&) const = default;
};

}  // namespace awesome::rules
