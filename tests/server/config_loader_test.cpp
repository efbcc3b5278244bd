#include "server/common/config_loader.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace awesome::server {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

ConfigResult apply(std::string_view text) {
  const json settings = json::parse(text, nullptr, false);
  REQUIRE_FALSE(settings.is_discarded());
  return apply_config_json(settings);
}

/// The error for `text`, which must be rejected.
std::string error_of(std::string_view text) {
  const ConfigResult result = apply(text);
  CHECK_FALSE(result.ok());
  return result.error;
}

struct TempTree {
  fs::path root;
  TempTree() {
    std::string name = (fs::temp_directory_path() / "awesome-ls-cfg-XXXXXX").string();
    root = ::mkdtemp(name.data());
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  fs::path write(const fs::path& relative, std::string_view text) const {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative, std::ios::binary) << text;
    return root / relative;
  }
};

}  // namespace

TEST_CASE("a valid config sets every field") {
  const ConfigResult result = apply(R"({
    "$schema": "https://example.org/awesome-ls.schema.json",
    "rules": {
      "whitespace": "off",
      "duplicate-title": "error",
      "keyword-count": {"severity": "warning", "min": 2, "max": 8},
      "entry-order": {"direction": "ascending"}
    },
    "dialect": "2021",
    "venues": [{"name": "MyConf", "fullName": "My Conference", "aliases": ["MC", "MyC"]}],
    "ignore": ["CHANGELOG.md", "docs/**"],
    "digest": {"requireClosingTag": true}
  })");
  REQUIRE(result.ok());
  const rules::Config& c = result.config;
  CHECK(c.severity.at("whitespace") == rules::Severity::kOff);
  CHECK(c.severity.at("duplicate-title") == rules::Severity::kError);
  CHECK(c.severity.at("keyword-count") == rules::Severity::kWarning);
  CHECK(c.severity.count("entry-order") == 0);  // options only: default severity kept
  CHECK(c.keyword_min == 2);
  CHECK(c.keyword_max == 8);
  CHECK(c.order == rules::SortDirection::kAscending);
  CHECK(c.dialect == rules::Dialect::k2021);
  REQUIRE(c.venues.size() == 1);
  CHECK(c.venues[0] == rules::VenueSpec{"MyConf", "My Conference", {"MC", "MyC"}});
  CHECK(c.ignore == std::vector<std::string>{"CHANGELOG.md", "docs/**"});
  CHECK(c.digest_require_close);
}

TEST_CASE("an empty config keeps the defaults and settings apply on top of a base") {
  CHECK(apply("{}").config == rules::Config{});
  rules::Config base;
  base.severity["venue"] = rules::Severity::kError;
  base.dialect = rules::Dialect::k2026;
  const ConfigResult result =
      apply_config_json(json::parse(R"({"rules": {"digest": "info"}, "dialect": "auto"})"), base);
  REQUIRE(result.ok());
  CHECK(result.config.severity.at("venue") == rules::Severity::kError);
  CHECK(result.config.severity.at("digest") == rules::Severity::kInfo);
  CHECK_FALSE(result.config.dialect.has_value());
}

TEST_CASE("a rejected config leaves the base untouched") {
  rules::Config base;
  base.keyword_max = 9;
  const ConfigResult result =
      apply_config_json(json::parse(R"({"rules": {"keyword-count": {"max": 3}}, "x": 1})"), base);
  CHECK_FALSE(result.ok());
  CHECK(result.config == base);
}

