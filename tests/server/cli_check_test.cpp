// Runs the real `awesome-ls` binary on copies of the real lists: exit codes, every report
// format parsed back, stdin, missing files and broken configs.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "process_runner.hpp"
#include "rules/catalog.hpp"
#include "temp_dir.hpp"

namespace awesome::test {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

const char* const kLists[] = {"trustworthy-2021.md", "trustworthy-2026-readme.md",
                              "trustworthy-2026-full.md"};

ProcessResult awesome_ls(std::vector<std::string> args, ProcessOptions options = {}) {
  args.insert(args.begin(), AWESOME_BINARY);
  options.unset_env.push_back("NO_COLOR");
  ProcessResult result = run_process(args, options);
  REQUIRE_FALSE(result.timed_out);
  return result;
}

/// Copies the real lists into `dir` and returns their paths.
std::vector<fs::path> copy_lists(const fs::path& dir) {
  std::vector<fs::path> copies;
  for (const char* name : kLists) {
    copies.push_back(dir / name);
    fs::copy_file(fs::path(AWESOME_CORPUS_DIR) / name, copies.back());
  }
  return copies;
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
         (text.empty() || text.back() == '\n' ? 0 : 1);
}

std::set<std::string> catalog_ids() {
  std::set<std::string> ids;
  for (const auto& rule : rules::rule_catalog()) ids.emplace(rule.id);
  return ids;
}

constexpr std::string_view kCleanList = R"(# Awesome Small List

## Robustness

### Robustness: 2020

- Informative Dropout for Robust Representation Learning. [[paper]](https://arxiv.org/abs/2008.04254)
  - Baifeng Shi, Dinghuai Zhang. *ICML 2020*
  - Key Word: Dropout; Shape-Texture.
  - Digest: In this work, we attempt at improving various kinds of robustness universally.
)";

}  // namespace

TEST_CASE("check exits 0 on a clean list and 1 on the real lists, which have errors") {
  TempDir dir;
  write_bytes(dir.path / "clean.md", kCleanList);
  const auto clean = awesome_ls({"check", (dir.path / "clean.md").string()});
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err == "awesome-ls: no problems in 1 file\n");
  for (const auto& copy : copy_lists(dir.path)) {
    CAPTURE(copy);
    const auto result = awesome_ls({"check", copy.string()});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find(": error: ") != std::string::npos);
    CHECK(result.err.find(" in 1 file") != std::string::npos);
  }
}

