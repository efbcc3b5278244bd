// keyword-variant's editor fix where the typo and the right phrase are used as often: the fix
// replaces the whole phrase with the right one, and the fixed list reports nothing.
#include <doctest/doctest.h>

#include <string>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"

using awesome::rules::ListDocument;

TEST_CASE("the fix of a tied key word typo writes the phrase the titles and digests agree with") {
  const std::string typo = "Inforamtion Bottleneck";
  const std::string text =
      "# Awesome\n\n## Robustness\n\n"
      "- Adversarial Training Reduces Information. [[paper]](https://arxiv.org/abs/2007.11259)\n"
      "  - A, B.\n  - Key Word: Adversarial Training; " +
      typo +
      ".\n  - Digest: Text.\n\n"
      "- CEB Improves Model Robustness. [[paper]](https://arxiv.org/abs/2002.05380)\n"
      "  - C, D.\n  - Key Word: Information Bottleneck; Robustness.\n  - Digest: Text.\n";
  ListDocument doc(text);
  const awesome::rules::Diagnostic* found = nullptr;
  for (const auto& d : doc.diagnostics()) {
    if (d.rule == "keyword-variant") {
      REQUIRE(found == nullptr);
      found = &d;
    }
  }
  REQUIRE(found != nullptr);
  CHECK(found->range.start.line == 6);
  CHECK(found->range.start.column == text.find(typo) - text.rfind('\n', text.find(typo)) - 1);
  REQUIRE(found->fixes.size() == 1);
  const auto& fix = found->fixes[0];
  CHECK(fix.title == "Replace with 'Information Bottleneck'");
  CHECK_FALSE(fix.safe);
  REQUIRE(fix.edits.size() == 1);
  CHECK(fix.edits[0].range == found->range);
  CHECK(fix.edits[0].new_text == "Information Bottleneck");
  const std::string fixed = awesome::rules::apply_edits(text, fix.edits);
  CHECK(fixed.find(typo) == std::string::npos);
  ListDocument after(fixed);
  for (const auto& d : after.diagnostics()) CHECK(d.rule != "keyword-variant");
}
