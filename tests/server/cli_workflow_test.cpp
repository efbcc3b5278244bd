// The real `awesome-ls` binary in the workflows of issue 13: no FILE (README.md), folders and
// globs, --no-config, severity filters, --max-warnings, baselines, --help of every command,
// honest summaries, and documentation links that point at what exists.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lsp_process.hpp"
#include "process_runner.hpp"
#include "rules/catalog.hpp"
#include "rules/list_document.hpp"
#include "server/cli/baseline.hpp"
#include "temp_dir.hpp"

namespace awesome::test {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

ProcessResult run(const std::string& binary, std::vector<std::string> args,
                  ProcessOptions options = {}) {
  args.insert(args.begin(), binary);
  options.unset_env.push_back("NO_COLOR");
  ProcessResult result = run_process(args, options);
  REQUIRE_FALSE(result.timed_out);
  return result;
}

ProcessResult awesome_ls(std::vector<std::string> args, ProcessOptions options = {}) {
  return run(AWESOME_BINARY, std::move(args), std::move(options));
}

ProcessResult in_folder(const fs::path& folder, std::vector<std::string> args) {
  ProcessOptions options;
  options.working_directory = folder.string();
  return awesome_ls(std::move(args), options);
}

/// A list whose only finding is the trailing space of its title (whitespace, an info).
constexpr std::string_view kOneInfo = R"(# Awesome Small List 

## Robustness

### Robustness: 2020

- Informative Dropout for Robust Representation Learning. [[paper]](https://arxiv.org/abs/2008.04254)
  - Baifeng Shi, Dinghuai Zhang. *ICML 2020*
  - Key Word: Dropout; Shape-Texture.
  - Digest: In this work, we attempt at improving various kinds of robustness universally.
)";

std::string corpus(const char* name) {
  return read_bytes(fs::path(AWESOME_CORPUS_DIR) / name);
}

/// The `file` of every finding of a JSON report, in order, each once.
std::vector<std::string> files_of(const std::string& report) {
  std::vector<std::string> files;
  for (const auto& f : json::parse(report)) {
    const std::string file = f["file"];
    if (files.empty() || files.back() != file)
      files.push_back(file);
  }
  return files;
}

std::map<std::string, std::size_t> by_severity(const json& findings) {
  std::map<std::string, std::size_t> counts;
  for (const auto& f : findings) ++counts[f["severity"].get<std::string>()];
  return counts;
}

}  // namespace

TEST_CASE("check without FILE checks README.md in the current folder, and says when it is absent") {
  TempDir dir;
  write_bytes(dir.path / "README.md", corpus("trustworthy-2021.md"));
  const auto checked = in_folder(dir.path, {"check"});
  CHECK(checked.exit_code == 1);
  CHECK(checked.out.starts_with("README.md:"));
  CHECK(checked.err.find(" in 1 file") != std::string::npos);
  fs::create_directory(dir.path / "empty");
  const auto absent = in_folder(dir.path / "empty", {"check"});
  CHECK(absent.exit_code == 2);
  CHECK(absent.out.empty());
  CHECK(absent.err.find("no FILE given and no README.md in the current folder") !=
        std::string::npos);
}

