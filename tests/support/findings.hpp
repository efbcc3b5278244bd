// Test helpers: the findings of a document by rule, and whether a rule reports at a line.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "rules/list_document.hpp"

namespace awesome::test {

/// The number of findings of each rule.
inline std::map<std::string, int> counts(rules::ListDocument& doc) {
  std::map<std::string, int> out;
  for (const auto& d : doc.diagnostics()) ++out[std::string(d.rule)];
  return out;
}

/// Whether `rule` reports a finding that starts on line `line_1based`.
inline bool has(rules::ListDocument& doc, std::string_view rule, unsigned line_1based) {
  for (const auto& d : doc.diagnostics()) {
    if (d.rule == rule && d.range.start.line + 1 == line_1based)
      return true;
  }
  return false;
}

}  // namespace awesome::test
