// Internal: the vocabulary of a ListDocument kept up to date edit by edit. ListDocument reports
// the blocks each edit removes and adds; counts change by those blocks only, unless a category
// heading changed, which makes the next read recount the document.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "rules/blocks.hpp"
#include "rules/completion.hpp"

namespace awesome::rules {

/// Whether `b` starts or ends a category: a `#` or `##` heading.
bool is_category_boundary(const Block& b);
/// The category (`## ` heading title) that block `index` falls under, "" when none: a walk back
/// to the nearest `#` or `##` heading.
std::string category_before(const std::vector<BlockPtr>& blocks, std::size_t index);

class VocabularyIndex {
 public:
  /// `block` left the document.
  void removed(const BlockPtr& block);
  /// `block` joined the document under `category`.
  void added(const BlockPtr& block, std::string category);
  /// The next read recounts every block.
  void invalidate();
  /// The counts for `blocks`, the document's current blocks.
  const Vocabulary& get(const std::vector<BlockPtr>& blocks);

 private:
  struct Event {
    BlockPtr block;  ///< held so that a removed block's address is not reused before it is read
    std::string category;
    bool add = false;
  };
  void count(const Block& b, const std::string& category, int sign);

  static constexpr std::size_t kMaxPending = 4096;
  std::vector<Event> log_;
  bool stale_ = true;
  std::unordered_map<const Block*, std::string> counted_;  ///< block -> its category when counted
  Vocabulary vocabulary_;
};

}  // namespace awesome::rules
