// Vocabulary: the document's key words and venues with their counts per category, and its
// outline by lines, for completion. The counts are rebuilt only when the fingerprint of what
// they count changes, so typing in a title or digest costs one pass over the outline.
#include <algorithm>
#include <unordered_map>

#include "rules/analysis.hpp"
#include "rules/completion.hpp"

namespace awesome::rules {

namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  return (h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) * 0x100000001b3ULL;
}

std::uint64_t hash_text(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

std::size_t Vocabulary::section_at(std::uint32_t line) const {
  // Sections nest, so the innermost one holding the line is the last that starts before it
  // and still holds it.
  auto it = std::upper_bound(sections.begin(), sections.end(), line,
                             [](std::uint32_t l, const Section& s) { return l < s.first_line; });
  while (it != sections.begin()) {
    --it;
    if (it->last_line >= line) return static_cast<std::size_t>(it - sections.begin());
  }
  return SIZE_MAX;
}

std::size_t Vocabulary::category_at(std::uint32_t line) const {
  const std::size_t s = section_at(line);
  return s == SIZE_MAX ? SIZE_MAX : sections[s].category;
}

void update_vocabulary(const Analysis& a, Vocabulary& v) {
  v.dialect = a.dialect;
  v.categories.clear();
  v.sections.clear();
  std::vector<std::size_t> category_of(a.sections.size(), SIZE_MAX);
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    const SectionRec& s = a.sections[si];
    const HeadingInfo& h = *a.block(s.block).heading;
    if (s.kind == SectionKind::kCategory) {
      category_of[si] = v.categories.size();
      v.categories.push_back(h.title);
    } else if (s.parent != SIZE_MAX) {
      category_of[si] = category_of[s.parent];
    }
    Vocabulary::Section out;
    out.first_line = a.first_line[s.block];
    out.last_line = s.end_block < a.blocks.size() ? a.first_line[s.end_block] - 1
                                                  : a.first_line.back() + a.blocks.back()->line_count() - 1;
    out.kind = s.kind;
    out.level = s.level;
    out.title = h.title;
    out.year = h.year;
    out.category = category_of[si];
    out.holds_papers = s.holds_papers;
    v.sections.push_back(std::move(out));
  }

  std::uint64_t fingerprint = v.categories.size();
  for (std::size_t bi : a.papers) {
    const Block& b = a.block(bi);
    fingerprint = mix(fingerprint, b.phrases_hash);
    fingerprint = mix(fingerprint, b.entry->venue ? hash_text(b.entry->venue->name) : 0);
    fingerprint = mix(fingerprint, category_of[a.block_section[bi]]);
  }
  for (const auto& c : v.categories) fingerprint = mix(fingerprint, hash_text(c));
  if (fingerprint == v.fingerprint && (!v.phrases.empty() || !v.venues.empty())) return;
  v.fingerprint = fingerprint;

  std::unordered_map<std::string_view, std::size_t> phrase_index, venue_index;
  std::vector<Vocabulary::Phrase> phrases;
  std::vector<Vocabulary::VenueUse> venues;
  std::vector<std::unordered_map<std::size_t, std::uint32_t>> per_category;
  for (std::size_t bi : a.papers) {
    const Entry& e = *a.block(bi).entry;
    const std::size_t category = category_of[a.block_section[bi]];
    for (const KeywordPhrase& k : e.keywords) {
      if (k.text.empty()) continue;
      auto [it, fresh] = phrase_index.emplace(k.text, phrases.size());
      if (fresh) {
        phrases.push_back({k.text, 0, {}});
        per_category.emplace_back();
      }
      ++phrases[it->second].count;
      if (category != SIZE_MAX) ++per_category[it->second][category];
    }
    if (e.venue && !e.venue->name.empty()) {
      auto [it, fresh] = venue_index.emplace(e.venue->name, venues.size());
      if (fresh) venues.push_back({e.venue->name, 0});
      ++venues[it->second].count;
    }
  }
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    auto& cats = phrases[i].categories;
    cats.assign(per_category[i].begin(), per_category[i].end());
    std::sort(cats.begin(), cats.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
  }
  std::sort(phrases.begin(), phrases.end(), [](const auto& x, const auto& y) {
    return x.count != y.count ? x.count > y.count : x.text < y.text;
  });
  std::sort(venues.begin(), venues.end(), [](const auto& x, const auto& y) {
    return x.count != y.count ? x.count > y.count : x.name < y.name;
  });
  v.phrases = std::move(phrases);
  v.venues = std::move(venues);
}

}  // namespace awesome::rules
