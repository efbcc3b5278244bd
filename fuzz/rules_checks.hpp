// Invariants the rules fuzz targets check, shared with the regression test that replays saved
// crash inputs. Each check returns an empty string when the input passes, or what went wrong.
// No libFuzzer here: the targets trap on a non-empty result, the test asserts it is empty.
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rules/config.hpp"
#include "rules/entry_parser.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"

namespace awesome::fuzz {

/// A small deterministic generator (splitmix64) so an input always replays the same edits.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform-ish in [0, bound); 0 when bound is 0.
  std::uint32_t below(std::uint64_t bound) {
    return bound == 0 ? 0 : static_cast<std::uint32_t>(next() % bound);
  }

 private:
  std::uint64_t state_;
};

/// The first up to 8 bytes of `data` as a seed.
inline std::uint64_t seed_of(std::string_view data) {
  std::uint64_t seed = 0;
  for (std::size_t i = 0; i < data.size() && i < 8; ++i) {
    seed = (seed << 8) | static_cast<unsigned char>(data[i]);
  }
  return seed;
}

inline std::string describe(const rules::Range& r) {
  return std::to_string(r.start.line) + ":" + std::to_string(r.start.column) + "-" +
         std::to_string(r.end.line) + ":" + std::to_string(r.end.column);
}

/// Whether `r` lies within `doc`: lines exist, columns within their line, start <= end.
inline std::string check_range(rules::ListDocument& doc, const rules::Range& r,
                               std::string_view what) {
  const auto lines = doc.line_count();
  for (const auto& p : {r.start, r.end}) {
    if (p.line >= lines) {
      return std::string(what) + " range " + describe(r) + " past the last line (" +
             std::to_string(lines) + " lines)";
    }
    if (p.column > doc.line(p.line).size()) {
      return std::string(what) + " range " + describe(r) + " past the end of line " +
             std::to_string(p.line) + " (" + std::to_string(doc.line(p.line).size()) + " bytes)";
    }
  }
  if (r.end < r.start)
    return std::string(what) + " range " + describe(r) + " is reversed";
  return {};
}

/// Every range a diagnostic carries (its own, related places, fix edits) is inside `doc`.
inline std::string check_diagnostic_ranges(rules::ListDocument& doc) {
  for (const auto& d : doc.diagnostics()) {
    const std::string rule(d.rule);
    if (auto why = check_range(doc, d.range, rule); !why.empty())
      return why;
    for (const auto& rel : d.related) {
      if (auto why = check_range(doc, rel.range, rule + " related"); !why.empty())
        return why;
    }
    for (const auto& fix : d.fixes) {
      for (const auto& e : fix.edits) {
        if (auto why = check_range(doc, e.range, rule + " fix edit"); !why.empty())
          return why;
      }
    }
  }
  return {};
}

/// fuzz_rules: any bytes parse; diagnostics and model are computed; ranges are in the text.
inline std::string check_rules(std::string_view data) {
  rules::ListDocument doc(data);
  (void)doc.model();
  return check_diagnostic_ranges(doc);
}

/// fuzz_incremental: a sequence of edits derived from the input, applied one by one, leaves
/// the same text, line count and diagnostics as a fresh parse of the resulting text.
inline std::string check_incremental(std::string_view data) {
  Rng rng(seed_of(data));
  rules::ListDocument doc(data);
  // Inserted text comes from the input's tail, so mutations of list text feed the edits too.
  const std::string_view tail = data.substr(data.size() / 2);
  static constexpr std::string_view kBreaks[] = {"\n", "\r\n", "\r", "\n\n", "- ", "#", "`"};
  const std::uint32_t edits = 1 + rng.below(12);
  for (std::uint32_t i = 0; i < edits; ++i) {
    const std::uint32_t lines = doc.line_count();
    rules::Position start;
    start.line = rng.below(lines + 2);  // past the end on purpose: positions are clamped
    start.column = rng.below(doc.line(start.line).size() + 3);
    rules::Position end = start;
    switch (rng.below(4)) {
      case 0:
        break;  // pure insertion
      case 1:
        end.column += rng.below(40);
        break;
      default:
        end.line += rng.below(4);
        end.column = rng.below(doc.line(end.line).size() + 3);
        break;
    }
    if (rng.below(8) == 0)
      std::swap(start, end);  // reversed ranges are swapped by edit()
    std::string insert;
    if (rng.below(4) == 0) {
      insert = kBreaks[rng.below(std::size(kBreaks))];
    } else if (!tail.empty() && rng.below(3) != 0) {
      const auto from = rng.below(tail.size());
      insert = tail.substr(from, rng.below(std::min<std::size_t>(tail.size() - from, 120) + 1));
    }
    doc.edit({start, end}, insert);
    // Sometimes look at the state between edits so cached results get invalidated too.
    if (rng.below(3) == 0)
      (void)doc.diagnostics();
    if (rng.below(5) == 0)
      (void)doc.model();
  }
  const std::string text = doc.text();
  rules::ListDocument fresh(text);
  if (text.size() != doc.size_bytes())
    return "size_bytes() differs from text().size()";
  if (fresh.text() != text)
    return "fresh text() differs from its source";
  if (fresh.line_count() != doc.line_count()) {
    return "line_count " + std::to_string(doc.line_count()) + " after edits, " +
           std::to_string(fresh.line_count()) + " fresh";
  }
  for (std::uint32_t l = 0; l < fresh.line_count(); ++l) {
    if (fresh.line(l) != doc.line(l) || fresh.line_terminator(l) != doc.line_terminator(l)) {
      return "line " + std::to_string(l) + " differs after edits";
    }
  }
  const auto& a = doc.diagnostics();
  const auto& b = fresh.diagnostics();
  if (a != b) {
    std::string why = "diagnostics differ: " + std::to_string(a.size()) + " after edits, " +
                      std::to_string(b.size()) + " fresh";
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      if (i >= a.size() || i >= b.size() || !(a[i] == b[i])) {
        const auto& d = i < a.size() ? a[i] : b[i];
        why += "; first at #" + std::to_string(i) + " " + std::string(d.rule) + " " +
               describe(d.range) + " " + d.message;
        break;
      }
    }
    return why;
  }
  if (doc.model().entries.size() != fresh.model().entries.size()) {
    return "entry count differs after edits";
  }
  // The model is built from the one before it (entries of unchanged blocks moved and shifted):
  // it must be the model of the text, field by field.
  if (!(doc.model() == fresh.model()))
    return "model differs from a fresh parse after edits";
  return check_diagnostic_ranges(doc);
}

