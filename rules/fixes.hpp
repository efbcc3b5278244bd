// Applying fixes to a text: pure byte operations over the document's lines, shared by
// `check --fix`, formatting and code actions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/catalog.hpp"
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

/// fix_all restricted to the findings of `rule`: its safe fixes, round after round, and no
/// other rule's.
std::string fix_rule(std::string_view text, const struct Config& config, RuleId rule,
                     int max_rounds = 8);

/// The edit that silences `finding` (one of `findings`, the diagnostics of `text` under
/// `config`) with `<!-- awesome-ls-disable-next-line RULE -->` on its own line above it, with
/// that line's indentation (or RULE added to such a comment already there). nullopt when no
/// comment can go there safely: the finding is not on the first line of its block (a comment
/// line would split an entry, a paragraph or a table), or the text with the comment does not
/// have exactly the other findings (one re-analysis).
std::optional<TextEdit> disable_next_line_edit(std::string_view text, const struct Config& config,
                                               std::span<const Diagnostic> findings,
                                               const Diagnostic& finding);

}  // namespace awesome::rules
