// Entry format rules: entry-shape, title-punctuation, link-syntax, paper-link, arxiv-url,
// author-line, venue and digest. Each reads one parsed entry; positions are block-relative.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <optional>

#include "rules/analysis.hpp"
#include "rules/entry_parser.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

Range point(std::uint32_t line, std::uint32_t column) {
  return {{line, column}, {line, column}};
}

std::string_view dialect_digest_example(Dialect d) {
  return d == Dialect::k2021 ? "'  - Digest: ...'" : "'  - <details><summary>Digest</summary> ...'";
}

/// Joins line `row` of `b`, a digest wrapped onto it, to the line above: one space between the
/// two texts, the trailing whitespace above and this line's indentation dropped. Markdown reads
/// a line without a bullet under a sub-bullet as the same paragraph, so the page shows the
/// same text: the fix is safe. nullopt when either line is blank, or when the line above
/// closes the digest with `</details>` (the text after it is outside the digest: whether it
/// belongs inside is for the curator).
std::optional<Fix> join_digest_fix(const Block& b, std::uint32_t row) {
  const std::string_view above = text::trim_right(b.line(row - 1));
  const std::string_view line = b.line(row);
  const std::string_view content = text::trim(line);
  if (text::trim(above).empty() || content.empty() || above.ends_with("</details>"))
    return std::nullopt;
  const auto indent = static_cast<std::uint32_t>(content.data() - line.data());
  return single_edit_fix("Join the line to the digest",
                         {{row - 1, static_cast<std::uint32_t>(above.size())}, {row, indent}}, " ");
}

void check_shape(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  const EntrySyntax& s = b.syntax;
  const Range title_line = {{0, 0}, {0, b.lines[0].length}};
  // The first line under the title and its links, when it is no sub-bullet: the author line
  // that lost its `- ` (one finding on it, not a missing author line and a stray line).
  const SubLine* bulletless_authors = nullptr;
  for (const SubLine& sub : s.subs) {
    if (sub.kind == SubKind::kLinks)
      continue;
    if (sub.kind == SubKind::kContinuation && !e.authors_line)
      bulletless_authors = &sub;
    break;
  }
  if (!e.authors_line && bulletless_authors == nullptr) {
    sink.report(
        RuleId::kEntryShape, title_line,
        "Entry has no author line; expected '  - Author One, Author Two.' after the title.");
  }
  if (!e.digest_line && a.conventions.digest) {
    sink.report(RuleId::kEntryShape, title_line,
                "Entry has no digest; expected " + std::string(dialect_digest_example(a.dialect)) +
                    " as its last line.");
  }
  int last_order = -1;
  SubKind previous = SubKind::kOther;
  for (const SubLine& sub : s.subs) {
    const Range whole = {{sub.line, 0}, {sub.line, b.lines[sub.line].length}};
    if (sub.kind == SubKind::kDigestBody)
      continue;
    if (sub.kind == SubKind::kLinks) {
      if (!a.conventions.links_below) {
        sink.report(RuleId::kEntryShape, whole,
                    "Links on a line under the title; this list writes them after the title.");
      }
      continue;
    }
    if (sub.kind == SubKind::kContinuation) {
      const bool digest = &sub != bulletless_authors && previous == SubKind::kDigest;
      auto& d = sink.report(
          RuleId::kEntryShape, whole,
          &sub == bulletless_authors
              ? "The author line has no sub-bullet; expected '  - ' before the names."
          : digest ? "The digest continues on the next line; a digest is one line."
                   : "This line continues the entry without a sub-bullet; every line of an "
                     "entry is a '  - ' sub-bullet.");
      if (auto fix = digest ? join_digest_fix(b, sub.line) : std::nullopt)
        d.fixes.push_back(std::move(*fix));
      continue;
    }
    previous = sub.kind;
    if (sub.indent != 2 || sub.has_tab_indent) {
      sink.report(
          RuleId::kEntryShape, {{sub.line, 0}, {sub.line, sub.indent}},
          "Sub-bullet indented by " +
              (sub.has_tab_indent ? std::string("a tab") : std::to_string(sub.indent) + " spaces") +
              "; expected 2 spaces.");
    }
    int order = sub.kind == SubKind::kAuthors    ? 0
                : sub.kind == SubKind::kKeywords ? 1
                : sub.kind == SubKind::kDigest   ? 2
                                                 : -1;
    const auto& own = a.conventions.sub_labels;
    if (order < 0 && !sub.label.empty() &&
        std::find(own.begin(), own.end(), sub.label) != own.end()) {
      continue;  // a sub-line this list writes on its entries (`Modality: ...`)
    }
    if (order < 0) {
      sink.report(RuleId::kEntryShape, whole,
                  "Unexpected sub-bullet; an entry has an author line, a key word line and a "
                  "digest, in that order.");
      continue;
    }
    if (order < last_order) {
      sink.report(RuleId::kEntryShape, whole,
                  "Sub-bullets out of order; expected authors, then key words, then the digest.");
    }
    last_order = std::max(last_order, order);
  }
}

