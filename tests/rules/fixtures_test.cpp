// Runs every fixture under tests/fixtures/<rule-id>/: the findings of that rule must be exactly
// the `<!-- expect LINE:COL rule-id -->` comments of the file (1-based line, byte column). An
// expectation may name the exact message too: `<!-- expect LINE:COL rule-id "Message." -->`
// (a double quote inside it is written `\"`).
#include <doctest/doctest.h>
#include <re2/re2.h>

#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "rules/catalog.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using awesome::rules::ListDocument;

namespace {

using Finding = std::tuple<unsigned, unsigned, std::string>;

struct Expectations {
  std::set<Finding> findings;
  std::map<Finding, std::string> messages;  ///< for the expectations that give one
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
  return out;
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
      for (const auto& d : doc.diagnostics()) {
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
