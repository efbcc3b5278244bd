// entry-order: the entries outside a longest run already in order are reported, each pointing
// at its place in that run; moving them there one quick fix at a time, edit by edit as an
// editor does, sorts the section, with the findings of a fresh parse at every step.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using awesome::rules::Config;
using awesome::rules::Diagnostic;
using awesome::rules::Fix;
using awesome::rules::ListDocument;
using awesome::rules::SortDirection;

namespace {

/// An entry with arXiv id `id`, or without an id when `id` starts with '-'.
std::string entry(const std::string& id) {
  if (id.starts_with("-")) {
    return "- No id" + id + ". [[paper]](https://example.org/paper" + id +
           ")\n  - Ada Lovelace.\n  - Key Word: Robustness.\n  - Digest: None.\n";
  }
  return "- Paper " + id + ". [[paper]](https://arxiv.org/abs/" + id +
         ")\n  - Ada Lovelace.\n  - Key Word: Robustness.\n  - Digest: A digest of " + id + ".\n";
}

/// A list of one section holding `ids` (entries separated by blank lines); `between` goes
/// before the entry at that index.
std::string list_of(const std::vector<std::string>& ids, std::size_t at = SIZE_MAX,
                    const std::string& between = "") {
  std::string text = "# Awesome List\n\n## Privacy\n";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i == at)
      text += "\n" + between;
    text += "\n" + entry(ids[i]);
  }
  return text;
}

/// A list of one section whose groups of entries are separated by topic comments.
std::string grouped_list(const std::vector<std::vector<std::string>>& groups) {
  std::string text = "# Awesome List\n\n## Privacy\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0)
      text += "\n<!-- topic " + std::to_string(g) + " -->\n";
    for (const auto& id : groups[g]) text += "\n" + entry(id);
  }
  return text;
}

/// Sorting by id is learnt from the list; pinned so that any order of a few entries is checked.
Config sorted_config(SortDirection direction = SortDirection::kDescending) {
  Config config;
  config.order = direction;
  config.conventions.sorted = true;
  return config;
}

std::vector<Diagnostic> order_findings(ListDocument& doc) {
  std::vector<Diagnostic> out;
  for (const auto& d : doc.diagnostics()) {
    if (d.rule == "entry-order")
      out.push_back(d);
  }
  return out;
}

const Fix* move_fix(const Diagnostic& d) {
  for (const Fix& f : d.fixes) {
    if (f.title.starts_with("Move the entry"))
      return &f;
  }
  return nullptr;
}

/// The arXiv ids of the entries, in document order.
std::vector<std::string> ids_of(ListDocument& doc) {
  std::vector<std::string> ids;
  for (const auto& e : doc.model().entries) ids.push_back(e.arxiv ? e.arxiv->id : "-");
  return ids;
}

/// Applies `fix` to `doc` edit by edit, the last one first, and to `text` in one go; then the
/// document must be `text` with the findings of a fresh parse.
void apply_in_place(ListDocument& doc, std::string& text, const Fix& fix) {
  auto edits = fix.edits;
  text = awesome::rules::apply_edits(text, edits);
  std::sort(edits.begin(), edits.end(),
            [](const auto& x, const auto& y) { return y.range.start < x.range.start; });
  for (const auto& e : edits) doc.edit(e.range, e.new_text);
  REQUIRE(doc.text() == text);
  ListDocument fresh(text, doc.config());
  CHECK(doc.diagnostics() == fresh.diagnostics());
}

/// The length of a longest run in order of `keys` (non-increasing), by the quadratic method.
std::size_t longest_in_order(const std::vector<std::string>& keys) {
  std::vector<std::size_t> ending(keys.size(), 1);
  std::size_t best = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (keys[i] <= keys[j])
        ending[i] = std::max(ending[i], ending[j] + 1);
    }
    best = std::max(best, ending[i]);
  }
  return best;
}

}  // namespace

