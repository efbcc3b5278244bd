// How long the phases of a ListDocument's last diagnostics update took: what the benchmark
// prints beside its totals, so that a regression points at its phase.
#pragma once

namespace awesome::rules {

struct UpdateTimes {
  double indexes_us = 0;   ///< edits recorded, outline, document-wide indexes, ordering groups
  double local_us = 0;     ///< per-block checks of the changed blocks
  double document_us = 0;  ///< checks of changed chunks, ToC, duplicates, key words
  double merge_us = 0;     ///< suppressions applied, the result merged with what stays
};

}  // namespace awesome::rules