TEST_CASE("folders and globs expand to the Markdown files under them, sorted, once each") {
  TempDir dir;
  for (const char* name : {"lists/b.md", "lists/a.md", "lists/sub/c.markdown", "lists/skipme/w.md",
                           "lists/.hidden/x.md", "lists/node_modules/y.md", "lists/build-out/z.md",
                           "lists/vendor/v.md"}) {
    write_bytes(dir.path / name, kOneInfo);
  }
  write_bytes(dir.path / "lists/notes.txt", kOneInfo);
  write_bytes(dir.path / ".awesome-ls.json",
              R"({"ignore": ["lists/skipme/**"], "rules": {"whitespace": "error"}})");

  const auto folder = in_folder(dir.path, {"check", "--format", "json", "lists"});
  CHECK(folder.exit_code == 1);  // the config made whitespace an error
  CHECK(files_of(folder.out) ==
        std::vector<std::string>{"lists/a.md", "lists/b.md", "lists/sub/c.markdown"});
  const auto summary = in_folder(dir.path, {"check", "lists/"});
  CHECK(summary.err == "awesome-ls: 3 errors, 0 warnings, 0 infos in 3 files, 1 ignored\n");

  const auto glob = in_folder(dir.path, {"check", "--format", "json", "lists/**/*.md"});
  CHECK(files_of(glob.out) == std::vector<std::string>{"lists/a.md", "lists/b.md"});
  const auto top = in_folder(dir.path, {"check", "--format", "json", "*/?.md"});
  CHECK(files_of(top.out) == std::vector<std::string>{"lists/a.md", "lists/b.md"});

  // A file named twice, or named and inside a named folder, is checked once.
  const auto twice =
      in_folder(dir.path, {"check", "--format", "json", "lists/b.md", "./lists/b.md", "lists"});
  CHECK(files_of(twice.out) ==
        std::vector<std::string>{"./lists/b.md", "lists/a.md", "lists/sub/c.markdown"});

  // --no-config: no ignore patterns and no severities from any .awesome-ls.json.
  const auto plain = in_folder(dir.path, {"check", "--no-config", "--format", "json", "lists"});
  CHECK(plain.exit_code == 0);
  CHECK(files_of(plain.out) == std::vector<std::string>{"lists/a.md", "lists/b.md",
                                                        "lists/skipme/w.md",
                                                        "lists/sub/c.markdown"});
  for (const auto& f : json::parse(plain.out)) CHECK(f["severity"] == "info");

  for (const std::string arg : {"lists/**/*.rst", "nowhere/*.md"}) {
    CAPTURE(arg);
    const auto none = in_folder(dir.path, {"check", arg});
    CHECK(none.exit_code == 2);
    CHECK(none.err.find(arg + ": no Markdown file matches") != std::string::npos);
  }
  fs::create_directory(dir.path / "bare");
  const auto bare = in_folder(dir.path, {"check", "bare"});
  CHECK(bare.exit_code == 2);
  CHECK(bare.err.find("bare: no Markdown file matches") != std::string::npos);
  CHECK(bare.err.find("no problems") == std::string::npos);
}

TEST_CASE("--min-severity and --quiet hide findings from the report and from the counts") {
  TempDir dir;
  write_bytes(dir.path / "list.md", corpus("trustworthy-2021.md"));
  const std::string list = (dir.path / "list.md").string();
  const json all = json::parse(awesome_ls({"check", "--format", "json", list}).out);
  const auto counts = by_severity(all);
  REQUIRE(counts.count("error") == 1);
  REQUIRE(counts.count("warning") == 1);
  REQUIRE(counts.count("info") == 1);

  const auto warnings =
      awesome_ls({"check", "--format", "json", "--min-severity", "warning", list});
  const json shown = json::parse(warnings.out);
  CHECK(shown.size() == counts.at("error") + counts.at("warning"));
  CHECK(by_severity(shown).count("info") == 0);
  CHECK(warnings.exit_code == 1);

  const auto quiet = awesome_ls({"check", "--quiet", list});
  CHECK(quiet.exit_code == 1);
  CHECK(quiet.out.find(": warning: ") == std::string::npos);
  CHECK(quiet.out.find(": info: ") == std::string::npos);
  CHECK(quiet.err == "awesome-ls: " + std::to_string(counts.at("error")) +
                         " errors, 0 warnings, 0 infos in 1 file, " +
                         std::to_string(counts.at("warning") + counts.at("info")) +
                         " below error not shown\n");

  // A list whose only finding is an info: --quiet shows nothing.
  write_bytes(dir.path / "info.md", kOneInfo);
  const auto info_only = awesome_ls({"check", "-q", (dir.path / "info.md").string()});
  CHECK(info_only.exit_code == 0);
  CHECK(info_only.out.empty());
  CHECK(info_only.err == "awesome-ls: no problems in 1 file, 1 below error not shown\n");
}

TEST_CASE("--max-warnings fails a run with more warnings than allowed") {
  TempDir dir;
  write_bytes(dir.path / "list.md", corpus("trustworthy-2021.md"));
  // Every error-level rule lowered to a warning: the findings alone do not fail the run.
  write_bytes(dir.path / "warn.json",
              R"({"rules": {"heading-hierarchy": "warning", "entry-shape": "warning",
                            "paper-link": "warning", "link-syntax": "warning",
                            "keyword-label": "warning", "duplicate-paper": "warning",
                            "encoding": "warning"}})");
  const std::vector<std::string> base = {"check",    "--config", (dir.path / "warn.json").string(),
                                         "--format", "json",     (dir.path / "list.md").string()};
  const auto plain = awesome_ls(base);
  REQUIRE(plain.exit_code == 0);
  const std::size_t warnings = by_severity(json::parse(plain.out)).at("warning");
  REQUIRE(warnings > 1);
  auto with_max = [&](std::size_t max) {
    auto args = base;
    args.insert(args.begin() + 1, {"--max-warnings", std::to_string(max)});
    return awesome_ls(args);
  };
  CHECK(with_max(warnings).exit_code == 0);
  const auto over = with_max(warnings - 1);
  CHECK(over.exit_code == 1);
  CHECK(over.err.find("too many warnings (" + std::to_string(warnings) +
                      "; --max-warnings allows " + std::to_string(warnings - 1) + ")") !=
        std::string::npos);
  CHECK(with_max(0).exit_code == 1);
}