TEST_CASE("entry-order reports an outlier above a run in order, not the entry below it") {
  const std::vector<std::string> ids{"2306.00001", "2302.00001", "2305.00001",
                                     "2304.00001", "2303.00001", "2301.00001"};
  std::string text = list_of(ids);
  ListDocument doc(text, sorted_config());
  const auto found = order_findings(doc);
  REQUIRE(found.size() == 1);
  const Diagnostic& d = found[0];
  CHECK(d.message ==
        "Entry 2302.00001 is out of descending arXiv id order before 2305.00001; expected it "
        "right after 2303.00001.");
  const unsigned line = awesome::test::line_of(text, "abs/2302.00001") - 1;
  CHECK(d.range.start.line == line);
  // On the id inside the URL.
  CHECK(d.range.start.column ==
        std::string("- Paper 2302.00001. [[paper]](https://arxiv.org/abs/").size());
  CHECK(d.range.end.column - d.range.start.column == std::string("2302.00001").size());
  REQUIRE(d.related.size() == 1);
  CHECK(d.related[0].message == "the entry it should follow");
  CHECK(d.related[0].range.start.line == awesome::test::line_of(text, "- Paper 2303.00001") - 1);
  // The move of this entry first (editor only, preferred), then the sort of the whole section
  // (safe, what `--fix` applies).
  REQUIRE(d.fixes.size() == 2);
  CHECK(d.fixes[0].title == "Move the entry right after 2303.00001");
  CHECK_FALSE(d.fixes[0].safe);
  CHECK(d.fixes[0].preferred);
  CHECK(d.fixes[1].title == "Sort the entries of this section by arXiv id");
  CHECK(d.fixes[1].safe);
  CHECK_FALSE(d.fixes[1].preferred);
  apply_in_place(doc, text, d.fixes[0]);
  CHECK(text == list_of({"2306.00001", "2305.00001", "2304.00001", "2303.00001", "2302.00001",
                         "2301.00001"}));
  CHECK(order_findings(doc).empty());
}

TEST_CASE("entry-order: an entry that sorts before the whole run moves above the first id") {
  std::string text = list_of({"-1", "2303.00001", "2302.00001", "2304.00001"});
  ListDocument doc(text, sorted_config());
  const auto found = order_findings(doc);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "Entry 2304.00001 is out of descending arXiv id order after 2302.00001; expected it "
        "first among the section's entries with an id.");
  CHECK(found[0].related.empty());
  const Fix* move = move_fix(found[0]);
  REQUIRE(move != nullptr);
  CHECK(move->title == "Move the entry before 2303.00001");
  apply_in_place(doc, text, *move);
  CHECK(text == list_of({"-1", "2304.00001", "2303.00001", "2302.00001"}));
}

TEST_CASE("entry-order: of two swapped neighbours the lower one is reported") {
  // Both keep a run of three in order; the run that keeps the earlier entries wins.
  ListDocument doc(list_of({"2304.00001", "2302.00001", "2303.00001", "2301.00001"}),
                   sorted_config());
  const auto found = order_findings(doc);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "Entry 2303.00001 is out of descending arXiv id order after 2302.00001; expected it "
        "right after 2304.00001.");
}

TEST_CASE("entry-order in ascending order blames the outlier the same way") {
  std::string text =
      list_of({"2301.00001", "2305.00001", "2302.00001", "2303.00001", "2304.00001"});
  ListDocument doc(text, sorted_config(SortDirection::kAscending));
  const auto found = order_findings(doc);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "Entry 2305.00001 is out of ascending arXiv id order before 2302.00001; expected it "
        "right after 2304.00001.");
  const Fix* move = move_fix(found[0]);
  REQUIRE(move != nullptr);
  apply_in_place(doc, text, *move);
  CHECK(text == list_of({"2301.00001", "2302.00001", "2303.00001", "2304.00001", "2305.00001"}));
}

