// An awesome paper list held for checking: its text split into blocks (entries, headings,
// other lines), the parsed model and the diagnostics of every rule. Edits re-parse only the
// blocks they touch; the result is always what a fresh parse of the same text gives.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/config.hpp"
#include "rules/conventions.hpp"
#include "rules/diagnostic.hpp"
#include "rules/model.hpp"
#include "rules/update_times.hpp"

namespace awesome::rules {

struct Vocabulary;   // rules/completion.hpp
struct LineOutline;  // rules/completion.hpp
class VenueCatalog;  // rules/venues.hpp

class ListDocument {
 public:
  /// Parses any bytes; never throws on content.
  explicit ListDocument(std::string_view text, Config config = {});
  ~ListDocument();
  ListDocument(ListDocument&&) noexcept;
  ListDocument& operator=(ListDocument&&) noexcept;

  /// Replaces the text between two byte positions (clamped to the document; start and end are
  /// swapped when reversed) with `new_text`, re-parsing only the blocks the edit touches.
  void edit(Range range, std::string_view new_text);
  /// Replaces the whole text.
  void reset(std::string_view text);
  void set_config(Config config);
  const Config& config() const;
  /// The venue catalog: the built-in one plus the configuration's venues.
  const VenueCatalog& venues() const;

  /// The whole text (built on demand: O(size)).
  std::string text() const;
  std::size_t size_bytes() const;
  /// Number of lines; a text ending in a line break has an empty last line, like LSP.
  std::uint32_t line_count() const;
  /// Line `index` without its terminator ("\n", "\r\n" or "\r"); empty past the end.
  std::string_view line(std::uint32_t index) const;
  /// The terminator of line `index` ("" for the last line).
  std::string_view line_terminator(std::uint32_t index) const;

  /// Every finding, sorted by position then rule, suppressions and severities applied.
  /// Computed again only where the edits since the last call can change it.
  const std::vector<Diagnostic>& diagnostics();
  /// How long the phases of the last diagnostics() that computed a result took.
  const UpdateTimes& last_update_times() const;
  /// Counts the results diagnostics() computed (a call after no edit computes none).
  std::uint64_t diagnostics_generation() const;
  /// For each diagnostic of the last result, its index in the result before (generation one
  /// less) when it is the same there, position included; UINT32_MAX for new or changed ones.
  /// Lets a caller reuse what it derived from the previous result.
  const std::vector<std::uint32_t>& diagnostic_origins() const;
  /// Whether the text is a paper list: some paper entry links to a web page. `check --fix`
  /// changes nothing in a file that is not; the `no-entries` rule says so.
  bool is_paper_list();
  /// The document model (sections, entries), up to date with the last edit.
  const Model& model();
  /// Each of model().conventions with where it comes from (pinned, learnt, the template's
  /// default) and the counts it was learnt from: what `awesome-ls conventions` prints.
  std::vector<ConventionFact> explain_conventions() const;

  /// The key words and venues the document uses, kept up to date edit by edit.
  const Vocabulary& vocabulary();
  /// The category (`## ` heading) around `line`, "" when none; reads back to its heading.
  std::string category_at(std::uint32_t line) const;
  /// Whether `line` is the first line of a block (a heading, an entry, a paragraph, a comment,
  /// a run of blank lines): where a line can go above it without splitting anything.
  bool starts_block(std::uint32_t line) const;
  /// The sections by lines (rebuilt on demand after an edit: O(blocks)).
  const LineOutline& line_outline();

  // Editor commands: the edits they make on the current text, empty when nothing changes.
  /// Brings the table of contents up to date with the headings (the "update ToC" fix).
  std::vector<TextEdit> update_toc_edits() const;
  /// Sorts the paper entries of the innermost section around `line` by arXiv id (the
  /// entry-order fix), entries without an id keeping their places.
  std::vector<TextEdit> sort_section_edits(std::uint32_t line) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace awesome::rules