void check_title(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (e.title.empty()) {
    sink.report(RuleId::kEntryShape, e.line_range, "Entry has no title before its links.");
    return;
  }
  const char last = e.title.back();
  if (last == '.' || last == '?' || last == '!')
    return;
  const Range end = point(0, e.title_range.end.column);
  auto& d =
      sink.report(RuleId::kTitlePunctuation, {{0, e.title_range.end.column - 1}, e.title_range.end},
                  b.syntax.links_below || e.links.empty()
                      ? "Title does not end in '.', '?' or '!'."
                      : "Title does not end in '.', '?' or '!'; expected a '.' before the "
                        "links.");
  d.fixes.push_back(single_edit_fix("Add '.' after the title", end, "."));
}

/// The label that `label` (one the list does not accept) misspells: an accepted label it is a
/// near miss of (the same with spaces around it or digits after it, or one edit away, two when
/// both have six letters or more); empty when `label` is a label of its own. Two edits on short
/// labels would take ordinary labels for typos: `model` for `code`, `page` for `paper`.
/// True when `url` ends in an arXiv version suffix: `v` and digits, then at most one '/'.
bool has_version_suffix(std::string_view url) {
  if (url.ends_with('/'))
    url.remove_suffix(1);
  std::size_t i = url.size();
  while (i > 0 && url[i - 1] >= '0' && url[i - 1] <= '9') --i;
  return i < url.size() && i > 0 && url[i - 1] == 'v';
}

std::string intended_label(std::string_view label, const std::vector<std::string>& accepted) {
  std::string lower = text::to_lower_ascii(text::trim(label));
  const auto is_accepted = [&](std::string_view l) {
    return std::find(accepted.begin(), accepted.end(), l) != accepted.end();
  };
  if (is_accepted(lower))
    return lower;
  std::string_view stem = lower;
  while (!stem.empty() && stem.back() >= '0' && stem.back() <= '9') stem.remove_suffix(1);
  if (!stem.empty() && stem.size() < lower.size() && is_accepted(stem))
    return std::string(stem);
  if (lower.size() < 4)
    return {};
  std::string best;
  int best_distance = 3;
  for (const std::string& l : accepted) {
    const int cap = std::min(lower.size(), l.size()) >= 6 ? 2 : 1;
    const int d = text::edit_distance(lower, l, cap);
    if (d <= cap && d < best_distance) {
      best = l;
      best_distance = d;
    }
  }
  return best;
}

/// A list whose paper links are not labelled `paper` (`[[pdf]]`, `[[link]]`) takes any of the
/// family's paper labels for its paper link.
bool is_paper_label(const Conventions& c, std::string_view label) {
  return text::iequals(label, c.paper_label) ||
         (c.paper_label != "paper" && is_paper_link_label(label));
}

/// A link of a known label not written as `[[label]](url)`, or its label not in lower case.
void check_link_form(const Link& link, const std::string& lower, DiagnosticSink& sink) {
  const std::string canonical = "[[" + lower + "]](" + link.url + ")";
  if (link.style != LinkStyle::kCanonical) {
    const char* shape = link.style == LinkStyle::kInnerBracket    ? "[[label](url)]"
                        : link.style == LinkStyle::kParenthesized ? "([label](url))"
                                                                  : "[label](url)";
    auto& d =
        sink.report(RuleId::kLinkSyntax, link.range,
                    std::string("Link written as ") + shape + "; expected [[" + lower + "]](url).");
    d.fixes.push_back(single_edit_fix(
        "Rewrite as " + canonical.substr(0, lower.size() + 4) + "(url)", link.range, canonical));
  } else if (link.label != lower) {
    auto& d = sink.report(RuleId::kLinkSyntax, link.label_range,
                          "Link label '" + link.label + "' is written '" + lower + "'.");
    d.fixes.push_back(single_edit_fix("Write '" + lower + "'", link.label_range, lower));
  }
}

