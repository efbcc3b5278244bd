// Incremental re-parsing must give exactly what a fresh parse of the same text gives: same
// text, same lines, same diagnostics, same model, after any sequence of edits.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <random>

#include "rules/blocks.hpp"
#include "rules/completion.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using awesome::rules::ListDocument;
using awesome::rules::Position;
using awesome::rules::Range;

namespace {

/// Byte offset of a position, clamped the way ListDocument clamps.
std::size_t offset_of(const std::string& text, Position p) {
  const auto lines = awesome::rules::split_lines(text, true);
  if (p.line >= lines.size())
    return text.size();
  return lines[p.line].start + std::min(p.column, lines[p.line].length);
}

void check_same_as_fresh(ListDocument& doc, const std::string& reference) {
  REQUIRE(doc.text() == reference);
  ListDocument fresh(reference, doc.config());
  REQUIRE(doc.line_count() == fresh.line_count());
  CHECK(doc.diagnostics() == fresh.diagnostics());
  // The model is built from the one before it (the entries of unchanged blocks moved and
  // shifted to their new lines) and from the outline the diagnostics keep up to date: field by
  // field the model of a fresh parse (whose outline the diagnostics built from scratch; the
  // test below compares that with a model built without diagnostics).
  CHECK(doc.model() == fresh.model());
  // What completion reads, kept edit by edit, equals a count from scratch.
  CHECK(doc.vocabulary().phrases == fresh.vocabulary().phrases);
  CHECK(doc.vocabulary().venues == fresh.vocabulary().venues);
  CHECK(doc.line_outline().sections == fresh.line_outline().sections);
}

/// `steps` seeded random edits; the diagnostics are compared after every `batch` edits (an
/// editor may send several changes before the server asks for diagnostics).
void random_edits(const std::string& name, int steps, unsigned seed, int batch = 1) {
  std::string reference = awesome::test::corpus(name);
  ListDocument doc(reference);
  std::mt19937 rng(seed);
  static const std::array<std::string, 16> snippets{"\n",
                                                    "\n\n",
                                                    "- ",
                                                    "  - ",
                                                    "### 2020\n",
                                                    "<!--",
                                                    "-->",
                                                    "```\n",
                                                    "x",
                                                    "[[paper]](https://arxiv.org/abs/2101.00001)",
                                                    "  - Key Word: ",
                                                    "é",
                                                    "\xF0\x9F\x99\x82",
                                                    "<summary>Privacy: 2024</summary>\n",
                                                    "\r\n",
                                                    "## Privacy\n"};
  for (int step = 0; step < steps; ++step) {
    const auto lines = static_cast<std::uint32_t>(doc.line_count());
    Position a{static_cast<std::uint32_t>(rng() % (lines + 1)),
               static_cast<std::uint32_t>(rng() % 120)};
    Position b = a;
    if (rng() % 3 == 0)
      b.line += rng() % 3;
    b.column = static_cast<std::uint32_t>(rng() % 160);
    if (b < a)
      std::swap(a, b);
    const std::string insert = rng() % 4 == 0 ? std::string() : snippets[rng() % snippets.size()];
    const std::size_t from = offset_of(reference, a), to = offset_of(reference, b);
    reference.replace(from, to - from, insert);
    doc.edit(Range{a, b}, insert);
    if ((step + 1) % batch != 0)
      continue;
    CAPTURE(step);
    check_same_as_fresh(doc, reference);
  }
}

}  // namespace

TEST_CASE("random edits on the 2021 list match a fresh parse at every step") {
  random_edits("trustworthy-2021.md", 600, 2021);
}

TEST_CASE("random edits on the 2026 README match a fresh parse at every step") {
  random_edits("trustworthy-2026-readme.md", 600, 2026);
}

TEST_CASE("random edits on the 2026 full list match a fresh parse at every step") {
  random_edits("trustworthy-2026-full.md", 60, 7);
}

