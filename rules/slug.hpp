// GitHub heading anchors: the slug GitHub gives a Markdown heading, so that table-of-contents
// links can be checked and generated the way they will resolve on GitHub.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace awesome::rules {

/// The text GitHub renders for a heading: links become their text, images vanish, emoji
/// shortcodes (`:toolbox:`) and inline markup are dropped.
std::string heading_plain_text(std::string_view heading);

/// github-slugger's slug of rendered heading text: lowercase, punctuation and symbols removed,
/// each space a hyphen.
std::string github_slug(std::string_view plain_text);

/// Assigns unique slugs in document order (`x`, `x-1`, `x-2`), as GitHub does.
class SlugCounter {
 public:
  std::string next(std::string_view heading_title);
  /// Same as next() for a slug already computed with github_slug(heading_plain_text(title)).
  std::string next_slug(const std::string& base);

 private:
  std::unordered_map<std::string, int> seen_;
};

}  // namespace awesome::rules