/// paper-link: the entry has a paper link, and it comes first.
void check_paper_link(const Analysis& a, const Entry& e, DiagnosticSink& sink) {
  std::size_t paper = e.links.size();
  for (std::size_t i = 0; i < e.links.size(); ++i) {
    if (is_paper_label(a.conventions, e.links[i].label)) {
      paper = i;
      break;
    }
  }
  const std::string shown = "[[" + a.conventions.paper_label + "]]";
  if (paper == e.links.size()) {
    sink.report(RuleId::kPaperLink, e.links.empty() ? e.line_range : e.links[0].range,
                "Entry has no " + shown + " link; expected one as the first link.");
  } else if (paper != 0) {
    sink.report(RuleId::kPaperLink, e.links[paper].range,
                "The " + shown + " link is not the first link; expected it before '" +
                    e.links[0].label + "'.");
  }
}

void check_links(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  const std::string& paper_label = a.conventions.paper_label;
  const bool own_paper_label = paper_label != "paper";
  const auto is_paper = [&](std::string_view label) {
    return is_paper_label(a.conventions, label);
  };
  const auto& own = a.conventions.link_labels;
  for (const Link& link : e.links) {
    const bool known =
        is_known_link_label(link.label) || is_paper(link.label) ||
        std::find(own.begin(), own.end(), text::to_lower_ascii(link.label)) != own.end();
    if (link.url.empty()) {
      sink.report(RuleId::kLinkSyntax, link.range, "Link '" + link.label + "' has an empty URL.");
    }
    bool lowercase = true;
    for (char c : link.label) lowercase = lowercase && !(c >= 'A' && c <= 'Z');
    std::string lower = text::to_lower_ascii(link.label);
    if (!known) {
      if (text::trim(link.label).empty()) {
        sink.report(RuleId::kLinkSyntax, link.label_range,
                    "Link has no label; expected paper, code, dataset, project, slides, video "
                    "or blog.");
        continue;
      }
      // Any other label describes a link of the entry's own (`[[demo]]`, `[[Master Thesis]]`)
      // unless it misspells one the list accepts.
      std::vector<std::string> accepted(known_link_labels().begin(), known_link_labels().end());
      accepted.push_back(text::to_lower_ascii(paper_label));
      if (own_paper_label)
        accepted.insert(accepted.end(), paper_link_labels().begin(), paper_link_labels().end());
      accepted.insert(accepted.end(), own.begin(), own.end());
      const std::string intended = intended_label(link.label, accepted);
      if (!intended.empty()) {
        auto& d = sink.report(
            RuleId::kLinkSyntax, link.label_range,
            "Unknown link label '" + link.label + "'; did you mean '" + intended + "'?");
        Fix f = single_edit_fix("Write '" + intended + "'", link.label_range, intended);
        f.safe = false;  // a guess: the author may have meant a label of the entry's own
        d.fixes.push_back(std::move(f));
        continue;
      }
      lowercase = true;  // its spelling is the author's
      lower = link.label;
    }
    if (link.style != LinkStyle::kCanonical || !lowercase)
      check_link_form(link, lower, sink);
  }
  check_paper_link(a, e, sink);
}

