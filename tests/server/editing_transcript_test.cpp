// A transcript of the real `awesome-ls serve` binary answering every editing method on the
// 1 MB list over stdio: completion (key words, venues), code actions, fix all, formatting,
// range formatting and the sort-section and update-ToC commands. Expectations come from the
// rules engine on the same text.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "protocol/framing.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/server/lsp_process.hpp"
#include "tests/server/process_runner.hpp"
#include "tests/support/files.hpp"

using nlohmann::json;
namespace rules = awesome::rules;

namespace {

/// Framed messages for the binary's input, built by the shared lsp_process.hpp helpers.
std::string request(int id, std::string_view method, json params) {
  return awesome::protocol::encode_frame(
      awesome::test::lsp_request(id, method, std::move(params)).dump());
}

std::string notification(std::string_view method, json params) {
  return awesome::protocol::encode_frame(
      awesome::test::lsp_notification(method, std::move(params)).dump());
}

json position(rules::Position p) {
  return {{"line", p.line}, {"character", p.column}};
}

json at(std::string_view uri, rules::Position p) {
  return {{"textDocument", {{"uri", uri}}}, {"position", position(p)}};
}

json range(rules::Position a, rules::Position b) {
  return {{"start", position(a)}, {"end", position(b)}};
}

}  // namespace

