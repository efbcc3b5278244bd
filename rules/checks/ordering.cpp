// Ordering rules: entry-order (descending arXiv ids inside the deepest section holding
// entries; entries without an id keep their place) and entry-year (an entry's arXiv year
// matches its year section).
#include <algorithm>
#include <optional>

#include "rules/analysis.hpp"

namespace awesome::rules {

namespace {

struct Keyed {
  std::size_t block;
  std::uint64_t key;
};

std::uint64_t sort_key(const ArxivId& id) {
  return (static_cast<std::uint64_t>(id.sort_month()) << 32) | id.number;
}

std::string id_of(const Analysis& a, std::size_t block) { return a.entry(block).arxiv->id; }

/// The section's entries re-ordered (stable; entries without an id stay in their slot).
std::optional<TextEdit> sort_section_edit(const Analysis& a, const SectionRec& s, bool descending) {
  std::vector<std::size_t> slots;
  for (std::size_t bi : s.entries) {
    if (a.entry(bi).arxiv) slots.push_back(bi);
  }
  std::vector<std::size_t> sorted = slots;
  std::stable_sort(sorted.begin(), sorted.end(), [&](std::size_t x, std::size_t y) {
    const auto kx = sort_key(*a.entry(x).arxiv), ky = sort_key(*a.entry(y).arxiv);
    return descending ? kx > ky : kx < ky;
  });
  const std::size_t first = s.entries.front(), last = s.entries.back();
  std::string text;
  std::size_t next = 0;
  for (std::size_t bi = first; bi <= last; ++bi) {
    const bool slot = next < slots.size() && slots[next] == bi;
    const Block& b = a.block(slot ? sorted[next++] : bi);
    if (b.text.empty() || (b.text.back() != '\n' && b.text.back() != '\r')) return std::nullopt;
    text += b.text;
  }
  const std::uint32_t from = a.first_line[first];
  const std::uint32_t to = a.first_line[last] + a.block(last).line_count();
  return TextEdit{{{from, 0}, {to, 0}}, std::move(text)};
}

void check_section_order(const Analysis& a, const SectionRec& s, DiagnosticSink& sink) {
  const bool descending = a.config.order == SortDirection::kDescending;
  std::vector<Keyed> seq;
  for (std::size_t bi : s.entries) {
    if (a.entry(bi).arxiv) seq.push_back({bi, sort_key(*a.entry(bi).arxiv)});
  }
  if (seq.size() < 2) return;
  bool fix_attached = false;
  for (std::size_t i = 1; i < seq.size(); ++i) {
    // An entry is out of order when it sorts before its predecessor (adjacent inversion).
    const bool inverted = descending ? seq[i].key > seq[i - 1].key : seq[i].key < seq[i - 1].key;
    if (!inverted) continue;
    // It belongs after the last earlier entry that sorts before it (or first).
    std::size_t after = SIZE_MAX;
    for (std::size_t j = i; j-- > 0;) {
      if (descending ? seq[j].key >= seq[i].key : seq[j].key <= seq[i].key) {
        after = j;
        break;
      }
    }
    const Entry& e = a.entry(seq[i].block);
    std::string msg = "Entry " + e.arxiv->id + " is out of " +
                      (descending ? "descending" : "ascending") + " arXiv id order after " +
                      id_of(a, seq[i - 1].block) + "; expected ";
    msg += after == SIZE_MAX ? "it first among the section's entries with an id."
                             : "it right after " + id_of(a, seq[after].block) + ".";
    const Link& paper = e.links.front();
    auto& d = sink.report("entry-order", a.absolute(seq[i].block, paper.url_range), std::move(msg));
    if (after != SIZE_MAX) {
      d.related.push_back({a.absolute(seq[after].block, a.entry(seq[after].block).title_range),
                           "the entry it should follow"});
    }
    // The fix rewrites the whole section, so only the section's first finding carries it.
    if (!fix_attached) {
      fix_attached = true;
      if (auto edit = sort_section_edit(a, s, descending)) {
        d.fixes.push_back(Fix{"Sort the entries of this section by arXiv id", {std::move(*edit)}, true, true});
      }
    }
  }
}

std::size_t year_section_of(const Analysis& a, std::size_t si) {
  for (; si != SIZE_MAX; si = a.sections[si].parent) {
    if (a.sections[si].kind == SectionKind::kYear) return si;
  }
  return SIZE_MAX;
}

void check_entry_years(const Analysis& a, DiagnosticSink& sink) {
  for (std::size_t bi : a.papers) {
    const Entry& e = a.entry(bi);
    if (!e.arxiv) continue;
    const std::size_t ys = year_section_of(a, a.block_section[bi]);
    if (ys == SIZE_MAX) continue;
    const HeadingInfo& h = *a.block(a.sections[ys].block).heading;
    const int year = e.arxiv->year();
    if (year == *h.year || (h.year_and_before && year <= *h.year)) continue;
    auto& d = sink.report("entry-year", a.absolute(bi, e.links.front().url_range),
                          "Entry " + e.arxiv->id + " is from " + std::to_string(year) +
                              " but sits in the year section '" + h.title + "'.");
    d.related.push_back({a.absolute(a.sections[ys].block, h.title_range), "the year section"});
  }
}

}  // namespace

void check_ordering(const Analysis& a, DiagnosticSink& sink) {
  for (const SectionRec& s : a.sections) {
    if (s.entries.size() >= 2) check_section_order(a, s, sink);
  }
  check_entry_years(a, sink);
}

}  // namespace awesome::rules
