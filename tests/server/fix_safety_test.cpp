// Data safety of `awesome-ls check --fix` beyond cli_fix_test.cpp: SIGKILL at random moments
// never leaves a mix of old and new text (nor a partial temporary file), and a Markdown file that
// is not a paper list is left untouched.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace awesome::test {
namespace fs = std::filesystem;
namespace {

constexpr int kKillRuns = kAddressSanitizer ? 20 : 50;  // each run is slower under ASan

std::vector<std::string> fix_command(const fs::path& file) {
  return {AWESOME_BINARY, "check", "--fix", "--format", "json", file.string()};
}

std::string full_list() {
  return read_bytes(fs::path(AWESOME_CORPUS_DIR) / "trustworthy-2026-full.md");
}

/// Runs `--fix` on `list` once, which leaves it fixed, and returns delays in microseconds spread
/// over such a run and a tenth beyond: the machine's speed decides where each lands.
std::uniform_int_distribution<long> delays_over_a_fix(const fs::path& list) {
  const auto started = std::chrono::steady_clock::now();
  REQUIRE_FALSE(run_process(fix_command(list)).timed_out);
  const auto full_run = std::chrono::steady_clock::now() - started;
  return std::uniform_int_distribution<long>(
      0, std::chrono::duration_cast<std::chrono::microseconds>(full_run).count() * 11 / 10);
}

}  // namespace

TEST_CASE("check --fix killed at random moments leaves the old or the new file, never a mix") {
  TempDir dir;
  const fs::path list = dir.path / "list.md";
  const std::string original = full_list();
  write_bytes(list, original);
  std::uniform_int_distribution<long> delay_us = delays_over_a_fix(list);
  const std::string fixed = read_bytes(list);
  REQUIRE(fixed != original);
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

  // Kill times spread over the whole run (reading, fixing, writing, reporting): the fixed seed
  // makes the sequence reproducible.
  std::mt19937 rng(4242);
  int kept_old = 0;
  int got_new = 0;
  int leftovers = 0;
  for (int run = 0; run < kKillRuns; ++run) {
    CAPTURE(run);
    write_bytes(list, original);
    {
      ChildProcess fix(fix_command(list));
      REQUIRE(fix.started());
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
      ::kill(fix.pid(), SIGKILL);
      REQUIRE(fix.wait_exit(std::chrono::seconds(30)).has_value());
    }
    const std::string now = read_bytes(list);
    const bool is_old = now == original;
    const bool is_new = now == fixed;
    CHECK((is_old || is_new));
    kept_old += is_old ? 1 : 0;
    got_new += is_new ? 1 : 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
      if (entry.path() == list)
        continue;
      // Only a kill in the last moments leaves one, hidden and not a .md file: between naming
      // the finished temporary file and the exchange of names (it holds the fixed text), or
      // between the exchange and the removal of the old file (it holds the old text).
      const std::string name = entry.path().filename().string();
      CAPTURE(name);
      CHECK(name.starts_with(".list.md.awesome-ls-"));
      const std::string left = read_bytes(entry.path());
      CHECK((left == fixed || left == original));
      fs::remove(entry.path());
      ++leftovers;
    }
  }
  MESSAGE(kKillRuns << " kills: " << kept_old << " left the old file, " << got_new
                    << " the fixed one, " << leftovers << " left a complete hidden file");
}

TEST_CASE("check --fix never overwrites a line another program appends while it runs") {
  TempDir dir;
  const fs::path list = dir.path / "list.md";
  const std::string original = full_list();
  write_bytes(list, original);
  std::uniform_int_distribution<long> delay_us = delays_over_a_fix(list);

  // The other writer appends at a moment spread over the whole run: before the read (its line
  // is read and kept), during the work (the fix must refuse), after the rename (its line lands
  // in the fixed file). Whatever the moment, the line is in the file afterwards.
  std::mt19937 rng(977);
  const std::string line = "\nA line another program appended.\n";
  int refused = 0;
  int written = 0;
  for (int run = 0; run < kKillRuns / 2; ++run) {
    CAPTURE(run);
    write_bytes(list, original);
    ChildProcess fix(fix_command(list));
    REQUIRE(fix.started());
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    std::ofstream(list, std::ios::app) << line;
    while (fix.read_more(std::chrono::seconds(60))) fix.output().clear();  // drain the report
    const auto status = fix.wait_exit(std::chrono::seconds(60));
    REQUIRE(status.has_value());
    const std::string now = read_bytes(list);
    CHECK(now.find(line) != std::string::npos);
    if (*status == 2) {
      ++refused;
      CHECK(now == original + line);  // refused: the file is the other writer's, untouched
    } else {
      ++written;
    }
  }
  MESSAGE((kKillRuns / 2) << " concurrent appends: " << refused << " made --fix refuse, " << written
                          << " were read or came after the write");
}

TEST_CASE("check --fix leaves a Markdown file that is not a paper list untouched") {
  // Documentation quoting entries in code spans, with placeholder URLs: the parser sees entries
  // whose titles lack the final period, but none links to a web page.
  const std::string docs =
      "# Rules\n\n"
      "## title-punctuation\n\n"
      "- Reports, for example: `- A Title [[paper]](...)`\n"
      "- Also: `[[Paper]](url)` and `[paper](url)`\n\n"
      "## link-syntax\n\n"
      "- Known labels: paper, code. Fix: rewrite as `[[label]](url)`\n";
  TempDir dir;
  const fs::path file = dir.path / "rules.md";
  write_bytes(file, docs);
  for (const char* mode : {"--fix", "--diff"}) {
    CAPTURE(mode);
    const ProcessResult result = run_process({AWESOME_BINARY, "check", mode, file.string()});
    CHECK(result.exit_code != 2);
    CHECK(result.err.find("rules.md: not a paper list") != std::string::npos);
    CHECK(read_bytes(file) == docs);
    if (std::string(mode) == "--diff")
      CHECK(result.out.empty());
  }
  // The same bullets with a real link are a list, and --fix rewrites them.
  std::string list = docs;
  list.replace(list.find("(...)"), 5, "(https://arxiv.org/abs/2101.00001)");
  write_bytes(file, list);
  const ProcessResult result = run_process({AWESOME_BINARY, "check", "--fix", file.string()});
  CHECK(result.err.find("not a paper list") == std::string::npos);
  CHECK(read_bytes(file) != list);
}

}  // namespace awesome::test
