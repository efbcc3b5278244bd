// Table-of-contents rules (toc-missing, toc-orphan, toc-order, anchors as GitHub computes them)
// and the edit that brings the ToC up to date: the "update ToC" fix and editor command.
//
// Updating keeps what the curator wrote: every item keeps its line (label, emoji, nesting,
// child items), links that match no heading stay, links whose text names a heading are pointed
// at its anchor, missing categories are added next to the other categories, and the items of
// each level are put in document order.
#include <algorithm>
#include <memory>
#include <unordered_map>

#include "rules/analysis.hpp"
#include "rules/slug.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

const HeadingInfo& heading_of(const Analysis& a, std::size_t section) {
  return *a.block(a.sections[section].block).heading;
}

/// Each section's de-duplicated GitHub anchor ("" for `<summary>` sections, which have none).
/// Whether a ToC link to a heading with this title can be written so that it reads back as a
/// link to that heading: not when the title is not UTF-8 (the encoding rule reports the bytes)
/// or its text holds a bracket, which would end the link text early.
bool listable(std::string_view title) {
  std::size_t length = 0;
  if (text::find_invalid_utf8(title, 0, length) != std::string_view::npos)
    return false;
  return heading_plain_text(title).find_first_of("[]") == std::string::npos;
}

std::vector<std::string> section_slugs(const Analysis& a) {
  SlugCounter counter;
  std::vector<std::string> slugs(a.sections.size());
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    if (a.sections[si].level != 0)
      slugs[si] = counter.next_slug(heading_of(a, si).slug);
  }
  return slugs;
}

/// The section whose heading has the text of a ToC label, when the link itself is broken.
std::size_t section_named(const Analysis& a, const std::vector<std::string>& slugs,
                          std::string_view label) {
  const std::string wanted = github_slug(heading_plain_text(label));
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    if (!slugs[si].empty() && heading_of(a, si).slug == wanted)
      return si;
  }
  return SIZE_MAX;
}

struct TocNode {
  std::string line;                ///< the item's line, anchor possibly re-pointed
  std::vector<std::string> extra;  ///< following lines that are not ToC items (kept with it)
  std::size_t section = SIZE_MAX;  ///< the heading it links to
  std::size_t key = SIZE_MAX;      ///< document position used for ordering
  std::string prefix;              ///< indentation and bullet before '['
  std::vector<std::unique_ptr<TocNode>> children;
};

/// The first heading a node or its descendants link to (SIZE_MAX when none does).
std::size_t first_section(const TocNode& n) {
  std::size_t first = n.section;
  for (const auto& c : n.children) first = std::min(first, first_section(*c));
  return first;
}

/// Orders each level by document position. An item that links nowhere, nor do its children,
/// stays right after its previous sibling.
void order(std::vector<std::unique_ptr<TocNode>>& nodes) {
  std::size_t previous = 0;
  for (auto& n : nodes) {
    order(n->children);
    n->key = first_section(*n);
    if (n->key == SIZE_MAX)
      n->key = previous;
    previous = n->key;
  }
  std::stable_sort(nodes.begin(), nodes.end(),
                   [](const auto& x, const auto& y) { return x->key < y->key; });
}

void serialize(const std::vector<std::unique_ptr<TocNode>>& nodes, std::vector<std::string>& out) {
  for (const auto& n : nodes) {
    out.push_back(n->line);
    out.insert(out.end(), n->extra.begin(), n->extra.end());
    serialize(n->children, out);
  }
}

using SlugIndex = std::unordered_map<std::string_view, std::size_t>;

/// The section of each slug; `slugs` must outlive it.
SlugIndex index_slugs(const std::vector<std::string>& slugs) {
  SlugIndex out;
  for (std::size_t si = 0; si < slugs.size(); ++si) {
    if (!slugs[si].empty())
      out.emplace(slugs[si], si);
  }
  return out;
}

