// Replays the inputs that once crashed a fuzz target (tests/fixtures/fuzz-regressions/<target>/)
// through the same invariants the target checks (fuzz/*_checks.hpp). Empty folders pass.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "fuzz/framing_checks.hpp"
#include "fuzz/rules_checks.hpp"
#include "tests/support/files.hpp"

namespace {

namespace fs = std::filesystem;
using CheckFn = std::string (*)(std::string_view);

/// Runs `check` on every file of the target's folder; returns how many were replayed.
std::size_t replay(const char* target, CheckFn check) {
  const fs::path dir = fs::path(AWESOME_FIXTURES_DIR) / "fuzz-regressions" / target;
  std::size_t count = 0;
  if (!fs::is_directory(dir))
    return count;
  for (const auto& file : fs::directory_iterator(dir)) {
    if (!file.is_regular_file() || file.path().filename().string().starts_with("."))
      continue;
    ++count;
    CAPTURE(file.path().filename().string());
    CHECK(check(awesome::test::read_file(file.path())) == "");
  }
  return count;
}

}  // namespace

TEST_CASE("inputs that crashed a fuzz target pass its invariants now") {
  SUBCASE("fuzz_rules") {
    replay("fuzz_rules", awesome::fuzz::check_rules);
  }
  SUBCASE("fuzz_incremental") {
    replay("fuzz_incremental", awesome::fuzz::check_incremental);
  }
  SUBCASE("fuzz_fix") {
    replay("fuzz_fix", awesome::fuzz::check_fix);
  }
  SUBCASE("fuzz_framing") {
    replay("fuzz_framing", awesome::fuzz::check_framing);
  }
}

TEST_CASE("the fuzz invariants accept small well-formed inputs") {
  const std::string list = "# Awesome X\n\n## A\n\n- [Paper](https://arxiv.org/abs/2101.00001)\n";
  CHECK(awesome::fuzz::check_rules(list) == "");
  CHECK(awesome::fuzz::check_rules("") == "");
  CHECK(awesome::fuzz::check_incremental(list) == "");
  CHECK(awesome::fuzz::check_fix(list) == "");
  CHECK(awesome::fuzz::check_framing(awesome::protocol::encode_frame(
            R"({"jsonrpc":"2.0","id":1,"method":"shutdown"})")) == "");
}
