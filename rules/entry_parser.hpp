// Internal: parsing one list item (a title line and its indented lines) into an Entry with
// exact ranges, plus the syntax details that the format checks need. Context-free: whether
// the item is a paper entry of the list is decided by the outline, not here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/model.hpp"

namespace awesome::rules {

enum class SubKind : std::uint8_t {
  kAuthors,
  kKeywords,
  kDigest,
  kOther,         ///< a sub-bullet of another kind (`Modality: ...`, or not recognised)
  kContinuation,  ///< a line without a bullet that continues the entry
  kLinks,         ///< a line of links under the title (`  [[pdf]](url) [[code]](url)`)
  kDigestBody,    ///< a line of a digest written as a `<details>` block over several lines
};

/// One line after the title line, as written.
struct SubLine {
  SubKind kind = SubKind::kOther;
  std::uint32_t line = 0;    ///< relative to the entry's first line
  std::uint32_t indent = 0;  ///< leading spaces (tabs count 1)
  bool has_tab_indent = false;
  bool bullet = false;        ///< starts with "- " after the indentation
  std::uint32_t content = 0;  ///< byte column where the content after "- " starts
  std::string label;          ///< kOther: the `Label` of `Label: text`, else empty
};

struct EntrySyntax {
  std::vector<SubLine> subs;
  bool looks_like_paper = false;  ///< has a paper-ish link or sub-bullets
  std::uint32_t links_end = 0;    ///< byte column after the last link on the title line
  std::string trailing_text;      ///< non-link text after the first link, if any
  Range trailing_range;
  // Key word line
  std::string keyword_label;  ///< as written, e.g. "Key Work"
  Range keyword_label_range;  ///< the label and its colon
  Range keywords_range;       ///< the text after "Label:" up to the end of the line
  std::string keywords_raw;
  char keyword_separator = ';';  ///< ';', or ',' in a line without ';'
  // Digest line
  bool digest_closed = false;  ///< 2026 dialect: `</details>` at the end
  bool digest_block = false;   ///< a `<details>` digest over several lines
  bool links_below = false;    ///< the links are on lines under the title
  Range digest_marker_range;   ///< `Digest:` or `<details><summary>Digest</summary>`
  Range digest_text_range;
  // Author line
  Range authors_range;               ///< the whole content after "- "
  std::uint32_t authors_end = 0;     ///< column after the names (before a venue, `**` or a note)
  std::optional<Range> empty_venue;  ///< `**` where the venue goes
};

struct ParsedItem {
  Entry entry;
  EntrySyntax syntax;
};

/// Parses a list item whose lines are `lines` (without terminators). Positions are relative:
/// line 0 is the title line.
ParsedItem parse_list_item(const std::vector<std::string_view>& lines);

/// Parses an arXiv URL; nullopt for any other URL.
std::optional<ArxivId> parse_arxiv_url(std::string_view url);
/// Whether some link of `e` points at a web page (http or https): what makes a list a paper
/// list (see ListDocument::is_paper_list).
bool links_to_web(const Entry& e);
/// The canonical form `https://arxiv.org/abs/<id>`.
std::string canonical_arxiv_url(const ArxivId& id);
/// True for the labels the format knows: paper, code, dataset, project, slides, video, blog.
bool is_known_link_label(std::string_view label);
/// Those labels, lowercase.
std::span<const std::string_view> known_link_labels();
/// The paper link labels of is_paper_link_label(), lowercase.
std::span<const std::string_view> paper_link_labels();
/// True for the labels that lists of the family give the paper link: paper, pdf, link, arxiv,
/// abs, doi, html, openreview. The list's own one is a convention (see Conventions).
bool is_paper_link_label(std::string_view label);

}  // namespace awesome::rules
