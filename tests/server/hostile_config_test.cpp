// A hostile `.awesome-ls.json` (say, in a freshly cloned repository) must not make the binary
// hang, crash or grow: huge, deeply nested, a FIFO, glob patterns built to backtrack, too many
// venues. `check` reports it and exits 2; `serve` reports it and keeps answering with defaults.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "lsp_process.hpp"
#include "process_runner.hpp"
#include "server/common/config_loader.hpp"
#include "temp_dir.hpp"

namespace awesome::test {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

const char* const kList =
    "# Awesome Test\n\n## Robustness\n\n### Robustness: 2021\n\n"
    "- Paper Title. [[paper]](https://arxiv.org/abs/2101.00001)\n"
    "  - Authors. *ICML 2021*\n";

/// A hostile config, written into `dir` as `.awesome-ls.json`, and the error it must give
/// (a FIFO is no regular file, so the lookup passes it by: the defaults apply).
struct Hostile {
  std::string_view what;
  const char* error;
};

void write_hostile(const fs::path& config, std::string_view what) {
  if (what == "100 MB") {
    write_bytes(config, "{\"$schema\": \"");
    fs::resize_file(config, 100 << 20);  // sparse: costs no disk
  } else if (what == "deep") {
    write_bytes(config, std::string(100000, '[') + std::string(100000, ']'));
  } else if (what == "venues") {
    json venues = json::array();
    for (int i = 0; i < 1001; ++i) venues.push_back({{"name", "V" + std::to_string(i)}});
    write_bytes(config, json{{"venues", venues}}.dump());
  } else if (what == "keywords") {
    write_bytes(config, R"({"rules": {"keyword-count": {"min": 5, "max": 4294967296}}})");
  } else if (what == "fifo") {
    REQUIRE(::mkfifo(config.c_str(), 0644) == 0);
  }
}

const Hostile kHostile[] = {
    {"100 MB", "config file larger than 1 MiB"},
    {"deep", "JSON nested too deeply"},
    {"venues", "venues: more than 1000 items"},
    {"keywords", "rules.keyword-count.max: expected an integer from 0 to 100"},
    {"fifo", nullptr},
};

}  // namespace

TEST_CASE("check reports a hostile config with exit code 2 and does not hang") {
  for (const auto& hostile : kHostile) {
    CAPTURE(hostile.what);
    TempDir dir;
    write_bytes(dir.path / "list.md", kList);
    write_hostile(dir.path / ".awesome-ls.json", hostile.what);
    ProcessOptions options;
    options.working_directory = dir.path.string();
    const ProcessResult result = run_process({AWESOME_BINARY, "check", "list.md"}, options);
    REQUIRE_FALSE(result.timed_out);
    if (hostile.error == nullptr) {
      CHECK(result.exit_code != 2);  // checked with the default config
    } else {
      CHECK(result.exit_code == 2);
      CHECK(result.err.find(hostile.error) != std::string::npos);
      const ProcessResult forced =
          run_process({AWESOME_BINARY, "check", "--config",
                       (dir.path / ".awesome-ls.json").string(), (dir.path / "list.md").string()});
      CHECK(forced.exit_code == 2);
      CHECK(forced.err.find(hostile.error) != std::string::npos);
    }
  }
}

TEST_CASE("a FIFO given as --config is refused, not read") {
  TempDir dir;
  const fs::path fifo = dir.path / "config.json";
  write_hostile(fifo, "fifo");
  CHECK(server::load_config_file(fifo).error == fifo.string() + ": not a regular file");
}

TEST_CASE("ignore globs built to backtrack cost linear time") {
  // 100 patterns of 256 bytes ("*a*a*a...*b", the most the config allows) against a path of
  // a's: a backtracking matcher would need exponentially many steps per pattern; the
  // set-of-positions matcher needs 100 x 256 x 110.
  TempDir dir;
  std::string pattern;
  while (pattern.size() < 254) pattern += "*a";
  pattern += "*b";
  json ignore = json::array();
  for (int i = 0; i < 99; ++i) ignore.push_back(pattern);
  ignore.push_back("a*/**/*.md");
  write_bytes(dir.path / ".awesome-ls.json", json{{"ignore", ignore}}.dump());
  const fs::path deep = dir.path / std::string(50, 'a') / std::string(50, 'a') / "list.md";
  write_bytes(deep, kList);
  const ProcessResult result = run_process({AWESOME_BINARY, "check", deep.string()});
  REQUIRE_FALSE(result.timed_out);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("1 ignored") != std::string::npos);
}

TEST_CASE("serve reports a hostile workspace config and keeps answering with the defaults") {
  for (const auto& hostile : kHostile) {
    CAPTURE(hostile.what);
    TempDir dir;
    write_hostile(dir.path / ".awesome-ls.json", hostile.what);
    LspProcess server;
    server.send(
        lsp_request(1, "initialize",
                    {{"processId", nullptr},
                     {"rootUri", "file://" + dir.path.string()},
                     {"capabilities", {{"textDocument", {{"diagnostic", json::object()}}}}}}));
    if (hostile.error != nullptr) {
      const json shown = server.receive_until(
          [](const json& m) { return m.value("method", "") == "window/showMessage"; });
      CHECK(shown["params"]["message"].get<std::string>().find(hostile.error) != std::string::npos);
    }
    CHECK(server.reply_to(1).contains("result"));  // sent after the message
    server.send(lsp_notification("initialized"));
    const std::string uri = "file://" + (dir.path / "list.md").string();
    server.send(lsp_notification(
        "textDocument/didOpen",
        {{"textDocument",
          {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", kList}}}}));
    server.send(lsp_request(2, "textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}}));
    CHECK(server.reply_to(2)["result"]["kind"] == "full");
    // Settings with the same problems are refused too, and the session goes on.
    server.send(lsp_notification(
        "workspace/didChangeConfiguration",
        {{"settings", {{"awesomeLs", {{"rules", {{"keyword-count", {{"max", -1}}}}}}}}}}));
    const json refused = server.receive_until(
        [](const json& m) { return m.value("method", "") == "window/showMessage"; });
    CHECK(refused["params"]["message"].get<std::string>().find("keyword-count.max") !=
          std::string::npos);
    server.send(lsp_request(3, "shutdown"));
    server.reply_to(3);
    server.send(lsp_notification("exit"));
    CHECK(server.wait_exit() == 0);
  }
}

}  // namespace awesome::test
