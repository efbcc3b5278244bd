// The rule catalog of docs/format.md: every rule's id, default severity, fix kind and summary, in
// the deterministic order used for output. The checks themselves live in rules/checks/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "rules/diagnostic.hpp"

namespace awesome::rules {

enum class FixKind : std::uint8_t {
  kNone,    ///< no mechanical fix
  kSafe,    ///< applied by `check --fix` and formatting
  kEditor,  ///< offered as a quick fix in the editor only (it may remove an entry)
};

/// Every rule, one enumerator each, in catalog order. Checks report a RuleId, so a misspelt
/// rule does not compile; the table in catalog.cpp gives each its id string and the rest.
enum class RuleId : std::uint8_t {
  kHeadingHierarchy,
  kYearOrder,
  kEmptySection,
  kTocMissing,
  kTocOrphan,
  kNoEntries,
  kTocOrder,
  kEntryShape,
  kTitlePunctuation,
  kLinkSyntax,
  kPaperLink,
  kArxivUrl,
  kAuthorLine,
  kVenue,
  kDigest,
  kWhitespace,
  kPlaceholder,
  kEncoding,
  kKeywordLabel,
  kKeywordSyntax,
  kKeywordCount,
  kKeywordVariant,
  kEntryOrder,
  kEntryYear,
  kDuplicatePaper,
  kDuplicateTitle,
  kDuplicateDigest,
  kDuplicateLink,
  kArxivId,
  kArxivTitle,
  kArxivAuthors,
};
inline constexpr std::size_t kRuleCount = static_cast<std::size_t>(RuleId::kArxivAuthors) + 1;

/// What a finding may read, which decides when Findings (findings.hpp) computes it again.
enum class Scope : std::uint8_t {
  kBlock = 1,     ///< one block alone: again when that block changes (check_block_local)
  kChunk = 2,     ///< a chunk of sections and the outline: again when the chunk changes
  kToc = 4,       ///< the table of contents against every heading
  kDocument = 8,  ///< every entry, through the indexes (entry_indexes.hpp) or a document count
  /// an entry against arXiv's metadata (rules/arxiv.hpp): known only when fetched or cached, so
  /// these run outside Findings, from check_arxiv()
  kMetadata = 16,
};

/// A set of scopes: the rules reported from more than one check family have several.
class Scopes {
 public:
  constexpr Scopes(Scope s) : bits_(static_cast<std::uint8_t>(s)) {}  // NOLINT: implicit
  constexpr bool has(Scope s) const { return (bits_ & static_cast<std::uint8_t>(s)) != 0; }
  friend constexpr Scopes operator|(Scopes x, Scopes y) {
    Scopes out = x;
    out.bits_ |= y.bits_;
    return out;
  }

 private:
  std::uint8_t bits_;
};
constexpr Scopes operator|(Scope x, Scope y) {
  return Scopes(x) | Scopes(y);
}

struct RuleInfo {
  RuleId rule;
  std::string_view id;     ///< stable kebab-case id, e.g. "duplicate-link"; the docs anchor too
  Scopes scopes;           ///< the check families that may report it
  std::string_view group;  ///< "structure", "entry format", "key words", ...
  Severity default_severity;
  FixKind fix;
  std::string_view summary;  ///< one line, for `awesome-ls rules` and hover
};

/// Every rule, in catalog order.
std::span<const RuleInfo> rule_catalog();
/// The rule with this id (config keys, command-line input), or nullptr.
const RuleInfo* find_rule(std::string_view id);
/// The catalog entry of a rule.
const RuleInfo& rule_info(RuleId rule);

}  // namespace awesome::rules