TEST_CASE("text lines follow file:line:col: severity: message [rule]") {
  TempDir dir;
  const auto copies = copy_lists(dir.path);
  const auto result = awesome_ls({"check", copies[0].string()});
  const std::regex line_re(R"((.+):(\d+):(\d+): (error|warning|info|note): (.*))");
  const auto ids = catalog_ids();
  const std::size_t file_lines = count_lines(read_bytes(copies[0]));
  std::size_t findings = 0;
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    REQUIRE(std::regex_match(line, m, line_re));
    CHECK(m[1] == copies[0].string());
    CHECK(std::stoul(m[2]) >= 1);
    CHECK(std::stoul(m[2]) <= file_lines);
    CHECK(std::stoul(m[3]) >= 1);
    if (m[4] == "note")
      continue;
    ++findings;
    const std::string rest = m[5];
    const auto open = rest.rfind(" [");
    REQUIRE(open != std::string::npos);
    CHECK(ids.count(rest.substr(open + 2, rest.size() - open - 3)) == 1);
  }
  CHECK(findings >= 10);
  CHECK(result.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("json, sarif and github reports agree and parse back") {
  TempDir dir;
  const auto copies = copy_lists(dir.path);
  const auto ids = catalog_ids();
  for (const auto& copy : copies) {
    CAPTURE(copy);
    const std::size_t file_lines = count_lines(read_bytes(copy));
    const auto as_json = awesome_ls({"check", "--format", "json", copy.string()});
    CHECK(as_json.exit_code == 1);
    CHECK(as_json.err.empty());
    const json findings = json::parse(as_json.out);
    REQUIRE(findings.is_array());
    REQUIRE(findings.size() > 5);
    for (const auto& f : findings) {
      CHECK(f["file"] == copy.string());
      CHECK(ids.count(f["rule"].get<std::string>()) == 1);
      CHECK(std::set<std::string>{"error", "warning", "info"}.count(f["severity"]) == 1);
      CHECK(f["range"]["start"]["line"].get<std::size_t>() >= 1);
      CHECK(f["range"]["end"]["line"].get<std::size_t>() <= file_lines);
      CHECK(f["range"]["start"]["column"].get<std::size_t>() >= 1);
      CHECK(f["related"].is_array());
      CHECK(f["fixes"].is_array());
    }
    const auto as_sarif = awesome_ls({"check", "--format=sarif", copy.string()});
    CHECK(as_sarif.exit_code == 1);
    const json log = json::parse(as_sarif.out);
    CHECK(log["version"] == "2.1.0");
    const json& driver = log["runs"][0]["tool"]["driver"];
    std::set<std::string> sarif_ids;
    for (const auto& rule : driver["rules"]) sarif_ids.insert(rule["id"].get<std::string>());
    CHECK(sarif_ids == ids);
    const json& results = log["runs"][0]["results"];
    REQUIRE(results.size() == findings.size());
    for (const auto& r : results) {
      const std::string id = r["ruleId"];
      CHECK(sarif_ids.count(id) == 1);
      CHECK(driver["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == id);
      CHECK(std::set<std::string>{"error", "warning", "note"}.count(r["level"]) == 1);
      const json& region = r["locations"][0]["physicalLocation"]["region"];
      CHECK(region["startLine"].get<std::size_t>() >= 1);
      CHECK(region["endLine"].get<std::size_t>() <= file_lines);
      CHECK(region["startColumn"].get<std::size_t>() >= 1);
    }
    // GitHub shows 10 annotations per level: those, one notice summing up the rest, then the
    // rest as text lines.
    const auto as_github = awesome_ls({"check", "--format", "github", copy.string()});
    const std::regex command(
        R"(::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\r\n]*)");
    const std::regex summary(R"(::notice title=awesome-ls::(\d+) findings? not annotated .*)");
    const std::regex text_line(R"(.+:\d+:\d+: (error|warning|info): .* \[[a-z-]+\])");
    std::istringstream in(as_github.out);
    std::size_t annotated = 0;
    std::size_t summed = 0;
    std::size_t listed = 0;
    std::map<std::string, std::size_t> per_level;
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (summed == 0 && std::regex_match(line, m, command)) {
        ++annotated;
        ++per_level[m[1]];
      } else if (summed == 0 && std::regex_match(line, m, summary)) {
        summed = std::stoul(m[1]);
      } else if (std::regex_match(line, text_line)) {
        ++listed;
      } else {
        CHECK(line.find(": note: ") != std::string::npos);
      }
    }
    for (const auto& [level, n] : per_level) CHECK(n <= (level == "notice" ? 9 : 10));
    CHECK(annotated + summed == findings.size());
    CHECK(listed == summed);
  }
}

TEST_CASE("check reads standard input and names it with --stdin-filename") {
  TempDir dir;
  const auto copies = copy_lists(dir.path);
  const std::string text = read_bytes(copies[0]);
  ProcessOptions options;
  options.input = text;
  const auto piped =
      awesome_ls({"check", "--format", "json", "--stdin-filename", "piped.md", "-"}, options);
  CHECK(piped.exit_code == 1);
  const auto direct = awesome_ls({"check", "--format", "json", copies[0].string()});
  json expected = json::parse(direct.out);
  for (auto& f : expected) f["file"] = "piped.md";
  CHECK(json::parse(piped.out) == expected);
  options.input = std::string(kCleanList);
  const auto anonymous = awesome_ls({"check", "-"}, options);
  CHECK(anonymous.exit_code == 0);
}

TEST_CASE("a missing file is exit 2 with its name, and the other files are still checked") {
  TempDir dir;
  const auto copies = copy_lists(dir.path);
  const std::string missing = (dir.path / "nope.md").string();
  const auto result = awesome_ls({"check", missing, copies[1].string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("awesome-ls: " + missing + ": No such file or directory") !=
        std::string::npos);
  CHECK(result.out.find(copies[1].string() + ":") != std::string::npos);
  fs::create_directory(dir.path / "empty");
  const auto directory = awesome_ls({"check", (dir.path / "empty").string()});
  CHECK(directory.exit_code == 2);
  CHECK(directory.err.find((dir.path / "empty").string() + ": no Markdown file matches") !=
        std::string::npos);
}

TEST_CASE("usage problems are exit 2 with a message") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"check", "--frobnicate", "a.md"}, "unknown option --frobnicate"},
      {{"check", "--format", "xml", "a.md"}, "unknown format \"xml\""},
      {{"check", "--format"}, "--format needs a value"},
      {{"check", "--fix", "--diff", "a.md"}, "cannot be combined"},
      {{"check", "--fix", "-"}, "--fix cannot rewrite standard input"},
      {{"check", "--stdin-filename", "x.md", "a.md"}, "needs - among the files"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"rules", "--format", "xml"}, "unknown format"},
  };
  for (const auto& c : cases) {
    const auto& [args, message] = c;
    CAPTURE(c.first);  // clang 14 cannot capture a structured binding
    const auto result = awesome_ls(args);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(message) != std::string::npos);
  }
  CHECK(awesome_ls({"--help"}).exit_code == 0);
  CHECK(awesome_ls({"check", "--help"}).out.find("--stdin-filename") != std::string::npos);
  CHECK(awesome_ls({"--version"}).out.starts_with("awesome-ls "));
}

