// The check registry: which rule families run per block, per chunk of sections and over the
// table of contents, in a fixed order so that output order is deterministic. Findings
// (findings.cpp) decides when each runs again; duplicates and key word variants run from
// their indexes (entry_indexes.hpp).
#include "rules/analysis.hpp"

namespace awesome::rules {

void check_block_local(const Analysis& a, std::size_t block_index, std::vector<Diagnostic>& out) {
  DiagnosticSink sink(out, Scope::kBlock);
  check_block_text(a, block_index, sink);
  if (!a.is_paper(block_index))
    return;
  check_entry_format(a, block_index, sink);
  check_entry_keywords(a, block_index, sink);
}

void check_chunk(const Analysis& a, DiagnosticSink& sink) {
  check_structure(a, sink);
  check_ordering(a, sink);
  check_document_text(a, sink);
}

}  // namespace awesome::rules
