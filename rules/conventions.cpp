#include "rules/conventions.hpp"

#include "rules/blocks.hpp"
#include "rules/entry_parser.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

void bump(std::map<std::string, std::int64_t, std::less<>>& map, std::string_view key, int sign) {
  auto it = map.find(key);
  if (it == map.end())
    it = map.emplace(std::string(key), 0).first;
  it->second += sign;
  if (it->second == 0)
    map.erase(it);
}

/// The most used key; `preferred` wins a tie, then the first in order.
std::string majority(const std::map<std::string, std::int64_t, std::less<>>& map,
                     std::string_view preferred) {
  std::string best(preferred);
  std::int64_t most = 0;
  if (auto it = map.find(preferred); it != map.end())
    most = it->second;
  for (const auto& [key, n] : map) {
    if (n > most) {
      best = key;
      most = n;
    }
  }
  return best;
}

}  // namespace

void ConventionCounts::count(const Block& b, int sign) {
  if (!b.entry)
    return;
  const Entry& e = *b.entry;
  const EntrySyntax& s = b.syntax;
  entries_ += sign;
  if (!e.links.empty()) {
    if (is_paper_link_label(e.links.front().label)) {
      bump(paper_labels_, text::to_lower_ascii(e.links.front().label), sign);
    }
    (s.links_below ? links_below_ : links_inline_) += sign;
  }
  if (e.keywords_line) {
    // Only a correctly spelled label can be a list's own: a misspelling never becomes one.
    static constexpr std::string_view kSpellings[] = {"Key Word", "Key Words", "Keywords",
                                                      "Keyword"};
    for (std::string_view ok : kSpellings) {
      if (s.keyword_label == ok)
        bump(keyword_labels_, ok, sign);
    }
    if (e.keywords.size() >= 2)
      (s.keyword_separator == ',' ? comma_lines_ : semicolon_lines_) += sign;
  }
  if (e.digest_line)
    with_digest_ += sign;
  for (const Link& link : e.links) bump(link_labels_, text::to_lower_ascii(link.label), sign);
  for (const SubLine& sub : s.subs) {
    if (!sub.label.empty())
      bump(sub_labels_, sub.label, sign);
  }
}

Conventions ConventionCounts::derive(const Config& config, bool sorted) const {
  Conventions c;
  const ConventionPins& pin = config.conventions;
  c.paper_label = pin.paper_label ? *pin.paper_label : majority(paper_labels_, "paper");
  c.links_below = pin.links_below ? *pin.links_below : links_below_ > links_inline_;
  // Another label than the template's is the list's own when most key word lines use it.
  std::int64_t keyword_lines = 0;
  for (const auto& [label, n] : keyword_labels_) keyword_lines += n;
  c.keyword_label = majority(keyword_labels_, "Key Word");
  if (auto it = keyword_labels_.find(c.keyword_label);
      it == keyword_labels_.end() || it->second * 2 <= keyword_lines || it->second < 2) {
    c.keyword_label = "Key Word";
  }
  if (pin.keyword_label)
    c.keyword_label = *pin.keyword_label;
  c.keyword_separator = pin.keyword_separator             ? *pin.keyword_separator
                        : comma_lines_ > semicolon_lines_ ? ','
                                                          : ';';
  // Digests are the template's: a list drops them when most of four or more entries have none.
  c.digest = pin.digest ? *pin.digest : entries_ < 4 || with_digest_ * 2 >= entries_;
  c.sorted = pin.sorted ? *pin.sorted : sorted;
  // A link label three entries use is one of the list's own (`[[extension]]`, `[[website]]`).
  for (const auto& [label, n] : link_labels_) {
    if (n >= 3 && !is_known_link_label(label))
      c.link_labels.push_back(label);
  }
  if (pin.sub_labels) {
    c.sub_labels = *pin.sub_labels;
  } else {
    // A sub-line label is the list's own when a quarter of its entries (and two at least) use it.
    for (const auto& [label, n] : sub_labels_) {
      if (n >= 2 && n * 4 >= entries_)
        c.sub_labels.push_back(label);
    }
  }
  return c;
}

}  // namespace awesome::rules