void check_arxiv_urls(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  // A list whose paper links are `[[pdf]]` (or another label than `paper`) links the PDF or
  // the abstract as it likes; only http:, other hosts and versions are reported there.
  const bool any_form = a.conventions.paper_label != "paper";
  for (const Link& link : b.entry->links) {
    auto id = parse_arxiv_url(link.url);
    if (!id)
      continue;
    std::string canonical = canonical_arxiv_url(*id);
    // A `[[pdf]]` link points at the PDF on purpose: https://arxiv.org/pdf/<id>[.pdf].
    const bool pdf = text::iequals(link.label, "pdf") || any_form;
    if (pdf) {
      const std::string pdf_url = "https://arxiv.org/pdf/" + id->id;
      if (link.url == pdf_url || link.url == pdf_url + ".pdf")
        continue;
      if (link.url.find("/pdf/") != std::string::npos)
        canonical = pdf_url;
    }
    if (link.url == canonical)
      continue;
    const bool other_host =
        link.url.find("www.") != std::string::npos || link.url.find("export.") != std::string::npos;
    // A /pdf/ path is named before the host, a .pdf ending only on the canonical host.
    const bool at_pdf = !pdf && (link.url.find("/pdf/") != std::string::npos ||
                                 (!other_host && link.url.ends_with(".pdf")));
    std::string why;
    if (link.url.starts_with("http:"))
      why = "uses http:";
    else if (at_pdf)
      why = "points at the PDF";
    else if (other_host)
      why = "uses a non-canonical host";
    else if (has_version_suffix(link.url))
      why = "has a version suffix";
    else
      why = "is not in canonical form";
    auto& d = sink.report(RuleId::kArxivUrl, link.url_range,
                          "arXiv URL " + why + "; expected " + canonical + ".");
    d.fixes.push_back(single_edit_fix("Use " + canonical, link.url_range, canonical));
  }
}

bool ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

/// Whether `word`, with exactly one capital after its first letter, right after a lowercase
/// letter, is a name written that way: a surname prefix (McDonald, MacKay, DeCario, DiCarlo,
/// LeCun, LaRue, VanderPlas, BenShmuel, AlRegib) or a known name (DeepMind).
bool inner_capital_name(std::string_view word, std::size_t capital) {
  static constexpr std::array<std::string_view, 16> kPrefixes{
      "Mc", "Mac", "De",     "Di",     "Du",  "Da",  "Del", "Le",
      "La", "Van", "Vander", "Vanden", "Von", "Ben", "Al",  "El"};
  static constexpr std::array<std::string_view, 5> kNames{"DeepMind", "GitHub", "PyTorch",
                                                          "YouTube", "LinkedIn"};
  const std::string_view prefix = word.substr(0, capital);
  return std::find(kPrefixes.begin(), kPrefixes.end(), prefix) != kPrefixes.end() ||
         std::find(kNames.begin(), kNames.end(), word) != kNames.end();
}

/// Two author names run together without a separator (`Jeffrey S BowersGaurav Malhotra`): the
/// offset in `authors` of the word holding them and of the second name's capital, or npos.
/// Only a word inside an author's names counts, neither the first (given names such as YiFan,
/// WonJun) nor the last (surnames such as NaderiAlizadeh, DasSarma): a lost separator leaves
/// the surname and the next given name in the middle of one author's names.
std::pair<std::size_t, std::size_t> run_together(std::string_view authors) {
  std::vector<std::pair<std::size_t, std::string_view>> names;  // one author's words
  const auto check = [&]() -> std::pair<std::size_t, std::size_t> {
    for (std::size_t k = 1; k + 1 < names.size(); ++k) {
      const auto [at, word] = names[k];
      std::size_t capitals = 0, capital = 0;
      for (std::size_t i = 1; i < word.size(); ++i) {
        if (!ascii_upper(word[i]))
          continue;
        ++capitals;
        capital = i;
      }
      // More than one inner capital is an acronym or a brand (OpenAI), not two names.
      if (capitals != 1 || word.size() < 4 || !ascii_lower(word[capital - 1]))
        continue;
      if (!inner_capital_name(word, capital))
        return {at, at + capital};
    }
    return {std::string_view::npos, std::string_view::npos};
  };
  std::size_t pos = 0;
  while (pos <= authors.size()) {
    std::size_t end = pos;
    while (end < authors.size() && authors[end] != ' ' && authors[end] != ',') ++end;
    const std::string_view word = authors.substr(pos, end - pos);
    const bool separator = word == "and" || word == "&";
    if (!word.empty() && !separator)
      names.emplace_back(pos, word);
    if (end == authors.size() || authors[end] == ',' || separator) {
      if (auto found = check(); found.first != std::string_view::npos)
        return found;
      names.clear();
    }
    pos = end + 1;
  }
  return {std::string_view::npos, std::string_view::npos};
}

