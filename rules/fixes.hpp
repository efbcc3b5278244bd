// Applying fixes to a text: pure byte operations over the document's lines, shared by
// `check --fix`, formatting and code actions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.hpp"

namespace awesome::rules {

/// Applies `edits` (positions in `text`) and returns the new text. Edits that overlap an
/// earlier accepted edit are skipped; `applied` (optional) receives how many were applied.
std::string apply_edits(std::string_view text, std::span<const TextEdit> edits,
                        std::size_t* applied = nullptr);

/// The edits of every safe fix among `diagnostics`, in document order, overlaps dropped.
std::vector<TextEdit> safe_fix_edits(std::span<const Diagnostic> diagnostics);

/// Runs safe fixes to a fixed point (at most `max_rounds` parses) and returns the result.
std::string fix_all(std::string_view text, const struct Config& config, int max_rounds = 8);

}  // namespace awesome::rules
