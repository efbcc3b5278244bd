// rules::Diagnostic -> LSP diagnostic JSON: positions in the negotiated encoding, severity,
// code and its documentation link (when there is one to make), related places, and in `data` the
// titles of the fixes (not their edits). Which diagnostics to compute and when to publish them is
// the server's business.
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

struct ConvertOptions {
  protocol::PositionEncoding encoding = protocol::PositionEncoding::kUtf16;
  bool related_information = false;  ///< the client supports relatedInformation
  /// The URL of rules.md (docs_link.hpp) for codeDescription.href; empty: no link.
  std::string rules_doc;
  /// Findings beside the list's own (the arxiv-* rules, from metadata the list does not hold),
  /// converted after them.
  std::vector<rules::Diagnostic> extra;
  bool operator==(const ConvertOptions&) const = default;
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

/// Converts one document's diagnostics again and again. A diagnostic that the list reports
/// unchanged since its previous result (ListDocument::diagnostic_origins(): same content, same
/// lines, so the same line texts) keeps its JSON text; only new and moved ones are converted.
class DiagnosticConverter {
 public:
  /// Converts the diagnostics of `list`; `changed` tells whether the JSON differs from the
  /// last call's.
  void convert(rules::ListDocument& list, std::string_view uri, const ConvertOptions& options,
               bool& changed);
  /// The JSON array of the last convert() as text ("[]" before the first).
  const std::string& items_text();
  /// The same, parsed (for tests).
  nlohmann::json items() const;

 private:
  std::vector<std::string> items_;  ///< compact JSON of each diagnostic
  std::string text_ = "[]";
  bool text_valid_ = true;
  bool first_ = true;
  std::uint64_t generation_ = 0;
  ConvertOptions options_;
};

}  // namespace awesome::server