TEST_CASE("usage errors of the new options are exit 2 with a message") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"check", "--config", "a.json", "--no-config", "a.md"}, "cannot be combined"},
      {{"check", "--min-severity", "fatal", "a.md"}, "unknown severity \"fatal\""},
      {{"check", "--min-severity", "off", "a.md"}, "unknown severity \"off\""},
      {{"check", "--max-warnings", "-1", "a.md"}, "--max-warnings needs a number"},
      {{"check", "--max-warnings", "many", "a.md"}, "--max-warnings needs a number"},
      {{"check", "--max-warnings", "5000000000", "a.md"}, "--max-warnings needs a number"},
      {{"check", "--quiet", "--max-warnings", "3", "a.md"}, "--max-warnings counts warnings"},
      {{"check", "--baseline", "b.json", "--write-baseline", "c.json", "a.md"},
       "cannot be combined"},
      {{"conventions", "--quiet", "a.md"}, "are options of `check`"},
      {{"conventions", "--baseline", "b.json", "a.md"}, "are options of `check`"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    const auto result = awesome_ls(c.first);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(c.second) != std::string::npos);
  }
}

TEST_CASE("a baseline holds the findings and matches them by entry, not by line") {
  TempDir dir;
  const fs::path list = dir.path / "lists/list.md";
  const std::string text = corpus("trustworthy-2021.md");
  write_bytes(list, text);
  const fs::path baseline = dir.path / "baseline.json";
  const json all = json::parse(awesome_ls({"check", "--format", "json", list.string()}).out);

  const auto written = awesome_ls({"check", "--write-baseline", baseline.string(), list.string()});
  CHECK(written.exit_code == 0);
  CHECK(written.out.empty());
  CHECK(written.err.find("wrote " + std::to_string(all.size()) + " findings to " +
                         baseline.string()) != std::string::npos);
  const std::string saved = read_bytes(baseline);
  const json file = json::parse(saved);
  CHECK(file["version"] == 1);
  REQUIRE(file["findings"].is_array());
  std::size_t total = 0;
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> keys;
  for (const auto& item : file["findings"]) {
    CHECK(item["file"] == "lists/list.md");  // relative to the baseline's folder
    total += item["count"].get<std::size_t>();
    keys.emplace_back(item["file"], item["rule"], item["entry"], item["message"]);
  }
  CHECK(total == all.size());
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
  // The same findings write the same bytes.
  awesome_ls({"check", "--write-baseline", baseline.string(), list.string()});
  CHECK(read_bytes(baseline) == saved);

  // From another folder, by another name of the file: still matched, nothing left.
  const auto clean =
      in_folder(dir.path / "lists", {"check", "--baseline", "../baseline.json", "list.md"});
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err ==
        "awesome-ls: no problems in 1 file, " + std::to_string(all.size()) + " in the baseline\n");

  // Lines added above every finding move them all; the baseline still matches each.
  const std::size_t first_heading = text.find("\n## ");
  REQUIRE(first_heading != std::string::npos);
  const std::string shifted = text.substr(0, first_heading + 1) +
                              "A paragraph added by a curator.\n\nAnd another one.\n\n" +
                              text.substr(first_heading + 1);
  write_bytes(list, shifted);
  const json moved = json::parse(awesome_ls({"check", "--format", "json", list.string()}).out);
  REQUIRE(moved.size() == all.size());
  CHECK(moved.back()["range"]["start"]["line"].get<int>() >
        all.back()["range"]["start"]["line"].get<int>());
  const auto still = awesome_ls({"check", "--baseline", baseline.string(), list.string()});
  CHECK(still.exit_code == 0);
  CHECK(still.out.empty());

  // A new entry with a problem (a title without its final '.') is reported, and only it.
  const auto old_lines = static_cast<int>(std::count(shifted.begin(), shifted.end(), '\n'));
  write_bytes(list, shifted +
                        "\n- A Brand New Paper [[paper]](https://arxiv.org/abs/1701.00001)\n"
                        "  - Ada Lovelace. *ICLR 2018*\n"
                        "  - Key Word: Model Extraction Attacks.\n"
                        "  - Digest: A digest long enough to be a digest of a paper.\n");
  const json fresh = json::parse(
      awesome_ls({"check", "--format", "json", "--baseline", baseline.string(), list.string()})
          .out);
  REQUIRE_FALSE(fresh.empty());
  for (const auto& f : fresh) CHECK(f["range"]["start"]["line"].get<int>() > old_lines);
}

