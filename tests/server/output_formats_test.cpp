#include "server/cli/output_formats.hpp"

#include <doctest/doctest.h>

#include <regex>

#include "rules/catalog.hpp"

namespace awesome::server {
using nlohmann::json;
namespace {

rules::Diagnostic finding(std::string_view rule, rules::Severity severity, rules::Range range,
                          std::string message) {
  rules::Diagnostic d;
  d.rule = rule;
  d.severity = severity;
  d.range = range;
  d.message = std::move(message);
  return d;
}

/// A two-finding report on a three-line text with a non-ASCII title.
std::vector<FileReport> sample_reports() {
  const std::string text = "# Awesome\r\n- Über, paper\n  - Key Work: X.\n";
  auto title = finding("title-punctuation", rules::Severity::kWarning, {{1, 8}, {1, 14}},
                       "title does not end in '.'");
  title.fixes.push_back({"add '.'", {{{{1, 14}, {1, 14}}, "."}}, true, true});
  auto label = finding("keyword-label", rules::Severity::kError, {{2, 4}, {2, 13}},
                       "wrong label, 100%\nsure: use Key Word:");
  label.related.push_back({{{1, 2}, {1, 7}}, "the entry"});
  std::vector<FileReport> reports;
  reports.emplace_back("dir/my list,1.md", text, std::vector{title, label});
  reports.emplace_back("clean.md", "", std::vector<rules::Diagnostic>{});
  return reports;
}

}  // namespace

TEST_CASE("FileReport splits LF, CRLF and CR lines and converts columns to UTF-16") {
  const FileReport report("f", "a\r\nÜb\rc\n", {});
  CHECK(report.line_count() == 4);
  CHECK(report.line(0) == "a");
  CHECK(report.line(1) == "Üb");
  CHECK(report.line(2) == "c");
  CHECK(report.line(3) == "");
  CHECK(report.line(9) == "");
  CHECK(report.utf16_column({1, 2}) == 2);  // after the 2-byte 'Ü': one UTF-16 unit
  CHECK(report.utf16_column({1, 3}) == 3);
}

TEST_CASE("text format: file:line:col: severity: message [rule], related as notes") {
  const auto reports = sample_reports();
  CHECK(format_text(reports, false) ==
        "dir/my list,1.md:2:9: warning: title does not end in '.' [title-punctuation]\n"
        "dir/my list,1.md:3:5: error: wrong label, 100%\nsure: use Key Word: [keyword-label]\n"
        "dir/my list,1.md:2:3: note: the entry\n");
  const std::string colored = format_text(reports, true);
  CHECK(colored.find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
  CHECK(colored.find("\x1b[1;33mwarning:\x1b[0m") != std::string::npos);
}

TEST_CASE("json format: 1-based ranges, related places and fixes") {
  const json all = format_json(sample_reports());
  REQUIRE(all.is_array());
  REQUIRE(all.size() == 2);
  CHECK(all[0] == json::parse(R"({
    "file": "dir/my list,1.md", "rule": "title-punctuation", "severity": "warning",
    "message": "title does not end in '.'",
    "range": {"start": {"line": 2, "column": 9}, "end": {"line": 2, "column": 15}},
    "related": [],
    "fixes": [{"title": "add '.'", "safe": true, "edits": [
      {"range": {"start": {"line": 2, "column": 15}, "end": {"line": 2, "column": 15}},
       "newText": "."}]}]
  })"));
  CHECK(all[1]["related"] == json::parse(R"([{"message": "the entry",
    "range": {"start": {"line": 2, "column": 3}, "end": {"line": 2, "column": 8}}}])"));
}

TEST_CASE("github format: workflow commands with escaped properties and message") {
  const std::string out = format_github(sample_reports());
  CHECK(out ==  // errors first
        "::error file=dir/my list%2C1.md,line=3,col=5,endLine=3,endColumn=14,"
        "title=keyword-label::wrong label, 100%25%0Asure: use Key Word:\n"
        "::warning file=dir/my list%2C1.md,line=2,col=8,endLine=2,endColumn=14,"
        "title=title-punctuation::title does not end in '.'\n");
  const std::regex grammar(
      R"(::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\r\n]*)");
  std::size_t lines = 0;
  for (std::size_t start = 0; start < out.size(); ++lines) {
    const auto end = out.find('\n', start);
    CHECK(std::regex_match(out.substr(start, end - start), grammar));
    start = end + 1;
  }
  CHECK(lines == 2);
}

TEST_CASE("github format: 10 annotations per level, errors first, the rest summed up once") {
  // 12 infos, then 12 warnings, then 12 errors, in a 36-line file: two of each level left.
  std::string text;
  std::vector<rules::Diagnostic> found;
  const std::pair<rules::Severity, std::string_view> kinds[] = {
      {rules::Severity::kInfo, "whitespace"},
      {rules::Severity::kWarning, "title-punctuation"},
      {rules::Severity::kError, "keyword-label"}};
  for (const auto& [severity, rule] : kinds) {
    for (int i = 0; i < 12; ++i) {
      const auto line = static_cast<std::uint32_t>(found.size());
      text += "line\n";
      found.push_back(
          finding(rule, severity, {{line, 0}, {line, 4}}, "message " + std::to_string(line)));
    }
  }
  std::vector<FileReport> reports;
  reports.emplace_back("a.md", text, found);
  const std::string out = format_github(reports);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < out.size();) {
    const auto end = out.find('\n', start);
    lines.push_back(out.substr(start, end - start));
    start = end + 1;
  }
  REQUIRE(lines.size() == 10 + 10 + 9 + 1 + 7);
  for (int i = 0; i < 10; ++i) {
    CHECK(lines[i].starts_with("::error file=a.md,line=" + std::to_string(25 + i) + ","));
    CHECK(lines[10 + i].starts_with("::warning file=a.md,line=" + std::to_string(13 + i) + ","));
  }
  for (int i = 0; i < 9; ++i)
    CHECK(lines[20 + i].starts_with("::notice file=a.md,line=" + std::to_string(1 + i) + ","));
  CHECK(lines[29] ==
        "::notice title=awesome-ls::7 findings not annotated (GitHub shows 10 per level); they "
        "follow in the log: whitespace 3, keyword-label 2, title-punctuation 2");
  CHECK(lines[30] == "a.md:35:1: error: message 34 [keyword-label]");
  CHECK(lines[32] == "a.md:23:1: warning: message 22 [title-punctuation]");
  CHECK(lines[36] == "a.md:12:1: info: message 11 [whitespace]");
  // Nothing left over: no summary.
  CHECK(format_github(reports, 100).find("not annotated") == std::string::npos);
}