/// What a fix must keep of a list, as sorted lists so that moves compare equal.
struct Content {
  std::vector<std::string> entries;  ///< titles
  std::vector<std::string> ids;      ///< arXiv ids
  std::vector<std::string> pairs;    ///< wrapper summary + "|" + title of a wrapped entry
  std::vector<std::string> links;    ///< link destinations, arXiv ones as their id
  bool operator==(const Content&) const = default;
};

/// A title as fixes may leave it: spaces collapsed, no final '.', '?' or '!' (title-punctuation
/// and whitespace fix exactly these).
inline std::string title_key(std::string_view title) {
  std::string out;
  for (char ch : title) {
    if ((ch == ' ' || ch == '\t') && (out.empty() || out.back() == ' '))
      continue;
    out += ch == '\t' ? ' ' : ch;
  }
  while (!out.empty() &&
         (out.back() == ' ' || out.back() == '.' || out.back() == '?' || out.back() == '!'))
    out.pop_back();
  return out;
}

inline Content content_of(rules::ListDocument& doc) {
  Content c;
  const auto& m = doc.model();
  std::set<std::uint32_t> section_lines;
  for (const auto& section : m.sections) section_lines.insert(section.range.start.line);
  for (const auto& e : m.entries) {
    c.entries.push_back(title_key(e.title));
    if (e.arxiv)
      c.ids.push_back(e.arxiv->id);
    for (const auto& l : e.links) {
      const auto id = rules::parse_arxiv_url(l.url);
      c.links.push_back(id ? id->id : l.url);
    }
    // The nearest `<summary>` above the entry, when only blank lines and the opening tag
    // stand between and it opens no year section (`<summary>Category: 2024</summary>`): the
    // paper's own wrapper.
    for (std::uint32_t line = e.first_line; line-- > 0;) {
      const std::string_view l = doc.line(line);
      if (l.empty() || l == "<details>")
        continue;
      if ((l.starts_with("<details><summary>") || l.starts_with("<summary>")) &&
          !section_lines.contains(line)) {
        c.pairs.push_back(title_key(l) + "|" + title_key(e.title));
      }
      break;
    }
  }
  for (auto* v : {&c.entries, &c.ids, &c.pairs, &c.links}) std::sort(v->begin(), v->end());
  return c;
}

inline Content content_of(std::string_view text) {
  rules::ListDocument doc(text);
  return content_of(doc);
}

/// fuzz_fix: safe fixes keep every entry (its title up to what title-punctuation and whitespace
/// fix), arXiv id, (wrapper summary, paper) pair and link destination, reach a fixed point, and
/// re-parse. Destinations may only grow: a link-syntax fix can make a malformed link readable.
inline std::string check_fix(std::string_view data) {
  rules::ListDocument before(data);
  const std::string fixed = rules::fix_all(data, {});
  rules::ListDocument after(fixed);
  if (before.model().entries.size() != after.model().entries.size()) {
    return "fix_all changed the entry count from " + std::to_string(before.model().entries.size()) +
           " to " + std::to_string(after.model().entries.size());
  }
  const Content kept = content_of(before), now = content_of(after);
  if (kept.ids != now.ids)
    return "fix_all changed the arXiv ids";
  if (kept.entries != now.entries)
    return "fix_all changed the titles of entries";
  if (kept.pairs != now.pairs)
    return "fix_all moved a paper out of its wrapper";
  for (const auto& link : kept.links) {
    if (!std::binary_search(now.links.begin(), now.links.end(), link))
      return "fix_all lost the link destination " + link;
  }
  if (rules::fix_all(fixed, {}) != fixed)
    return "fix_all of its own result is not a no-op";
  return check_diagnostic_ranges(after);
}

}  // namespace awesome::fuzz