TEST_CASE("a baseline item absorbs as many identical findings as its count") {
  TempDir dir;
  // Trailing spaces on two lines of one entry: two identical findings of that entry.
  std::string text(kOneInfo);
  text.replace(text.find("List "), 5, "List");
  text.replace(text.find("*ICML 2020*"), 11, "*ICML 2020* ");
  text.replace(text.find("Shape-Texture."), 14, "Shape-Texture. ");
  const fs::path list = dir.path / "list.md";
  write_bytes(list, text);
  const fs::path baseline = dir.path / "baseline.json";
  REQUIRE(awesome_ls({"check", "--write-baseline", baseline.string(), list.string()}).exit_code ==
          0);
  const json items = json::parse(read_bytes(baseline))["findings"];
  REQUIRE(items.size() == 1);
  CHECK(items[0]["count"] == 2);
  CHECK(items[0]["rule"] == "whitespace");
  CHECK(items[0]["entry"] == "paper:arxiv:2008.04254");
  CHECK(items[0]["file"] == "list.md");
  // A third one in the same entry is new.
  text.replace(text.find("robustness universally."), 23, "robustness universally. ");
  write_bytes(list, text);
  const json third = json::parse(
      awesome_ls({"check", "--format", "json", "--baseline", baseline.string(), list.string()})
          .out);
  REQUIRE(third.size() == 1);
  CHECK(third[0]["rule"] == "whitespace");
  CHECK(third[0]["range"]["start"]["line"] == 10);  // the first two are absorbed, in order
}

