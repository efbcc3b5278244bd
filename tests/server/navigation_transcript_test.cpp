// A transcript of the real `awesome-ls serve` binary answering every navigation method on the
// 1 MB list over stdio, with a workspace folder holding the 2021 list for workspace/symbol.
// Expected counts come from the rules model of the same text.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "rules/list_document.hpp"
#include "rules/queries.hpp"
#include "server/common/file_walk.hpp"
#include "tests/server/serve_once.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/support/files.hpp"

using nlohmann::json;
namespace rules = awesome::rules;

namespace {

using awesome::test::framed_notification;
using awesome::test::framed_request;

json at(std::string_view uri, std::uint32_t line, std::uint32_t character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

std::size_t count_kind(const json& symbols, int kind) {
  std::size_t n = 0;
  for (const auto& s : symbols) {
    n += s["kind"] == kind;
    if (s.contains("children"))
      n += count_kind(s["children"], kind);
  }
  return n;
}

}  // namespace

TEST_CASE("navigation: every method over stdio on the full list, from initialize to exit") {
  const std::string text = awesome::test::corpus("trustworthy-2026-full.md");
  rules::ListDocument list(text);
  const rules::Model& m = list.model();
  awesome::test::TempDir workspace;
  awesome::test::write_bytes(workspace.path / "lists" / "trustworthy-2021.md",
                             awesome::test::corpus("trustworthy-2021.md"));
  const std::string uri = "file:///full.md";

  // Positions from the model (the session negotiates UTF-8, so byte columns are LSP columns).
  const rules::TocItem& survey = m.toc[1];
  const rules::Entry& first = m.entries[1];  // NeuroAI for AI Safety, 2411.18526
  const rules::KeywordPhrase& phrase = first.keywords[0];
  const std::size_t uses = rules::keyword_occurrences(m, phrase.text).size();
  const json keyword_at = at(uri, phrase.range.start.line, phrase.range.start.column + 1);

  std::string input =
      framed_request(1, "initialize",
                     {{"processId", nullptr},
                      {"rootUri", awesome::server::path_to_file_uri(workspace.path)},
                      {"capabilities",
                       {{"general", {{"positionEncodings", {"utf-8"}}}},
                        {"textDocument",
                         {{"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}},
                          {"rename", {{"prepareSupport", true}}}}}}}}) +
      framed_notification("initialized", json::object()) +
      framed_notification(
          "textDocument/didOpen",
          {{"textDocument",
            {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}});
  const json doc = {{"textDocument", {{"uri", uri}}}};
  json references = keyword_at;
  references["context"] = {{"includeDeclaration", true}};
  json rename = keyword_at;
  rename["newName"] = "Safety of AI";
  input += framed_request(2, "textDocument/documentSymbol", doc) +
           framed_request(3, "textDocument/foldingRange", doc) +
           framed_request(4, "textDocument/documentLink", doc) +
           framed_request(5, "textDocument/definition",
                          at(uri, survey.range.start.line, survey.range.start.column + 2)) +
           framed_request(6, "textDocument/references", references) +
           framed_request(7, "textDocument/hover",
                          at(uri, first.first_line, first.links[0].range.start.column + 3)) +
           framed_request(8, "textDocument/prepareRename", keyword_at) +
           framed_request(9, "textDocument/rename", rename) +
           framed_request(10, "workspace/symbol", {{"query", "2010.09515"}}) +
           framed_request(11, "shutdown", nullptr) + framed_notification("exit", nullptr);

  std::map<int, json> replies = awesome::test::serve_once(input).replies;
  REQUIRE(replies.size() == 11);

  const json caps = replies[1]["capabilities"];
  CHECK(caps["positionEncoding"] == "utf-8");
  CHECK(caps["renameProvider"] == json{{"prepareProvider", true}});
  CHECK(count_kind(replies[2], 19) == m.entries.size());
  CHECK(replies[3].size() > m.entries.size());
  std::size_t web_links = 0;
  for (const auto& e : m.entries) {
    for (const auto& l : e.links) web_links += l.url.starts_with("http");
  }
  CHECK(replies[4].size() == web_links + 9);  // nine ToC links name a heading of the file
  const std::size_t survey_heading = rules::section_for_anchor(m, survey.anchor);
  REQUIRE(survey_heading != SIZE_MAX);
  CHECK(replies[5]["uri"] == uri);
  CHECK(replies[5]["range"]["start"]["line"] == m.sections[survey_heading].range.start.line);
  CHECK(replies[6].size() == uses);
  CHECK(replies[7]["contents"]["value"].get<std::string>().starts_with(
      "**arXiv 2411.18526** · November 2024"));
  CHECK(replies[8]["placeholder"] == phrase.text);
  CHECK(replies[9]["changes"][uri].size() == uses);
  // The paper is in both lists: the open document's copy first, then the workspace file's.
  REQUIRE(replies[10].size() == 2);
  CHECK(replies[10][0]["location"]["uri"] == uri);
  CHECK(replies[10][1]["name"] ==
        "Improving Transformation Invariance in Contrastive Representation Learning.");
  CHECK(
      replies[10][1]["location"]["uri"].get<std::string>().ends_with("/lists/trustworthy-2021.md"));
}
