#include "server/lsp/document_store.hpp"

#include <algorithm>

namespace awesome::server {

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

const OpenDocument* DocumentStore::find(std::string_view uri) const {
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
  return true;
}

void DocumentStore::set_config(const rules::Config& config) {
  for (auto& [uri, doc] : documents_) doc.list.set_config(config);
}

}  // namespace awesome::server
