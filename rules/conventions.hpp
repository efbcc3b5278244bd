// What a list does where the lists of the family differ (the paper link's label, links on the
// title line or under it, the key word label and separator, digests, extra sub-lines, order
// by arXiv id), learnt from the majority of its paper entries the way markdownlint's
// "consistent" styles are; the configuration can pin each one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rules/model.hpp"

namespace awesome::rules {

struct Block;

/// Counts of what the paper entries do, kept entry by entry as the document changes.
class ConventionCounts {
 public:
  void clear() { *this = ConventionCounts{}; }
  /// Adds (`sign` 1) or removes (-1) what one paper entry block does.
  void count(const Block& b, int sign);
  /// The majority conventions, with the configured ones pinned.
  Conventions derive(const Config& config, bool sorted) const;

 private:
  std::map<std::string, std::int64_t, std::less<>> paper_labels_, keyword_labels_, sub_labels_,
      link_labels_;
  std::int64_t entries_ = 0, links_below_ = 0, links_inline_ = 0;
  std::int64_t comma_lines_ = 0, semicolon_lines_ = 0, with_digest_ = 0;
};

}  // namespace awesome::rules
