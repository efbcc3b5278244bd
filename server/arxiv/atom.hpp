// The arXiv API's answer, an Atom feed, read with expat into rules::ArxivMetadata: one per
// <entry>, the error entries arXiv answers a bad id with kept apart. Pure: bytes in, data out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/arxiv.hpp"

namespace awesome::server::arxiv {

struct AtomFeed {
  /// The papers of the feed, in feed order. An entry without title and authors (arXiv's old
  /// answer to an id it does not have) is not among them: its id is in `empty`.
  std::vector<rules::ArxivMetadata> papers;
  std::vector<std::string> empty;
  /// The summaries of arXiv's error entries (`<title>Error</title>`), e.g. "incorrect id format
  /// for 1234.5678".
  std::vector<std::string> errors;
};

struct AtomParse {
  std::optional<AtomFeed> feed;
  std::string error;  ///< when `feed` is empty: what is wrong, with expat's line and column
};

/// Parses an Atom document of the arXiv API. Malformed XML, or XML that is not an Atom feed,
/// gives an error; never throws.
AtomParse parse_atom(std::string_view xml);

/// What a feed says of the ids asked for: each paper, and as missing the ids the feed has no
/// paper for (arXiv answers an id it does not have with no entry, or an empty one). When the
/// feed holds an error entry, only the ids the errors name count as missing: the others were
/// not looked up.
rules::ArxivLookup lookup_from_feed(const AtomFeed& feed, const std::vector<std::string>& asked);

}  // namespace awesome::server::arxiv
