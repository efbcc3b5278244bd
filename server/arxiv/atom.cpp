#include "server/arxiv/atom.hpp"

#include <expat.h>

#include <algorithm>
#include <memory>

#include "rules/entry_parser.hpp"
#include "rules/text_util.hpp"

namespace awesome::server::arxiv {

namespace {

// Element names as expat reports them with namespace processing: "URI name".
constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom ";
constexpr std::string_view kArxiv = "http://arxiv.org/schemas/atom ";

std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ')
        out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

/// What the parser collects while it reads.
struct State {
  AtomFeed feed;
  bool is_feed = false;
  int depth = 0;
  bool in_entry = false;
  bool in_author = false;
  std::string text;  ///< of the element being read
  // The entry being read.
  std::string id_url, title, summary, published, comment;
  std::vector<std::string> authors;

  void start_entry() {
    in_entry = true;
    id_url.clear();
    title.clear();
    summary.clear();
    published.clear();
    comment.clear();
    authors.clear();
  }

  void end_entry() {
    in_entry = false;
    if (collapse(title) == "Error" && id_url.find("/api/errors") != std::string::npos) {
      feed.errors.push_back(collapse(summary));
      return;
    }
    const auto id = rules::parse_arxiv_url(collapse(id_url));
    if (!id)
      return;  // not a paper of arXiv: nothing to say of it
    rules::ArxivMetadata m;
    m.id = id->id;
    m.title = collapse(title);
    m.summary = collapse(summary);
    m.published = collapse(published);
    m.authors = authors;
    if (m.title.empty() && m.authors.empty()) {
      feed.empty.push_back(m.id);
      return;
    }
    const std::string said = rules::text::to_lower_ascii(comment + " " + m.summary);
    m.withdrawn = said.find("has been withdrawn") != std::string::npos ||
                  rules::text::to_lower_ascii(rules::text::trim(comment)).starts_with("withdrawn");
    feed.papers.push_back(std::move(m));
  }

  void end_element(std::string_view name) {
    if (name.starts_with(kAtom)) {
      name.remove_prefix(kAtom.size());
      if (name == "entry") {
        end_entry();
      } else if (name == "author") {
        in_author = false;
      } else if (in_entry && name == "name" && in_author) {
        authors.push_back(collapse(text));
      } else if (in_entry && depth == 3) {  // feed > entry > element
        if (name == "id")
          id_url = text;
        else if (name == "title")
          title = text;
        else if (name == "summary")
          summary = text;
        else if (name == "published")
          published = text;
      }
    } else if (in_entry && name == std::string(kArxiv) + "comment") {
      comment = collapse(text);
    }
    text.clear();
  }
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** /*attributes*/) {
  auto& s = *static_cast<State*>(data);
  const std::string_view n(name);
  ++s.depth;
  s.text.clear();
  if (s.depth == 1) {
    s.is_feed = n == std::string(kAtom) + "feed";
  } else if (n == std::string(kAtom) + "entry" && s.depth == 2) {
    s.start_entry();
  } else if (n == std::string(kAtom) + "author" && s.in_entry) {
    s.in_author = true;
  }
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<State*>(data);
  s.end_element(name);
  --s.depth;
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  auto& s = *static_cast<State*>(data);
  s.text.append(text, static_cast<std::size_t>(length));
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

AtomParse parse_atom(std::string_view xml) {
  AtomParse out;
  const std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS("UTF-8", ' '));
  if (!parser) {
    out.error = "out of memory for the XML parser";
    return out;
  }
  State state;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  // Feeds are small; one call with the whole text, which expat checks to the end.
  if (xml.size() > static_cast<std::size_t>(INT32_MAX) ||
      XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) ==
          XML_STATUS_ERROR) {
    out.error = "malformed XML at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                ", column " + std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1) + ": " +
                XML_ErrorString(XML_GetErrorCode(parser.get()));
    return out;
  }
  if (!state.is_feed) {
    out.error = "not an Atom feed (the root element is not <feed>)";
    return out;
  }
  out.feed = std::move(state.feed);
  return out;
}

rules::ArxivLookup lookup_from_feed(const AtomFeed& feed, const std::vector<std::string>& asked) {
  rules::ArxivLookup out;
  for (const auto& p : feed.papers) out.papers[p.id] = p;
  for (const auto& id : asked) {
    if (out.papers.contains(id))
      continue;
    const bool named_by_error = std::any_of(feed.errors.begin(), feed.errors.end(), [&](auto& e) {
      return e.ends_with(" " + id) || e.find(" " + id + " ") != std::string::npos;
    });
    const bool empty = std::find(feed.empty.begin(), feed.empty.end(), id) != feed.empty.end();
    if (named_by_error || empty || feed.errors.empty())
      out.missing[id] = true;
  }
  return out;
}

}  // namespace awesome::server::arxiv