TEST_CASE("the nearest config applies: rule severities and ignore globs") {
  TempDir dir;
  write_bytes(dir.path / "lists/sub/list.md", read_bytes(fs::path(AWESOME_CORPUS_DIR) / kLists[0]));
  write_bytes(dir.path / "lists/skip/list.md", "anything\n");
  const auto list = (dir.path / "lists/sub/list.md").string();
  const auto before = json::parse(awesome_ls({"check", "--format", "json", list}).out);
  std::size_t whitespace = 0;
  for (const auto& f : before) whitespace += f["rule"] == "whitespace" ? 1 : 0;
  REQUIRE(whitespace > 0);
  write_bytes(dir.path / "lists/.awesome-ls.json",
              R"({"rules": {"whitespace": "off", "heading-hierarchy": "warning",
                            "entry-shape": "warning", "paper-link": "warning",
                            "link-syntax": "warning", "keyword-label": "warning",
                            "duplicate-paper": "warning", "encoding": "warning"},
                  "ignore": ["skip/**"]})");
  const auto after = awesome_ls({"check", "--format", "json", list});
  CHECK(after.exit_code == 0);  // every error-level rule was lowered to a warning
  const json findings = json::parse(after.out);
  CHECK(findings.size() == before.size() - whitespace);
  for (const auto& f : findings) CHECK(f["rule"] != "whitespace");
  const auto skipped = awesome_ls({"check", (dir.path / "lists/skip/list.md").string()});
  CHECK(skipped.exit_code == 0);
  CHECK(skipped.out.empty());
  CHECK(skipped.err == "awesome-ls: no file checked, 1 ignored\n");
}

