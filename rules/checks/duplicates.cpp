// Duplicate rules: duplicate-paper (same arXiv id or paper URL), duplicate-title,
// duplicate-digest and duplicate-link. Each later copy points at the first one, except where
// the list cross-lists: there an identical copy in another section is how it files a paper
// under several topics.
#include <algorithm>
#include <tuple>

#include "rules/analysis.hpp"
#include "rules/entry_indexes.hpp"
#include "rules/keys.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

/// Removes the entry block's lines. It depends on the block alone (not on its neighbours), so
/// the finding stays right while edits elsewhere move it: a blank line left doubled is the
/// whitespace rule's to tidy. An entry ending the document without a line break keeps the
/// break before it.
Fix removal_fix(const Analysis& a, std::size_t bi) {
  const Block& b = a.block(bi);
  const std::uint32_t from = a.first_line[bi];
  const auto count = static_cast<std::uint32_t>(b.line_count());
  Fix f;
  f.title = "Remove this copy of the entry";
  if (b.lines.back().term != 0) {
    f.edits.push_back({{{from, 0}, {from + count, 0}}, ""});
  } else {
    f.edits.push_back({{{from, 0}, {from + count - 1, b.lines.back().length}}, ""});
  }
  f.safe = false;
  return f;
}

/// What two copies of a paper disagree on: "title, authors, venue, links" or a part of it;
/// empty for identical copies. Case and punctuation do not count. An author list that runs on
/// past the other's (`..., and Ruoxi Jia. arXiv, 2021.`) has a venue written as plain text.
std::string differences(const Block& x, const Block& y) {
  std::vector<std::string_view> parts;
  if (x.title_key != y.title_key)
    parts.emplace_back("title");
  bool venue = x.venue_hash != y.venue_hash;
  if (x.authors_key != y.authors_key) {
    const auto& [shorter, longer] = x.authors_key.size() < y.authors_key.size()
                                        ? std::tie(x.authors_key, y.authors_key)
                                        : std::tie(y.authors_key, x.authors_key);
    if (longer.starts_with(shorter)) {
      venue = true;
    } else {
      parts.emplace_back("authors");
    }
  }
  if (venue)
    parts.emplace_back("venue");
  if (x.links_hash != y.links_hash)
    parts.emplace_back("links");
  std::string out;
  for (std::string_view p : parts) out += (out.empty() ? "" : ", ") + std::string(p);
  return out;
}

