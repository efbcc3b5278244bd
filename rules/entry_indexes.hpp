// Internal: document-wide indexes of the paper entries that the duplicate and keyword-variant
// rules read. They are updated entry by entry, and tell which entries' findings an update can
// change, so that an edit inside one entry re-checks only the entries it relates to.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/analysis.hpp"

namespace awesome::rules {

/// Paper entries grouped by paper key, title key, digest and shared (code, dataset) link,
/// each group in document order (by block label). Implemented in checks/duplicates.cpp.
class DuplicateIndex {
 public:
  void clear();
  /// Removes and adds entries; appends to `recheck` every entry (old or new, present after the
  /// update) whose duplicate findings may differ now. Labels of added blocks must be current.
  void update(const std::vector<const Block*>& removed, const std::vector<const Block*>& added,
              std::vector<const Block*>& recheck);
  /// Appends every entry of a paper or title group of two or more: those whose findings read
  /// the sections they are in (cross-listed copies, theses).
  void grouped(std::vector<const Block*>& out) const;
  /// duplicate-paper, duplicate-title, duplicate-digest and duplicate-link of the entry in
  /// block `bi`, which must be in the index.
  void check(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const;

 private:
  using Groups = std::unordered_map<std::uint64_t, std::vector<const Block*>>;
  bool is_copy(const Block* b) const;
  // The checks of one entry, by rule: a copy is reported as such and for nothing else.
  void check_paper(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const;
  void check_title(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const;
  void check_digest(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const;
  void check_links(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const;
  Groups paper_, title_, digest_, link_;
};

/// The key word phrases of the paper entries and what keyword-variant concluded from them.
/// Implemented in checks/keyword_variants.cpp.
class KeywordIndex {
 public:
  KeywordIndex();
  ~KeywordIndex();
  KeywordIndex(KeywordIndex&&) noexcept;
  KeywordIndex& operator=(KeywordIndex&&) noexcept;

  void clear();
  /// Removes and adds entries; when the phrases in use (or the order they are first used in)
  /// change, the variants are analyzed again. Appends to `reemit` the entries whose findings
  /// may differ now (added ones included).
  void update(const std::vector<const Block*>& removed, const std::vector<const Block*>& added,
              std::vector<const Block*>& reemit);
  /// keyword-variant findings of the entry in block `bi`.
  void check(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace awesome::rules