TEST_CASE("random edits on a list of a neighbouring format match a fresh parse at every step") {
  // Its conventions (links under the title, [[pdf]], not sorted, years by venue) are learnt
  // from its entries and kept edit by edit.
  random_edits("backdoor-learning-resources.md", 300, 11);
}

TEST_CASE("a list that stops being sorted by arXiv id, one id at a time, matches a fresh parse") {
  // Whether the list sorts by id is learnt from all its entries; each edit of one id must be
  // able to change it (and with it every entry-order finding).
  std::string reference = "# Awesome Sorted\n\n## Privacy\n";
  for (int k = 0; k < 12; ++k) {
    reference += "\n- Paper " + std::to_string(k) + ". [[paper]](https://arxiv.org/abs/23" +
                 std::to_string(12 - k < 10 ? 0 : 1) + std::to_string((12 - k) % 10) + ".0000" +
                 std::to_string(k % 10) +
                 ")\n  - Ada Lovelace.\n  - Key Word: Privacy.\n"
                 "  - Digest: A paper.\n";
  }
  ListDocument doc(reference);
  bool sorted_before = doc.model().conventions.sorted;
  CHECK(sorted_before);
  bool flipped = false;
  for (int k = 0; k < 12; k += 2) {
    // Paper k gets the oldest month: 2301, then 2301 again... an inversion each time.
    const std::string url = "https://arxiv.org/abs/23";
    const std::size_t at = reference.find("- Paper " + std::to_string(k) + ".");
    const std::size_t month = reference.find(url, at) + url.size();
    const auto lines = awesome::rules::split_lines(reference, true);
    std::uint32_t line = 0;
    while (line + 1 < lines.size() && lines[line + 1].start <= month) ++line;
    const Position p{line, static_cast<std::uint32_t>(month - lines[line].start)};
    reference.replace(month, 2, "01");
    doc.edit(Range{p, {p.line, p.column + 2}}, "01");
    CAPTURE(k);
    check_same_as_fresh(doc, reference);
    flipped = flipped || doc.model().conventions.sorted != sorted_before;
  }
  CHECK(flipped);
}

TEST_CASE("adding and removing a comment between entries regroups them as a fresh parse does") {
  // Six topic groups, each in descending order, each starting above where the one before it
  // ends: every comment between them decides which entries are out of order, and how many
  // adjacent pairs are inverted (five of seventeen without any comment: not sorted).
  std::string original = "# Awesome Sorted\n\n## Privacy\n";
  for (int g = 0; g < 6; ++g) {
    if (g > 0)
      original += "\n<!-- topic " + std::to_string(g) + " -->\n";
    for (int k = 3; k > 0; --k) {
      original += "\n- Paper " + std::to_string(g) + std::to_string(k) +
                  ". [[paper]](https://arxiv.org/abs/230" + std::to_string(g + 1) + ".0000" +
                  std::to_string(k) + ")\n  - Ada Lovelace.\n  - Key Word: Privacy.\n" +
                  "  - Digest: A paper.\n";
    }
  }
  for (const bool pinned : {false, true}) {
    CAPTURE(pinned);
    awesome::rules::Config config;
    if (pinned)
      config.conventions.sorted = true;  // entry-order findings at every step
    std::string reference = original;
    ListDocument doc(reference, config);
    doc.diagnostics();
    const auto replace = [&](const std::string& from_text, const std::string& with) {
      const std::size_t from = reference.find(from_text);
      REQUIRE(from != std::string::npos);
      const auto lines = awesome::rules::split_lines(reference, true);
      const auto position = [&](std::size_t offset) {
        std::uint32_t line = 0;
        while (line + 1 < lines.size() && lines[line + 1].start <= offset) ++line;
        return Position{line, static_cast<std::uint32_t>(offset - lines[line].start)};
      };
      const Range range{position(from), position(from + from_text.size())};
      reference.replace(from, from_text.size(), with);
      doc.edit(range, with);
      check_same_as_fresh(doc, reference);
    };
    bool unsorted = false;
    for (int g = 1; g < 6; ++g) {
      replace("\n<!-- topic " + std::to_string(g) + " -->\n", "");
      unsorted = unsorted || !doc.model().conventions.sorted;
    }
    CHECK(unsorted != pinned);
    for (int g = 1; g < 6; ++g)
      replace("\n- Paper " + std::to_string(g) + "3.",
              "\n<!-- topic " + std::to_string(g) + " -->\n\n- Paper " + std::to_string(g) + "3.");
    CHECK(reference == original);
    CHECK(doc.model().conventions.sorted);
    replace("<!-- topic 3 -->", "<!-- awesome-ls-disable-next-line entry-format -->");
    replace("<!-- awesome-ls-disable-next-line entry-format -->", "<!-- topic 3 -->");
    replace("<!-- topic 2 -->", "<!-- topic\ntwo -->");  // still a comment, over two lines
    replace("<!-- topic 4", "topic 4");                  // no longer a comment
    replace("topic 4", "<!-- topic 4");
  }
}

