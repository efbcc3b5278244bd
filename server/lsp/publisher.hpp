// The diagnostics publication state of the open documents, keyed by URI: whether a document
// changed since it was last checked, its converted diagnostics, what was pushed and what was
// handed out to pulls. The documents themselves live in the DocumentStore; when to publish is
// the server's business.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "rules/list_document.hpp"
#include "server/lsp/diagnostics_convert.hpp"

namespace awesome::server {

class Publisher {
 public:
  /// `uri` must be checked again (opened, changed). A URI not seen yet is dirty.
  void mark_dirty(std::string_view uri);
  /// Every document must be checked again (the configuration changed).
  void mark_all_dirty();
  /// Forgets `uri` (closed or reopened): it starts again as never checked nor published.
  void forget(std::string_view uri);

  /// The body of a textDocument/publishDiagnostics notification for `uri`, when it is dirty and
  /// its diagnostics differ from those last pushed (or none were); nullopt otherwise. Lints
  /// `list` only when dirty.
  std::optional<std::string> push(const std::string& uri, rules::ListDocument& list,
                                  std::int32_t version, const ConvertOptions& options);

  /// A pull's answer: the resultId naming `items`, the JSON array text of the diagnostics.
  struct Pulled {
    std::string result_id;
    const std::string& items;
  };
  /// Lints `list` if dirty and names its diagnostics: a new resultId whenever they differ from
  /// those handed out under the last one (pushes in between included).
  Pulled pull(const std::string& uri, rules::ListDocument& list, const ConvertOptions& options);

  /// The converter of `uri`, or nullptr before its first check (for tests).
  const DiagnosticConverter* converter(std::string_view uri) const;

 private:
  struct State {
    bool dirty = true;  ///< changed since diagnostics were last computed
    DiagnosticConverter converter;
    bool published = false;         ///< pushed at least once (push model)
    std::uint64_t pull_result = 0;  ///< resultId of the last pull; 0 before the first
    std::string pulled_items;       ///< the items handed out under `pull_result`
  };
  /// The state of `uri`, converted again when dirty; `changed` tells whether the result differs.
  State& update(const std::string& uri, rules::ListDocument& list, const ConvertOptions& options,
                bool& changed);

  std::map<std::string, State, std::less<>> states_;
  std::uint64_t last_result_id_ = 0;  ///< the last resultId handed out
};

}  // namespace awesome::server
