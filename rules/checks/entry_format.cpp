// Entry format rules: entry-shape, title-punctuation, link-syntax, paper-link, arxiv-url,
// author-line, venue and digest. Each reads one parsed entry; positions are block-relative.
#include <re2/re2.h>

#include "rules/analysis.hpp"
#include "rules/entry_parser.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

Range point(std::uint32_t line, std::uint32_t column) { return {{line, column}, {line, column}}; }

std::string_view dialect_digest_example(Dialect d) {
  return d == Dialect::k2021 ? "'  - Digest: ...'" : "'  - <details><summary>Digest</summary> ...'";
}

void check_shape(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  const EntrySyntax& s = b.syntax;
  const Range title_line = {{0, 0}, {0, b.lines[0].length}};
  if (!e.authors_line) {
    sink.report("entry-shape", title_line,
                "Entry has no author line; expected '  - Author One, Author Two.' after the title.");
  }
  if (!e.digest_line) {
    sink.report("entry-shape", title_line,
                "Entry has no digest; expected " + std::string(dialect_digest_example(a.dialect)) +
                    " as its last line.");
  }
  int last_order = -1;
  SubKind previous = SubKind::kOther;
  for (const SubLine& sub : s.subs) {
    const Range whole = {{sub.line, 0}, {sub.line, b.lines[sub.line].length}};
    if (sub.kind == SubKind::kContinuation) {
      std::string what = previous == SubKind::kDigest ? "The digest continues on the next line"
                                                      : "This line continues the entry without "
                                                        "a sub-bullet";
      sink.report("entry-shape", whole,
                  what + "; a digest is one line and every line of an entry is a '  - ' "
                         "sub-bullet.");
      continue;
    }
    previous = sub.kind;
    if (sub.indent != 2 || sub.has_tab_indent) {
      sink.report("entry-shape", {{sub.line, 0}, {sub.line, sub.indent}},
                  "Sub-bullet indented by " +
                      (sub.has_tab_indent ? std::string("a tab")
                                          : std::to_string(sub.indent) + " spaces") +
                      "; expected 2 spaces.");
    }
    int order = sub.kind == SubKind::kAuthors ? 0 : sub.kind == SubKind::kKeywords ? 1
                : sub.kind == SubKind::kDigest ? 2 : -1;
    if (order < 0) {
      sink.report("entry-shape", whole,
                  "Unexpected sub-bullet; an entry has an author line, a key word line and a "
                  "digest, in that order.");
      continue;
    }
    if (order < last_order) {
      sink.report("entry-shape", whole,
                  "Sub-bullets out of order; expected authors, then key words, then the digest.");
    }
    last_order = std::max(last_order, order);
  }
}

void check_title(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (e.title.empty()) {
    sink.report("entry-shape", e.line_range, "Entry has no title before its links.");
    return;
  }
  const char last = e.title.back();
  if (last == '.' || last == '?' || last == '!') return;
  const Range end = point(0, e.title_range.end.column);
  auto& d = sink.report("title-punctuation",
                        {{0, e.title_range.end.column - 1}, e.title_range.end},
                        "Title does not end in '.', '?' or '!'; expected a '.' before the links.");
  d.fixes.push_back(single_edit_fix("Add '.' after the title", end, "."));
}

void check_links(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  for (const Link& link : e.links) {
    const bool known = is_known_link_label(link.label);
    if (link.url.empty()) {
      sink.report("link-syntax", link.range, "Link '" + link.label + "' has an empty URL.");
    }
    if (!known) {
      sink.report("link-syntax", link.label_range,
                  "Unknown link label '" + link.label +
                      "'; expected paper, code, dataset, project, slides, video or blog.");
      continue;
    }
    bool lowercase = true;
    for (char c : link.label) lowercase = lowercase && !(c >= 'A' && c <= 'Z');
    if (link.style == LinkStyle::kCanonical && lowercase) continue;  // the usual case
    const std::string lower = text::to_lower_ascii(link.label);
    const std::string canonical = "[[" + lower + "]](" + link.url + ")";
    if (link.style != LinkStyle::kCanonical) {
      const char* shape = link.style == LinkStyle::kInnerBracket    ? "[[label](url)]"
                          : link.style == LinkStyle::kParenthesized ? "([label](url))"
                                                                    : "[label](url)";
      auto& d = sink.report("link-syntax", link.range,
                            std::string("Link written as ") + shape + "; expected [[" + lower +
                                "]](url).");
      d.fixes.push_back(single_edit_fix("Rewrite as " + canonical.substr(0, lower.size() + 4) + "(url)",
                                 link.range, canonical));
    } else if (link.label != lower) {
      auto& d = sink.report("link-syntax", link.label_range,
                            "Link label '" + link.label + "' is written '" + lower + "'.");
      d.fixes.push_back(single_edit_fix("Write '" + lower + "'", link.label_range, lower));
    }
  }
  std::size_t paper = e.links.size();
  for (std::size_t i = 0; i < e.links.size(); ++i) {
    if (text::iequals(e.links[i].label, "paper")) {
      paper = i;
      break;
    }
  }
  if (paper == e.links.size()) {
    sink.report("paper-link", e.links.empty() ? e.line_range : e.links[0].range,
                "Entry has no [[paper]] link; expected one as the first link.");
  } else if (paper != 0) {
    sink.report("paper-link", e.links[paper].range,
                "The [[paper]] link is not the first link; expected it before '" +
                    e.links[0].label + "'.");
  }
}

