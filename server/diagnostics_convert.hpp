// rules::Diagnostic -> LSP diagnostic JSON: positions in the negotiated encoding, severity,
// code and its documentation link, related places, and in `data` the titles of the fixes (not
// their edits). Which diagnostics to compute and when to publish them is the server's business.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/position_encoding.hpp"
#include "rules/diagnostic.hpp"
#include "rules/list_document.hpp"

namespace awesome::server {

inline constexpr std::string_view kDiagnosticSource = "awesome-ls";
inline constexpr std::string_view kRulesDocUrl =
    "https://github.com/awesome-ls/awesome-ls/blob/main/docs/rules.md#";

struct ConvertOptions {
  protocol::PositionEncoding encoding = protocol::PositionEncoding::kUtf16;
  bool related_information = false;  ///< the client supports relatedInformation
  bool include_fixes = true;         ///< put the fix titles into `data`
};

/// One LSP diagnostic. `list` supplies the line text for the column conversion; related places
/// refer to `uri`. Returns null for a diagnostic whose severity is off.
nlohmann::json to_lsp_diagnostic(const rules::Diagnostic& diagnostic,
                                 const rules::ListDocument& list, std::string_view uri,
                                 const ConvertOptions& options);

/// The JSON array of every diagnostic of `list` (severity off dropped).
nlohmann::json to_lsp_diagnostics(std::span<const rules::Diagnostic> diagnostics,
                                  const rules::ListDocument& list, std::string_view uri,
                                  const ConvertOptions& options);

/// The lines edits touched since diagnostics were last converted (current line numbers).
struct TouchedLines {
  bool all = true;                   ///< line numbers shifted or the text was replaced
  std::vector<std::uint32_t> lines;  ///< otherwise, the lines whose text changed
  bool touches(std::uint32_t line) const;
  /// Records an edit of lines [first, last] that now spans `new_last - first + 1` lines.
  void add(std::uint32_t first, std::uint32_t last, std::uint32_t new_last);
  void clear() {
    all = false;
    lines.clear();
  }
};

/// Converts one document's diagnostics again and again, reusing the JSON of a diagnostic that
/// equals the previous one at the same index and lies on untouched lines: its LSP form depends
/// only on itself and the text of its lines.
class DiagnosticConverter {
 public:
  /// The JSON array for `diagnostics`; `changed` tells whether it differs from the last call's.
  const nlohmann::json& convert(std::span<const rules::Diagnostic> diagnostics,
                                const rules::ListDocument& list, std::string_view uri,
                                const ConvertOptions& options, const TouchedLines& touched,
                                bool& changed);
  /// The result of the last convert() (an empty array before the first).
  const nlohmann::json& items() const { return items_; }

 private:
  std::vector<rules::Diagnostic> previous_;  ///< without fix edits (only titles matter here)
  nlohmann::json items_ = nlohmann::json::array();
  bool first_ = true;
};

}  // namespace awesome::server
