// Test helpers: reading files from the bundled corpus and fixtures.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace awesome::test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string corpus(const std::string& name) {
  return read_file(std::filesystem::path(AWESOME_CORPUS_DIR) / name);
}

/// 1-based number of the first line of `text` containing `needle`, or 0.
inline unsigned line_of(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  if (pos == std::string::npos)
    return 0;
  unsigned line = 1;
  for (std::size_t i = 0; i < pos; ++i) line += text[i] == '\n';
  return line;
}

}  // namespace awesome::test
