// The open documents of an LSP session: URI -> {ListDocument, version, publication state}. The
// store alone owns document text; it applies full and incremental changes, converting LSP
// positions in the negotiated encoding to the byte positions rules/ counts in.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "protocol/lsp_types.hpp"
#include "protocol/position_encoding.hpp"
#include "rules/list_document.hpp"
#include "server/diagnostics_convert.hpp"

namespace awesome::server {

struct OpenDocument {
  explicit OpenDocument(rules::ListDocument parsed) : list(std::move(parsed)) {}
  rules::ListDocument list;
  std::int32_t version = 0;
  std::string language_id;
  bool dirty = true;  ///< changed since diagnostics were last computed
  DiagnosticConverter converter;
  bool published = false;         ///< pushed at least once (push model)
  std::uint64_t pull_result = 0;  ///< resultId of the last pull; 0 before the first
  std::string pulled_items;       ///< the items handed out under `pull_result`
};

/// Byte position in `list` of the LSP position `pos`: a line past the end clamps to the end of
/// the document, a character past the end of its line to the line's end.
rules::Position to_byte_position(const rules::ListDocument& list, lsp::Position pos,
                                 protocol::PositionEncoding encoding);
/// LSP position of the byte position `pos` (clamped the same way).
lsp::Position to_lsp_position(const rules::ListDocument& list, rules::Position pos,
                              protocol::PositionEncoding encoding);
lsp::Range to_lsp_range(const rules::ListDocument& list, rules::Range range,
                        protocol::PositionEncoding encoding);

class DocumentStore {
 public:
  using Map = std::map<std::string, OpenDocument, std::less<>>;

  void set_encoding(protocol::PositionEncoding encoding) { encoding_ = encoding; }
  protocol::PositionEncoding encoding() const { return encoding_; }

  /// Opens (or reopens, replacing) `uri` with `text`.
  OpenDocument& open(const lsp::TextDocumentItem& item, const rules::Config& config);
  /// Forgets `uri`; false when it was not open.
  bool close(std::string_view uri);
  /// The open document, or nullptr.
  OpenDocument* find(std::string_view uri);

  /// Applies `changes` in order to the open document `uri` and sets its version. False (and
  /// nothing changes) when the document is not open.
  bool change(std::string_view uri, std::int32_t version,
              std::span<const lsp::TextDocumentContentChangeEvent> changes);

  Map& documents() { return documents_; }

 private:
  protocol::PositionEncoding encoding_ = protocol::PositionEncoding::kUtf16;
  Map documents_;
};

}  // namespace awesome::server
