// The paper lists of the workspace folders, for workspace/symbol: Markdown files found by a
// bounded walk (hidden folders, node_modules and build folders skipped; file count, file size
// and walk length capped), parsed when first asked for and again only when their modification
// time or size changes. Files open in the editor are left to the document store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "protocol/lsp_types.hpp"
#include "protocol/position_encoding.hpp"
#include "rules/config.hpp"
#include "rules/list_document.hpp"
#include "server/common/file_walk.hpp"

namespace awesome::server {

/// What workspace/symbol searches and shows of one paper entry.
struct IndexedPaper {
  std::string title;
  std::string authors;
  std::string arxiv;      ///< the arXiv id, or empty
  std::string container;  ///< the title of the entry's section
  lsp::Range range;       ///< the title, in the encoding the list was indexed with
};

/// The papers of `list` in document order, with title ranges in `encoding`.
std::vector<IndexedPaper> index_papers(rules::ListDocument& list,
                                       protocol::PositionEncoding encoding);

class WorkspaceIndex {
 public:
  struct List {
    std::string uri;
    std::vector<IndexedPaper> papers;
  };

  explicit WorkspaceIndex(WalkLimits limits = {}) : limits_(limits) {}

  /// Folders to walk (duplicates dropped). No roots: refresh() returns nothing.
  void set_roots(const std::vector<std::filesystem::path>& roots);
  const std::vector<std::filesystem::path>& roots() const { return roots_; }

  /// Walks the roots, (re)parses new and changed Markdown files unless `skip(path)` (files open
  /// in the editor), forgets vanished ones, and returns the lists that have papers, sorted by
  /// path. Pointers stay valid until the next call. Never throws on file system errors.
  std::vector<const List*> refresh(protocol::PositionEncoding encoding, const rules::Config& config,
                                   const std::function<bool(const std::filesystem::path&)>& skip);

 private:
  struct Cached {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    protocol::PositionEncoding encoding = protocol::PositionEncoding::kUtf16;
    List list;
  };

  std::vector<std::filesystem::path> markdown_files() const;

  WalkLimits limits_;
  std::vector<std::filesystem::path> roots_;
  std::map<std::filesystem::path, Cached> cache_;
};

}  // namespace awesome::server