TEST_CASE("a malformed, invalid or unreadable config is exit 2 naming the config file") {
  TempDir dir;
  write_bytes(dir.path / "list.md", kCleanList);
  const auto list = (dir.path / "list.md").string();
  const auto config = dir.path / ".awesome-ls.json";
  write_bytes(config, "{\"rules\": ");
  auto result = awesome_ls({"check", list});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find(config.string() + ": not valid JSON at line 1, column 11: ") !=
        std::string::npos);
  write_bytes(config, R"({"rules": {"no-such-rule": "off"}})");
  result = awesome_ls({"check", list});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find(config.string() + ": rules.no-such-rule: unknown rule id") !=
        std::string::npos);
  result = awesome_ls({"check", "--config", (dir.path / "missing.json").string(), list});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("missing.json: cannot read config file") != std::string::npos);
  result = awesome_ls({"check", "--config", dir.path.string(), list});  // a directory
  CHECK(result.exit_code == 2);
  CHECK(result.err.find(dir.path.string() + ": cannot read config file") != std::string::npos);
  write_bytes(dir.path / "ok.json", R"({"dialect": "2021"})");
  CHECK(awesome_ls({"check", "--config", (dir.path / "ok.json").string(), list}).exit_code == 0);
}

TEST_CASE("rules lists the catalog as a table and as JSON") {
  const auto table = awesome_ls({"rules"});
  CHECK(table.exit_code == 0);
  for (const auto& rule : rules::rule_catalog()) {
    CHECK(table.out.find("\n" + std::string(rule.id) + " ") != std::string::npos);
  }
  const json all = json::parse(awesome_ls({"rules", "--format", "json"}).out);
  REQUIRE(all.size() == rules::rule_catalog().size());
  CHECK(all[0]["id"] == std::string(rules::rule_catalog()[0].id));
  CHECK(all[0].contains("severity"));
  CHECK(all[0].contains("fix"));
  CHECK(all[0].contains("summary"));
}

}  // namespace awesome::test

