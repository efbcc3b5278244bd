// rules::Diagnostic -> LSP diagnostic JSON: positions in the negotiated encoding, severity,
// code and its documentation link, related places and the fixes (in `data`, for code actions).
// Which diagnostics to compute and when to publish them is the server's business, not this file's.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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
  bool include_fixes = true;         ///< put the fixes into `data`
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

}  // namespace awesome::server
