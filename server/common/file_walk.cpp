#include "server/common/file_walk.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace awesome::server {

namespace fs = std::filesystem;

bool skipped_folder(const std::string& name) {
  return name.empty() || name.front() == '.' || name == "node_modules" || name == "vendor" ||
         name == "target" || name == "dist" || name == "__pycache__" || name.starts_with("build");
}

bool is_markdown(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".MD";
}

bool walk_markdown_files(const fs::path& root, const WalkLimits& limits, std::size_t& visited,
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

}  // namespace awesome::server