namespace awesome::test {

TEST_CASE("conventions prints what each list does, and pinning all of it changes no finding") {
  TempDir dir;
  std::vector<fs::path> lists;
  for (const auto& folder :
       {fs::path(AWESOME_CORPUS_DIR), fs::path(AWESOME_CORPUS_DIR) / "variants"}) {
    for (const auto& f : fs::directory_iterator(folder)) {
      if (f.path().extension() == ".md" && f.path().filename() != "README.md")
        lists.push_back(f.path());
    }
  }
  REQUIRE(lists.size() >= 12);
  for (const auto& list : lists) {
    CAPTURE(list.filename());
    const fs::path copy = dir.path / list.filename();
    fs::copy_file(list, copy, fs::copy_options::overwrite_existing);
    const auto shown = awesome_ls({"conventions", "--format", "json", copy.string()});
    REQUIRE(shown.exit_code == 0);
    const json report = json::parse(shown.out);
    REQUIRE(report.size() == 1);
    CHECK(report[0]["file"] == copy.string());
    CHECK(report[0]["facts"].size() == report[0]["conventions"].size());
    // The printed object is a valid `conventions` config; with every convention pinned to
    // what was learnt, the findings are the same.
    const fs::path config = dir.path / "pinned.json";
    write_bytes(config, json{{"conventions", report[0]["conventions"]}}.dump());
    const auto learnt = awesome_ls({"check", "--format", "json", copy.string()});
    const auto pinned =
        awesome_ls({"check", "--format", "json", "--config", config.string(), copy.string()});
    CHECK(pinned.err.find("config") == std::string::npos);
    CHECK(pinned.exit_code == learnt.exit_code);
    CHECK(pinned.out == learnt.out);
  }

  const fs::path backdoor = dir.path / "backdoor-learning-resources.md";
  const auto text = awesome_ls({"conventions", backdoor.string()});
  CHECK(text.out.starts_with(backdoor.string() + ": 541 paper entries\n"));
  CHECK(text.out.find("\"paperLabel\": \"pdf\"") != std::string::npos);
  CHECK(text.out.find("\"links\": \"belowTitle\"") != std::string::npos);
  CHECK(text.out.find("learnt: 0 of 541 entries have a digest") != std::string::npos);

  // A pinned convention says so, and changes the findings.
  write_bytes(dir.path / "digest.json", R"({"conventions": {"digest": true}})");
  const auto pinned = awesome_ls({"conventions", "--format", "json", "--config",
                                  (dir.path / "digest.json").string(), backdoor.string()});
  const json facts = json::parse(pinned.out)[0]["facts"];
  const auto digest =
      std::find_if(facts.begin(), facts.end(), [](const json& f) { return f["key"] == "digest"; });
  REQUIRE(digest != facts.end());
  CHECK((*digest)["source"] == "pinned");
  CHECK((*digest)["value"] == true);

  // Labels learnt from a list can hold control characters; what is printed is still JSON.
  std::string odd = "# Awesome X\n\n## Cat\n\n";
  for (int i = 1; i <= 4; ++i) {
    const std::string n = std::to_string(i);
    odd += "- Paper " + n + ". [[paper]](https://arxiv.org/abs/230" + n +
           ".00001) [[de\x01mo]](https://x.org/" + n +
           ")\n  - Ada Lovelace.\n  - Key Word: A.\n  - Digest: B.\n\n";
  }
  write_bytes(dir.path / "odd.md", odd);
  const auto odd_shown =
      awesome_ls({"conventions", "--format", "json", (dir.path / "odd.md").string()});
  REQUIRE(odd_shown.exit_code == 0);
  const json odd_labels = json::parse(odd_shown.out)[0]["conventions"]["linkLabels"];
  CHECK(odd_labels == json::array({"de\x01mo"}));

  CHECK(awesome_ls({"conventions", "--fix", backdoor.string()}).exit_code == 2);
  CHECK(awesome_ls({"conventions", "--format", "sarif", backdoor.string()}).exit_code == 2);
  const auto missing = awesome_ls({"conventions", (dir.path / "missing.md").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("missing.md") != std::string::npos);
}

}  // namespace awesome::test

namespace awesome::test {

TEST_CASE("check reads at most 64 MiB of any file or of stdin, and then reports an error") {
  TempDir dir;
  // A character device never ends: an error with exit 2, no findings on a partial read.
  fs::create_symlink("/dev/zero", dir.path / "zero.md");
  for (const std::string& file : {std::string("/dev/zero"), (dir.path / "zero.md").string()}) {
    CAPTURE(file);
    const auto result = awesome_ls({"check", file});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find("larger than 64 MiB") != std::string::npos);
  }
  ProcessOptions big;
  big.input = std::string(64 * 1024 * 1024 + 1, '\n');
  const auto piped = awesome_ls({"check", "-"}, big);
  CHECK(piped.exit_code == 2);
  CHECK(piped.out.empty());
  CHECK(piped.err.find("<stdin>: larger than 64 MiB") != std::string::npos);
}

}  // namespace awesome::test

namespace awesome::test {

TEST_CASE("check ignores a config another user planted in a shared parent, and says so") {
  if (::geteuid() != 0) {
    MESSAGE("needs root to make a file owned by another user; the test command runs as root");
    return;
  }
  TempDir dir;
  fs::create_directories(dir.path / "shared/list");
  const fs::path planted = dir.path / "shared/.awesome-ls.json";
  write_bytes(planted, R"({"ignore": ["**"]})");
  REQUIRE(::chown(planted.c_str(), 65534, 65534) == 0);
  const fs::path list = dir.path / "shared/list/README.md";
  fs::copy_file(fs::path(AWESOME_CORPUS_DIR) / "trustworthy-2021.md", list);
  const auto result = awesome_ls({"check", list.string()});
  CHECK(result.exit_code == 1);  // checked: the planted `ignore` is not obeyed
  CHECK(result.err.find("awesome-ls: note: ignoring " + planted.string() +
                        ": owned by another user (uid 65534); not used\n") != std::string::npos);
}

}  // namespace awesome::test
