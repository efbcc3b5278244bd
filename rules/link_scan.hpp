// Internal: hand-written scanners for the two patterns the entry parser runs on every entry,
// the entry link (patterns::kLink) and the arXiv URL (patterns::kArxivUrl). Each matches
// exactly what its RE2 pattern matches (tests/rules/link_scan_test.cpp compares them on the
// real lists and on random text) at a fraction of the cost: the patterns have no ambiguity a
// backtracking-free scan cannot settle, so one pass over the bytes decides.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "rules/model.hpp"

namespace awesome::rules {

/// A link as patterns::kLink matches it: `[[label]](url)`, `[[label](url)]`,
/// `([label](url))` or `[label](url)`. Views into the scanned line.
struct LinkMatch {
  std::size_t begin = 0;  ///< the first byte of the whole match
  std::size_t end = 0;    ///< one past its last byte
  std::string_view label;
  std::string_view url;
  LinkStyle style = LinkStyle::kSingle;
};

/// The link starting exactly at `pos` (kLink anchored there), nullopt when none does.
std::optional<LinkMatch> link_at(std::string_view line, std::size_t pos);
/// The leftmost link starting at or after `pos` (kLink unanchored from `pos`).
std::optional<LinkMatch> find_link(std::string_view line, std::size_t pos);

/// The parts of an arXiv URL as patterns::kArxivUrl captures them (whole id without version,
/// year and month, number), nullopt when the URL is not one.
struct ArxivUrlMatch {
  std::string_view id;  ///< "2010.09515" or "cs/0112017"
  std::string_view yy, mm, number;
};
std::optional<ArxivUrlMatch> match_arxiv_url(std::string_view url);

/// The length of the UTF-8 character starting at `s[i]` as RE2 reads one in a class that holds
/// every non-ASCII character (`[^...]`, `.`): a lead byte C2-DF, E0-EF or F0-F4 and its one,
/// two or three continuation bytes, without finer checks (RE2 lets overlong three- and
/// four-byte forms, surrogates and code points past U+10FFFF pass); 0 for anything else.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// `name year` as patterns::kVenueYear captures it: the venue's name (without the blanks
/// before the year) and the first year (19xx or 20xx) that ends a word; nullopt when the text
/// holds none (or a newline or broken UTF-8 outside the blanks before the year, which the
/// pattern's `.` does not match).
struct VenueYearMatch {
  std::string_view name;
  std::string_view year;
};
std::optional<VenueYearMatch> match_venue_year(std::string_view text);

/// Whether `body` ends in a year (19xx or 20xx) and an optional '.': what patterns::kPlainVenue
/// and patterns::kYearAfterVenue both require, so neither runs on a line that lacks it.
bool ends_with_year(std::string_view body);

}  // namespace awesome::rules
