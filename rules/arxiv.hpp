// What arXiv says of a paper, and what the list makes of it: the metadata type, the checks that
// compare entries with it (arxiv-id, arxiv-title, arxiv-authors), an entry written from it in
// the list's conventions, and where `add` puts that entry. Pure: fetching and caching the
// metadata live in server/arxiv/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/model.hpp"

namespace awesome::rules {

class ListDocument;

/// One paper as the arXiv API describes it.
struct ArxivMetadata {
  std::string id;                    ///< normalized, without version: "2010.09515"
  std::string title;                 ///< as arXiv gives it: LaTeX kept, white space collapsed
  std::vector<std::string> authors;  ///< in order, as arXiv writes them
  std::string summary;               ///< the abstract, white space collapsed
  std::string published;             ///< "2020-10-19T17:59:01Z"; empty when unknown
  bool withdrawn = false;            ///< the comment or abstract says it was withdrawn
  bool operator==(const ArxivMetadata&) const = default;
};

/// What is known of the ids of a list: metadata by id, and the ids arXiv said it does not have.
/// An id in neither is simply not known (offline, not fetched yet): no finding.
struct ArxivLookup {
  std::map<std::string, ArxivMetadata, std::less<>> papers;
  std::map<std::string, bool, std::less<>> missing;  ///< id -> true
  bool empty() const { return papers.empty() && missing.empty(); }
};

/// A title reduced for comparison: LaTeX markup undone (latex_to_text), case folded, every
/// run of punctuation and white space made one space, trimmed.
std::string comparable_title(std::string_view title);
/// Plain text of a LaTeX-marked title: `$...$` and braces dropped, `\emph{x}` and the like
/// reduced to `x`, escaped accents (`\"o`, `\'e`, `\c{c}`) made the Unicode letter, `\&` made
/// `&`, `--` kept; runs of white space made one space.
std::string latex_to_text(std::string_view latex);
/// A family name for comparison: the last word of a name ("Adam Foster" -> "foster"), with
/// LaTeX accents undone and case folded; "van der Waals" particles stay with the last word.
std::string family_name(std::string_view name);
/// The names of an author line, split on `, ` and ` and `; "et al." ends the list and sets
/// `abbreviated`.
std::vector<std::string> split_authors(std::string_view authors, bool& abbreviated);

/// The arXiv ids of the paper links of the document's entries, without duplicates, in document
/// order: what to ask arXiv about.
std::vector<std::string> list_arxiv_ids(ListDocument& doc);

/// The id on a line that holds only an arXiv URL or id (`https://arxiv.org/abs/2010.09515`,
/// `arXiv:2010.09515v2`, `2010.09515`, optionally as a `- ` bullet): where the editor offers to
/// write the whole entry. nullopt for any other line.
std::optional<std::string> arxiv_id_on_line(std::string_view line);

/// The arxiv-id, arxiv-title and arxiv-authors findings of the document's paper entries against
/// `lookup`: nothing for an entry whose id is not in it. Severities from the document's config,
/// suppression comments applied, sorted by position then rule.
std::vector<Diagnostic> check_arxiv(ListDocument& doc, const ArxivLookup& lookup);

/// The title as the list writes it: LaTeX undone, ending in `.` unless it ends in `?` or `!`.
std::string list_title(std::string_view arxiv_title);
/// The first sentence of an abstract, ending in its `.`; the whole abstract when it has none.
std::string first_sentence(std::string_view summary);

/// What a new entry holds besides title, link and authors.
enum class EntryFill : std::uint8_t {
  kFromAbstract,  ///< no key word line; the digest is the abstract's first sentence (`add`)
  kBlank,         ///< an empty key word line and digest for the author to fill in (the editor)
};
/// The lines of a whole entry for `paper` in the document's conventions: title and paper link
/// (on the title line or under it, with the list's paper label), authors, then what `fill`
/// says, the digest in the document's dialect (none when the list has no digests). Joined with
/// "\n", no final line break.
std::string format_entry(ListDocument& doc, const ArxivMetadata& paper,
                         EntryFill fill = EntryFill::kFromAbstract);

/// Where `add` puts an entry, or why it does not.
struct Placement {
  std::string error;         ///< non-empty: refused (the paper is there, no category...)
  std::uint32_t line = 0;    ///< insert the text before this line
  std::string text;          ///< what to insert: the entry, with headings and blank lines
  std::string section;       ///< the title of the section it goes into
  bool new_section = false;  ///< a year section was created
  /// The insertion as an edit of the document.
  TextEdit edit() const { return {{{line, 0}, {line, 0}}, text}; }
};
/// Where the entry of `paper` goes: into the year section of its arXiv id's year under
/// `category` (or under the only category holding papers when `category` is empty), created
/// in order among the other year sections when missing, at its place in the arXiv order of the
/// section. Refused when the list already holds the paper ("already at line 12").
Placement place_entry(ListDocument& doc, const ArxivMetadata& paper, std::string_view category,
                      std::string_view entry_text);

}  // namespace awesome::rules