TEST_CASE("a baseline that is missing, of another version or malformed is exit 2 naming it") {
  TempDir dir;
  write_bytes(dir.path / "list.md", kOneInfo);
  const std::string list = (dir.path / "list.md").string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "cannot read baseline (no such file)"},
      {R"({"version": 2, "findings": []})", "baseline version 2 is not supported"},
      {R"([1])", "not a baseline"},
      {R"({"version": 1})", "findings: expected an array"},
      {R"({"version": 1, "findings": [{"file": "a", "rule": "r", "entry": "", "message": 3}]})",
       "findings[0].message: expected a string"},
      {R"({"version": 1, "findings": [{"file": "a", "rule": "r", "entry": "", "message": "m",
                                       "count": 0}]})",
       "findings[0].count: expected an integer from 1"},
  };
  for (const auto& c : cases) {
    const std::string& content = c.first;
    const std::string& message = c.second;
    CAPTURE(message);  // clang 14 cannot capture a structured binding
    const fs::path baseline = dir.path / "b.json";
    fs::remove(baseline);
    if (!content.empty())
      write_bytes(baseline, content);
    const auto result = awesome_ls({"check", "--baseline", baseline.string(), list});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(baseline.string() + ": " + message) != std::string::npos);
  }
}

TEST_CASE("a finding's baseline context is its entry's paper, else its title, else its section") {
  const std::string text =
      std::string(kOneInfo) + "\n- A Paper Without Link, Yet.\n  - Ada Lovelace. *ICML 2020*\n";
  rules::ListDocument document(text);
  const rules::Model& model = document.model();
  REQUIRE(model.entries.size() == 2);
  CHECK(server::finding_context(model, model.entries[0].first_line) == "paper:arxiv:2008.04254");
  CHECK(server::finding_context(model, model.entries[0].last_line) == "paper:arxiv:2008.04254");
  CHECK(server::finding_context(model, model.entries[1].first_line) ==
        "title:apaperwithoutlinkyet");
  CHECK(server::finding_context(model, 2) == "section:robustness");  // "## Robustness"
  CHECK(server::finding_context(model, 4) == "section:robustness-2020");

  server::Baseline baseline;
  const server::BaselineKey key{"a.md", "whitespace", "section:x", "Trailing whitespace."};
  baseline.add(key);
  baseline.add(key);
  CHECK(baseline.absorb(key));
  CHECK(baseline.absorb(key));
  CHECK_FALSE(baseline.absorb(key));
  CHECK_FALSE(baseline.absorb({"b.md", "whitespace", "section:x", "Trailing whitespace."}));
}

TEST_CASE("every command answers --help, and serve --help does not start the server") {
  for (const std::string command : {"check", "conventions", "rules", "serve"}) {
    for (const std::string flag : {"--help", "-h"}) {
      CAPTURE(command);
      CAPTURE(flag);
      ProcessOptions options;
      options.timeout = std::chrono::milliseconds(10000);
      const auto result = awesome_ls({command, flag}, options);
      CHECK(result.exit_code == 0);
      CHECK(result.out.starts_with("Usage: awesome-ls " + command));
      CHECK(result.err.empty());
    }
  }
  const auto check = awesome_ls({"check", "--help"});
  for (const char* option : {"--no-config", "--min-severity", "--quiet", "--max-warnings",
                             "--baseline", "--write-baseline", "GLOB"}) {
    CAPTURE(option);
    CHECK(check.out.find(option) != std::string::npos);
  }
}

TEST_CASE("after a config error the summary says what was not checked, not 'no problems'") {
  TempDir dir;
  write_bytes(dir.path / "bad/list.md", kOneInfo);
  write_bytes(dir.path / "bad/.awesome-ls.json", "{\n  \"rules\": {\n    \"whitespace\": off\n}}");
  write_bytes(dir.path / "good/list.md", kOneInfo);
  const auto alone = awesome_ls({"check", (dir.path / "bad/list.md").string()});
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find(".awesome-ls.json: not valid JSON at line 3, column 19: syntax error") !=
        std::string::npos);
  CHECK(alone.err.ends_with("awesome-ls: no file checked, 1 file not checked\n"));
  const auto both = awesome_ls(
      {"check", (dir.path / "bad/list.md").string(), (dir.path / "good/list.md").string()});
  CHECK(both.exit_code == 2);
  CHECK(both.err.ends_with(
      "awesome-ls: 0 errors, 0 warnings, 1 info in 1 file, 1 file not checked\n"));
}

}  // namespace awesome::test

