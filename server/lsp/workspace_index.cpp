#include "server/lsp/workspace_index.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>

#include "rules/queries.hpp"
#include "server/lsp/position_convert.hpp"

namespace awesome::server {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

}  // namespace

std::vector<IndexedPaper> index_papers(rules::ListDocument& list,
                                       protocol::PositionEncoding encoding) {
  const rules::Model& m = list.model();
  std::vector<IndexedPaper> papers;
  papers.reserve(m.entries.size());
  for (const rules::Entry& e : m.entries) {
    papers.push_back(
        {rules::display_text(e.title), e.authors, e.arxiv ? e.arxiv->id : std::string(),
         e.section < m.sections.size() ? rules::display_text(m.sections[e.section].title)
                                       : std::string(),
         to_lsp_range(list, e.title_range, encoding)});
  }
  return papers;
}

void WorkspaceIndex::set_roots(const std::vector<fs::path>& roots) {
  roots_.clear();
  for (const auto& root : roots) {
    fs::path normal = root.lexically_normal();
    if (std::find(roots_.begin(), roots_.end(), normal) == roots_.end()) {
      roots_.push_back(std::move(normal));
    }
  }
  cache_.clear();
}

std::vector<fs::path> WorkspaceIndex::markdown_files() const {
  std::vector<fs::path> files;
  std::size_t visited = 0;
  for (const fs::path& root : roots_) {
    if (!walk_markdown_files(root, limits_, visited, files))
      break;
  }
  return files;
}

std::vector<const WorkspaceIndex::List*> WorkspaceIndex::refresh(
    protocol::PositionEncoding encoding, const rules::Config& config,
    const std::function<bool(const fs::path&)>& skip) {
  std::vector<const List*> lists;
  std::map<fs::path, Cached> fresh;
  for (fs::path& path : markdown_files()) {
    if (skip(path) || fresh.count(path) != 0)
      continue;
    std::error_code ec;
    const auto mtime = fs::last_write_time(path, ec);
    const auto size = ec ? 0 : fs::file_size(path, ec);
    if (ec || size > limits_.max_bytes)
      continue;
    auto old = cache_.find(path);
    Cached cached;
    if (old != cache_.end() && old->second.mtime == mtime && old->second.size == size &&
        old->second.encoding == encoding) {
      cached = std::move(old->second);
    } else {
      auto text = read_whole(path);
      if (!text)
        continue;
      rules::ListDocument list(*text, config);
      cached = {mtime, size, encoding, {path_to_file_uri(path), index_papers(list, encoding)}};
    }
    fresh.emplace(std::move(path), std::move(cached));
  }
  cache_ = std::move(fresh);
  for (const auto& [path, cached] : cache_) {
    if (!cached.list.papers.empty())
      lists.push_back(&cached.list);
  }
  return lists;
}

}  // namespace awesome::server
