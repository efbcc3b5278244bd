// Every RE2 pattern of rules/, in one place so that a test can check that each compiles: a
// pattern that does not would otherwise never match, silently. The RE2 objects stay at their
// use (built once, as function statics). kLink, kArxivUrl and kVenueYear run on every entry, so
// link_scan.hpp matches them by hand; the patterns stay here as the scanners' specification,
// which tests/rules/link_scan_test.cpp compares them against.
#pragma once

#include <array>
#include <string_view>

namespace awesome::rules::patterns {

// analysis.cpp
inline constexpr std::string_view kTocItem =
    R"(^(\s*)[-*+]\s+\[((?:[^\[\]]|\[[^\]]*\])*)\]\(#([^)\s]*)\))";
// checks/text.cpp
inline constexpr std::string_view kPlaceholder = R"(\b(TBD|TODO|FIXME|XXX+)\b)";
// blocks.cpp
inline constexpr std::string_view kSummaryLine = R"(^\s*<summary>(.*)</summary>\s*$)";
// blocks.cpp
inline constexpr std::string_view kHeadingYear =
    R"(^(?:(.*?)\s*:\s*)?((?:19|20)\d\d)((?i)\s+and\s+(?:before|earlier|older))?$)";
// blocks.cpp
inline constexpr std::string_view kSuppression =
    R"(^<!--\s*awesome-ls-(disable-next-line|disable|enable)\b([^>]*?)\s*-->)";
// link_scan.cpp, by hand; leftmost-first: at one position the canonical form wins
inline constexpr std::string_view kLink =
    R"(\[\[([^\[\]]*)\]\]\(([^\s()]*)\))"   // 1,2 [[label]](url)
    R"(|\[\[([^\[\]]*)\]\(([^\s()]*)\)\])"  // 3,4 [[label](url)]
    R"(|\(\[([^\[\]]*)\]\(([^\s()]*)\)\))"  // 5,6 ([label](url))
    R"(|\[([^\[\]]*)\]\(([^\s()]*)\))";     // 7,8 [label](url)
// link_scan.cpp, by hand
inline constexpr std::string_view kArxivUrl =
    R"(^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/)"
    R"(((\d{2})(\d{2})\.(\d{4,5})|([a-z][a-z\-]*(?:\.[A-Z]{2})?)/(\d{2})(\d{2})(\d{3}))"
    R"()(v\d+)?(?:\.pdf)?/?(?:[?#].*)?$)";
// entry_parser.cpp
inline constexpr std::string_view kOpenLink = R"((\[\[?([^\[\]]*)\]\]?\()\s*$)";
// entry_parser.cpp
inline constexpr std::string_view kDetailsDigest =
    R"(^(<details>\s*<summary>\s*(?i:digest)\s*</summary>))";
// entry_parser.cpp
inline constexpr std::string_view kLinkTarget = R"(([^\s()]+)\)(\])?)";
// entry_parser.cpp
inline constexpr std::string_view kPlainVenue =
    R"(^(.*[^\s.][A-Za-z)]\.)\s+([A-Za-z][A-Za-z0-9&+/' -]{0,60}?)(,?\s*)((?:19|20)\d\d)\.?$)";
// entry_parser.cpp
inline constexpr std::string_view kYearAfterVenue = R"(^(.*\*)\s*,\s*((?:19|20)\d\d)\.?$)";
// link_scan.cpp, by hand
inline constexpr std::string_view kVenueYear = R"(^(.*?)\s*((?:19|20)\d\d)\b.*$)";
// slug.cpp
inline constexpr std::string_view kSlugImage = R"(!\[[^\]]*\]\([^)]*\))";
// slug.cpp
inline constexpr std::string_view kSlugLink = R"(\[([^\]]*)\]\([^)]*\))";
// slug.cpp
inline constexpr std::string_view kSlugShortcode = R"(:[a-z0-9_+\-]+:)";
// slug.cpp
inline constexpr std::string_view kSlugHtmlTag = R"(</?[a-zA-Z][^>]*>)";

struct Named {
  std::string_view name;
  std::string_view text;
};

/// All of the above.
inline constexpr std::array kAll{
    Named{"kTocItem", kTocItem},
    Named{"kPlaceholder", kPlaceholder},
    Named{"kSummaryLine", kSummaryLine},
    Named{"kHeadingYear", kHeadingYear},
    Named{"kSuppression", kSuppression},
    Named{"kLink", kLink},
    Named{"kArxivUrl", kArxivUrl},
    Named{"kOpenLink", kOpenLink},
    Named{"kDetailsDigest", kDetailsDigest},
    Named{"kLinkTarget", kLinkTarget},
    Named{"kPlainVenue", kPlainVenue},
    Named{"kYearAfterVenue", kYearAfterVenue},
    Named{"kVenueYear", kVenueYear},
    Named{"kSlugImage", kSlugImage},
    Named{"kSlugLink", kSlugLink},
    Named{"kSlugShortcode", kSlugShortcode},
    Named{"kSlugHtmlTag", kSlugHtmlTag},
};

}  // namespace awesome::rules::patterns
