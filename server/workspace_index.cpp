#include "server/workspace_index.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>

#include "server/document_store.hpp"

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

bool skipped_folder(const std::string& name) {
  return name.empty() || name.front() == '.' || name == "node_modules" || name == "vendor" ||
         name == "target" || name == "dist" || name == "__pycache__" || name.starts_with("build");
}

bool is_markdown(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".MD";
}

bool walk_markdown_files(const fs::path& root, const WorkspaceLimits& limits, std::size_t& visited,
                         std::vector<fs::path>& files) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    if (++visited > limits.max_visited || files.size() >= limits.max_files)
      return false;
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (it.depth() >= limits.max_depth || skipped_folder(entry.path().filename().string())) {
        it.disable_recursion_pending();
      }
    } else if (entry.is_regular_file(type_ec) && is_markdown(entry.path())) {
      files.push_back(entry.path().lexically_normal());
    }
  }
  return true;
}

std::vector<IndexedPaper> index_papers(rules::ListDocument& list,
                                       protocol::PositionEncoding encoding) {
  const rules::Model& m = list.model();
  std::vector<IndexedPaper> papers;
  papers.reserve(m.entries.size());
  for (const rules::Entry& e : m.entries) {
    papers.push_back({e.title, e.authors, e.arxiv ? e.arxiv->id : std::string(),
                      e.section < m.sections.size() ? m.sections[e.section].title : std::string(),
                      to_lsp_range(list, e.title_range, encoding)});
  }
  return papers;
}

std::string path_to_file_uri(const fs::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  const std::string generic = path.generic_string();
  if (generic.empty() || generic.front() != '/')
    uri.push_back('/');  // C:/x -> file:///C:/x
  for (const char ch : generic) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      uri.push_back(ch);
    } else {
      uri.push_back('%');
      uri.push_back(kHex[c >> 4]);
      uri.push_back(kHex[c & 15]);
    }
  }
  return uri;
}

void WorkspaceIndex::set_roots(std::vector<fs::path> roots) {
  roots_.clear();
  for (auto& root : roots) {
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