/// Whether the entry in block `bi` is a thesis: its author line or a section around it says so.
bool is_thesis(const Analysis& a, std::size_t bi) {
  return a.block(bi).says_thesis || in_thesis_section(a, a.block_section[bi]);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// DuplicateIndex: the same findings as check_duplicates(), entry by entry. An entry's findings
// depend on the first member of each of its groups (for links: the first member that is not a
// copy of an earlier paper), so a change re-checks the members of the groups it touches.

namespace {

using Group = std::vector<const Block*>;

void insert_sorted(Group& g, const Block* b) {
  auto it = std::lower_bound(g.begin(), g.end(), b->marks.label,
                             [](const Block* x, std::uint64_t l) { return x->marks.label < l; });
  if (it != g.end() && *it == b)
    return;
  g.insert(it, b);
}

template <typename Map>
void erase_member(Map& groups, std::uint64_t key, const Block* b,
                  std::vector<std::uint64_t>& touched) {
  auto it = groups.find(key);
  if (it == groups.end())
    return;
  std::erase(it->second, b);
  if (it->second.empty())
    groups.erase(it);
  touched.push_back(key);
}

struct Touched {
  std::vector<std::uint64_t> paper, title, digest, link;
};

}  // namespace

void DuplicateIndex::clear() {
  paper_.clear();
  title_.clear();
  digest_.clear();
  link_.clear();
}

bool DuplicateIndex::is_copy(const Block* b) const {
  if (b->paper_key.empty())
    return false;
  auto it = paper_.find(b->paper_key_hash);
  if (it == paper_.end())
    return false;
  for (const Block* m : it->second) {
    if (m == b)
      return false;
    if (m->paper_key == b->paper_key)
      return true;
  }
  return false;
}

void DuplicateIndex::grouped(std::vector<const Block*>& out) const {
  for (const Groups* groups : {&paper_, &title_}) {
    for (const auto& [key, members] : *groups) {
      if (members.size() > 1)
        out.insert(out.end(), members.begin(), members.end());
    }
  }
}

void DuplicateIndex::update(const std::vector<const Block*>& removed,
                            const std::vector<const Block*>& added,
                            std::vector<const Block*>& recheck) {
  Touched t;
  for (const Block* b : removed) {
    if (!b->paper_key.empty())
      erase_member(paper_, b->paper_key_hash, b, t.paper);
    if (!b->title_key.empty())
      erase_member(title_, b->title_key_hash, b, t.title);
    if (b->digest_hash != 0)
      erase_member(digest_, b->digest_hash, b, t.digest);
    for (std::uint64_t h : b->shared_link_hashes) {
      if (h != 0)
        erase_member(link_, h, b, t.link);
    }
  }
  // A whole list at once (an open, a paste): room for every entry up front, not rehash after
  // rehash (a no-op for the few blocks of a keystroke).
  for (Groups* groups : {&paper_, &title_, &digest_, &link_})
    groups->reserve(groups->size() + added.size());
  for (const Block* b : added) {
    if (!b->paper_key.empty()) {
      insert_sorted(paper_[b->paper_key_hash], b);
      t.paper.push_back(b->paper_key_hash);
    }
    if (!b->title_key.empty()) {
      insert_sorted(title_[b->title_key_hash], b);
      t.title.push_back(b->title_key_hash);
    }
    if (b->digest_hash != 0) {
      insert_sorted(digest_[b->digest_hash], b);
      t.digest.push_back(b->digest_hash);
    }
    for (std::uint64_t h : b->shared_link_hashes) {
      if (h == 0)
        continue;
      insert_sorted(link_[h], b);
      t.link.push_back(h);
    }
    recheck.push_back(b);
  }
  const auto members = [&](const Groups& groups, const std::vector<std::uint64_t>& keys) {
    for (std::uint64_t k : keys) {
      auto it = groups.find(k);
      if (it != groups.end())
        recheck.insert(recheck.end(), it->second.begin(), it->second.end());
    }
  };
  // Whether an entry is a copy can change with its paper group; its link groups follow.
  for (std::uint64_t k : t.paper) {
    auto it = paper_.find(k);
    if (it == paper_.end())
      continue;
    for (const Block* b : it->second) {
      for (std::uint64_t h : b->shared_link_hashes) {
        if (h != 0)
          t.link.push_back(h);
      }
    }
  }
  members(paper_, t.paper);
  members(title_, t.title);
  members(digest_, t.digest);
  std::sort(t.link.begin(), t.link.end());
  t.link.erase(std::unique(t.link.begin(), t.link.end()), t.link.end());
  members(link_, t.link);
}

namespace {

/// The section an entry's block is filed under.
std::size_t home_of(const Analysis& a, const Block* x) {
  return filing_section(a, a.block_section[a.index_of(x)]);
}

/// An identical copy filed under another section is how a list that cross-lists files a paper
/// under each of its topics; a copy in the same place, or one that differs, is a slip.
bool cross_listed(const Analysis& a, const Block& b, const Block* x) {
  return a.conventions.cross_listed && x->copy_hash == b.copy_hash &&
         home_of(a, x) != home_of(a, &b);
}

}  // namespace

void DuplicateIndex::check(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const {
  if (is_copy(&a.block(bi))) {
    check_paper(a, bi, sink);
    return;
  }
  check_title(a, bi, sink);
  check_digest(a, bi, sink);
  check_links(a, bi, sink);
}

void DuplicateIndex::check_paper(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const {
  const Block& b = a.block(bi);
  const Entry& e = *b.entry;
  const std::size_t home = home_of(a, &b);
  const Block* first = nullptr;
  const Block* same_place = nullptr;
  for (const Block* m : paper_.at(b.paper_key_hash)) {
    if (m == &b)
      break;
    if (m->paper_key != b.paper_key)
      continue;
    if (first == nullptr)
      first = m;
    if (same_place == nullptr && home_of(a, m) == home)
      same_place = m;
  }
  const Block* other = same_place != nullptr ? same_place : first;
  if (same_place == nullptr && cross_listed(a, b, first))
    return;
  const std::size_t fi = a.index_of(other);
  const Entry& copy = a.entry(fi);
  std::string message = "Paper listed twice";
  if (a.conventions.cross_listed && same_place != nullptr)
    message += " in one section";
  if (e.arxiv)
    message += " (arXiv " + e.arxiv->id + ")";
  const std::string differ = differences(*other, b);
  if (!differ.empty())
    message += "; the copies differ: " + differ;
  message += std::string("; the ") + (other == first ? "first" : "earlier") + " copy is '" +
             copy.title + "'.";
  auto& d = sink.report(RuleId::kDuplicatePaper, a.absolute(bi, e.links.front().range), message);
  d.related.push_back(
      {a.absolute(fi, copy.title_range), other == first ? "the first copy" : "the earlier copy"});
  d.fixes.push_back(removal_fix(a, bi));
}

void DuplicateIndex::check_title(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const {
  const Block& b = a.block(bi);
  if (b.title_key.empty())
    return;
  // The first earlier entry of the same title (entries with the same paper key make this one
  // a copy, duplicate-paper's) that is another work of the same kind (a thesis and the paper
  // of the same title are two works) and no identical copy the list cross-lists.
  const bool thesis = is_thesis(a, bi);
  for (const Block* m : title_.at(b.title_key_hash)) {
    if (m == &b)
      break;
    if (m->title_key != b.title_key)
      continue;
    const std::size_t fi = a.index_of(m);
    if (is_thesis(a, fi) != thesis || cross_listed(a, b, m))
      continue;
    auto& d = sink.report(RuleId::kDuplicateTitle, a.absolute(bi, b.entry->title_range),
                          "Another entry has the same title '" + a.entry(fi).title + "'.");
    d.related.push_back({a.absolute(fi, a.entry(fi).title_range), "the other entry"});
    break;
  }
}

void DuplicateIndex::check_digest(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const {
  const Block& b = a.block(bi);
  if (b.digest_hash == 0)
    return;
  const Block* first = digest_.at(b.digest_hash).front();
  if (first == &b || first->paper_key == b.paper_key)
    return;
  const std::size_t fi = a.index_of(first);
  auto& d = sink.report(RuleId::kDuplicateDigest, a.absolute(bi, b.syntax.digest_text_range),
                        "Another entry ('" + a.entry(fi).title + "') has the same digest.");
  d.related.push_back({a.absolute(fi, a.entry(fi).title_range), "the other entry"});
}

void DuplicateIndex::check_links(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const {
  const Block& b = a.block(bi);
  const Entry& e = *b.entry;
  for (std::size_t li = 0; li < e.links.size(); ++li) {
    const std::uint64_t h = b.shared_link_hashes[li];
    if (h == 0)
      continue;
    const Block* first = nullptr;
    for (const Block* m : link_.at(h)) {
      if (!is_copy(m)) {
        first = m;
        break;
      }
    }
    if (first == nullptr || first == &b || first->paper_key == b.paper_key)
      continue;
    const std::size_t fi = a.index_of(first);
    const Link& l = e.links[li];
    auto& d =
        sink.report(RuleId::kDuplicateLink, a.absolute(bi, l.url_range),
                    "The " + l.label + " link is also given for '" + a.entry(fi).title + "'.");
    d.related.push_back({a.absolute(fi, a.entry(fi).title_range), "the other entry"});
  }
}

}  // namespace awesome::rules
