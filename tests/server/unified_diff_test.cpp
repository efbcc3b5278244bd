#include "server/common/unified_diff.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "process_runner.hpp"
#include "unified_diff_apply.hpp"

namespace awesome::server {
namespace {

std::size_t lcs_length(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> dp(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      dp[i][j] = a[i - 1] == b[j - 1] ? dp[i - 1][j - 1] + 1 : std::max(dp[i - 1][j], dp[i][j - 1]);
    }
  }
  return dp[a.size()][b.size()];
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, stop - start));
    start = stop;
  }
  return lines;
}

/// Number of '+' and '-' lines in a diff (headers excluded).
std::size_t changed_lines(const std::string& diff) {
  std::size_t count = 0;
  std::istringstream in(diff);
  std::string line;
  int header = 2;
  while (std::getline(in, line)) {
    if (header > 0) {
      --header;
      continue;
    }
    if (!line.empty() && (line[0] == '+' || line[0] == '-'))
      ++count;
  }
  return count;
}

std::string random_text(std::mt19937& rng, int max_lines) {
  std::uniform_int_distribution<int> count(0, max_lines);
  std::uniform_int_distribution<int> word(0, 5);
  std::string text;
  const int n = count(rng);
  for (int i = 0; i < n; ++i) text += "line " + std::to_string(word(rng)) + "\n";
  if (!text.empty() && word(rng) == 0)
    text.pop_back();  // no final newline
  if (!text.empty() && word(rng) == 1)
    text.insert(text.size() - 1, "\r");
  return text;
}

}  // namespace

TEST_CASE("unified_diff of equal texts is empty") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "x").empty());
  CHECK(unified_diff("", "", "x", "x").empty());
}

TEST_CASE("unified_diff prints headers, one hunk with three lines of context") {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  CHECK(unified_diff(before, after, "a.md", "a.md") ==
        "--- a.md\n+++ a.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("unified_diff splits distant changes into hunks and merges near ones") {
  std::string before;
  for (int i = 1; i <= 20; ++i) before += std::to_string(i) + "\n";
  std::string far = before;
  far.replace(far.find("2\n"), 2, "two\n");
  far.replace(far.find("19\n"), 3, "nineteen\n");
  const std::string diff = unified_diff(before, far, "f", "f");
  CHECK(diff.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(diff.find("@@ -16,5 +16,5 @@") != std::string::npos);
  std::string near = before;
  near.replace(near.find("5\n"), 2, "five\n");
  near.replace(near.find("11\n"), 3, "eleven\n");
  CHECK(unified_diff(before, near, "f", "f").find("@@ -2,13 +2,13 @@") != std::string::npos);
}

TEST_CASE("unified_diff marks a missing final newline and handles empty sides") {
  CHECK(unified_diff("a\nb", "a\nb\n", "f", "f") ==
        "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(unified_diff("", "x\n", "f", "f") == "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+x\n");
  CHECK(unified_diff("x\n", "", "f", "f") == "--- f\n+++ f\n@@ -1,1 +0,0 @@\n-x\n");
}

TEST_CASE("unified_diff is minimal and applies back on random texts") {
  std::mt19937 rng(12345);
  for (int round = 0; round < 400; ++round) {
    const std::string a = random_text(rng, 30);
    const std::string b = random_text(rng, 30);
    const std::string diff = unified_diff(a, b, "f", "f");
    CAPTURE(a);
    CAPTURE(b);
    CAPTURE(diff);
    const auto la = lines_of(a);
    const auto lb = lines_of(b);
    CHECK(changed_lines(diff) == la.size() + lb.size() - 2 * lcs_length(la, lb));
    const auto applied = test::apply_unified_diff(a, diff);
    REQUIRE(applied.has_value());
    CHECK(*applied == b);
  }
}

TEST_CASE("line_changes rebuild the new text and change no more lines than needed") {
  std::mt19937 rng(777);
  for (int round = 0; round < 400; ++round) {
    const std::string a = random_text(rng, 30);
    const std::string b = random_text(rng, 30);
    CAPTURE(a);
    CAPTURE(b);
    const auto la = lines_of(a);
    const auto lb = lines_of(b);
    std::string rebuilt;
    std::size_t next_old = 0, changed = 0;
    for (const LineChange& c : line_changes(a, b)) {
      REQUIRE(c.old_first >= next_old);
      REQUIRE((c.old_count > 0 || c.new_count > 0));
      for (; next_old < c.old_first; ++next_old) rebuilt += la[next_old];
      for (std::size_t i = 0; i < c.new_count; ++i) rebuilt += lb[c.new_first + i];
      next_old += c.old_count;
      changed += c.old_count + c.new_count;
    }
    for (; next_old < la.size(); ++next_old) rebuilt += la[next_old];
    CHECK(rebuilt == b);
    CHECK(changed == la.size() + lb.size() - 2 * lcs_length(la, lb));
  }
  CHECK(line_changes("a\nb\n", "a\nb\n").empty());
}

TEST_CASE("unified_diff output is accepted by patch") {
  if (!test::program_exists("patch")) {
    MESSAGE("patch is not installed; covered by the in-test applier only");
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() / "awesome-ls-diff-test";
  std::filesystem::create_directories(dir);
  std::mt19937 rng(99);
  for (int round = 0; round < 15; ++round) {
    const std::string a = random_text(rng, 40);
    const std::string b = random_text(rng, 40);
    const auto file = dir / "f.md";
    std::ofstream(file, std::ios::binary) << a;
    test::ProcessOptions options;
    options.input = unified_diff(a, b, "f.md", "f.md");
    auto result = test::run_process({"patch", "-s", "-N", file.string()}, options);
    CHECK(result.exit_code == 0);
    std::ifstream in(file, std::ios::binary);
    const std::string patched((std::istreambuf_iterator<char>(in)), {});
    CAPTURE(a);
    CHECK(patched == b);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("unified_diff falls back to one replacement for huge edit distances") {
  std::string a;
  std::string b;
  for (int i = 0; i < 4000; ++i) {
    a += "a" + std::to_string(i) + "\n";
    b += "b" + std::to_string(i) + "\n";
  }
  const std::string diff = unified_diff("same\n" + a, "same\n" + b, "f", "f");
  CHECK(diff.find("@@ -1,4001 +1,4001 @@") != std::string::npos);
  CHECK(test::apply_unified_diff("same\n" + a, diff) == "same\n" + b);
}

}  // namespace awesome::server
