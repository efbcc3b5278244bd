// The rule catalog of FORMAT.md: every rule's id, default severity, fix kind and summary, in
// the deterministic order used for output. The checks themselves live in rules/checks/.
#pragma once

#include <span>
#include <string_view>

#include "rules/diagnostic.hpp"

namespace awesome::rules {

enum class FixKind : std::uint8_t {
  kNone,    ///< no mechanical fix
  kSafe,    ///< applied by `check --fix` and formatting
  kEditor,  ///< offered as a quick fix in the editor only (it may remove an entry)
};

struct RuleInfo {
  std::string_view id;     ///< stable kebab-case id, e.g. "duplicate-link"
  std::string_view group;  ///< "structure", "entry format", "key words", ...
  Severity default_severity;
  FixKind fix;
  std::string_view summary;  ///< one line, for `awesome-ls rules` and hover
};

/// Every rule, in catalog order.
std::span<const RuleInfo> rule_catalog();
/// The rule with this id, or nullptr.
const RuleInfo* find_rule(std::string_view id);

}  // namespace awesome::rules