namespace awesome::test {
namespace {

/// A copy of the built binary at `root`/bin/awesome-ls, as an installation lays it out.
fs::path install_copy(const fs::path& root) {
  fs::create_directories(root / "bin");
  const fs::path binary = root / "bin/awesome-ls";
  fs::copy_file(AWESOME_BINARY, binary);
  fs::permissions(binary, fs::perms::owner_all);
  return binary;
}

json sarif_driver(const fs::path& binary, const std::vector<std::string>& args) {
  std::vector<std::string> all = {"check", "--format", "sarif"};
  all.insert(all.end(), args.begin(), args.end());
  const auto result = run(binary.string(), all);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out)["runs"][0]["tool"]["driver"];
}

/// The codeDescription of the first diagnostic the server at `binary` publishes for `text`.
json code_description(const fs::path& binary, const fs::path& folder, std::string_view text) {
  LspProcess server({}, binary.string());
  server.send(lsp_request(1, "initialize",
                          {{"processId", nullptr},
                           {"rootUri", "file://" + folder.string()},
                           {"capabilities", json::object()}}));
  server.reply_to(1);
  server.send(lsp_notification("initialized"));
  server.send(lsp_notification("textDocument/didOpen",
                               {{"textDocument",
                                 {{"uri", "file://" + (folder / "list.md").string()},
                                  {"languageId", "markdown"},
                                  {"version", 1},
                                  {"text", text}}}}));
  const json published = server.receive_until(is_publish);
  REQUIRE_FALSE(published["params"]["diagnostics"].empty());
  const json first = published["params"]["diagnostics"][0];
  server.send(lsp_request(2, "shutdown"));
  server.reply_to(2);
  server.send(lsp_notification("exit"));
  CHECK(server.wait_exit() == 0);
  return first.value("codeDescription", json());
}

}  // namespace

TEST_CASE("rule links point at the installed rules.md, at docsUrl, or nowhere") {
  TempDir dir;
  write_bytes(dir.path / "work/list.md", kOneInfo);
  const std::string list = (dir.path / "work/list.md").string();
  const auto& catalog = rules::rule_catalog();

  // Installed: <prefix>/bin/awesome-ls and <prefix>/share/doc/awesome-ls/rules.md.
  const fs::path installed = install_copy(dir.path / "prefix");
  write_bytes(dir.path / "prefix/share/doc/awesome-ls/rules.md", "# Rules\n");
  const std::string rules_url =
      "file://" + (dir.path / "prefix/share/doc/awesome-ls/rules.md").string();
  const json driver = sarif_driver(installed, {list});
  CHECK(driver["informationUri"] == rules_url);
  REQUIRE(driver["rules"].size() == catalog.size());
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    CHECK(driver["rules"][i]["helpUri"] == rules_url + "#" + std::string(catalog[i].id));
  }
  CHECK(code_description(installed, dir.path / "work", kOneInfo) ==
        json{{"href", rules_url + "#whitespace"}});

  // Without the docs beside it: no link at all.
  const fs::path bare = install_copy(dir.path / "bare");
  const json bare_driver = sarif_driver(bare, {list});
  CHECK_FALSE(bare_driver.contains("informationUri"));
  for (const auto& rule : bare_driver["rules"]) CHECK_FALSE(rule.contains("helpUri"));
  CHECK(code_description(bare, dir.path / "work", kOneInfo).is_null());

  // docsUrl in the config wins over the installed copy.
  write_bytes(dir.path / "work/.awesome-ls.json",
              R"({"docsUrl": "https://docs.example.org/awesome-ls/rules.md"})");
  const json configured = sarif_driver(installed, {list});
  CHECK(configured["informationUri"] == "https://docs.example.org/awesome-ls/rules.md");
  CHECK(configured["rules"][0]["helpUri"] ==
        "https://docs.example.org/awesome-ls/rules.md#" + std::string(catalog[0].id));
  CHECK(code_description(bare, dir.path / "work", kOneInfo) ==
        json{{"href", "https://docs.example.org/awesome-ls/rules.md#whitespace"}});
}

}  // namespace awesome::test
