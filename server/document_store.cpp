#include "server/document_store.hpp"

#include <algorithm>

namespace awesome::server {

using protocol::PositionEncoding;

rules::Position to_byte_position(const rules::ListDocument& list, lsp::Position pos,
                                 PositionEncoding encoding) {
  std::uint32_t lines = list.line_count();
  if (lines == 0)
    return {};
  if (pos.line >= lines) {
    std::uint32_t last = lines - 1;
    return {last, static_cast<std::uint32_t>(list.line(last).size())};
  }
  return {pos.line, protocol::to_byte_column(list.line(pos.line), pos.character, encoding)};
}

lsp::Position to_lsp_position(const rules::ListDocument& list, rules::Position pos,
                              PositionEncoding encoding) {
  std::uint32_t lines = list.line_count();
  if (lines == 0)
    return {};
  if (pos.line >= lines) {
    std::uint32_t last = lines - 1;
    return {last, protocol::column_count(list.line(last), encoding)};
  }
  return {pos.line, protocol::from_byte_column(list.line(pos.line), pos.column, encoding)};
}

lsp::Range to_lsp_range(const rules::ListDocument& list, rules::Range range,
                        PositionEncoding encoding) {
  lsp::Position start = to_lsp_position(list, range.start, encoding);
  if (range.end == range.start)
    return {start, start};
  return {start, to_lsp_position(list, range.end, encoding)};
}

OpenDocument& DocumentStore::open(const lsp::TextDocumentItem& item, const rules::Config& config) {
  auto it = documents_.find(item.uri);
  if (it != documents_.end())
    documents_.erase(it);
  OpenDocument doc{rules::ListDocument(item.text, config)};
  doc.version = item.version;
  doc.language_id = item.languageId;
  return documents_.try_emplace(item.uri, std::move(doc)).first->second;
}

bool DocumentStore::close(std::string_view uri) {
  auto it = documents_.find(uri);
  if (it == documents_.end())
    return false;
  documents_.erase(it);
  return true;
}

OpenDocument* DocumentStore::find(std::string_view uri) {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

bool DocumentStore::change(std::string_view uri, std::int32_t version,
                           std::span<const lsp::TextDocumentContentChangeEvent> changes) {
  OpenDocument* doc = find(uri);
  if (doc == nullptr)
    return false;
  for (const auto& change : changes) {
    if (!change.range) {
      doc->list.reset(change.text);
      continue;
    }
    rules::Position start = to_byte_position(doc->list, change.range->start, encoding_);
    rules::Position end = to_byte_position(doc->list, change.range->end, encoding_);
    if (end < start)
      std::swap(start, end);
    doc->list.edit({start, end}, change.text);
  }
  doc->version = version;
  doc->dirty = true;
  return true;
}

}  // namespace awesome::server