TEST_CASE("entry-order moves no entry across a suppression comment, nor a wrapped one") {
  SUBCASE("a suppression region between the entry and its place: no move, and no sort") {
    ListDocument doc(list_of({"2302.00001", "2303.00001", "2301.00001"}, 1,
                             "<!-- awesome-ls-disable entry-format -->\n"),
                     sorted_config());
    const auto found = order_findings(doc);
    REQUIRE(found.size() == 1);  // a suppression starts no group
    CHECK(found[0].message.starts_with("Entry 2303.00001 "));
    CHECK(found[0].fixes.empty());
  }
  SUBCASE("an entry under a suppression of the next line stays, and what sorts below it") {
    std::string text =
        list_of({"2304.00001"}) + "\n<!-- awesome-ls-disable-next-line entry-format -->\n" +
        entry("2303.00001") + "\n" + entry("2301.00001") + "\n" + entry("2302.00001");
    ListDocument doc(text, sorted_config());
    auto found = order_findings(doc);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.starts_with("Entry 2302.00001 "));
    REQUIRE(found[0].fixes.size() == 1);  // its place is right under the comment: no move
    CHECK(found[0].fixes[0].title == "Sort the entries of this section by arXiv id");
    apply_in_place(doc, text, found[0].fixes[0]);
    CHECK(order_findings(doc).empty());
    CHECK(ids_of(doc) ==
          std::vector<std::string>{"2304.00001", "2303.00001", "2302.00001", "2301.00001"});
    // The entry under the suppression would have to move: no sort, and no move across it.
    ListDocument under(list_of({"2304.00001"}) +
                           "\n<!-- awesome-ls-disable-next-line entry-format -->\n" +
                           entry("2301.00001") + "\n" + entry("2302.00001"),
                       sorted_config());
    found = order_findings(under);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.starts_with("Entry 2302.00001 "));
    CHECK(found[0].fixes.empty());
  }
  SUBCASE("an entry in a <details> wrapper of its own") {
    std::string text = list_of({"2302.00001", "2301.00001"});
    text +=
        "\n<details><summary>Paper (2023)</summary>\n\n" + entry("2303.00001") + "\n</details>\n";
    ListDocument doc(text, sorted_config());
    const auto found = order_findings(doc);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.starts_with("Entry 2303.00001 "));
    CHECK(move_fix(found[0]) == nullptr);
  }
}

TEST_CASE("entry-order: a comment between entries starts a group sorted on its own") {
  SUBCASE("groups each in order: nothing to report") {
    ListDocument doc(grouped_list({{"2302.00001", "2301.00001"}, {"2304.00001", "2303.00001"}}),
                     sorted_config());
    CHECK(order_findings(doc).empty());
    // One group, the same entries: the first two are out of order.
    ListDocument merged(list_of({"2302.00001", "2301.00001", "2304.00001", "2303.00001"}),
                        sorted_config());
    CHECK(order_findings(merged).size() == 2);
  }
  SUBCASE("an entry that sorts first in its group moves to the top of its group") {
    std::string text =
        grouped_list({{"2302.00001", "2301.00001"}, {"2304.00001", "2303.00001", "2305.00001"}});
    ListDocument doc(text, sorted_config());
    const auto found = order_findings(doc);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "Entry 2305.00001 is out of descending arXiv id order after 2303.00001; expected it "
          "first among its group's entries with an id.");
    REQUIRE(found[0].related.size() == 1);
    CHECK(found[0].related[0].message == "the comment that starts its group");
    CHECK(found[0].related[0].range.start.line ==
          awesome::test::line_of(text, "<!-- topic 1 -->") - 1);
    const Fix* move = move_fix(found[0]);
    REQUIRE(move != nullptr);
    CHECK(move->title == "Move the entry before 2304.00001");
    apply_in_place(doc, text, *move);
    CHECK(text ==
          grouped_list({{"2302.00001", "2301.00001"}, {"2305.00001", "2304.00001", "2303.00001"}}));
    CHECK(order_findings(doc).empty());
  }
  SUBCASE("an entry out of order inside its group is expected after an entry of its group") {
    std::string text =
        grouped_list({{"2306.00001", "2305.00001"}, {"2303.00001", "2301.00001", "2302.00001"}});
    ListDocument doc(text, sorted_config());
    const auto found = order_findings(doc);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "Entry 2302.00001 is out of descending arXiv id order after 2301.00001; expected it "
          "right after 2303.00001.");
    const Fix* move = move_fix(found[0]);
    REQUIRE(move != nullptr);
    apply_in_place(doc, text, *move);
    CHECK(text ==
          grouped_list({{"2306.00001", "2305.00001"}, {"2303.00001", "2302.00001", "2301.00001"}}));
  }
  SUBCASE("the sort keeps every entry in its group and the comments in place") {
    std::string text = grouped_list(
        {{"2301.00001", "2302.00001"}, {"2303.00001", "2305.00001", "2304.00001"}, {"-1"}});
    ListDocument doc(text, sorted_config());
    const auto found = order_findings(doc);
    REQUIRE(found.size() == 2);
    REQUIRE_FALSE(found[0].fixes.empty());
    CHECK(found[0].fixes.back().title == "Sort the entries of this section by arXiv id");
    apply_in_place(doc, text, found[0].fixes.back());
    CHECK(text ==
          grouped_list(
              {{"2302.00001", "2301.00001"}, {"2305.00001", "2304.00001", "2303.00001"}, {"-1"}}));
    CHECK(order_findings(doc).empty());
  }
  SUBCASE("a comment before the first entry or after the last one starts no group") {
    ListDocument doc(list_of({"2302.00001", "2303.00001"}, 0, "<!-- ### Privacy: 2021 -->\n") +
                         "\n<!-- topic -->\n",
                     sorted_config());
    CHECK(order_findings(doc).size() == 1);
  }
}

