// The vocabulary kept edit by edit (see vocabulary.hpp) and the line outline for completion.
#include "rules/vocabulary.hpp"

#include <algorithm>

#include "rules/analysis.hpp"

namespace awesome::rules {

bool is_category_boundary(const Block& b) {
  return b.kind == BlockKind::kHeading && b.heading && b.heading->level >= 1 &&
         b.heading->level <= 2;
}

std::string category_before(const std::vector<BlockPtr>& blocks, std::size_t index) {
  for (std::size_t bi = std::min(index, blocks.size()); bi-- > 0;) {
    const Block& b = *blocks[bi];
    if (is_category_boundary(b))
      return b.heading->level == 2 ? b.heading->title : std::string();
  }
  return {};
}

void VocabularyIndex::removed(const BlockPtr& block) {
  if (stale_ || !block->entry)
    return;
  log_.push_back({block, {}, false});
  if (log_.size() > kMaxPending)
    invalidate();
}

void VocabularyIndex::added(const BlockPtr& block, std::string category) {
  if (stale_ || !block->entry)
    return;
  log_.push_back({block, std::move(category), true});
  if (log_.size() > kMaxPending)
    invalidate();
}

void VocabularyIndex::invalidate() {
  stale_ = true;
  log_.clear();
}

void VocabularyIndex::count(const Block& b, const std::string& category, int sign) {
  const auto bump = [&](std::unordered_map<std::string, Vocabulary::Use>& map,
                        const std::string& key) {
    if (key.empty())
      return;
    auto it = map.try_emplace(key).first;
    Vocabulary::Use& use = it->second;
    use.count += static_cast<std::uint32_t>(sign);
    if (!category.empty()) {
      auto c = use.categories.try_emplace(category, 0).first;
      c->second += static_cast<std::uint32_t>(sign);
      if (c->second == 0)
        use.categories.erase(c);
    }
    if (use.count == 0)
      map.erase(it);
  };
  const Entry& e = *b.entry;
  for (const KeywordPhrase& k : e.keywords) bump(vocabulary_.phrases, k.text);
  if (e.venue)
    bump(vocabulary_.venues, e.venue->name);
}

const Vocabulary& VocabularyIndex::get(const std::vector<BlockPtr>& blocks) {
  if (stale_) {
    vocabulary_ = {};
    counted_.clear();
    std::string category;
    for (const BlockPtr& b : blocks) {
      if (is_category_boundary(*b)) {
        category = b->heading->level == 2 ? b->heading->title : std::string();
      } else if (b->entry) {
        count(*b, category, +1);
        counted_.emplace(b.get(), category);
      }
    }
    stale_ = false;
    return vocabulary_;
  }
  for (Event& e : log_) {
    if (e.add) {
      count(*e.block, e.category, +1);
      counted_[e.block.get()] = std::move(e.category);
    } else if (auto it = counted_.find(e.block.get()); it != counted_.end()) {
      count(*e.block, it->second, -1);
      counted_.erase(it);
    }
  }
  log_.clear();
  return vocabulary_;
}

std::size_t LineOutline::section_at(std::uint32_t line) const {
  // Sections nest: the innermost one holding the line is the last that starts at or before it
  // and still holds it.
  auto it = std::upper_bound(sections.begin(), sections.end(), line,
                             [](std::uint32_t l, const Section& s) { return l < s.first_line; });
  while (it != sections.begin()) {
    --it;
    if (it->last_line >= line)
      return static_cast<std::size_t>(it - sections.begin());
  }
  return SIZE_MAX;
}

void build_line_outline(const Analysis& a, LineOutline& out) {
  out.dialect = a.dialect;
  out.sections.clear();
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    const SectionRec& s = a.sections[si];
    const HeadingInfo& h = *a.block(s.block).heading;
    LineOutline::Section section;
    section.first_line = a.first_line[s.block];
    section.last_line = s.end_block < a.blocks.size()
                            ? a.first_line[s.end_block] - 1
                            : a.first_line.back() + a.blocks.back()->line_count() - 1;
    section.kind = s.kind;
    section.level = s.level;
    section.title = h.title;
    section.year = h.year;
    if (s.kind == SectionKind::kCategory) {
      section.category = si;
    } else if (s.parent != SIZE_MAX) {
      section.category = out.sections[s.parent].category;
    }
    section.holds_papers = s.holds_papers;
    out.sections.push_back(std::move(section));
  }
}

}  // namespace awesome::rules