TEST_CASE("config errors name the key") {
  CHECK(error_of(R"({"rulez": {}})") ==
        "rulez: unknown key (expected $schema, rules, dialect, venues, ignore, digest, "
        "conventions, docsUrl or arxiv)");
  CHECK(error_of(R"({"arxiv": {"maxAgeDays": -1}})").starts_with("arxiv.maxAgeDays: "));
  CHECK(error_of(R"({"arxiv": {"url": "ftp://example.org"}})") ==
        "arxiv.url: expected an https:// URL, got \"ftp://example.org\"");
  CHECK(error_of(R"({"arxiv": {"proxy": "x"}})") ==
        "arxiv.proxy: unknown key (expected enabled, url or maxAgeDays)");
  CHECK(error_of(R"({"docsUrl": "https://example.org/rules.md#x"})") ==
        "docsUrl: expected an http://, https:// or file:/// URL of rules.md without spaces or "
        "'#', got \"https://example.org/rules.md#x\"");
  CHECK(apply_config_json({{"docsUrl", "https://example.org/rules.md"}}).config.docs_url ==
        "https://example.org/rules.md");
  CHECK(error_of(R"({"rules": {"no-such-rule": "error"}})") ==
        "rules.no-such-rule: unknown rule id (see `awesome-ls rules`)");
  CHECK(error_of(R"({"rules": {"venue": "fatal"}})") ==
        "rules.venue: unknown severity \"fatal\" (use off, info, warning or error)");
  CHECK(error_of(R"({"rules": {"venue": 2}})") ==
        "rules.venue: expected a severity string or an object, got 2");
  CHECK(error_of(R"({"rules": {"venue": {"severity": true}}})") ==
        "rules.venue.severity: expected a string, got true");
  CHECK(error_of(R"({"rules": {"venue": {"min": 1}}})") ==
        "rules.venue.min: unknown option of rule venue");
  CHECK(error_of(R"({"rules": {"keyword-count": {"min": 5, "max": 2}}})") ==
        "rules.keyword-count: min (5) is greater than max (2)");
  CHECK(error_of(R"({"rules": {"keyword-count": {"max": "6"}}})") ==
        "rules.keyword-count.max: expected an integer from 0 to 100, got \"6\"");
  CHECK(error_of(R"({"rules": {"keyword-count": {"max": 1.5}}})") ==
        "rules.keyword-count.max: expected an integer from 0 to 100, got 1.5");
  CHECK(error_of(R"({"rules": {"keyword-count": {"min": -1}}})") ==
        "rules.keyword-count.min: expected an integer from 0 to 100, got -1");
  CHECK(error_of(R"({"rules": {"entry-order": {"direction": "up"}}})") ==
        "rules.entry-order.direction: expected \"descending\" or \"ascending\", got \"up\"");
  CHECK(error_of(R"({"rules": []})") == "rules: expected an object, got []");
  CHECK(error_of(R"({"dialect": 2021})") == "dialect: expected a string, got 2021");
  CHECK(error_of(R"({"dialect": "2019"})") ==
        "dialect: expected \"2021\", \"2026\" or \"auto\", got \"2019\"");
  CHECK(error_of(R"({"digest": {"requireClosingTag": "yes"}})") ==
        "digest.requireClosingTag: expected true or false, got \"yes\"");
  CHECK(error_of(R"({"digest": {"close": true}})") == "digest.close: unknown key");
  CHECK(error_of("[]") == "(top level): expected an object, got []");
}

TEST_CASE("conventions pin what is otherwise learnt from the list") {
  const ConfigResult result = apply(R"({"conventions": {
    "paperLabel": "pdf", "links": "belowTitle", "keywordLabel": "Keywords",
    "keywordSeparator": ",", "digest": false, "sorted": false, "yearSections": "venue",
    "crossListed": true, "venueEmphasis": false, "subLabels": ["Modality", "Datasets"], "linkLabels": ["Website"]
  }})");
  REQUIRE(result.ok());
  const rules::ConventionPins& pin = result.config.conventions;
  CHECK(pin.paper_label == "pdf");
  CHECK(pin.links_below == true);
  CHECK(pin.keyword_label == "Keywords");
  CHECK(pin.keyword_separator == ',');
  CHECK(pin.digest == false);
  CHECK(pin.sorted == false);
  CHECK(pin.year_by_venue == true);
  CHECK(pin.cross_listed == true);
  CHECK(pin.venue_emphasis == false);
  CHECK(pin.sub_labels == std::vector<std::string>{"Modality", "Datasets"});
  CHECK(pin.link_labels == std::vector<std::string>{"website"});  // compared in lowercase
  // What is not named stays learnt.
  const rules::ConventionPins some =
      apply(R"({"conventions": {"links": "onTitleLine"}})").config.conventions;
  CHECK(some.links_below == false);
  CHECK_FALSE(some.paper_label.has_value());
  CHECK_FALSE(some.sub_labels.has_value());

  CHECK(error_of(R"({"conventions": {"keywordSeparator": " ; "}})") ==
        "conventions.keywordSeparator: expected \";\" or \",\", got \" ; \"");
  CHECK(error_of(R"({"conventions": {"links": "below"}})") ==
        "conventions.links: expected \"belowTitle\" or \"onTitleLine\", got \"below\"");
  CHECK(error_of(R"({"conventions": {"keywordLabel": "Key Word:"}})") ==
        "conventions.keywordLabel: expected a label without line breaks, '[', ']', ':' or "
        "outer spaces, got \"Key Word:\"");
  CHECK(error_of(R"({"conventions": {"paperLabel": ""}})")
            .starts_with("conventions.paperLabel: expected a label"));
  CHECK(error_of(R"({"conventions": {"subLabels": ["Modality", 3]}})") ==
        "conventions.subLabels[1]: expected a string, got 3");
  CHECK(error_of(R"({"conventions": {"digest": "yes"}})") ==
        "conventions.digest: expected true or false, got \"yes\"");
  CHECK(error_of(R"({"conventions": {"crossListed": 1}})") ==
        "conventions.crossListed: expected true or false, got 1");
  CHECK(error_of(R"({"conventions": {"separator": ";"}})")
            .starts_with("conventions.separator: unknown key (expected paperLabel, links,"));
  CHECK(error_of(R"({"conventions": []})") == "conventions: expected an object, got []");
}

