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

void ConventionCounts::count(const Block& b, int sign, std::size_t home) {
  if (!b.entry)
    return;
  const Entry& e = *b.entry;
  const EntrySyntax& s = b.syntax;
  entries_ += sign;
  if (!b.title_key.empty()) {
    // A copy filed under a home its group does not have yet is one more cross-listed copy.
    auto& homes = copies_[b.copy_hash];
    auto& n = homes[home];
    if (sign > 0 && n == 0 && homes.size() > 1)
      ++cross_copies_;
    n += sign;
    if (n == 0) {
      homes.erase(home);
      if (!homes.empty())
        --cross_copies_;
    }
    if (homes.empty())
      copies_.erase(b.copy_hash);
  }
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
  if (e.venue)
    (e.venue->emphasis ? emphasised_venues_ : plain_venues_) += sign;
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
  c.venue_emphasis = pin.venue_emphasis.value_or(emphasised_venues_ >= plain_venues_);
  // A list cross-lists when three copies of entries are filed in another section than an
  // identical one: one such copy is a slip, three are a habit.
  c.cross_listed = pin.cross_listed ? *pin.cross_listed : cross_copies_ >= 3;
  if (pin.link_labels) {
    c.link_labels = *pin.link_labels;
  } else {
    // A link label three entries use is one of the list's own (`[[extension]]`, `[[website]]`).
    for (const auto& [label, n] : link_labels_) {
      if (n >= 3 && !is_known_link_label(label))
        c.link_labels.push_back(label);
    }
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

namespace awesome::rules {

namespace {

/// `text` as a JSON string. Labels learnt from a list can hold any bytes: control characters
/// are escaped and invalid UTF-8 becomes U+FFFD, so the value always parses.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  std::size_t bad_length = 0;
  std::size_t bad = text::find_invalid_utf8(text, 0, bad_length);
  for (std::size_t i = 0; i < text.size();) {
    if (i == bad) {
      out += "\\uFFFD";
      i += bad_length;
      bad = text::find_invalid_utf8(text, i, bad_length);
      continue;
    }
    const auto ch = static_cast<unsigned char>(text[i++]);
    if (ch == '"' || ch == '\\') {
      (out += '\\') += static_cast<char>(ch);
    } else if (ch < 0x20 || ch == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      ((out += "\\u00") += kHex[ch >> 4]) += kHex[ch & 15];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out + '"';
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + quoted(item);
  return out + "]";
}

std::string of(std::int64_t part, std::int64_t whole, std::string_view what) {
  return std::to_string(part) + " of " + std::to_string(whole) + " " + std::string(what);
}

/// "Modality (12), Datasets (9)": the labels of `items` with their counts in `map`.
std::string with_counts(const std::vector<std::string>& items,
                        const std::map<std::string, std::int64_t, std::less<>>& map,
                        std::string_view what) {
  std::string out;
  for (const auto& item : items) {
    auto it = map.find(item);
    out += (out.empty() ? "" : ", ") + item + " (" +
           std::to_string(it == map.end() ? 0 : it->second) + ")";
  }
  return out.empty() ? "no " + std::string(what) : out + " " + std::string(what);
}

}  // namespace

std::vector<ConventionFact> ConventionCounts::explain(const Conventions& c, const Config& config,
                                                      const OrderConventions& order) const {
  using Source = ConventionFact::Source;
  const ConventionPins& pin = config.conventions;
  std::vector<ConventionFact> facts;
  auto add = [&](bool pinned, bool learnt, std::string key, std::string value,
                 std::string evidence) {
    facts.push_back({std::move(key), std::move(value),
                     pinned   ? Source::kPinned
                     : learnt ? Source::kLearnt
                              : Source::kDefault,
                     std::move(evidence)});
  };
  auto count_of = [](const auto& map, std::string_view key) -> std::int64_t {
    auto it = map.find(key);
    return it == map.end() ? 0 : it->second;
  };
  std::int64_t paper_links = 0, keyword_lines = 0;
  for (const auto& [label, n] : paper_labels_) paper_links += n;
  for (const auto& [label, n] : keyword_labels_) keyword_lines += n;

  add(pin.paper_label.has_value(), paper_links > 0, "paperLabel", quoted(c.paper_label),
      of(count_of(paper_labels_, text::to_lower_ascii(c.paper_label)), paper_links,
         "entries whose first link is a paper link use it"));
  add(pin.links_below.has_value(), links_below_ + links_inline_ > 0, "links",
      quoted(c.links_below ? "belowTitle" : "onTitleLine"),
      std::to_string(links_below_) + " entries have their links under the title, " +
          std::to_string(links_inline_) + " on the title line");
  add(pin.keyword_label.has_value(), keyword_lines > 0, "keywordLabel", quoted(c.keyword_label),
      of(count_of(keyword_labels_, c.keyword_label), keyword_lines,
         "key word lines with a correctly spelled label use it"));
  add(pin.keyword_separator.has_value(), comma_lines_ + semicolon_lines_ > 0, "keywordSeparator",
      quoted(std::string(1, c.keyword_separator)),
      std::to_string(semicolon_lines_) + " key word lines of two or more phrases use ';', " +
          std::to_string(comma_lines_) + " use ','");
  add(pin.digest.has_value(), entries_ >= 4, "digest", c.digest ? "true" : "false",
      of(with_digest_, entries_, "entries have a digest"));
  add(pin.sorted.has_value(), order.pairs >= 10, "sorted", c.sorted ? "true" : "false",
      of(static_cast<std::int64_t>(order.inverted), static_cast<std::int64_t>(order.pairs),
         std::string("adjacent pairs of arXiv ids in one section or topic group are not ") +
             (config.order == SortDirection::kDescending ? "descending" : "ascending")));
  add(pin.year_by_venue.has_value(), order.by_venue + order.by_arxiv > 0, "yearSections",
      quoted(c.year_by_venue ? "venue" : "arxiv"),
      "entries whose venue and arXiv years differ: " + std::to_string(order.by_venue) +
          " in their venue's year section, " + std::to_string(order.by_arxiv) +
          " in their arXiv year's");
  add(pin.venue_emphasis.has_value(), emphasised_venues_ + plain_venues_ > 0, "venueEmphasis",
      c.venue_emphasis ? "true" : "false",
      std::to_string(emphasised_venues_) + " venues are in emphasis, " +
          std::to_string(plain_venues_) + " plain");
  add(pin.cross_listed.has_value(), cross_copies_ > 0, "crossListed",
      c.cross_listed ? "true" : "false",
      std::to_string(cross_copies_) +
          " entries are identical copies of one in another section (a list cross-lists "
          "from three)");
  add(pin.sub_labels.has_value(), !c.sub_labels.empty(), "subLabels", quoted_list(c.sub_labels),
      with_counts(c.sub_labels, sub_labels_, "sub-lines of entries") + " (a label needs a " +
          "quarter of the entries, two at least)");
  add(pin.link_labels.has_value(), !c.link_labels.empty(), "linkLabels", quoted_list(c.link_labels),
      with_counts(c.link_labels, link_labels_, "links") +
          " (a label of the list's own needs "
          "three entries)");
  return facts;
}

}  // namespace awesome::rules