void check_authors(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (!e.authors_line)
    return;
  if (text::is_placeholder_authors(e.authors))
    return;  // the placeholder rule reports it
  const std::uint32_t row = *e.authors_line;
  std::string_view line = b.line(row);
  const std::uint32_t begin = b.syntax.authors_range.start.column;
  const std::uint32_t end = b.syntax.authors_end;
  std::string_view authors = text::trim_right(line.substr(begin, end > begin ? end - begin : 0));
  if (authors.empty())
    return;
  const auto authors_end = static_cast<std::uint32_t>(begin + authors.size());
  if (const auto [word, capital] = run_together(authors); word != std::string_view::npos) {
    std::size_t word_end = capital;
    while (word_end < authors.size() && authors[word_end] != ' ' && authors[word_end] != ',') {
      ++word_end;
    }
    const std::string_view first = authors.substr(word, capital - word);
    const std::string_view second = authors.substr(capital, word_end - capital);
    sink.report(RuleId::kAuthorLine,
                {{row, static_cast<std::uint32_t>(begin + word)},
                 {row, static_cast<std::uint32_t>(begin + word_end)}},
                "Author names run together in '" + std::string(first) + std::string(second) +
                    "'; expected ', ' between '" + std::string(first) + "' and '" +
                    std::string(second) + "'.");
  }
  for (std::size_t pos = authors.find(','); pos != std::string_view::npos;
       pos = authors.find(',', pos + 1)) {
    std::size_t next = pos + 1;
    while (next < authors.size() && authors[next] == ' ') ++next;
    if (next < authors.size() && authors[next] == ',') {
      // The whole run of commas is one finding, and one fix keeps its last comma.
      std::size_t last = next;
      for (std::size_t q = next; q < authors.size() && (authors[q] == ',' || authors[q] == ' ');
           ++q) {
        if (authors[q] == ',')
          last = q;
      }
      auto& d = sink.report(RuleId::kAuthorLine,
                            {{row, static_cast<std::uint32_t>(begin + pos)},
                             {row, static_cast<std::uint32_t>(begin + last + 1)}},
                            "Doubled comma in the author list.");
      d.fixes.push_back(single_edit_fix("Remove the extra comma",
                                        {{row, static_cast<std::uint32_t>(begin + pos)},
                                         {row, static_cast<std::uint32_t>(begin + last)}},
                                        ""));
      return;
    }
    if (next == authors.size() || authors[next] == '.') {
      auto& d = sink.report(RuleId::kAuthorLine,
                            {{row, static_cast<std::uint32_t>(begin + pos)},
                             {row, static_cast<std::uint32_t>(begin + pos + 1)}},
                            "Trailing comma at the end of the author list; expected '.'.");
      const bool has_dot = next < authors.size();
      d.fixes.push_back(single_edit_fix(
          "Replace the trailing comma with '.'",
          {{row, static_cast<std::uint32_t>(begin + pos)},
           {row, static_cast<std::uint32_t>(has_dot ? begin + next + 1 : authors_end)}},
          "."));
      return;
    }
  }
  if (authors.back() != '.') {
    auto& d = sink.report(RuleId::kAuthorLine, {{row, authors_end - 1}, {row, authors_end}},
                          std::string("Author list does not end in '.'") +
                              (e.venue ? "; expected '.' before the venue." : "."));
    d.fixes.push_back(single_edit_fix("Add '.' after the authors", point(row, authors_end), "."));
  }
}