void check_arxiv_urls(const Block& b, DiagnosticSink& sink) {
  for (const Link& link : b.entry->links) {
    auto id = parse_arxiv_url(link.url);
    if (!id) continue;
    const std::string canonical = canonical_arxiv_url(*id);
    if (link.url == canonical) continue;
    std::string why;
    if (link.url.starts_with("http:")) why = "uses http:";
    else if (link.url.find("/pdf/") != std::string::npos) why = "points at the PDF";
    else if (link.url.find("www.") != std::string::npos || link.url.find("export.") != std::string::npos) why = "uses a non-canonical host";
    else if (link.url.ends_with(".pdf")) why = "points at the PDF";
    else if (RE2::PartialMatch(link.url, R"(v\d+/?$)")) why = "has a version suffix";
    else why = "is not in canonical form";
    auto& d = sink.report("arxiv-url", link.url_range,
                          "arXiv URL " + why + "; expected " + canonical + ".");
    d.fixes.push_back(single_edit_fix("Use " + canonical, link.url_range, canonical));
  }
}

void check_authors(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (!e.authors_line) return;
  const std::uint32_t row = *e.authors_line;
  std::string_view line = b.line(row);
  const std::uint32_t begin = b.syntax.authors_range.start.column;
  const std::uint32_t end = e.venue ? e.venue->range.start.column - 1
                                    : b.syntax.authors_range.end.column;
  std::string_view authors = text::trim_right(line.substr(begin, end > begin ? end - begin : 0));
  if (authors.empty()) return;
  const auto authors_end = static_cast<std::uint32_t>(begin + authors.size());
  for (std::size_t pos = authors.find(','); pos != std::string_view::npos;
       pos = authors.find(',', pos + 1)) {
    std::size_t next = pos + 1;
    while (next < authors.size() && authors[next] == ' ') ++next;
    if (next < authors.size() && authors[next] == ',') {
      // The whole run of commas is one finding, and one fix keeps its last comma.
      std::size_t last = next;
      for (std::size_t q = next; q < authors.size() && (authors[q] == ',' || authors[q] == ' '); ++q) {
        if (authors[q] == ',') last = q;
      }
      auto& d = sink.report("author-line", {{row, static_cast<std::uint32_t>(begin + pos)}, {row, static_cast<std::uint32_t>(begin + last + 1)}},
                            "Doubled comma in the author list.");
      d.fixes.push_back(single_edit_fix("Remove the extra comma", {{row, static_cast<std::uint32_t>(begin + pos)}, {row, static_cast<std::uint32_t>(begin + last)}}, ""));
      return;
    }
    if (next == authors.size() || authors[next] == '.') {
      auto& d = sink.report("author-line", {{row, static_cast<std::uint32_t>(begin + pos)}, {row, static_cast<std::uint32_t>(begin + pos + 1)}},
                            "Trailing comma at the end of the author list; expected '.'.");
      const bool has_dot = next < authors.size();
      d.fixes.push_back(single_edit_fix("Replace the trailing comma with '.'",
                                 {{row, static_cast<std::uint32_t>(begin + pos)}, {row, static_cast<std::uint32_t>(has_dot ? begin + next + 1 : authors_end)}}, "."));
      return;
    }
  }
  if (authors.back() != '.') {
    auto& d = sink.report("author-line", {{row, authors_end - 1}, {row, authors_end}},
                          std::string("Author list does not end in '.'") +
                              (e.venue ? "; expected '.' before the venue." : "."));
    d.fixes.push_back(single_edit_fix("Add '.' after the authors", point(row, authors_end), "."));
  }
}

