// The check registry: which rule families run per block (cached by ListDocument) and which
// run over the whole document, in a fixed order so that output order is deterministic.
#include "rules/analysis.hpp"

namespace awesome::rules {

void check_block_local(const Analysis& a, std::size_t block_index, std::vector<Diagnostic>& out) {
  DiagnosticSink sink(out);
  check_block_text(a, block_index, sink);
  const Block& b = a.block(block_index);
  const std::size_t s = a.block_section[block_index];
  if (!b.entry || s == SIZE_MAX || !a.sections[s].holds_papers) return;
  check_entry_format(a, block_index, sink);
  check_entry_keywords(a, block_index, sink);
}

void check_document(const Analysis& a, std::vector<Diagnostic>& out) {
  DiagnosticSink sink(out);
  check_structure(a, sink);
  check_toc(a, sink);
  check_ordering(a, sink);
  check_duplicates(a, sink);
  check_keyword_variants(a, sink);
  check_document_text(a, sink);
}

}  // namespace awesome::rules