TEST_CASE("batches of random edits between diagnostics match a fresh parse") {
  random_edits("trustworthy-2021.md", 300, 11, 3);
  random_edits("trustworthy-2026-readme.md", 300, 12, 4);
}

TEST_CASE("typing inside entries of the full list matches a fresh parse at every step") {
  // Single characters inside entries, the edits the incremental paths are tuned for.
  std::string reference = awesome::test::corpus("trustworthy-2026-full.md");
  ListDocument doc(reference);
  std::mt19937 rng(5);
  static const std::array<std::string, 8> chars{"x", " ", ";", "*", ",", "[", ".", ""};
  for (int step = 0; step < 400; ++step) {
    const auto line = static_cast<std::uint32_t>(rng() % doc.line_count());
    const auto column = static_cast<std::uint32_t>(rng() % (doc.line(line).size() + 1));
    const std::string& c = chars[rng() % chars.size()];
    Position a{line, column}, b = a;
    if (c.empty())
      b.column = column + 1;  // delete one byte
    const std::size_t from = offset_of(reference, a), to = offset_of(reference, b);
    reference.replace(from, to - from, c);
    doc.edit(Range{a, b}, c);
    if (step % 2 == 0)
      continue;
    CAPTURE(step);
    check_same_as_fresh(doc, reference);
  }
}

TEST_CASE("many blocks inserted at one place match a fresh parse") {
  // Each insertion lands between the same two blocks, so the order labels between them run
  // out and the document labels its blocks anew.
  std::string reference = awesome::test::corpus("trustworthy-2026-readme.md");
  ListDocument doc(reference);
  doc.diagnostics();
  const Position at{120, 0};
  for (int i = 0; i < 90; ++i) {
    const std::string entry =
        "- Paper " + std::to_string(i) + ". [[paper]](https://arxiv.org/abs/2101." +
        std::to_string(10000 + i) + ")\n  - A, B.\n  - Key Word: Robustnes; Attack.\n\n";
    const std::size_t from = offset_of(reference, at);
    reference.insert(from, entry);
    doc.edit(Range{at, at}, entry);
    if (i % 3 != 0)
      continue;
    CAPTURE(i);
    check_same_as_fresh(doc, reference);
  }
}

