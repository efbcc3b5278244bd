// A count per 64-bit hash in one flat table (open addressing, linear probing): the word
// counts of the document-wide indexes, where a node-based map of strings costs an allocation
// per distinct word and a cache miss per lookup. Keys are hashes, not the words: two words
// whose 64-bit hashes collide share a count (about one chance in 10^10 for a list of 100,000
// distinct words).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace awesome::rules {

class HashCounter {
 public:
  /// The count of `key`; 0 when it was never counted or went back to 0.
  [[nodiscard]] int get(std::uint64_t key) const {
    if (key == 0)
      return zero_count_;
    if (slots_.empty())
      return 0;
    for (std::size_t i = home(key);; i = (i + 1) & mask()) {
      if (slots_[i].key == key)
        return slots_[i].count;
      if (slots_[i].key == 0)
        return 0;
    }
  }

  /// Adds `by` to the count of `key` and returns the count before. A count that reaches 0
  /// leaves the table.
  int add(std::uint64_t key, int by) {
    if (key == 0) {
      const int before = zero_count_;
      zero_count_ += by;
      return before;
    }
    if ((size_ + 1) * 4 > slots_.size() * 3)
      grow();
    std::size_t i = home(key);
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask();
    Slot& s = slots_[i];
    const int before = s.key == 0 ? 0 : s.count;
    if (s.key == 0) {
      s.key = key;
      ++size_;
    }
    s.count += by;
    if (s.count == 0)
      erase_at(i);
    return before;
  }

  /// How many keys have a count other than 0.
  [[nodiscard]] std::size_t size() const { return size_ + (zero_count_ != 0 ? 1 : 0); }

 private:
  struct Slot {
    std::uint64_t key = 0;  ///< 0 marks an empty slot (key 0 is counted apart)
    int count = 0;
  };

  [[nodiscard]] std::size_t mask() const { return slots_.size() - 1; }
  [[nodiscard]] std::size_t home(std::uint64_t key) const {
    std::uint64_t h = key;  // the murmur3 finalizer: every bit of the key moves the slot
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return static_cast<std::size_t>(h) & mask();
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.key == 0)
        continue;
      std::size_t i = home(s.key);
      while (slots_[i].key != 0) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }

  /// Empties slot `i` and moves back the entries after it that probed past it (backward-shift
  /// deletion: no tombstones, so lookups stay short however many words come and go).
  void erase_at(std::size_t i) {
    --size_;
    for (std::size_t j = (i + 1) & mask();; j = (j + 1) & mask()) {
      if (slots_[j].key == 0)
        break;
      const std::size_t h = home(slots_[j].key);
      // Entry j may move to i when its home is not in the cyclic range (i, j].
      const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (stays)
        continue;
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i] = Slot{};
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;  ///< occupied slots
  int zero_count_ = 0;
};

}  // namespace awesome::rules
