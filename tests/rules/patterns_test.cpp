// Every RE2 pattern of rules/ compiles: one that does not would never match, silently.
#include "rules/patterns.hpp"

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <filesystem>
#include <string>

#include "tests/support/files.hpp"

namespace fs = std::filesystem;

TEST_CASE("every RE2 pattern of rules/ compiles") {
  for (const auto& p : awesome::rules::patterns::kAll) {
    CAPTURE(p.name);
    RE2 re(p.text, RE2::Quiet);
    CHECK_MESSAGE(re.ok(), re.error());
  }
}

TEST_CASE("no RE2 in rules/ is built from a pattern written at its use") {
  // Each pattern lives in rules/patterns.hpp, so that the test above covers it.
  static const RE2 literal(R"(RE2\s+\w+\s*\(\s*R")");
  for (const auto& file :
       fs::recursive_directory_iterator(fs::path(AWESOME_SOURCE_DIR) / "rules")) {
    if (file.path().extension() != ".cpp" && file.path().extension() != ".hpp")
      continue;
    CAPTURE(file.path().string());
    CHECK_FALSE(RE2::PartialMatch(awesome::test::read_file(file.path()), literal));
  }
}