TEST_CASE("a phrase's other regional spelling gaining or losing uses re-decides it") {
  // `Reward Modelling` names `Reward Modeling` only while that one is used more often; no
  // typo distance links the two words, so the change must reach it through the variants.
  const auto entry = [](int i, std::string_view keyword) {
    return "- Paper " + std::to_string(i) + ". [[paper]](https://arxiv.org/abs/2101." +
           std::to_string(10000 + i) + ")\n  - A, B.\n  - Key Word: " + std::string(keyword) +
           "; Attack.\n  - Digest: Text.\n\n";
  };
  std::string reference = "# Awesome\n\n## Alignment\n\n" + entry(9, "Reward Modelling") +
                          entry(8, "Reward Modeling") + entry(7, "Reward Modellings");
  ListDocument doc(reference);
  const auto variants = [&] {
    int n = 0;
    for (const auto& d : doc.diagnostics()) n += d.rule == "keyword-variant" ? 1 : 0;
    return n;
  };
  const auto replace = [&](std::string_view from_text, const std::string& with) {
    const std::size_t from = reference.find(from_text);
    REQUIRE(from != std::string::npos);
    const auto line = static_cast<std::uint32_t>(
        std::count(reference.begin(), reference.begin() + static_cast<std::ptrdiff_t>(from), '\n'));
    const auto column = static_cast<std::uint32_t>(from - reference.rfind('\n', from) - 1);
    const Position a{line, column}, b{line, static_cast<std::uint32_t>(column + from_text.size())};
    reference.replace(from, from_text.size(), with);
    doc.edit(Range{a, b}, with);
    check_same_as_fresh(doc, reference);
  };
  CHECK(variants() == 0);  // one use each way: no common form
  replace("- Paper 9.", entry(6, "Reward Modeling") + entry(5, "Reward Modeling") + "- Paper 9.");
  CHECK(variants() == 2);  // Modelling and Modellings name Reward Modeling, now used 3 times
  replace("Reward Modellings", "Reward Modelling");
  CHECK(variants() == 2);  // both uses of Modelling
  replace("Reward Modeling;", "Reward Modelling;");
  CHECK(variants() == 2);  // 3 uses against 2: now the two uses of Modeling are the variants
}

TEST_CASE("a title or digest that starts or stops using a word re-decides a tie") {
  // `Inforamtion Bottleneck` and `Information Bottleneck` are used once each: the typo is the
  // word the titles and digests never use. An edit outside the key words changes that.
  const auto entry = [](int i, std::string_view title, std::string_view keyword) {
    return "- " + std::string(title) + ". [[paper]](https://arxiv.org/abs/2101." +
           std::to_string(10000 + i) + ")\n  - A, B.\n  - Key Word: " + std::string(keyword) +
           "; Attack.\n  - Digest: Text.\n\n";
  };
  std::string reference = "# Awesome\n\n## Alignment\n\n" +
                          entry(9, "Information Theory of Robustness", "Information Bottleneck") +
                          entry(8, "Paper Eight", "Inforamtion Bottleneck");
  ListDocument doc(reference);
  const auto variants = [&] {
    int n = 0;
    for (const auto& d : doc.diagnostics()) n += d.rule == "keyword-variant" ? 1 : 0;
    return n;
  };
  const auto replace = [&](std::string_view from_text, std::string_view with) {
    const std::size_t from = reference.find(from_text);
    REQUIRE(from != std::string::npos);
    const auto line = static_cast<std::uint32_t>(
        std::count(reference.begin(), reference.begin() + static_cast<std::ptrdiff_t>(from), '\n'));
    const auto column = static_cast<std::uint32_t>(from - reference.rfind('\n', from) - 1);
    const Position a{line, column}, b{line, static_cast<std::uint32_t>(column + from_text.size())};
    reference.replace(from, from_text.size(), with);
    doc.edit(Range{a, b}, std::string(with));
    check_same_as_fresh(doc, reference);
  };
  CHECK(variants() == 1);
  replace("Paper Eight", "Paper Inforamtion");  // the list now uses both words
  CHECK(variants() == 0);
  replace("Paper Inforamtion", "Paper Eight");
  CHECK(variants() == 1);
  replace("Information Theory of", "Robustness of");  // neither word is used elsewhere
  CHECK(variants() == 0);
  replace("Digest: Text.", "Digest: Information.");  // the first entry's digest
  CHECK(variants() == 1);
}

TEST_CASE("edits past the end of a line or the document are clamped") {
  ListDocument doc("- A.\n");
  doc.edit({{0, 99}, {0, 99}}, " [[paper]](https://arxiv.org/abs/2010.09515)");
  CHECK(doc.text() == "- A. [[paper]](https://arxiv.org/abs/2010.09515)\n");
  doc.edit({{99, 0}, {99, 0}}, "tail");
  CHECK(doc.text() == "- A. [[paper]](https://arxiv.org/abs/2010.09515)\ntail");
  doc.edit({{1, 4}, {0, 0}}, "");  // reversed range
  CHECK(doc.text().empty());
  CHECK(doc.line_count() == 1);
}