/// The ToC's lines, from its first item to its last, as a tree by indentation.
struct TocTree {
  std::vector<std::unique_ptr<TocNode>> roots;
  std::vector<bool> listed;  ///< per section: an item links to it
  std::string original, terminator;
  std::uint32_t first_line = 0, last_line = 0;
};

/// A node for ToC item `t` on line `text`, its anchor repaired when it names a section by its
/// text but links to no heading.
std::unique_ptr<TocNode> toc_node(const Analysis& a, const std::vector<std::string>& slugs,
                                  const SlugIndex& slug_to_section, const TocRec& t,
                                  std::string text) {
  auto node = std::make_unique<TocNode>();
  if (auto it = slug_to_section.find(t.anchor); it != slug_to_section.end()) {
    node->section = it->second;
  } else if (std::size_t si = section_named(a, slugs, t.text); si != SIZE_MAX) {
    node->section = si;
    text.replace(t.anchor_range.start.column,
                 t.anchor_range.end.column - t.anchor_range.start.column, slugs[si]);
  }
  node->prefix = text.substr(0, t.range.start.column);
  node->line = std::move(text);
  return node;
}

TocTree read_toc(const Analysis& a, const std::vector<std::string>& slugs) {
  const SlugIndex slug_to_section = index_slugs(slugs);
  TocTree tree;
  tree.listed.assign(a.sections.size(), false);
  const std::size_t first_block = a.toc.front().block, last_block = a.toc.back().block;
  tree.first_line = a.first_line[first_block] + a.toc.front().line;
  tree.last_line = a.first_line[last_block] + a.toc.back().line;
  std::vector<std::pair<int, TocNode*>> stack;  // (depth, node) of the open ancestors
  TocNode* current = nullptr;
  std::size_t next_item = 0;
  for (std::size_t bi = first_block; bi <= last_block; ++bi) {
    const Block& b = a.block(bi);
    for (std::uint32_t i = 0; i < b.line_count(); ++i) {
      const std::uint32_t line = a.first_line[bi] + i;
      if (line < tree.first_line || line > tree.last_line)
        continue;
      std::string text(b.line(i));
      if (line != tree.first_line)
        tree.original += tree.terminator;
      tree.original += text;
      if (tree.terminator.empty())
        tree.terminator =
            std::string(b.text.substr(b.lines[i].start + b.lines[i].length, b.lines[i].term));
      const bool is_item =
          next_item < a.toc.size() && a.toc[next_item].block == bi && a.toc[next_item].line == i;
      if (!is_item) {
        if (current != nullptr)
          current->extra.push_back(std::move(text));
        continue;
      }
      const TocRec& t = a.toc[next_item++];
      auto node = toc_node(a, slugs, slug_to_section, t, std::move(text));
      if (node->section != SIZE_MAX)
        tree.listed[node->section] = true;
      while (!stack.empty() && stack.back().first >= t.depth) stack.pop_back();
      auto& siblings = stack.empty() ? tree.roots : stack.back().second->children;
      current = node.get();
      siblings.push_back(std::move(node));
      stack.emplace_back(t.depth, current);
    }
  }
  if (tree.terminator.empty())
    tree.terminator = "\n";
  return tree;
}

/// Missing categories join the level where the ToC lists the most categories.
void add_missing_categories(const Analysis& a, const std::vector<std::string>& slugs,
                            TocTree& tree) {
  std::vector<std::unique_ptr<TocNode>>* group = &tree.roots;
  std::string prefix = "- ";
  std::size_t best = 0;
  const auto consider = [&](std::vector<std::unique_ptr<TocNode>>& nodes, auto&& self) -> void {
    std::size_t categories = 0;
    const TocNode* sample = nullptr;
    for (const auto& n : nodes) {
      if (n->section != SIZE_MAX && a.sections[n->section].kind == SectionKind::kCategory) {
        ++categories;
        sample = n.get();
      }
      self(n->children, self);
    }
    if (categories > best) {
      best = categories;
      group = &nodes;
      prefix = sample->prefix;
    }
  };
  consider(tree.roots, consider);
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    if (a.sections[si].kind != SectionKind::kCategory || tree.listed[si] || slugs[si].empty() ||
        !listable(heading_of(a, si).title)) {
      continue;
    }
    auto node = std::make_unique<TocNode>();
    node->section = si;
    node->prefix = prefix;
    node->line =
        prefix + "[" + heading_plain_text(heading_of(a, si).title) + "](#" + slugs[si] + ")";
    group->push_back(std::move(node));
  }
}

}  // namespace