TEST_CASE("sarif format: helpUri and informationUri only with a rules doc URL") {
  const json bare = format_sarif(sample_reports());
  CHECK_FALSE(bare["runs"][0]["tool"]["driver"].contains("informationUri"));
  for (const auto& rule : bare["runs"][0]["tool"]["driver"]["rules"])
    CHECK_FALSE(rule.contains("helpUri"));
  const json linked = format_sarif(sample_reports(), "file:///opt/doc/rules.md");
  const json& driver = linked["runs"][0]["tool"]["driver"];
  CHECK(driver["informationUri"] == "file:///opt/doc/rules.md");
  const auto catalog = rules::rule_catalog();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    CHECK(driver["rules"][i]["helpUri"] ==
          "file:///opt/doc/rules.md#" + std::string(catalog[i].id));
  }
}

TEST_CASE("sarif format: driver rules from the catalog, results with regions and fixes") {
  const json log = format_sarif(sample_reports(), "https://example.org/docs/rules.md");
  CHECK(log["version"] == "2.1.0");
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "utf16CodeUnits");
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "awesome-ls");
  CHECK(driver["version"] == std::string(tool_version()));
  const auto catalog = rules::rule_catalog();
  REQUIRE(driver["rules"].size() == catalog.size());
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    CHECK(driver["rules"][i]["id"] == std::string(catalog[i].id));
    CHECK(driver["rules"][i]["helpUri"].get<std::string>().ends_with("docs/rules.md#" +
                                                                     std::string(catalog[i].id)));
  }
  const json& results = run["results"];
  REQUIRE(results.size() == 2);
  const json& first = results[0];
  CHECK(first["ruleId"] == "title-punctuation");
  CHECK(driver["rules"][first["ruleIndex"].get<std::size_t>()]["id"] == "title-punctuation");
  CHECK(first["level"] == "warning");
  const json& location = first["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "dir/my%20list%2C1.md");
  CHECK(location["region"] ==
        json::parse(R"({"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 14})"));
  const json& replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0];
  CHECK(replacement["insertedContent"]["text"] == ".");
  CHECK(replacement["deletedRegion"]["startColumn"] == 14);
  CHECK(results[1]["level"] == "error");
  CHECK(results[1]["relatedLocations"][0]["message"]["text"] == "the entry");
  CHECK_FALSE(results[1].contains("fixes"));
}

TEST_CASE("render_report survives invalid UTF-8 in messages") {
  std::vector<FileReport> reports;
  reports.emplace_back("bad.md", "\xff\n",
                       std::vector{finding("encoding", rules::Severity::kError, {{0, 0}, {0, 1}},
                                           "invalid byte \xff")});
  CHECK(render_report(OutputFormat::kJson, reports, false).find("invalid byte") !=
        std::string::npos);
  CHECK(render_report(OutputFormat::kSarif, reports, false).find("invalid byte") !=
        std::string::npos);
}

TEST_CASE("parse_output_format knows the four formats") {
  CHECK(parse_output_format("text") == OutputFormat::kText);
  CHECK(parse_output_format("json") == OutputFormat::kJson);
  CHECK(parse_output_format("sarif") == OutputFormat::kSarif);
  CHECK(parse_output_format("github") == OutputFormat::kGithub);
  CHECK_FALSE(parse_output_format("xml").has_value());
}

}  // namespace awesome::server
