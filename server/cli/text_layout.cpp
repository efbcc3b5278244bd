#include "server/cli/text_layout.hpp"

namespace awesome::server {
namespace {

struct LineBreaks {
  std::size_t crlf = 0;
  std::size_t lone_lf = 0;
};

LineBreaks count_breaks(std::string_view text) {
  LineBreaks breaks;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n')
      continue;
    if (i > 0 && text[i - 1] == '\r') {
      ++breaks.crlf;
    } else {
      ++breaks.lone_lf;
    }
  }
  return breaks;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
      out += '\r';
    out += text[i];
  }
  return out;
}

bool ends_with_break(std::string_view text) {
  return !text.empty() && (text.back() == '\n' || text.back() == '\r');
}

}  // namespace

bool has_bom(std::string_view text) {
  return text.starts_with(kUtf8Bom);
}

std::string_view strip_bom(std::string_view text) {
  return has_bom(text) ? text.substr(kUtf8Bom.size()) : text;
}

std::string restore_layout(std::string_view original, std::string fixed) {
  const LineBreaks breaks = count_breaks(original);
  const bool crlf = breaks.crlf > 0 && breaks.lone_lf == 0;
  if (crlf)
    fixed = to_crlf(fixed);
  if (ends_with_break(original) && !ends_with_break(fixed) && !fixed.empty()) {
    fixed += crlf ? "\r\n" : "\n";
  } else if (!ends_with_break(original)) {
    while (ends_with_break(fixed)) {
      const bool pair = fixed.size() >= 2 && fixed.ends_with("\r\n");
      fixed.resize(fixed.size() - (pair ? 2 : 1));
    }
  }
  return fixed;
}

}  // namespace awesome::server