void check_venue(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (const auto& empty = b.syntax.empty_venue) {
    // Remove the `**` with the space before it.
    const Range removed = {{empty->start.line, b.syntax.authors_end}, empty->end};
    auto& d = sink.report(RuleId::kVenue, *empty, "Empty emphasis '**' where the venue goes.");
    d.fixes.push_back(single_edit_fix("Remove the empty '**'", removed, ""));
  }
  if (!e.venue)
    return;
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
  // Emphasis as the list writes venues; preprint servers (`arXiv, 2023.`) are often left plain.
  if (v.emphasis != a.conventions.venue_emphasis &&
      !(known && known->kind == VenueKind::kPreprint)) {
    if (a.conventions.venue_emphasis) {
      auto& d = sink.report(
          RuleId::kVenue, v.range,
          "Venue '" + v.text + "' without emphasis; this list writes *" + v.text + "*.");
      d.fixes.push_back(single_edit_fix("Write *" + v.text + "*", v.range, "*" + v.text + "*"));
    } else {
      const Range starred = {{row, col - 1}, {row, v.range.end.column + 1}};
      auto& d = sink.report(RuleId::kVenue, v.range,
                            "Venue '" + v.text + "' in emphasis; this list writes venues plain.");
      d.fixes.push_back(single_edit_fix("Write " + v.text + " without '*'", starred, v.text));
    }
  }
  const Range name_range = {{row, col}, {row, static_cast<std::uint32_t>(col + base.size())}};
  // A publisher prefix on the canonical name (`IEEE TNNLS`, `ACM CCS`) is fine.
  const bool prefixed = known && (base == "IEEE " + known->name || base == "ACM " + known->name);
  if (known && !known->accepts(base) && !prefixed && !text::iequals(base, known->full_name)) {
    auto& d = sink.report(
        RuleId::kVenue, name_range,
        "Venue '" + base + "' is written '" + known->name + "' (" + known->full_name + ").");
    d.fixes.push_back(single_edit_fix("Write '" + known->name + "'", name_range, known->name));
  }
  const std::string star = v.emphasis ? "*" : "";
  if (v.year) {
    const std::size_t year_pos = v.text.find(std::to_string(*v.year));
    if (year_pos > 0 && year_pos != std::string::npos &&
        std::isalnum(static_cast<unsigned char>(v.text[year_pos - 1]))) {
      const Range at = point(row, static_cast<std::uint32_t>(col + year_pos));
      auto& d =
          sink.report(RuleId::kVenue, v.range,
                      "Venue '" + v.text + "' has no space before the year; expected " + star +
                          v.text.substr(0, year_pos) + " " + v.text.substr(year_pos) + star + ".");
      d.fixes.push_back(single_edit_fix("Insert a space before the year", at, " "));
    }
    // A venue year one before the arXiv year is normal: papers of a conference held late in
    // the year (ACCV, NeurIPS in December) are often posted to arXiv after the proceedings.
    if (e.arxiv && *v.year + 1 < e.arxiv->year()) {
      sink.report(RuleId::kVenue, v.range,
                  "Venue year " + std::to_string(*v.year) + " is before the arXiv year " +
                      std::to_string(e.arxiv->year()) + " of " + e.arxiv->id + ".");
    }
  } else if (known && (known->kind == VenueKind::kConference)) {
    sink.report(RuleId::kVenue, v.range,
                "Conference '" + v.text + "' has no year; expected *" + known->name + " YYYY*.");
  }
}

void check_digest(const Analysis& a, const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (!e.digest_line)
    return;
  const EntrySyntax& s = b.syntax;
  const std::uint32_t row = *e.digest_line;
  if (e.digest.empty()) {
    sink.report(RuleId::kDigest, s.digest_marker_range, "The digest is empty.");
  }
  const Dialect style = e.digest_style == DigestStyle::kPlain ? Dialect::k2021 : Dialect::k2026;
  if (style != a.dialect) {
    const bool to_2026 = a.dialect == Dialect::k2026;
    auto& d = sink.report(RuleId::kDigest, s.digest_marker_range,
                          std::string("Digest written in the ") + (to_2026 ? "2021" : "2026") +
                              " dialect; this list uses the " + (to_2026 ? "2026" : "2021") +
                              " dialect (" + std::string(dialect_digest_example(a.dialect)) + ").");
    const Range whole = {s.digest_marker_range.start, {row, b.lines[row].length}};
    std::string replacement = to_2026
                                  ? "<details><summary>Digest</summary> " + e.digest + "</details>"
                                  : "Digest: " + e.digest;
    d.fixes.push_back(
        single_edit_fix("Convert the digest to the list's dialect", whole, replacement));
    return;
  }
  if (e.digest_style == DigestStyle::kDetails && !s.digest_closed &&
      a.config.digest_require_close) {
    const std::uint32_t end = static_cast<std::uint32_t>(text::trim_right(b.line(row)).size());
    auto& d = sink.report(RuleId::kDigest, s.digest_marker_range,
                          "<details> is not closed on the digest line; expected '</details>' "
                          "at its end.");
    d.fixes.push_back(single_edit_fix("Close the <details> tag",
                                      {{row, end}, {row, b.lines[row].length}}, "</details>"));
  }
}

}  // namespace

void check_entry_format(const Analysis& a, std::size_t block_index, DiagnosticSink& sink) {
  const Block& b = a.block(block_index);
  check_shape(a, b, sink);
  check_title(b, sink);
  check_links(a, b, sink);
  check_arxiv_urls(a, b, sink);
  check_authors(b, sink);
  check_venue(a, b, sink);
  check_digest(a, b, sink);
}

}  // namespace awesome::rules
