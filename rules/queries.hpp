// Position-level queries on a list's model for editor navigation: what is at a byte position,
// where a key word, a paper or a ToC anchor occurs, how well a paper matches a search, and the
// edits of a rename. Byte positions as everywhere in rules/; no JSON, no LSP.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/list_document.hpp"
#include "rules/model.hpp"

namespace awesome::rules {

enum class TargetKind : std::uint8_t {
  kNone,
  kHeading,  ///< anywhere on a heading line (or `<summary>` line): `section`
  kToc,      ///< a table-of-contents link: `toc`
  kTitle,    ///< an entry's title: `entry`
  kLink,     ///< an entry's link: `entry`, `index` into its links
  kVenue,    ///< an entry's venue (asterisks included): `entry`
  kKeyword,  ///< a key word phrase: `entry`, `index` into its key words
  kEntry,    ///< elsewhere inside an entry: `entry`
};

/// What is at a position; indexes are SIZE_MAX when they do not apply.
struct Target {
  TargetKind kind = TargetKind::kNone;
  std::size_t section = SIZE_MAX;
  std::size_t toc = SIZE_MAX;
  std::size_t entry = SIZE_MAX;
  std::size_t index = SIZE_MAX;
  Range range;  ///< the element under the position
};

/// The element at `pos`; a position at the end of an element still counts as on it.
Target target_at(const Model& m, Position pos);

/// The entry whose lines contain `line`, or SIZE_MAX.
std::size_t entry_at_line(const Model& m, std::uint32_t line);
/// The heading whose de-duplicated GitHub anchor is `anchor`, or SIZE_MAX.
std::size_t section_for_anchor(const Model& m, std::string_view anchor);
/// The nearest enclosing category of section `s` (itself when it is one), or SIZE_MAX.
std::size_t category_of(const Model& m, std::size_t s);
/// The text a reader sees of inline Markdown, for outlines and symbol lists: images (badges)
/// dropped, links reduced to their text, HTML tags and emoji shortcodes dropped, emphasis and
/// code markers and backslash escapes removed, runs of spaces made one, trimmed. Intraword
/// underscores (`snake_case`) stay.
std::string display_text(std::string_view markdown);
/// The name of a section in an outline: its display text, and for a year section whose
/// category is the enclosing category, the rest after `Category:` (`Privacy: 2020` under
/// `Privacy` -> `2020`, `2019 and Before` likewise).
std::string outline_name(const Model& m, std::size_t s);
/// The section's whole lines: from its heading line to the start of the line after its last line
/// (the end of the document when there is none).
Range section_range(const ListDocument& doc, const Section& s);
/// The entry's whole lines, likewise.
Range entry_range(const ListDocument& doc, const Entry& e);
/// The label of a ToC link written `[label](#anchor)` (between `[` and `](#`); nullopt for
/// another form.
std::optional<Range> toc_text_range(const ListDocument& doc, const TocItem& t);

/// Lines that fold together: a section from its heading to its last non-blank line, an entry of
/// several lines. Sorted by first line.
struct LineSpan {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};
std::vector<LineSpan> folding_spans(const ListDocument& doc, const Model& m);

/// An occurrence of something inside an entry: a key word or a link.
struct Occurrence {
  std::size_t entry = 0;
  std::size_t index = 0;  ///< into the entry's key words or links
  Range range;
};
/// Every key word phrase whose text is exactly `phrase`, in document order.
std::vector<Occurrence> keyword_occurrences(const Model& m, std::string_view phrase);
/// Every link whose URL names arXiv paper `id` (any URL form), in document order.
std::vector<Occurrence> arxiv_occurrences(const Model& m, const ArxivId& id);
/// The arXiv id of a link's URL, if it is an arXiv URL.
std::optional<ArxivId> link_arxiv(const Link& link);
/// The first entry of the same paper (same arXiv id or paper URL) before entry `e`, or SIZE_MAX
/// when `e` is the first copy or has no paper link.
std::size_t first_copy(const Model& m, std::size_t e);

/// "October 2020" for 2010.xxxxx; empty for a month out of range.
std::string arxiv_month(const ArxivId& id);

/// How well a paper matches a search query (case-insensitive): 0 for no match, higher is better.
/// The arXiv id matched exactly ranks first, then title prefix, title word, title substring,
/// author, every query word somewhere, and the query's letters in order in the title last.
int paper_match_score(std::string_view query, std::string_view title, std::string_view authors,
                      std::string_view arxiv_id);

/// Why `name` cannot replace a key word phrase, or "" when it can.
std::string keyword_name_problem(std::string_view name);
/// Why `name` cannot be a heading's text, or "" when it can.
std::string heading_name_problem(std::string_view name);

/// Replaces every occurrence of key word `phrase` with `new_name`.
std::vector<TextEdit> rename_keyword_edits(const Model& m, std::string_view phrase,
                                           std::string_view new_name);
/// Renames heading `section` to `new_title`: the heading, the category part of its year
/// sections (`Old: 2020` -> `New: 2020`), the text of the ToC links naming it, and the anchor of
/// every ToC link whose heading's GitHub anchor changes (duplicate slugs included). Sorted.
std::vector<TextEdit> rename_heading_edits(const ListDocument& doc, const Model& m,
                                           std::size_t section, std::string_view new_title);

}  // namespace awesome::rules