TEST_CASE(
    "an opened comment re-parses everything it swallows, and closing it restores the blocks") {
  const std::string text = awesome::test::corpus("trustworthy-2021.md");
  ListDocument doc(text);
  const auto before = doc.diagnostics();
  doc.edit({{24, 0}, {24, 0}}, "<!--\n");
  CHECK(doc.model().entries.size() < 98);
  doc.edit({{24, 0}, {25, 0}}, "");
  CHECK(doc.text() == text);
  CHECK(doc.diagnostics() == before);
}

TEST_CASE("a list that stops cross-listing, one copy at a time, matches a fresh parse") {
  // Whether identical copies in other sections are how the list files a paper is learnt from
  // all of them: each edit of one copy can change it, and with it every duplicate finding.
  const auto entry = [](int k, std::string_view venue) {
    return "- Paper " + std::to_string(k) + ". [[paper]](https://arxiv.org/abs/2301.0000" +
           std::to_string(k) + ")\n  - Ada Lovelace. *" + std::string(venue) +
           "*\n  - Key Word: Privacy.\n  - Digest: Paper " + std::to_string(k) + ".\n\n";
  };
  std::string reference = "# Awesome\n\n## Privacy\n\n";
  for (int k = 4; k >= 1; --k) reference += entry(k, "ICML 2023");
  reference += "## Fairness\n\n";
  for (int k = 4; k >= 1; --k) reference += entry(k, "ICML 2023");
  reference += "## Robustness\n\n" + entry(1, "ICML 2023");
  ListDocument doc(reference);
  const auto copies = [&] {
    int n = 0;
    for (const auto& d : doc.diagnostics()) n += d.rule == "duplicate-paper" ? 1 : 0;
    return n;
  };
  CHECK(doc.model().conventions.cross_listed);
  CHECK(copies() == 0);
  const auto replace_at = [&](std::size_t from, std::string_view old_text,
                              const std::string& with) {
    const auto line = static_cast<std::uint32_t>(
        std::count(reference.begin(), reference.begin() + static_cast<std::ptrdiff_t>(from), '\n'));
    const auto column = static_cast<std::uint32_t>(from - reference.rfind('\n', from) - 1);
    reference.replace(from, old_text.size(), with);
    doc.edit(Range{{line, column}, {line, static_cast<std::uint32_t>(column + old_text.size())}},
             with);
    check_same_as_fresh(doc, reference);
  };
  // The copies under Fairness get another venue one by one: 5 identical copies, then 4, 3, 2.
  std::size_t at = reference.find("## Fairness");
  for (int k = 0; k < 3; ++k) {
    at = reference.find("ICML 2023", at);
    replace_at(at, "ICML 2023", "ICLR 2024");
    CAPTURE(k);
    CHECK(doc.model().conventions.cross_listed == (k < 2));
  }
  // No longer a list that cross-lists: every copy is reported, identical ones included.
  CHECK(copies() == 5);
  // A heading that puts the last two copies under one section re-files them.
  replace_at(reference.find("## Robustness"), "## Robustness", "Robustness");
  CHECK(copies() == 5);
  replace_at(reference.find("Robustness"), "Robustness", "## Robustness");
  CHECK(copies() == 5);
}

