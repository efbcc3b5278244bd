// link-syntax on labels the template does not know: a near miss of a label the list accepts
// is a typo with a suggested label; any other label is a link of the entry's own.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/list_document.hpp"

using awesome::rules::Diagnostic;
using awesome::rules::ListDocument;

namespace {

std::string entry(const std::string& links) {
  return "- Machine Unlearning. [[paper]](https://arxiv.org/abs/1912.03817) " + links +
         "\n  - Lucas Bourtoule, Varun Chandrasekaran.\n  - Key Word: Machine Unlearning.\n"
         "  - <details><summary>Digest</summary> We introduce SISA training.</details>\n";
}

std::vector<Diagnostic> link_findings(const std::string& text) {
  ListDocument doc(text);
  std::vector<Diagnostic> out;
  for (const auto& d : doc.diagnostics()) {
    if (d.rule == "link-syntax")
      out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("link-syntax suggests the label a near miss stands for, as an editor-only fix") {
  const std::string prefix = "# Awesome\n\n## Privacy\n\n";
  SUBCASE("one edit away") {
    const auto found = link_findings(prefix + entry("[[cdoe]](https://github.com/x/y)"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "Unknown link label 'cdoe'; did you mean 'code'?");
    CHECK(found[0].range.start.column == 68);
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(found[0].fixes[0].title == "Write 'code'");
    CHECK(found[0].fixes[0].edits[0].new_text == "code");
    CHECK_FALSE(found[0].fixes[0].safe);
  }
  SUBCASE("a digit suffix") {
    const auto found = link_findings(prefix + entry("[[slides2]](https://x.org/s.pdf)"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "Unknown link label 'slides2'; did you mean 'slides'?");
  }
  SUBCASE("two edits on a label of six letters or more") {
    const auto found = link_findings(prefix + entry("[[projcte]](https://x.org)"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "Unknown link label 'projcte'; did you mean 'project'?");
  }
  SUBCASE("a case variant of a known label keeps its own message and safe fix") {
    const auto found = link_findings(prefix + entry("[[Code]](https://github.com/x/y)"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "Link label 'Code' is written 'code'.");
    CHECK(found[0].fixes[0].safe);
  }
  SUBCASE("an empty label") {
    const auto found = link_findings(prefix + entry("[[]](https://github.com/x/y)"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "Link has no label; expected paper, code, dataset, project, slides, video or blog.");
  }
}

TEST_CASE("link-syntax accepts a label of the entry's own, and still checks its form") {
  const std::string prefix = "# Awesome\n\n## Privacy\n\n";
  for (const char* label : {"demo", "journal", "website", "Master Thesis", "arXiv-20",
                            "previous version", "arXiv Version (2019)", "model", "page", "pdf"}) {
    CAPTURE(label);
    CHECK(link_findings(prefix + entry("[[" + std::string(label) + "]](https://x.org)")).empty());
  }
  const auto found = link_findings(prefix + entry("[[Master Thesis](https://x.org/t.pdf)]"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Link written as [[label](url)]; expected [[Master Thesis]](url).");
  CHECK(found[0].fixes[0].edits[0].new_text == "[[Master Thesis]](https://x.org/t.pdf)");
}

TEST_CASE("whitespace: two trailing spaces are a hard line break, reported only when strict") {
  const std::string text =
      "# Awesome\n\n## Privacy\n\n"
      "- Machine Unlearning. [[paper]](https://arxiv.org/abs/1912.03817)  \n"    // break
      "  - Lucas Bourtoule, Varun Chandrasekaran. \n"                            // one space
      "  - Key Word: Machine Unlearning.   \n"                                   // three
      "  - <details><summary>Digest</summary> We introduce SISA training.\t \n"  // a tab
      "  - Nothing after the break.  \n";
  const auto trailing_lines = [&](awesome::rules::Config config) {
    std::vector<std::uint32_t> lines;
    ListDocument doc(text, std::move(config));
    for (const auto& d : doc.diagnostics()) {
      if (d.rule == "whitespace" && d.message == "Trailing whitespace.")
        lines.push_back(d.range.start.line);
    }
    return lines;
  };
  CHECK(trailing_lines({}) == std::vector<std::uint32_t>{5, 6, 7});
  awesome::rules::Config strict;
  strict.whitespace_strict = true;
  CHECK(trailing_lines(strict) == std::vector<std::uint32_t>{4, 5, 6, 7, 8});
}
