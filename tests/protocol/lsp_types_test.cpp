// LSP structs: reading params without exceptions, writing diagnostics with spec field names.
#include "protocol/lsp_types.hpp"

#include <doctest/doctest.h>

using namespace awesome;
using nlohmann::json;

TEST_CASE("didChange params read both incremental and full changes") {
  auto params = lsp::parse_params<lsp::DidChangeTextDocumentParams>(json::parse(R"({
    "textDocument": {"uri": "file:///a.md", "version": 4},
    "contentChanges": [
      {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 5}},
       "rangeLength": 3, "text": "ö"},
      {"text": "whole"}]})"));
  REQUIRE(params);
  CHECK(params->textDocument.version == 4);
  REQUIRE(params->contentChanges.size() == 2);
  CHECK(params->contentChanges[0].range == lsp::Range{{1, 2}, {1, 5}});
  CHECK(params->contentChanges[0].text == "ö");
  CHECK_FALSE(params->contentChanges[1].range);
}

TEST_CASE("wrong parameter types yield nullopt and a message, not an exception") {
  std::string error;
  CHECK_FALSE(lsp::parse_params<lsp::DidOpenTextDocumentParams>(
      json::parse(R"({"textDocument": {"uri": 5}})"), &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(lsp::parse_params<lsp::InitializeParams>(json::array()));
  CHECK_FALSE(lsp::parse_params<lsp::CancelParams>(json::parse(R"({"id": [1]})")));
  CHECK_FALSE(lsp::parse_params<lsp::Position>(json::parse(R"({"line": "1", "character": 0})")));
}

TEST_CASE("initialize params tolerate nulls and absent fields") {
  auto params = lsp::parse_params<lsp::InitializeParams>(json::parse(R"({
    "processId": null, "rootUri": null, "workspaceFolders": null,
    "capabilities": {"general": {"positionEncodings": ["utf-8"]}}})"));
  REQUIRE(params);
  CHECK_FALSE(params->processId);
  CHECK_FALSE(params->rootUri);
  CHECK(params->workspaceFolders.empty());
  CHECK(params->initializationOptions.is_null());
  auto full = lsp::parse_params<lsp::InitializeParams>(json::parse(R"({
    "processId": 42, "rootUri": "file:///w", "trace": "verbose",
    "workspaceFolders": [{"uri": "file:///w", "name": "w"}],
    "initializationOptions": {"keywordMax": 3}})"));
  REQUIRE(full);
  CHECK(full->processId == 42);
  CHECK(full->workspaceFolders.at(0).uri == "file:///w");
  CHECK(full->initializationOptions["keywordMax"] == 3);
  CHECK(full->trace == "verbose");
}

TEST_CASE("a diagnostic is written with the spec's field names") {
  lsp::Diagnostic d;
  d.range = {{3, 4}, {3, 9}};
  d.severity = lsp::DiagnosticSeverity::kError;
  d.code = "keyword-label";
  d.codeDescriptionHref = "https://example.org/rules#keyword-label";
  d.source = "awesome-ls";
  d.message = "m";
  d.tags = {lsp::DiagnosticTag::kUnnecessary};
  d.relatedInformation.push_back({{"file:///a.md", {{1, 0}, {1, 2}}}, "here"});
  json j = d;
  CHECK(j["range"]["start"]["character"] == 4);
  CHECK(j["severity"] == 1);
  CHECK(j["codeDescription"]["href"] == "https://example.org/rules#keyword-label");
  CHECK(j["tags"] == json::array({1}));
  CHECK(j["relatedInformation"][0]["location"]["uri"] == "file:///a.md");
  CHECK_FALSE(j.contains("data"));
}

TEST_CASE("capability flags are read through JSON pointers") {
  json caps = json::parse(R"({"textDocument": {"diagnostic": {"dynamicRegistration": true},
                              "publishDiagnostics": {"relatedInformation": true}}})");
  CHECK(lsp::flag_at(caps, "/textDocument/publishDiagnostics/relatedInformation"));
  CHECK_FALSE(lsp::flag_at(caps, "/textDocument/publishDiagnostics/versionSupport"));
  CHECK_FALSE(lsp::flag_at(caps, "/textDocument/diagnostic"));
  CHECK_FALSE(lsp::flag_at(json(3), "/x"));
}
