#include "server/common/glob_match.hpp"

#include <doctest/doctest.h>

#include <string>

namespace awesome::server {

TEST_CASE("glob_match: literal names are anchored at the config directory") {
  CHECK(glob_match("CHANGELOG.md", "CHANGELOG.md"));
  CHECK_FALSE(glob_match("CHANGELOG.md", "docs/CHANGELOG.md"));
  CHECK_FALSE(glob_match("CHANGELOG.md", "CHANGELOG.mdx"));
  CHECK(glob_match("**/CHANGELOG.md", "docs/CHANGELOG.md"));
  CHECK(glob_match("**/CHANGELOG.md", "CHANGELOG.md"));
}

TEST_CASE("glob_match: * and ? stay inside one path segment") {
  CHECK(glob_match("*.md", "README.md"));
  CHECK_FALSE(glob_match("*.md", "docs/README.md"));
  CHECK(glob_match("docs/*.md", "docs/a.md"));
  CHECK_FALSE(glob_match("docs/*.md", "docs/sub/a.md"));
  CHECK(glob_match("a?c.md", "abc.md"));
  CHECK_FALSE(glob_match("a?c.md", "a/c.md"));
  CHECK(glob_match("*", "x"));
}

TEST_CASE("glob_match: ** crosses segments and a directory match ignores its contents") {
  CHECK(glob_match("docs/**", "docs/a.md"));
  CHECK(glob_match("docs/**", "docs/x/y/z.md"));
  CHECK_FALSE(glob_match("docs/**", "doc/a.md"));
  CHECK(glob_match("docs/**/*.md", "docs/a.md"));
  CHECK(glob_match("docs/**/*.md", "docs/x/y/a.md"));
  CHECK_FALSE(glob_match("docs/**/*.md", "docs/x/y/a.txt"));
  CHECK(glob_match("docs", "docs/a.md"));
  CHECK(glob_match("docs/", "docs/a.md"));
  CHECK_FALSE(glob_match("docs", "docsx/a.md"));
  CHECK(glob_match("**", "any/thing.md"));
}

TEST_CASE("glob_match stays fast on patterns built to backtrack") {
  std::string pattern;
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "b";
  const std::string path(4000, 'a');
  CHECK_FALSE(glob_match(pattern, path));  // exponential in a naive matcher
  std::string stars;
  for (int i = 0; i < 200; ++i) stars += "**/";
  CHECK_FALSE(glob_match(stars + "x", std::string(2000, 'a')));
}

TEST_CASE("relative_slash_path is relative to the base and refuses outside files") {
  CHECK(relative_slash_path("/p/q/docs/a.md", "/p/q") == std::optional<std::string>("docs/a.md"));
  CHECK(relative_slash_path("/p/q/../q/a.md", "/p/q") == std::optional<std::string>("a.md"));
  CHECK_FALSE(relative_slash_path("/p/other/a.md", "/p/q").has_value());
}

}  // namespace awesome::server
