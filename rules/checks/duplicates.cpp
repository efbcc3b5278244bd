// Duplicate rules: duplicate-paper (same arXiv id or paper URL), duplicate-title,
// duplicate-digest and duplicate-link. Each later copy points at the first one.
#include <unordered_map>

#include "rules/analysis.hpp"
#include "rules/keys.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

/// Removes the entry block and one blank line next to it.
Fix removal_fix(const Analysis& a, std::size_t bi) {
  std::uint32_t from = a.first_line[bi];
  std::uint32_t to = from + a.block(bi).line_count();
  if (bi + 1 < a.blocks.size() && a.block(bi + 1).kind == BlockKind::kBlank &&
      bi + 2 < a.blocks.size()) {
    to += 1;
  } else if (bi > 0 && a.block(bi - 1).kind == BlockKind::kBlank) {
    from -= 1;
  }
  Fix f;
  f.title = "Remove this copy of the entry";
  f.edits.push_back({{{from, 0}, {to, 0}}, ""});
  if (bi + 1 >= a.blocks.size()) {
    // The last block has no terminator: remove from the end of the previous line instead.
    f.edits.front().range = {{from - (from > 0 ? 1 : 0), from > 0 ? a.block(bi - 1).lines.back().length : 0},
                             {to - 1, a.block(bi).lines.back().length}};
  }
  f.safe = false;
  return f;
}

}  // namespace

void check_duplicates(const Analysis& a, DiagnosticSink& sink) {
  // Keyed by precomputed hashes; a hit is confirmed on the strings themselves.
  std::unordered_map<std::uint64_t, std::size_t> by_paper, by_title, by_digest;
  by_paper.reserve(a.papers.size());
  by_title.reserve(a.papers.size());
  by_digest.reserve(a.papers.size());
  std::unordered_map<std::uint64_t, std::size_t> by_link;
  auto keys = [&](std::size_t block) -> const std::string& { return a.block(block).paper_key; };
  for (std::size_t bi : a.papers) {
    const Entry& e = a.entry(bi);
    const std::string& key = a.block(bi).paper_key;
    const Range title = a.absolute(bi, e.title_range);
    bool duplicate = false;
    if (!key.empty()) {
      auto [it, fresh] = by_paper.try_emplace(a.block(bi).paper_key_hash, bi);
      if (!fresh && keys(it->second) == key) {
        duplicate = true;
        const Entry& first = a.entry(it->second);
        auto& d = sink.report("duplicate-paper", a.absolute(bi, e.links.front().range),
                              "Paper listed twice" + (e.arxiv ? " (arXiv " + e.arxiv->id + ")" : std::string()) +
                                  "; the first copy is '" + first.title + "'.");
        d.related.push_back({a.absolute(it->second, first.title_range), "the first copy"});
        d.fixes.push_back(removal_fix(a, bi));
      }
    }
    const std::string& t = a.block(bi).title_key;
    if (!t.empty()) {
      auto [it, fresh] = by_title.try_emplace(a.block(bi).title_key_hash, bi);
      if (!fresh && !duplicate && keys(it->second) != key && a.block(it->second).title_key == t) {
        auto& d = sink.report("duplicate-title", title,
                              "Another entry has the same title '" + a.entry(it->second).title + "'.");
        d.related.push_back({a.absolute(it->second, a.entry(it->second).title_range), "the other entry"});
      }
    }
    const std::uint64_t dg = a.block(bi).digest_hash;
    if (dg != 0) {
      auto [it, fresh] = by_digest.try_emplace(dg, bi);
      if (!fresh && !duplicate && keys(it->second) != key) {
        auto& d = sink.report("duplicate-digest", a.absolute(bi, a.block(bi).syntax.digest_text_range),
                              "Another entry ('" + a.entry(it->second).title + "') has the same digest.");
        d.related.push_back({a.absolute(it->second, a.entry(it->second).title_range), "the other entry"});
      }
    }
    if (duplicate) continue;
    for (std::size_t li = 0; li < e.links.size(); ++li) {
      const std::uint64_t h = a.block(bi).shared_link_hashes[li];
      if (h == 0) continue;
      const Link& l = e.links[li];
      auto [it, fresh] = by_link.try_emplace(h, bi);
      if (!fresh && it->second != bi && keys(it->second) != key) {
        auto& d = sink.report("duplicate-link", a.absolute(bi, l.url_range),
                              "The " + l.label + " link is also given for '" + a.entry(it->second).title + "'.");
        d.related.push_back({a.absolute(it->second, a.entry(it->second).title_range), "the other entry"});
      }
    }
  }
}

}  // namespace awesome::rules