TEST_CASE("editing: every method over stdio on the full list, from initialize to exit") {
  const std::string text = awesome::test::corpus("trustworthy-2026-full.md");
  rules::ListDocument list(text);
  const rules::Model& m = list.model();
  const std::string uri = "file:///full.md";

  // An entry with an arXiv id, a venue and key words.
  const rules::Entry* entry = nullptr;
  for (const auto& e : m.entries) {
    if (e.arxiv && e.venue && e.keywords.size() >= 2) {
      entry = &e;
      break;
    }
  }
  REQUIRE(entry != nullptr);
  const rules::KeywordPhrase& phrase = entry->keywords[0];
  std::size_t fixes = 0;
  rules::Position out_of_order{};
  for (const auto& d : list.diagnostics()) {
    fixes += d.fixes.size();
    if (d.rule == "entry-order" && out_of_order == rules::Position{})
      out_of_order = d.range.start;
  }
  REQUIRE(out_of_order.line > 0);
  const std::string fixed = rules::fix_all(text, {});
  const std::uint32_t lines = list.line_count();
  const json whole = range({0, 0}, {lines, 0});
  const json doc = {{"textDocument", {{"uri", uri}}}};
  const json formatting_options = {{"tabSize", 2}, {"insertSpaces", true}};

  std::string input =
      request(1, "initialize",
              {{"processId", nullptr},
               {"rootUri", nullptr},
               {"capabilities",
                {{"general", {{"positionEncodings", {"utf-8"}}}},
                 {"textDocument",
                  {{"completion", {{"completionItem", {{"snippetSupport", true}}}}}}}}}}) +
      notification("initialized", json::object()) +
      notification("textDocument/didOpen",
                   {{"textDocument",
                     {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}});
  input += request(2, "textDocument/completion", at(uri, phrase.range.start)) +
           request(3, "textDocument/completion", at(uri, entry->venue->range.start)) +
           request(4, "textDocument/codeAction",
                   {{"textDocument", {{"uri", uri}}},
                    {"range", whole},
                    {"context", {{"diagnostics", json::array()}, {"only", {"quickfix"}}}}}) +
           request(5, "textDocument/codeAction",
                   {{"textDocument", {{"uri", uri}}},
                    {"range", range({0, 0}, {0, 0})},
                    {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}}) +
           request(6, "textDocument/formatting",
                   {{"textDocument", {{"uri", uri}}}, {"options", formatting_options}}) +
           request(7, "textDocument/rangeFormatting",
                   {{"textDocument", {{"uri", uri}}},
                    {"range", range({0, 0}, {400, 0})},
                    {"options", formatting_options}}) +
           request(8, "workspace/executeCommand",
                   {{"command", "awesome-ls.sortSection"},
                    {"arguments", {{{"uri", uri}, {"position", position(out_of_order)}}}}}) +
           request(9, "workspace/executeCommand",
                   {{"command", "awesome-ls.updateToc"}, {"arguments", {{{"uri", uri}}}}}) +
           request(10, "shutdown", nullptr) + notification("exit", nullptr);

  awesome::test::ProcessOptions options;
  options.input = input;
  const auto result = awesome::test::run_process({AWESOME_BINARY, "serve"}, options);
  REQUIRE_FALSE(result.timed_out);
  CHECK(result.exit_code == 0);
  std::map<int, json> replies;
  std::vector<json> apply_edits;  // the server's workspace/applyEdit requests
  std::vector<json> shown;        // window/showMessage notifications
  awesome::protocol::FrameDecoder decoder;
  for (auto& f : decoder.push(result.out)) {
    REQUIRE(f.kind == awesome::protocol::Frame::Kind::kBody);
    json message = json::parse(f.text);
    const std::string method = message.value("method", "");
    if (method == "workspace/applyEdit")
      apply_edits.push_back(message["params"]);
    if (method == "window/showMessage")
      shown.push_back(message["params"]);
    if (message.contains("id") && !message.contains("method")) {
      REQUIRE(message.contains("result"));
      replies[message["id"].get<int>()] = message["result"];
    }
  }
  REQUIRE(replies.size() == 10);

  // Key words: the phrase under the cursor is replaced, every item is a key word.
  const json& keywords = replies[2]["items"];
  REQUIRE(!keywords.empty());
  for (const auto& item : keywords) {
    CHECK(item["kind"] == 14);
    CHECK(item["textEdit"]["range"] == range(phrase.range.start, phrase.range.end));
  }
  // Venues right after '*': the venue text is replaced by a name and the proposed year.
  const json& venues = replies[3]["items"];
  REQUIRE(venues.size() > 10);
  CHECK(venues[0]["kind"] == 12);
  CHECK(venues[0]["textEdit"]["range"]["start"] == position(entry->venue->range.start));
  CHECK(venues[0]["textEdit"]["newText"].get<std::string>().starts_with(
      venues[0]["label"].get<std::string>() + " 20"));

  // One quick fix per fix of every finding.
  CHECK(replies[4].size() == fixes);
  // Fix all and formatting: the same edits, giving what `check --fix` writes.
  REQUIRE(replies[5].size() == 1);
  const json& fix_all = replies[5][0]["edit"]["changes"][uri];
  CHECK(awesome::test::apply_lsp_edits(text, fix_all) == fixed);
  CHECK(replies[6] == fix_all);
  // Range formatting keeps to its lines.
  REQUIRE(!replies[7].empty());
  for (const auto& e : replies[7]) CHECK(e["range"]["end"]["line"].get<int>() <= 400);
  CHECK(replies[7].size() < replies[6].size() + 400);

  // The commands answer null and send their edits to the client to apply.
  CHECK(replies[8].is_null());
  CHECK(replies[9].is_null());
  REQUIRE(!apply_edits.empty());
  CHECK(apply_edits[0]["label"] == "Sort entries of this section");
  const std::string sorted =
      awesome::test::apply_lsp_edits(text, apply_edits[0]["edit"]["changes"][uri]);
  rules::ListDocument after_sort(sorted);
  CHECK(after_sort.model().entries.size() == m.entries.size());
  bool still_out_of_order = false;
  for (const auto& d : after_sort.diagnostics()) {
    still_out_of_order |= d.rule == "entry-order" && d.range.start.line == out_of_order.line;
  }
  CHECK_FALSE(still_out_of_order);
  // The full list's table of contents is either brought up to date or reported as such.
  CHECK(apply_edits.size() + shown.size() == 2);
  CHECK(replies[10].is_null());
}
