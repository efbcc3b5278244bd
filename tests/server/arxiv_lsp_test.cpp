// The arXiv rules in the language server: with `arxiv.enabled`, the server hands the ids of
// its documents to the fetcher once, and republishes with the arxiv-* findings when the
// metadata arrives; without it, it asks nothing. In process (the fetcher a test's function),
// and the real `awesome-ls serve` against the local stand-in for the API.
#include <doctest/doctest.h>
#include <stdlib.h>

#include "server/arxiv/endpoint.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/server/local_arxiv.hpp"
#include "tests/server/lsp_process.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr std::string_view kList = R"(# Awesome Small List

## Robustness

- Improving Invariance in Contrastive Representation Learning. [[paper]](https://arxiv.org/abs/2010.09515)
  - Adam Foster, Rattana Pukdee, Tom Rainforth. *ICLR 2021*
  - Digest: We first introduce a training objective for contrastive learning.

- Informative Dropout for Robust Representation Learning: A Shape-bias Perspective. [[paper]](https://arxiv.org/abs/2008.04254)
  - Baifeng Shi, Dinghuai Zhang. *ICML 2020*
  - Digest: We improve robustness by alleviating texture bias.
)";

awesome::rules::ArxivLookup metadata() {
  awesome::rules::ArxivLookup lookup;
  auto& foster = lookup.papers["2010.09515"];
  foster.id = "2010.09515";
  foster.title = "Improving Transformation Invariance in Contrastive Representation Learning";
  foster.authors = {"Adam Foster", "Rattana Pukdee", "Tom Rainforth"};
  auto& shi = lookup.papers["2008.04254"];
  shi.id = "2008.04254";
  shi.title = "Informative Dropout for Robust Representation Learning: A Shape-bias Perspective";
  shi.authors = {"Baifeng Shi", "Dinghuai Zhang"};
  return lookup;
}

std::vector<std::pair<int, std::string>> arxiv_codes(const json& diagnostics) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& d : diagnostics) {
    const std::string code = d.value("code", "");
    if (code.starts_with("arxiv-"))
      out.emplace_back(d["range"]["start"]["line"].get<int>(), code);
  }
  return out;
}

}  // namespace

TEST_CASE("with arxiv.enabled the server asks once per id and republishes when answers come") {
  FakeClient client;
  std::vector<std::vector<std::string>> asked;
  client.server().set_arxiv_fetcher(
      [&](std::vector<std::string> ids, const awesome::rules::ArxivSettings& settings) {
        CHECK(settings.enabled);
        asked.push_back(std::move(ids));
      });
  client.initialize({}, {{"initializationOptions", {{"arxiv", {{"enabled", true}}}}}});
  client.open("file:///a.md", kList);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0] == std::vector<std::string>{"2010.09515", "2008.04254"});
  auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(arxiv_codes(published[0]["params"]["diagnostics"]).empty());  // nothing known yet

  client.server().on_arxiv_metadata(metadata());
  published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(arxiv_codes(published[0]["params"]["diagnostics"]) ==
        std::vector<std::pair<int, std::string>>{{4, "arxiv-title"}});

  // Typing arXiv's title in: republished without the finding, and nobody is asked again.
  const json at = {{"line", 4}, {"character", 12}};
  json change = {{"range", {{"start", at}, {"end", at}}}, {"text", "Transformation "}};
  json params = {{"textDocument", {{"uri", "file:///a.md"}, {"version", 2}}}};
  params["contentChanges"] = json::array({change});
  client.notify("textDocument/didChange", params);
  published = client.take("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(arxiv_codes(published[0]["params"]["diagnostics"]).empty());
  CHECK(asked.size() == 1);
}

/// The code actions at `line` of file:///a.md.
json actions_at(FakeClient& client, int line) {
  const json position = {{"line", line}, {"character", 0}};
  return client.request("textDocument/codeAction",
                        {{"textDocument", {{"uri", "file:///a.md"}}},
                         {"range", {{"start", position}, {"end", position}}},
                         {"context", {{"diagnostics", json::array()}}}})["result"];
}

const json* titled(const json& actions, std::string_view title) {
  for (const auto& a : actions) {
    if (a["title"] == title)
      return &a;
  }
  return nullptr;
}