TEST_CASE("venue and ignore entries are validated one by one") {
  CHECK(error_of(R"({"venues": {"name": "X"}})") ==
        "venues: expected an array, got {\"name\":\"X\"}");
  CHECK(error_of(R"({"venues": [{"name": "A"}, {"fullName": "B"}]})") ==
        "venues[1].name: a venue needs a non-empty name");
  CHECK(error_of(R"({"venues": [{"name": "A", "alias": []}]})") ==
        "venues[0].alias: unknown key (expected name, fullName or aliases)");
  CHECK(error_of(R"({"venues": [{"name": "A", "aliases": ["B", 3]}]})") ==
        "venues[0].aliases[1]: expected a string, got 3");
  CHECK(error_of(R"({"ignore": ["a", ""]})") == "ignore[1]: empty pattern");
  CHECK(error_of(R"({"ignore": "docs/**"})") == "ignore: expected an array, got \"docs/**\"");
}

TEST_CASE("huge configs are refused before they cost time or memory") {
  json venues = json::array();
  for (int i = 0; i < 1001; ++i) venues.push_back({{"name", "V" + std::to_string(i)}});
  CHECK(apply_config_json({{"venues", venues}}).error == "venues: more than 1000 items");
  CHECK(apply_config_json({{"ignore", json::array({std::string(257, '*')})}}).error ==
        "ignore[0]: string longer than 256 bytes");
  // Matching costs patterns x pattern length x path length per file: both are bounded so that
  // the worst legal config stays cheap (1,000 patterns of 1,024 bytes took 0.55 s per file).
  CHECK(apply_config_json({{"ignore", json::array({std::string(256, '*')})}}).ok());
  CHECK(apply_config_json({{"ignore", json(std::vector<std::string>(101, "x"))}}).error ==
        "ignore: more than 100 items");
  CHECK(apply_config_json(
            {{"venues", json::array({{{"name", "V"}, {"fullName", std::string(70000, 'x')}}})}})
            .error == "venues[0].fullName: string longer than 65536 bytes");
  CHECK(apply_config_json({{"rules", {{"keyword-count", {{"max", 1ULL << 40}}}}}}).error ==
        "rules.keyword-count.max: expected an integer from 0 to 100, got 1099511627776");
}

TEST_CASE("load_config_file names the file in every error") {
  TempTree tree;
  const auto good = tree.write("good.json", R"({"rules": {"venue": "off"}})");
  const ConfigResult loaded = load_config_file(good);
  REQUIRE(loaded.ok());
  CHECK(loaded.config.severity.at("venue") == rules::Severity::kOff);
  const auto bad_json = tree.write("bad.json", R"({"rules": )");
  CHECK(load_config_file(bad_json).error.starts_with(
      bad_json.string() + ": not valid JSON at line 1, column 11: syntax error"));
  // The place of the error as an editor shows it: 1-based line and byte column.
  const auto comma = tree.write("comma.json", "{\n  \"dialect\": \"2021\",\n  }\n");
  CHECK(load_config_file(comma).error.starts_with(
      comma.string() + ": not valid JSON at line 3, column 3: syntax error"));
  const auto first = tree.write("first.json", "x");
  CHECK(load_config_file(first).error.starts_with(
      first.string() + ": not valid JSON at line 1, column 1: syntax error"));
  const auto bad_key = tree.write("key.json", R"({"dialekt": "2021"})");
  CHECK(load_config_file(bad_key).error.starts_with(bad_key.string() + ": dialekt: unknown key"));
  const auto missing = tree.root / "missing.json";
  CHECK(load_config_file(missing).error == missing.string() + ": cannot read config file");
  const auto deep = tree.write("deep.json", std::string(10000, '[') + std::string(10000, ']'));
  CHECK(load_config_file(deep).error == deep.string() + ": JSON nested too deeply");
  const auto big = tree.write("big.json", "{\"$schema\": \"" + std::string(1 << 20, 'x') + "\"}");
  CHECK(load_config_file(big).error == big.string() + ": config file larger than 1 MiB");
}

TEST_CASE("search_config_file walks up to the nearest config") {
  TempTree tree;
  const auto top = tree.write(".awesome-ls.json", "{}");
  const auto inner = tree.write("a/b/.awesome-ls.json", "{}");
  fs::create_directories(tree.root / "a/b/c/d");
  fs::create_directories(tree.root / "x");
  CHECK(search_config_file(tree.root / "a/b/c/d").path == inner);
  CHECK(search_config_file(tree.root / "a/b/c/d/").path == inner);
  CHECK(search_config_file(tree.root / "a/b").path == inner);
  CHECK(search_config_file(tree.root / "a").path == top);
  CHECK(search_config_file(tree.root / "x").path == top);
  fs::remove(top);
  CHECK(search_config_file(tree.root / "x").path !=
        top);  // nothing above the tree (or an outer one)
}

TEST_CASE("search_config_file stops at the repository root") {
  TempTree tree;
  tree.write(".awesome-ls.json", R"({"ignore": ["**"]})");  // above the repository
  fs::create_directories(tree.root / "repo/.git");
  fs::create_directories(tree.root / "repo/docs");
  CHECK_FALSE(search_config_file(tree.root / "repo/docs").path.has_value());
  CHECK_FALSE(search_config_file(tree.root / "repo").path.has_value());
  // A worktree or submodule has a `.git` file, not a folder: a root all the same.
  tree.write("work/.git", "gitdir: ../repo/.git/worktrees/work\n");
  fs::create_directories(tree.root / "work/lists");
  CHECK_FALSE(search_config_file(tree.root / "work/lists").path.has_value());
  // The repository's own config is found.
  const auto own = tree.write("repo/.awesome-ls.json", "{}");
  CHECK(search_config_file(tree.root / "repo/docs").path == own);
}

TEST_CASE("search_config_file passes over a config owned by another user") {
  if (::geteuid() != 0) {
    MESSAGE("needs root to make a file owned by another user; the test command runs as root");
    return;
  }
  TempTree tree;
  const auto outer = tree.write(".awesome-ls.json", "{}");
  const auto planted = tree.write("shared/.awesome-ls.json", R"({"ignore": ["**"]})");
  REQUIRE(::chown(planted.c_str(), 65534, 65534) == 0);
  fs::create_directories(tree.root / "shared/list");
  const ConfigSearch search = search_config_file(tree.root / "shared/list");
  CHECK(search.path == outer);
  REQUIRE(search.skipped.size() == 1);
  CHECK(search.skipped[0] == planted.string() + ": owned by another user (uid 65534); not used");
  // Root's own files are trusted, as git trusts them.
  REQUIRE(::chown(planted.c_str(), 0, 0) == 0);
  CHECK(search_config_file(tree.root / "shared/list").path == planted);
}

}  // namespace awesome::server
