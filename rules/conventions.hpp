// What a list does where the lists of the family differ (the paper link's label, links on the
// title line or under it, the key word label and separator, digests, extra sub-lines, order
// by arXiv id, copies of an entry in several sections), learnt from the majority of its paper
// entries the way markdownlint's "consistent" styles are; the configuration can pin each one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/model.hpp"

namespace awesome::rules {

struct Block;

/// What the order of the entries says of a list (order_conventions() in checks/ordering.cpp).
struct OrderConventions {
  /// The entries with an arXiv id are mostly in the configured order inside their sections
  /// (at most a quarter of adjacent pairs inverted, or fewer than ten pairs).
  bool sorted = true;
  /// The year sections hold the year of the venue rather than of the arXiv id, judged by the
  /// entries whose two years differ.
  bool year_by_venue = false;
  std::size_t pairs = 0, inverted = 0;     ///< adjacent entries with ids in one ordering group
  std::size_t by_venue = 0, by_arxiv = 0;  ///< entries whose year section holds that year
};

/// One convention as `awesome-ls conventions` shows it, named and written as the `conventions`
/// object of `.awesome-ls.json` pins it.
struct ConventionFact {
  enum class Source : std::uint8_t { kPinned, kLearnt, kDefault };
  std::string key;    ///< "paperLabel"
  std::string value;  ///< as JSON: "\"pdf\"", "true", "[\"Modality\"]"
  Source source = Source::kLearnt;
  std::string evidence;  ///< what it was learnt from: "380 of 541 entries' first link"
};

/// Counts of what the paper entries do, kept entry by entry as the document changes.
class ConventionCounts {
 public:
  void clear() { *this = ConventionCounts{}; }
  /// Adds (`sign` 1) or removes (-1) what one paper entry block does; `home` is the section it
  /// is filed under (filing_section()), whatever identifies it while the outline stays.
  void count(const Block& b, int sign, std::size_t home);
  /// The majority conventions, with the configured ones pinned.
  Conventions derive(const Config& config, bool sorted) const;
  /// Each convention of `c` (derived from these counts and `order`), with where it came from.
  std::vector<ConventionFact> explain(const Conventions& c, const Config& config,
                                      const OrderConventions& order) const;

 private:
  std::map<std::string, std::int64_t, std::less<>> paper_labels_, keyword_labels_, sub_labels_,
      link_labels_;
  std::int64_t entries_ = 0, links_below_ = 0, links_inline_ = 0;
  std::int64_t comma_lines_ = 0, semicolon_lines_ = 0, with_digest_ = 0;
  std::int64_t emphasised_venues_ = 0, plain_venues_ = 0;
  /// Entries by Block::copy_hash, then by home: identical copies and where they are filed.
  std::unordered_map<std::uint64_t, std::map<std::size_t, std::int64_t>> copies_;
  /// Identical copies filed under another section than the first: per group, its homes less 1.
  std::int64_t cross_copies_ = 0;
};

}  // namespace awesome::rules
