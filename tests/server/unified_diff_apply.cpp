#include "unified_diff_apply.hpp"

#include <cstdio>
#include <vector>

namespace awesome::test {
namespace {

std::vector<std::string> split_keep(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto length = end == std::string_view::npos ? text.size() : end + 1;
    lines.emplace_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

}  // namespace

std::optional<std::string> apply_unified_diff(std::string_view original, std::string_view diff) {
  const auto source = split_keep(original);
  const auto patch = split_keep(diff);
  std::vector<std::string> result;
  std::size_t next_source = 0;  // first source line not yet copied
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const std::string& line = patch[i];
    if (line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0)
      continue;
    if (line.rfind("@@ -", 0) == 0) {
      unsigned long start = 0;
      unsigned long count = 0;
      if (std::sscanf(line.c_str(), "@@ -%lu,%lu", &start, &count) != 2)
        return std::nullopt;
      const std::size_t first = count == 0 ? start : start - 1;
      if (first < next_source || first > source.size())
        return std::nullopt;
      while (next_source < first) result.push_back(source[next_source++]);
      continue;
    }
    if (line.empty())
      return std::nullopt;
    std::string body = line.substr(1);
    if (i + 1 < patch.size() && patch[i + 1].rfind("\\ No newline", 0) == 0) {
      body.pop_back();  // the '\n' the diff added after a line without one
      ++i;
    }
    if (line[0] == ' ' || line[0] == '-') {
      if (next_source >= source.size() || source[next_source] != body)
        return std::nullopt;
      ++next_source;
      if (line[0] == ' ')
        result.push_back(body);
    } else if (line[0] == '+') {
      result.push_back(body);
    } else {
      return std::nullopt;
    }
  }
  while (next_source < source.size()) result.push_back(source[next_source++]);
  std::string text;
  for (const auto& l : result) text += l;
  return text;
}

}  // namespace awesome::test
