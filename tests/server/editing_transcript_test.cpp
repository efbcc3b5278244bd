// A transcript of the real `awesome-ls serve` binary answering every editing method on the
// 1 MB list over stdio: completion (key words, venues), code actions, fix all, formatting,
// range formatting and the sort-section and update-ToC commands. Expectations come from the
// rules engine on the same text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/server/serve_once.hpp"
#include "tests/support/files.hpp"

using nlohmann::json;
namespace rules = awesome::rules;

namespace {

using awesome::test::framed_notification;
using awesome::test::framed_request;

json position(rules::Position p) {
  return {{"line", p.line}, {"character", p.column}};
}

json at(std::string_view uri, rules::Position p) {
  return {{"textDocument", {{"uri", uri}}}, {"position", position(p)}};
}

json range(rules::Position a, rules::Position b) {
  return {{"start", position(a)}, {"end", position(b)}};
}

/// What the session edits: the list, an entry with an arXiv id, a venue and key words, the
/// first entry out of order and what the fixes give.
struct Subject {
  std::string uri = "file:///full.md";
  std::string text = awesome::test::corpus("trustworthy-2026-full.md");
  rules::ListDocument list{text};
  const rules::Entry* entry = nullptr;
  std::size_t fixes = 0;
  rules::Position out_of_order{};
  std::string fixed = rules::fix_all(text, {});

  Subject() {
    for (const auto& e : list.model().entries) {
      if (e.arxiv && e.venue && e.keywords.size() >= 2) {
        entry = &e;
        break;
      }
    }
    for (const auto& d : list.diagnostics()) {
      fixes += d.fixes.size();
      if (d.rule == "entry-order" && out_of_order == rules::Position{})
        out_of_order = d.range.start;
    }
  }
};

/// Requests 2 to 9 of the session: completions, code actions, formatting and commands.
std::string editing_requests(const Subject& s) {
  const std::string& uri = s.uri;
  const json whole = range({0, 0}, {s.list.line_count(), 0});
  const json formatting_options = {{"tabSize", 2}, {"insertSpaces", true}};
  return framed_request(2, "textDocument/completion", at(uri, s.entry->keywords[0].range.start)) +
         framed_request(3, "textDocument/completion", at(uri, s.entry->venue->range.start)) +
         framed_request(4, "textDocument/codeAction",
                        {{"textDocument", {{"uri", uri}}},
                         {"range", whole},
                         {"context", {{"diagnostics", json::array()}, {"only", {"quickfix"}}}}}) +
         framed_request(
             5, "textDocument/codeAction",
             {{"textDocument", {{"uri", uri}}},
              {"range", range({0, 0}, {0, 0})},
              {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}}) +
         framed_request(6, "textDocument/formatting",
                        {{"textDocument", {{"uri", uri}}}, {"options", formatting_options}}) +
         framed_request(7, "textDocument/rangeFormatting",
                        {{"textDocument", {{"uri", uri}}},
                         {"range", range({0, 0}, {400, 0})},
                         {"options", formatting_options}}) +
         framed_request(8, "workspace/executeCommand",
                        {{"command", "awesome-ls.sortSection"},
                         {"arguments", {{{"uri", uri}, {"position", position(s.out_of_order)}}}}}) +
         framed_request(9, "workspace/executeCommand",
                        {{"command", "awesome-ls.updateToc"}, {"arguments", {{{"uri", uri}}}}});
}

}  // namespace

TEST_CASE("editing: every method over stdio on the full list, from initialize to exit") {
  Subject s;
  REQUIRE(s.entry != nullptr);
  REQUIRE(s.out_of_order.line > 0);
  const std::string& uri = s.uri;
  const rules::KeywordPhrase& phrase = s.entry->keywords[0];

  const std::string input =
      framed_request(1, "initialize",
                     {{"processId", nullptr},
                      {"rootUri", nullptr},
                      {"capabilities",
                       {{"general", {{"positionEncodings", {"utf-8"}}}},
                        {"textDocument",
                         {{"completion", {{"completionItem", {{"snippetSupport", true}}}}}}}}}}) +
      framed_notification("initialized", json::object()) +
      framed_notification(
          "textDocument/didOpen",
          {{"textDocument",
            {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", s.text}}}}) +
      editing_requests(s) + framed_request(10, "shutdown", nullptr) +
      framed_notification("exit", nullptr);
  const awesome::test::ServeOutput output = awesome::test::serve_once(input);
  std::map<int, json> replies = output.replies;
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
  CHECK(venues[0]["textEdit"]["range"]["start"] == position(s.entry->venue->range.start));
  CHECK(venues[0]["textEdit"]["newText"].get<std::string>().starts_with(
      venues[0]["label"].get<std::string>() + " 20"));

  // One quick fix per fix of every finding.
  CHECK(replies[4].size() == s.fixes);
  // Fix all and formatting: the same edits, giving what `check --fix` writes.
  REQUIRE(replies[5].size() == 1);
  const json& fix_all = replies[5][0]["edit"]["changes"][uri];
  CHECK(awesome::test::apply_lsp_edits(s.text, fix_all) == s.fixed);
  CHECK(replies[6] == fix_all);
  // Range formatting keeps to its lines.
  REQUIRE(!replies[7].empty());
  for (const auto& e : replies[7]) CHECK(e["range"]["end"]["line"].get<int>() <= 400);
  CHECK(replies[7].size() < replies[6].size() + 400);

  // The commands answer null and send their edits to the client to apply.
  CHECK(replies[8].is_null());
  CHECK(replies[9].is_null());
  const std::vector<json> apply_edits = output.params_of("workspace/applyEdit");
  REQUIRE(!apply_edits.empty());
  CHECK(apply_edits[0]["label"] == "Sort entries of this section");
  const std::string sorted =
      awesome::test::apply_lsp_edits(s.text, apply_edits[0]["edit"]["changes"][uri]);
  rules::ListDocument after_sort(sorted);
  CHECK(after_sort.model().entries.size() == s.list.model().entries.size());
  bool still_out_of_order = false;
  for (const auto& d : after_sort.diagnostics()) {
    still_out_of_order |= d.rule == "entry-order" && d.range.start.line == s.out_of_order.line;
  }
  CHECK_FALSE(still_out_of_order);
  // The full list's table of contents is either brought up to date or reported as such.
  CHECK(apply_edits.size() + output.params_of("window/showMessage").size() == 2);
  CHECK(replies[10].is_null());
}
