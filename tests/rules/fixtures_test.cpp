// Runs every fixture under tests/fixtures/<rule-id>/: the findings of that rule must be exactly
// the `<!-- expect LINE:COL rule-id -->` comments of the file (1-based line, byte column). An
// expectation may name the exact message too: `<!-- expect LINE:COL rule-id "Message." -->`
// (a double quote inside it is written `\"`). `<!-- expect-fix LINE:COL rule-id "Fix title." -->`
// names a fix of that finding: it is applied, and the result keeps every entry and has fewer
// findings of the rule. What arXiv says of an id, for the arxiv-* rules, is given by
// `<!-- arxiv ID | Title | Author; Author -->` (`arxiv-withdrawn` likewise; `arxiv-missing ID`
// for an id arXiv does not have): the findings are then those of check_arxiv() too.
#include <doctest/doctest.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "rules/arxiv.hpp"
#include "rules/catalog.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "rules/text_util.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using awesome::rules::ListDocument;

namespace {

using Finding = std::tuple<unsigned, unsigned, std::string>;

struct Expectations {
  std::set<Finding> findings;
  std::map<Finding, std::string> messages;             ///< for the expectations that give one
  std::vector<std::pair<Finding, std::string>> fixes;  ///< expect-fix: a finding and a fix title
};

Expectations expectations(const std::string& text) {
  static const RE2 re(R"re(<!-- expect (\d+):(\d+) ([a-z-]+)(?: "((?:[^"\\]|\\.)*)")? -->)re");
  REQUIRE(re.ok());
  Expectations out;
  re2::StringPiece input(text);
  unsigned line = 0, col = 0;
  std::string rule, message;
  while (RE2::FindAndConsume(&input, re, &line, &col, &rule, &message)) {
    out.findings.emplace(line, col, rule);
    if (!message.empty()) {
      RE2::GlobalReplace(&message, R"(\\(.))", R"(\1)");
      out.messages[{line, col, rule}] = message;
    }
  }
  static const RE2 fix_re(R"re(<!-- expect-fix (\d+):(\d+) ([a-z-]+) "((?:[^"\\]|\\.)*)" -->)re");
  REQUIRE(fix_re.ok());
  input = re2::StringPiece(text);
  while (RE2::FindAndConsume(&input, fix_re, &line, &col, &rule, &message))
    out.fixes.emplace_back(Finding{line, col, rule}, message);
  return out;
}

/// The arXiv metadata that a fixture's `<!-- arxiv... -->` comments give.
awesome::rules::ArxivLookup arxiv_lookup(const std::string& text) {
  static const RE2 re(R"re(<!-- arxiv(-withdrawn)? (\S+) \| ([^|]*) \| ([^|]*?) -->)re");
  static const RE2 missing_re(R"re(<!-- arxiv-missing (\S+) -->)re");
  REQUIRE(re.ok());
  REQUIRE(missing_re.ok());
  awesome::rules::ArxivLookup lookup;
  re2::StringPiece input(text);
  std::string withdrawn, id, title, authors;
  while (RE2::FindAndConsume(&input, re, &withdrawn, &id, &title, &authors)) {
    awesome::rules::ArxivMetadata m;
    m.id = id;
    m.title = title;
    for (auto a : awesome::rules::text::split(authors, "; ")) m.authors.emplace_back(a);
    m.withdrawn = !withdrawn.empty();
    lookup.papers[id] = m;
  }
  input = re2::StringPiece(text);
  while (RE2::FindAndConsume(&input, missing_re, &id)) lookup.missing[id] = true;
  return lookup;
}

/// The document's findings, and with arXiv metadata in the fixture the arxiv-* ones too.
std::vector<awesome::rules::Diagnostic> findings(ListDocument& doc, const std::string& text) {
  std::vector<awesome::rules::Diagnostic> out = doc.diagnostics();
  for (auto& d : awesome::rules::check_arxiv(doc, arxiv_lookup(text))) out.push_back(d);
  return out;
}

std::size_t count_rule(ListDocument& doc, const std::string& text, std::string_view rule) {
  const auto all = findings(doc, text);
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [&](const auto& d) { return d.rule == rule; }));
}

/// Applies the fix titled `title` of the finding `f` in `text`: it must exist, keep every
/// entry and leave fewer findings of its rule.
void check_fix(const std::string& text, const Finding& f, const std::string& title) {
  CAPTURE(std::get<0>(f));
  CAPTURE(title);
  ListDocument doc(text);
  const awesome::rules::Fix* fix = nullptr;
  const auto all = findings(doc, text);
  for (const auto& d : all) {
    if (d.rule != std::get<2>(f) || d.range.start.line + 1 != std::get<0>(f) ||
        d.range.start.column + 1 != std::get<1>(f)) {
      continue;
    }
    for (const auto& x : d.fixes) fix = x.title == title ? &x : fix;
  }
  REQUIRE_MESSAGE(fix != nullptr, "no such fix on the finding");
  const std::string fixed = awesome::rules::apply_edits(text, fix->edits);
  ListDocument after(fixed);
  CHECK(after.model().entries.size() == doc.model().entries.size());
  CHECK(count_rule(after, fixed, std::get<2>(f)) < count_rule(doc, text, std::get<2>(f)));
}

}  // namespace

TEST_CASE(
    "every rule of the catalog has fixtures, and each fixture's findings match its expectations") {
  const fs::path root = AWESOME_FIXTURES_DIR;
  std::size_t files = 0;
  for (const auto& rule : awesome::rules::rule_catalog()) {
    const fs::path dir = root / std::string(rule.id);
    CAPTURE(rule.id);
    REQUIRE_MESSAGE(fs::is_directory(dir), "no fixtures for rule " << rule.id);
    std::size_t reported = 0, silent = 0, with_message = 0;
    for (const auto& file : fs::directory_iterator(dir)) {
      if (file.path().extension() != ".md")
        continue;
      ++files;
      const std::string text = awesome::test::read_file(file.path());
      const auto expected = expectations(text);
      std::set<Finding> actual;
      ListDocument doc(text);
      for (const auto& d : findings(doc, text)) {
        if (d.rule != rule.id)
          continue;
        const Finding f{d.range.start.line + 1, d.range.start.column + 1, std::string(d.rule)};
        actual.insert(f);
        if (auto it = expected.messages.find(f); it != expected.messages.end()) {
          CAPTURE(std::get<0>(f));
          CHECK(d.message == it->second);
          ++with_message;
        }
      }
      std::set<Finding> expected_here;
      for (const auto& f : expected.findings) {
        if (std::get<2>(f) == rule.id)
          expected_here.insert(f);
      }
      CAPTURE(file.path().filename().string());
      CHECK(actual == expected_here);
      for (const auto& [f, title] : expected.fixes) {
        if (std::get<2>(f) == rule.id)
          check_fix(text, f, title);
      }
      (expected_here.empty() ? silent : reported) += 1;
    }
    CHECK_MESSAGE(reported >= 1, rule.id << " needs a fixture where it reports");
    CHECK_MESSAGE(silent >= 1, rule.id << " needs a near-miss fixture where it stays silent");
    CHECK_MESSAGE(with_message >= 1, rule.id << " needs an expectation that gives the message");
  }
  CHECK(files >= 2 * awesome::rules::rule_catalog().size());
}

TEST_CASE("docs/rules.md documents every rule under its own anchor") {
  const std::string docs =
      awesome::test::read_file(std::filesystem::path(AWESOME_SOURCE_DIR) / "docs" / "rules.md");
  for (const auto& rule : awesome::rules::rule_catalog()) {
    CAPTURE(rule.id);
    CHECK(docs.find("\n## " + std::string(rule.id) + "\n") != std::string::npos);
  }
}
