#include "server/common/glob_match.hpp"

#include <cstdint>
#include <vector>

namespace awesome::server {
namespace {

enum class TokenKind : std::uint8_t { kLiteral, kAnyChar, kStar, kGlobStar, kGlobStarSlash };

struct Token {
  TokenKind kind = TokenKind::kLiteral;
  char literal = 0;
};

std::vector<Token> tokenize(std::string_view pattern) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '?') {
      tokens.push_back({TokenKind::kAnyChar});
    } else if (c != '*') {
      tokens.push_back({TokenKind::kLiteral, c});
    } else if (i + 1 < pattern.size() && pattern[i + 1] == '*') {
      i += 1;
      while (i + 1 < pattern.size() && pattern[i + 1] == '*') ++i;  // "***" is "**"
      if (i + 1 < pattern.size() && pattern[i + 1] == '/') {
        tokens.push_back({TokenKind::kGlobStarSlash});
        i += 1;
      } else {
        tokens.push_back({TokenKind::kGlobStar});
      }
    } else {
      tokens.push_back({TokenKind::kStar});
    }
  }
  return tokens;
}

/// Advances the set of reachable path positions `cur` over one token.
std::vector<std::uint8_t> step(const Token& token, std::string_view path,
                               const std::vector<std::uint8_t>& cur) {
  const std::size_t n = path.size();
  std::vector<std::uint8_t> next(n + 1, 0);
  bool reached = false;  // some earlier position is reachable (for the star kinds)
  for (std::size_t j = 0; j <= n; ++j) {
    switch (token.kind) {
      case TokenKind::kLiteral:
        next[j] = j > 0 && cur[j - 1] && path[j - 1] == token.literal;
        break;
      case TokenKind::kAnyChar:
        next[j] = j > 0 && cur[j - 1] && path[j - 1] != '/';
        break;
      case TokenKind::kStar:
        if (j > 0 && path[j - 1] == '/')
          reached = false;  // a '*' never crosses a '/'
        reached = reached || cur[j];
        next[j] = reached;
        break;
      case TokenKind::kGlobStar:
        reached = reached || cur[j];
        next[j] = reached;
        break;
      case TokenKind::kGlobStarSlash:
        // zero directories, or anything that ends just after a '/'
        next[j] = cur[j] || (reached && path[j - 1] == '/');
        reached = reached || cur[j];
        break;
    }
  }
  return next;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  const std::vector<Token> tokens = tokenize(pattern);
  std::vector<std::uint8_t> reachable(path.size() + 1, 0);
  reachable[0] = 1;
  for (const Token& token : tokens) reachable = step(token, path, reachable);
  // The whole path, or a parent directory of it ("docs" and "docs/" ignore "docs/a.md").
  for (std::size_t j = 1; j <= path.size(); ++j) {
    if (reachable[j] && (j == path.size() || path[j] == '/' || path[j - 1] == '/'))
      return true;
  }
  return path.empty() && reachable[0];
}

std::optional<std::string> relative_slash_path(const std::filesystem::path& file,
                                               const std::filesystem::path& base) {
  std::error_code ec;
  const auto abs_file = std::filesystem::absolute(file, ec).lexically_normal();
  if (ec)
    return std::nullopt;
  const auto abs_base = std::filesystem::absolute(base, ec).lexically_normal();
  if (ec)
    return std::nullopt;
  const auto relative = abs_file.lexically_relative(abs_base);
  if (relative.empty() || *relative.begin() == "..")
    return std::nullopt;
  return relative.generic_string();
}

const std::string* first_matching_glob(std::span<const std::string> patterns,
                                       std::string_view path) {
  for (const std::string& pattern : patterns) {
    if (glob_match(pattern, path))
      return &pattern;
  }
  return nullptr;
}

}  // namespace awesome::server