TEST_CASE(
    "code actions: arXiv's title, and the whole entry on a line holding only its URL; completion "
    "too") {
  FakeClient client;
  std::vector<std::vector<std::string>> asked;
  client.server().set_arxiv_fetcher(
      [&](std::vector<std::string> ids, const awesome::rules::ArxivSettings&) {
        asked.push_back(std::move(ids));
      });
  client.initialize({}, {{"initializationOptions", {{"arxiv", {{"enabled", true}}}}}});
  const std::string text = std::string(kList) + "\nhttps://arxiv.org/abs/2009.01234\n";
  client.open("file:///a.md", text);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0] == std::vector<std::string>{"2010.09515", "2008.04254", "2009.01234"});
  CHECK(titled(actions_at(client, 12), "Write the entry of arXiv 2009.01234") == nullptr);

  auto lookup = metadata();
  auto& added = lookup.papers["2009.01234"];
  added.id = "2009.01234";
  added.title = "Robust Training with $\\epsilon$-Balls";
  added.authors = {"Ada Lovelace", "Kurt G\\\"odel"};
  client.server().on_arxiv_metadata(lookup);

  const json title_actions = actions_at(client, 4);
  const json* fix = titled(title_actions, "Write arXiv's title");
  REQUIRE(fix != nullptr);
  CHECK((*fix)["diagnostics"][0]["code"] == "arxiv-title");
  CHECK((*fix)["edit"]["changes"]["file:///a.md"][0]["newText"] ==
        "Improving Transformation Invariance in Contrastive Representation Learning.");

  const json line_actions = actions_at(client, 12);
  const json* entry = titled(line_actions, "Write the entry of arXiv 2009.01234");
  REQUIRE(entry != nullptr);
  const std::string written =
      awesome::test::apply_lsp_edits(text, (*entry)["edit"]["changes"]["file:///a.md"]);
  // The same entry as a completion item on that line.
  const json completion = client.request(
      "textDocument/completion", {{"textDocument", {{"uri", "file:///a.md"}}},
                                  {"position", {{"line", 12}, {"character", 33}}}})["result"];
  const json* item = nullptr;
  for (const auto& i : completion["items"]) {
    if (i["label"] == "Robust Training with ε-Balls.")
      item = &i;
  }
  REQUIRE(item != nullptr);
  CHECK((*item)["textEdit"]["newText"] ==
        (*entry)["edit"]["changes"]["file:///a.md"][0]["newText"]);
  CHECK((*item)["filterText"] == "https://arxiv.org/abs/2009.01234");
  CHECK(written.ends_with(
      "\n- Robust Training with ε-Balls. [[paper]](https://arxiv.org/abs/2009.01234)\n"
      "  - Ada Lovelace, Kurt Gödel.\n"
      "  - Key Word: \n"
      "  - Digest: \n"));
}

TEST_CASE("a client that pulls diagnostics gets the arxiv findings on its next pull") {
  FakeClient client;
  std::size_t asked = 0;
  client.server().set_arxiv_fetcher(
      [&](std::vector<std::string> ids, const awesome::rules::ArxivSettings&) {
        asked += ids.size();
      });
  client.initialize({{"textDocument", {{"diagnostic", json::object()}}}},
                    {{"initializationOptions", {{"arxiv", {{"enabled", true}}}}}});
  client.open("file:///a.md", kList);
  const json pull = {{"textDocument", {{"uri", "file:///a.md"}}}};
  const json before = client.request("textDocument/diagnostic", pull)["result"];
  CHECK(asked == 2);
  CHECK(arxiv_codes(before["items"]).empty());
  client.server().on_arxiv_metadata(metadata());
  CHECK(
      client.take("textDocument/publishDiagnostics").empty());  // a pulling client is not pushed to
  const json after = client.request("textDocument/diagnostic", pull)["result"];
  CHECK(after["resultId"] != before["resultId"]);
  CHECK(arxiv_codes(after["items"]) ==
        std::vector<std::pair<int, std::string>>{{4, "arxiv-title"}});
}

TEST_CASE("without arxiv.enabled the server never asks and reports no arxiv rule") {
  FakeClient client;
  bool asked = false;
  client.server().set_arxiv_fetcher(
      [&](std::vector<std::string>, const awesome::rules::ArxivSettings&) { asked = true; });
  client.initialize();
  client.open("file:///a.md", kList);
  client.server().on_arxiv_metadata(metadata());
  CHECK_FALSE(asked);
  for (const auto& p : client.take("textDocument/publishDiagnostics"))
    CHECK(arxiv_codes(p["params"]["diagnostics"]).empty());
}

TEST_CASE("awesome-ls serve fetches on its loop and publishes the arxiv findings") {
  json papers;
  papers["2010.09515"] = awesome::test::paper_json(
      "Improving Transformation Invariance in Contrastive Representation Learning",
      {"Adam Foster", "Rattana Pukdee", "Tom Rainforth"});
  papers["2008.04254"] = awesome::test::paper_json(
      "Informative Dropout for Robust Representation Learning: A Shape-bias Perspective",
      {"Baifeng Shi", "Dinghuai Zhang"});
  const awesome::test::LocalArxiv server(papers);
  awesome::test::TempDir cache;
  ::setenv("AWESOME_LS_ARXIV_URL", server.url().c_str(), 1);
  ::setenv("XDG_CACHE_HOME", cache.path.c_str(), 1);
  awesome::test::LspProcess lsp;
  ::unsetenv("AWESOME_LS_ARXIV_URL");
  ::unsetenv("XDG_CACHE_HOME");
  lsp.send({{"jsonrpc", "2.0"},
            {"id", 1},
            {"method", "initialize"},
            {"params",
             {{"processId", nullptr},
              {"rootUri", nullptr},
              {"capabilities", json::object()},
              {"initializationOptions", {{"arxiv", {{"enabled", true}}}}}}}});
  lsp.reply_to(1);
  lsp.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  lsp.send({{"jsonrpc", "2.0"},
            {"method", "textDocument/didOpen"},
            {"params",
             {{"textDocument",
               {{"uri", "file:///a.md"},
                {"languageId", "markdown"},
                {"version", 1},
                {"text", kList}}}}}});
  // The first publication comes before the answer; the one after it holds the finding.
  const json published = lsp.receive_until([](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" &&
           !arxiv_codes(m["params"]["diagnostics"]).empty();
  });
  CHECK(arxiv_codes(published["params"]["diagnostics"]) ==
        std::vector<std::pair<int, std::string>>{{4, "arxiv-title"}});
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].ids == std::vector<std::string>{"2010.09515", "2008.04254"});
  lsp.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  lsp.reply_to(2);
  lsp.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
}
