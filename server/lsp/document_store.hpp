// The open documents of an LSP session: URI -> {ListDocument, version, language id}. The store
// alone owns document text; it applies full and incremental changes, converting LSP positions in
// the negotiated encoding to the byte positions rules/ counts in. Publication state lives in the
// Publisher (publisher.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "protocol/lsp_types.hpp"
#include "protocol/position_encoding.hpp"
#include "rules/list_document.hpp"
#include "server/lsp/position_convert.hpp"

namespace awesome::server {

struct OpenDocument {
  explicit OpenDocument(rules::ListDocument parsed) : list(std::move(parsed)) {}
  rules::ListDocument list;
  std::int32_t version = 0;
  std::string language_id;
};

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
  const OpenDocument* find(std::string_view uri) const;

  /// Applies `changes` in order to the open document `uri` and sets its version. False (and
  /// nothing changes) when the document is not open.
  bool change(std::string_view uri, std::int32_t version,
              std::span<const lsp::TextDocumentContentChangeEvent> changes);

  /// Checks every document again under `config`.
  void set_config(const rules::Config& config);

  Map& documents() { return documents_; }
  const Map& documents() const { return documents_; }

 private:
  protocol::PositionEncoding encoding_ = protocol::PositionEncoding::kUtf16;
  Map documents_;
};

}  // namespace awesome::server
