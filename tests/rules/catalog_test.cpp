// The rule catalog as the one definition of each rule: ids, lookups and the scopes that the
// sink holds every check family to.
#include "rules/catalog.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

#include "rules/analysis.hpp"

using namespace awesome::rules;

TEST_CASE("every rule id string finds its RuleId and back") {
  for (const RuleInfo& rule : rule_catalog()) {
    CAPTURE(rule.id);
    const RuleInfo* found = find_rule(rule.id);
    REQUIRE(found != nullptr);
    CHECK(found->rule == rule.rule);
    CHECK(rule_info(rule.rule).id == rule.id);
  }
  CHECK(rule_catalog().size() == kRuleCount);
  CHECK(find_rule("title-punctuations") == nullptr);
}

TEST_CASE("a sink reports a rule in its scope and refuses one outside it") {
  std::vector<Diagnostic> out;
  DiagnosticSink block(out, Scope::kBlock);
  CHECK(block.report(RuleId::kTitlePunctuation, {}, "m").rule == "title-punctuation");
  // whitespace is reported per block and per chunk (blank lines between entries).
  DiagnosticSink chunk(out, Scope::kChunk);
  CHECK(chunk.report(RuleId::kWhitespace, {}, "m").rule == "whitespace");
  CHECK(block.report(RuleId::kWhitespace, {}, "m").rule == "whitespace");
  // entry-order reads the neighbours of an entry: a per-block check may not report it.
  CHECK_THROWS_AS(block.report(RuleId::kEntryOrder, {}, "m"), std::logic_error);
  CHECK(out.size() == 3);
}