std::optional<TextEdit> toc_update_edit(const Analysis& a) {
  if (a.toc.empty())
    return std::nullopt;
  const std::vector<std::string> slugs = section_slugs(a);
  TocTree tree = read_toc(a, slugs);
  add_missing_categories(a, slugs, tree);
  order(tree.roots);
  std::vector<std::string> lines;
  serialize(tree.roots, lines);
  std::string replacement;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0)
      replacement += tree.terminator;
    replacement += lines[i];
  }
  if (replacement == tree.original)
    return std::nullopt;
  const auto end_column =
      static_cast<std::uint32_t>(a.block(a.toc.back().block).lines[a.toc.back().line].length);
  return TextEdit{{{tree.first_line, 0}, {tree.last_line, end_column}}, std::move(replacement)};
}

void check_toc(const Analysis& a, DiagnosticSink& sink) {
  if (a.toc_section == SIZE_MAX)
    return;
  const std::vector<std::string> slugs = section_slugs(a);
  const SlugIndex slug_to_section = index_slugs(slugs);
  // One edit brings the whole ToC up to date; every missing or misplaced item offers it.
  std::optional<std::optional<TextEdit>> update;
  const auto attach_update = [&](Diagnostic& d) {
    if (!update)
      update = toc_update_edit(a);
    if (*update)
      d.fixes.push_back(Fix{"Update the table of contents", {**update}, true, true});
  };

  std::unordered_map<std::string_view, std::size_t> listed;
  for (std::size_t ti = 0; ti < a.toc.size(); ++ti) listed.emplace(a.toc[ti].anchor, ti);
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    if (a.sections[si].kind != SectionKind::kCategory || listed.count(slugs[si]))
      continue;
    const HeadingInfo& h = heading_of(a, si);
    if (!listable(h.title))
      continue;
    attach_update(sink.report(RuleId::kTocMissing, a.absolute(a.sections[si].block, h.title_range),
                              "Category '" + h.title +
                                  "' is not listed in the table of "
                                  "contents; expected a link to #" +
                                  slugs[si] + "."));
  }
  std::size_t last_section = 0;
  bool have_last = false;
  for (const TocRec& t : a.toc) {
    auto it = slug_to_section.find(t.anchor);
    if (it == slug_to_section.end()) {
      auto& d = sink.report(RuleId::kTocOrphan, a.absolute(t.block, t.anchor_range),
                            "Table-of-contents link '#" + t.anchor + "' matches no heading.");
      // A heading with the same text: point the link at its real anchor.
      if (std::size_t si = section_named(a, slugs, t.text); si != SIZE_MAX) {
        d.fixes.push_back(single_edit_fix("Link to #" + slugs[si],
                                          a.absolute(t.block, t.anchor_range), slugs[si]));
      }
      continue;
    }
    if (have_last && it->second < last_section) {
      auto& d = sink.report(RuleId::kTocOrder, a.absolute(t.block, t.range),
                            "Table of contents lists '" + t.text +
                                "' after a heading that comes later in the document.");
      d.related.push_back(
          {a.absolute(a.sections[it->second].block, heading_of(a, it->second).title_range),
           "the heading"});
      attach_update(d);
    }
    last_section = it->second;
    have_last = true;
  }
}

}  // namespace awesome::rules
