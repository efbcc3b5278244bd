// `awesome-ls check --fix` and `--diff` on copies of the real lists: nothing lost, idempotent,
// layout (CRLF, BOM, final newline), file mode and symlinks kept, read-only files refused.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "process_runner.hpp"
#include "rules/list_document.hpp"
#include "temp_dir.hpp"
#include "unified_diff_apply.hpp"

namespace awesome::test {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

const char* const kLists[] = {"trustworthy-2021.md", "trustworthy-2026-readme.md",
                              "trustworthy-2026-full.md"};

ProcessResult awesome_ls(std::vector<std::string> args) {
  args.insert(args.begin(), AWESOME_BINARY);
  ProcessResult result = run_process(args);
  REQUIRE_FALSE(result.timed_out);
  return result;
}

std::string corpus(const char* name) {
  return read_bytes(fs::path(AWESOME_CORPUS_DIR) / name);
}

/// What must survive --fix: every entry's arXiv id (or paper URL) and its title without the
/// final punctuation that title-punctuation may add.
std::vector<std::string> entry_keys(std::string_view text) {
  rules::ListDocument document(text);
  std::vector<std::string> keys;
  for (const auto& entry : document.model().entries) {
    std::string title = entry.title;
    while (!title.empty() && std::string_view(".?! ").find(title.back()) != std::string::npos) {
      title.pop_back();
    }
    const std::string link = entry.links.empty() ? "" : entry.links[0].url;
    keys.push_back((entry.arxiv ? entry.arxiv->id : link) + " | " + title);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n')
      out += '\r';
    out += c;
  }
  return out;
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("--fix keeps every entry, is idempotent and leaves no safe fix behind") {
  TempDir dir;
  for (const char* name : kLists) {
    CAPTURE(name);
    const fs::path copy = dir.path / name;
    const std::string original = corpus(name);
    write_bytes(copy, original);
    const auto first = awesome_ls({"check", "--fix", copy.string()});
    CHECK(first.exit_code != 2);
    CHECK(first.err.find("1 file fixed") != std::string::npos);
    const std::string fixed = read_bytes(copy);
    CHECK(fixed != original);
    const auto keys = entry_keys(original);
    CHECK(keys.size() > 10);
    CHECK(entry_keys(fixed) == keys);
    const auto second = awesome_ls({"check", "--fix", copy.string()});
    CHECK(second.exit_code == first.exit_code);
    CHECK(read_bytes(copy) == fixed);  // byte-identical: nothing left to fix
    CHECK(second.err.find("fixed") == std::string::npos);
    const json left = json::parse(awesome_ls({"check", "--format", "json", copy.string()}).out);
    for (const auto& finding : left) {
      for (const auto& fix : finding["fixes"]) {
        CAPTURE(finding.dump());
        CHECK_FALSE(fix["safe"].get<bool>());
      }
    }
  }
}

TEST_CASE("--diff applied to the original gives exactly the --fix result and writes nothing") {
  TempDir dir;
  for (const char* name : kLists) {
    CAPTURE(name);
    const std::string original = corpus(name);
    const fs::path for_diff = dir.path / ("diff-" + std::string(name));
    const fs::path for_fix = dir.path / ("fix-" + std::string(name));
    write_bytes(for_diff, original);
    write_bytes(for_fix, original);
    const auto diff = awesome_ls({"check", "--diff", for_diff.string()});
    CHECK(diff.exit_code != 2);
    CHECK(diff.out.starts_with("--- " + for_diff.string() + "\n+++ " + for_diff.string()));
    CHECK(read_bytes(for_diff) == original);
    awesome_ls({"check", "--fix", for_fix.string()});
    const std::string fixed = read_bytes(for_fix);
    CHECK(apply_unified_diff(original, diff.out) == fixed);
    if (program_exists("patch")) {
      ProcessOptions options;
      options.input = diff.out;
      const auto patched = run_process({"patch", "-s", for_diff.string()}, options);
      CHECK(patched.exit_code == 0);
      CHECK(read_bytes(for_diff) == fixed);
    }
  }
}

TEST_CASE("--fix keeps CRLF line ends, the BOM and a missing final newline") {
  TempDir dir;
  const std::string lf = corpus(kLists[0]);
  const fs::path plain = dir.path / "plain.md";
  write_bytes(plain, lf);
  awesome_ls({"check", "--fix", plain.string()});
  const std::string fixed_lf = read_bytes(plain);
  REQUIRE(fixed_lf.ends_with("\n"));
  const std::string bom = "\xEF\xBB\xBF";
  const fs::path variant = dir.path / "variant.md";
  SUBCASE("CRLF") {
    write_bytes(variant, to_crlf(lf));
    awesome_ls({"check", "--fix", variant.string()});
    CHECK(read_bytes(variant) == to_crlf(fixed_lf));
  }
  SUBCASE("BOM") {
    write_bytes(variant, bom + lf);
    awesome_ls({"check", "--fix", variant.string()});
    CHECK(read_bytes(variant) == bom + fixed_lf);
  }
  SUBCASE("no final newline") {
    write_bytes(variant, lf.substr(0, lf.size() - 1));
    awesome_ls({"check", "--fix", variant.string()});
    CHECK(read_bytes(variant) == fixed_lf.substr(0, fixed_lf.size() - 1));
  }
  SUBCASE("all three") {
    const std::string crlf = to_crlf(lf);
    write_bytes(variant, bom + crlf.substr(0, crlf.size() - 2));
    awesome_ls({"check", "--fix", variant.string()});
    const std::string expected = to_crlf(fixed_lf);
    CHECK(read_bytes(variant) == bom + expected.substr(0, expected.size() - 2));
  }
}

TEST_CASE("--fix keeps the file mode and writes through symlinks") {
  TempDir dir;
  const fs::path file = dir.path / "list.md";
  write_bytes(file, corpus(kLists[0]));
  ::chmod(file.c_str(), 0640);
  awesome_ls({"check", "--fix", file.string()});
  CHECK(mode_of(file) == 0640);
  const std::string fixed = read_bytes(file);
  CHECK(fixed != corpus(kLists[0]));

  fs::create_directory(dir.path / "target");
  const fs::path target = dir.path / "target" / "real.md";
  write_bytes(target, corpus(kLists[0]));
  const fs::path link = dir.path / "link.md";
  fs::create_symlink("target/real.md", link);
  awesome_ls({"check", "--fix", link.string()});
  CHECK(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == "target/real.md");
  CHECK(read_bytes(target) == fixed);
}

TEST_CASE("--fix on a read-only file is exit 2, names the file and changes nothing") {
  TempDir dir;
  const fs::path file = dir.path / "readonly.md";
  const std::string original = corpus(kLists[0]);
  write_bytes(file, original);
  ::chmod(file.c_str(), 0444);
  const auto result = awesome_ls({"check", "--fix", file.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find(file.string() + ": cannot write fixes: file is read-only") !=
        std::string::npos);
  CHECK(read_bytes(file) == original);
  CHECK(mode_of(file) == 0444);
  CHECK(result.out.find(file.string() + ":") != std::string::npos);  // findings still reported
}

}  // namespace awesome::test