TEST_CASE("renaming a section to or from a thesis section matches a fresh parse") {
  // A thesis and the paper of the same title are two works: what a heading says decides it.
  std::string reference =
      "# Awesome\n\n## Theses\n\n- Learning to Forget. [[paper]](https://example.org/t.pdf)\n"
      "  - Ada Lovelace.\n  - Key Word: Privacy.\n  - Digest: A thesis.\n\n"
      "## Privacy\n\n- Learning to Forget. [[paper]](https://arxiv.org/abs/2301.00001)\n"
      "  - Ada Lovelace, Alan Turing. *ICML 2023*\n  - Key Word: Privacy.\n"
      "  - Digest: A paper.\n";
  ListDocument doc(reference);
  const auto titles = [&] {
    int n = 0;
    for (const auto& d : doc.diagnostics()) n += d.rule == "duplicate-title" ? 1 : 0;
    return n;
  };
  CHECK(titles() == 0);
  const std::uint32_t line = 2;
  reference.replace(reference.find("Theses"), 6, "Surveys");
  doc.edit(Range{{line, 3}, {line, 9}}, "Surveys");
  check_same_as_fresh(doc, reference);
  CHECK(titles() == 1);
  reference.replace(reference.find("Surveys"), 7, "Dissertations");
  doc.edit(Range{{line, 3}, {line, 10}}, "Dissertations");
  check_same_as_fresh(doc, reference);
  CHECK(titles() == 0);
}

TEST_CASE("a misfiled year section's move follows edits of the category it moves to") {
  // The move fix reads another chunk than the finding's own: every edit checks it again.
  const auto entry = [](const std::string& id) {
    return "- Paper " + id + ". [[paper]](https://arxiv.org/abs/" + id +
           ")\n  - Ada Lovelace.\n  - Key Word: Robustness.\n  - Digest: A digest.\n";
  };
  std::string reference = "## Others\n\n### Others: 2018\n\n" + entry("1801.00001") +
                          "\n## Ownership\n\n### Ownership: 2019\n\n" + entry("1901.00001") +
                          "\n### Others: 2017\n\n" + entry("1701.00001");
  ListDocument doc(reference);
  const std::string rename = "Rename the section to 'Ownership: 2017'";
  const std::string move = "Move the section under '## Others'";
  const auto fix_titles = [&]() {
    std::vector<std::string> titles;
    for (const auto& d : doc.diagnostics()) {
      if (d.rule == "heading-hierarchy") {
        for (const auto& f : d.fixes) titles.push_back(f.title);
      }
    }
    return titles;
  };
  const auto move_edits = [&]() {
    for (const auto& d : doc.diagnostics()) {
      for (const auto& f : d.fixes) {
        if (f.title == move)
          return f.edits;
      }
    }
    return std::vector<awesome::rules::TextEdit>{};
  };
  CHECK(fix_titles() == std::vector<std::string>{rename, move});
  const auto before = move_edits();
  // Edits inside `## Others`, away from the finding's chunk, that change no section. An entry
  // after the last one there (line 8 is the blank line after it): the section goes after it.
  const std::string added = "\n" + entry("1802.00001");
  reference.insert(offset_of(reference, {8, 0}), added);
  doc.edit(Range{{8, 0}, {8, 0}}, added);
  check_same_as_fresh(doc, reference);
  CHECK(fix_titles() == std::vector<std::string>{rename, move});
  CHECK(move_edits() != before);
  // The category renamed: no category of the name the section gives, no move.
  reference.replace(3, 6, "Other");
  doc.edit(Range{{0, 3}, {0, 9}}, "Other");
  check_same_as_fresh(doc, reference);
  CHECK(fix_titles() == std::vector<std::string>{"Rename the section to 'Other: 2018'", rename});
}

TEST_CASE("the model is the same whether or not the diagnostics were computed first") {
  for (const char* name :
       {"trustworthy-2021.md", "trustworthy-2026-readme.md", "trustworthy-2026-full.md",
        "backdoor-learning-resources.md", "information-bottleneck.md"}) {
    CAPTURE(name);
    const std::string text = awesome::test::corpus(name);
    ListDocument with(text), without(text);
    (void)with.diagnostics();
    CHECK(with.model() == without.model());
    // And after an edit that moves every line below it, diagnostics first or not.
    with.edit({{3, 0}, {3, 0}}, "\n");
    without.edit({{3, 0}, {3, 0}}, "\n");
    (void)with.diagnostics();
    CHECK(with.model() == without.model());
  }
}