TEST_CASE("whether a list is sorted counts no pair across a comment that starts a group") {
  // Six topic groups, each in order, each starting above where the one before it ended: five
  // of seventeen adjacent pairs inverted when the comments are left out.
  std::vector<std::vector<std::string>> groups;
  for (int g = 0; g < 6; ++g) {
    groups.push_back({});
    for (int k = 3; k > 0; --k)
      groups.back().push_back("230" + std::to_string(g + 1) + ".0000" + std::to_string(k));
  }
  ListDocument doc(grouped_list(groups));
  CHECK(doc.model().conventions.sorted);
  std::vector<std::string> all;
  for (const auto& g : groups) all.insert(all.end(), g.begin(), g.end());
  ListDocument merged(list_of(all));
  CHECK_FALSE(merged.model().conventions.sorted);
}

TEST_CASE("moving every reported entry, one quick fix at a time, sorts the section") {
  std::mt19937 rng(2026);
  for (int trial = 0; trial < 150; ++trial) {
    std::vector<std::string> ids;
    const std::size_t n = 2 + rng() % 11;
    for (std::size_t i = 0; i < n; ++i) {
      // Few distinct ids, so that equal ids and ties between runs come up.
      ids.push_back("23" + std::to_string(10 + rng() % 3) + ".0000" + std::to_string(rng() % 4));
    }
    for (std::size_t k = rng() % 3; k > 0; --k) {
      ids.insert(ids.begin() + static_cast<std::ptrdiff_t>(rng() % (ids.size() + 1)),
                 "-" + std::to_string(k));
    }
    std::vector<std::string> with_id;
    for (const auto& id : ids) {
      if (!id.starts_with("-"))
        with_id.push_back(id);
    }
    CAPTURE(trial);
    std::string text = list_of(ids);
    ListDocument doc(text, sorted_config());
    const std::size_t expected = with_id.size() - longest_in_order(with_id);
    CHECK(order_findings(doc).size() == expected);
    for (std::size_t step = 0; step < expected; ++step) {
      const auto found = order_findings(doc);
      REQUIRE(found.size() == expected - step);  // each move puts exactly one entry in place
      const Fix* move = move_fix(found.front());
      REQUIRE(move != nullptr);
      apply_in_place(doc, text, *move);
    }
    CHECK(order_findings(doc).empty());
    // The same entries, the ones with an id now in order.
    auto now = ids_of(doc);
    std::vector<std::string> now_with_id;
    std::copy_if(now.begin(), now.end(), std::back_inserter(now_with_id),
                 [](const std::string& id) { return id != "-"; });
    CHECK(std::is_sorted(now_with_id.rbegin(), now_with_id.rend()));
    CHECK(now.size() == ids.size());
    std::sort(with_id.begin(), with_id.end());
    std::sort(now_with_id.begin(), now_with_id.end());
    CHECK(now_with_id == with_id);
  }
}

TEST_CASE("on the real lists each move quick fix puts one entry in place") {
  for (const char* name :
       {"trustworthy-2021.md", "trustworthy-2026-readme.md", "trustworthy-2026-full.md"}) {
    CAPTURE(name);
    std::string text = awesome::test::corpus(name);
    ListDocument doc(text);
    const std::size_t entries = doc.model().entries.size();
    std::size_t left = order_findings(doc).size(), moved = 0;
    for (;;) {
      const auto found = order_findings(doc);
      REQUIRE(found.size() == left);
      const auto with_move = std::find_if(
          found.begin(), found.end(), [](const Diagnostic& d) { return move_fix(d) != nullptr; });
      if (with_move == found.end())
        break;
      auto edits = move_fix(*with_move)->edits;
      std::sort(edits.begin(), edits.end(),
                [](const auto& x, const auto& y) { return y.range.start < x.range.start; });
      text = awesome::rules::apply_edits(text, edits);
      for (const auto& e : edits) doc.edit(e.range, e.new_text);
      --left;
      ++moved;
    }
    CHECK(moved > 0);
    ListDocument fresh(text);
    CHECK(doc.diagnostics() == fresh.diagnostics());
    CHECK(fresh.model().entries.size() == entries);
    MESSAGE(std::string(name) << ": " << moved << " moves, " << left
                              << " findings left without one");
  }
}