void check_venue(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (!e.venue) return;
  const Venue& v = *e.venue;
  const std::uint32_t row = v.range.start.line;
  const std::uint32_t col = v.range.start.column;
  std::string name = std::string(text::trim(v.name));
  const VenueEntry* known = a.venues.find(name);
  std::string base = name;
  if (!known && text::to_lower_ascii(name).ends_with(" workshop")) {
    base = name.substr(0, name.size() - 9);
    known = a.venues.find(base);
  }
  const Range name_range = {{row, col}, {row, static_cast<std::uint32_t>(col + base.size())}};
  // A publisher prefix on the canonical name (`IEEE TNNLS`, `ACM CCS`) is fine.
  const bool prefixed = known && (base == "IEEE " + known->name || base == "ACM " + known->name);
  if (known && base != known->name && !prefixed && !text::iequals(base, known->full_name)) {
    auto& d = sink.report("venue", name_range,
                          "Venue '" + base + "' is written '" + known->name + "' (" +
                              known->full_name + ").");
    d.fixes.push_back(single_edit_fix("Write '" + known->name + "'", name_range, known->name));
  }
  if (v.year) {
    const std::size_t year_pos = v.text.find(std::to_string(*v.year));
    if (year_pos > 0 && year_pos != std::string::npos &&
        std::isalnum(static_cast<unsigned char>(v.text[year_pos - 1]))) {
      const Range at = point(row, static_cast<std::uint32_t>(col + year_pos));
      auto& d = sink.report("venue", v.range,
                            "Venue '" + v.text + "' has no space before the year; expected *" +
                                v.text.substr(0, year_pos) + " " + v.text.substr(year_pos) + "*.");
      d.fixes.push_back(single_edit_fix("Insert a space before the year", at, " "));
    }
    if (e.arxiv && *v.year < e.arxiv->year()) {
      sink.report("venue", v.range,
                  "Venue year " + std::to_string(*v.year) + " is before the arXiv year " +
                      std::to_string(e.arxiv->year()) + " of " + e.arxiv->id + ".");
    }
  } else if (known && (known->kind == VenueKind::kConference)) {
    sink.report("venue", v.range,
                "Conference '" + v.text + "' has no year; expected *" + known->name + " YYYY*.");
  }
}

void check_digest(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (!e.digest_line) return;
  const EntrySyntax& s = b.syntax;
  const std::uint32_t row = *e.digest_line;
  if (e.digest.empty()) {
    sink.report("digest", s.digest_marker_range, "The digest is empty.");
  }
  const Dialect style = e.digest_style == DigestStyle::kPlain ? Dialect::k2021 : Dialect::k2026;
  if (style != a.dialect) {
    const bool to_2026 = a.dialect == Dialect::k2026;
    auto& d = sink.report(
        "digest", s.digest_marker_range,
        std::string("Digest written in the ") + (to_2026 ? "2021" : "2026") +
            " dialect; this list uses the " + (to_2026 ? "2026" : "2021") + " dialect (" +
            std::string(dialect_digest_example(a.dialect)) + ").");
    const Range whole = {s.digest_marker_range.start, {row, b.lines[row].length}};
    std::string replacement = to_2026
        ? "<details><summary>Digest</summary> " + e.digest + "</details>"
        : "Digest: " + e.digest;
    d.fixes.push_back(single_edit_fix("Convert the digest to the list's dialect", whole, replacement));
    return;
  }
  if (e.digest_style == DigestStyle::kDetails && !s.digest_closed &&
      a.config.digest_require_close) {
    const std::uint32_t end = static_cast<std::uint32_t>(text::trim_right(b.line(row)).size());
    auto& d = sink.report("digest", s.digest_marker_range,
                          "<details> is not closed on the digest line; expected '</details>' "
                          "at its end.");
    d.fixes.push_back(single_edit_fix("Close the <details> tag", {{row, end}, {row, b.lines[row].length}}, "</details>"));
  }
}

}  // namespace

void check_entry_format(const Analysis& a, std::size_t block_index, DiagnosticSink& sink) {
  const Block& b = a.block(block_index);
  check_shape(a, b, sink);
  check_title(b, sink);
  check_links(b, sink);
  check_arxiv_urls(b, sink);
  check_authors(b, sink);
  check_venue(a, b, sink);
  check_digest(a, b, sink);
}

}  // namespace awesome::rules
