// LSP language-feature structs: optional context fields read with the spec's defaults, optional
// result fields left out when empty, kinds written as the spec's numbers.
#include "protocol/lsp_features.hpp"

#include <doctest/doctest.h>

using namespace awesome;
using nlohmann::json;

TEST_CASE("reference and code action params read their context with defaults") {
  const json at = {{"textDocument", {{"uri", "file:///a.md"}}},
                   {"position", {{"line", 1}, {"character", 2}}}};
  auto refs = lsp::parse_params<lsp::ReferenceParams>(at);
  REQUIRE(refs);
  CHECK(refs->includeDeclaration);
  json without = at;
  without["context"] = {{"includeDeclaration", false}};
  CHECK_FALSE(lsp::parse_params<lsp::ReferenceParams>(without)->includeDeclaration);
  without["context"] = {{"includeDeclaration", "yes"}};
  CHECK_FALSE(lsp::parse_params<lsp::ReferenceParams>(without));

  json action = {{"textDocument", {{"uri", "file:///a.md"}}},
                 {"range", {{"start", at["position"]}, {"end", at["position"]}}},
                 {"context", {{"only", {"quickfix", 3}}}}};
  auto parsed = lsp::parse_params<lsp::CodeActionParams>(action);
  REQUIRE(parsed);
  CHECK(parsed->only == std::vector<std::string>{"quickfix", ""});
  action["context"] = {{"only", "quickfix"}};
  CHECK(lsp::parse_params<lsp::CodeActionParams>(action)->only.empty());
  CHECK_FALSE(lsp::parse_params<lsp::TextDocumentPositionParams>(json{{"textDocument", 1}}));
}

TEST_CASE("results leave out empty optional fields and write kinds as numbers") {
  const lsp::Range r{{0, 1}, {0, 4}};
  CHECK(json(lsp::DocumentLink{r, "https://x.org", {}}) ==
        json::parse(R"({"range": {"start": {"line": 0, "character": 1},
                                  "end": {"line": 0, "character": 4}},
                        "target": "https://x.org"})"));
  const json symbol =
      lsp::SymbolInformation{"T", lsp::SymbolKind::kObject, {"file:///a.md", r}, std::nullopt};
  CHECK(symbol["kind"] == 19);
  CHECK_FALSE(symbol.contains("containerName"));
  const json tree = lsp::DocumentSymbol{"S", "", lsp::SymbolKind::kNamespace, r, r, {}};
  CHECK(tree["kind"] == 3);
  CHECK_FALSE(tree.contains("children"));
  CHECK_FALSE(tree.contains("detail"));
  lsp::CompletionItem item;
  item.kind = lsp::CompletionItemKind::kValue;
  item.insertTextFormat = lsp::InsertTextFormat::kSnippet;
  const json written = item;
  CHECK(written["kind"] == 12);
  CHECK(written["insertTextFormat"] == 2);
  CHECK_FALSE(written.contains("documentation"));
  CHECK_FALSE(written.contains("data"));
  CHECK_FALSE(written.contains("detail"));
}

TEST_CASE("code actions and workspace edits round-trip, absent fields staying absent") {
  const lsp::TextEdit edit{{{0, 1}, {0, 4}}, "new"};
  lsp::WorkspaceEdit by_uri;
  by_uri.changes = {{"file:///a.md", {edit}}};
  lsp::WorkspaceEdit versioned;
  versioned.documentChanges = {{{"file:///a.md", 3}, {edit}}, {{"file:///b.md", {}}, {}}};
  const lsp::CodeAction fix{.title = "Fix",
                            .kind = std::string(lsp::CodeActionKind::kQuickFix),
                            .diagnostics = {json{{"message", "m"}}},
                            .isPreferred = false,
                            .edit = by_uri};
  const lsp::CodeAction run{.title = "Run",
                            .kind = "source.x",
                            .command = lsp::Command{"Run it", "x.run", json::array({1})}};
  const lsp::ApplyWorkspaceEditParams apply{"Apply", versioned};
  for (const json& written : {json(fix), json(run), json(apply), json(lsp::WorkspaceEdit{})}) {
    CAPTURE(written.dump());
    if (written.contains("label"))
      CHECK(json(written.get<lsp::ApplyWorkspaceEditParams>()) == written);
    else if (written.contains("title"))
      CHECK(json(written.get<lsp::CodeAction>()) == written);
    else
      CHECK(json(written.get<lsp::WorkspaceEdit>()) == written);
  }
  const json fix_json = fix;
  CHECK(fix_json["isPreferred"] == false);
  CHECK(fix_json["edit"]["changes"]["file:///a.md"][0]["newText"] == "new");
  CHECK_FALSE(fix_json.contains("command"));
  const json run_json = run;
  CHECK_FALSE(run_json.contains("diagnostics"));
  CHECK_FALSE(run_json.contains("isPreferred"));
  CHECK_FALSE(run_json.contains("edit"));
  CHECK(run_json["command"] == json{{"title", "Run it"}, {"command", "x.run"}, {"arguments", {1}}});
  CHECK_FALSE(json(lsp::Command{"t", "c", {}}).contains("arguments"));
  const json documents = json(apply)["edit"]["documentChanges"];
  CHECK(documents[0]["textDocument"] == json{{"uri", "file:///a.md"}, {"version", 3}});
  CHECK(documents[1]["textDocument"]["version"].is_null());
  CHECK(json(lsp::WorkspaceEdit{}) == json::object());
  CHECK_FALSE(json(lsp::ApplyWorkspaceEditParams{"", by_uri}).contains("label"));
}
