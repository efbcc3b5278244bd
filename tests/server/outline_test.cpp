// The outline as clients read it: symbol names without Markdown (badges, links, emphasis,
// code), year sections named by their year under their category, selection ranges inside
// ranges, the same names in workspace/symbol, and the papers-only outline that
// initializationOptions `outline: "papers"` asks for.
#include <doctest/doctest.h>

#include <functional>

#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kUri = "file:///marked.md";
constexpr const char* kList =
    "# Awesome `Safe` List [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"  // 0
    "\n"                                                                                      // 1
    "## *Privacy* and [Safety](https://example.org/safety)\n"                                 // 2
    "\n"                                                                                      // 3
    "### Privacy and Safety: 2019 and Before\n"                                               // 4
    "\n"                                                                                      // 5
    "- **Private** `k`-means for snake_case \\*names\\*. "
    "[[paper]](https://arxiv.org/abs/1910.00001)\n"
    "  - Ann Lee. *ICLR 2020*\n"                                // 7
    "  - Key Word: Privacy.\n"                                  // 8
    "  - Digest: A.\n"                                          // 9
    "\n"                                                        // 10
    "### Fairness: 2018\n"                                      // 11
    "\n"                                                        // 12
    "- Paper B. [[paper]](https://arxiv.org/abs/1801.00002)\n"  // 13
    "  - Bo Chen. *NeurIPS 2018*\n"                             // 14
    "  - Key Word: Privacy.\n"                                  // 15
    "  - Digest: B.\n";                                         // 16

json hierarchical() {
  return {{"textDocument", {{"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}}}}};
}

json symbols_of(FakeClient& client) {
  json reply = client.request("textDocument/documentSymbol", {{"textDocument", {{"uri", kUri}}}});
  REQUIRE(reply.contains("result"));
  return reply["result"];
}

json names(const json& symbols) {
  json out = json::array();
  for (const auto& s : symbols) out.push_back(s["name"]);
  return out;
}

bool before(const json& a, const json& b) {
  return a["line"] < b["line"] || (a["line"] == b["line"] && a["character"] <= b["character"]);
}

/// Every symbol of the tree, depth first.
void each_symbol(const json& symbols, const std::function<void(const json&)>& visit) {
  for (const auto& s : symbols) {
    visit(s);
    if (s.contains("children"))
      each_symbol(s["children"], visit);
  }
}

}  // namespace

TEST_CASE("outline: names without badges, links, emphasis and code; years by their year") {
  FakeClient client;
  client.initialize(hierarchical());
  client.open(kUri, kList);
  const json symbols = symbols_of(client);
  REQUIRE(symbols.size() == 1);
  const json& title = symbols[0];
  CHECK(title["name"] == "Awesome Safe List");
  CHECK(title["kind"] == 1);  // File
  CHECK(title["detail"] == "2 papers");
  REQUIRE(title["children"].size() == 1);
  const json& category = title["children"][0];
  CHECK(category["name"] == "Privacy and Safety");
  CHECK(category["kind"] == 3);  // Namespace
  CHECK(category["detail"] == "2 papers");
  // The year section of this category drops the category; one naming another keeps it.
  CHECK(names(category["children"]) == json{"2019 and Before", "Fairness: 2018"});
  const json& year = category["children"][0];
  CHECK(year["kind"] == 4);  // Package
  CHECK(year["detail"] == "1 paper");
  const json& paper = year["children"][0];
  CHECK(paper["name"] == "Private k-means for snake_case *names*.");
  CHECK(paper["kind"] == 19);  // Object
  CHECK(paper["detail"] == "1910.00001 · ICLR 2020");
  CHECK(category["children"][1]["children"][0]["detail"] == "1801.00002 · NeurIPS 2018");

  int seen = 0;
  each_symbol(symbols, [&](const json& s) {
    ++seen;
    CAPTURE(s["name"]);
    CHECK(before(s["range"]["start"], s["selectionRange"]["start"]));
    CHECK(before(s["selectionRange"]["end"], s["range"]["end"]));
  });
  CHECK(seen == 6);
}

TEST_CASE("outline: flat clients get the cleaned names and the whole heading as container") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json symbols = symbols_of(client);
  CHECK(names(symbols) == json{"Awesome Safe List", "Privacy and Safety", "2019 and Before",
                               "Private k-means for snake_case *names*.", "Fairness: 2018",
                               "Paper B."});
  CHECK_FALSE(symbols[0].contains("containerName"));
  CHECK(symbols[1]["containerName"] == "Awesome Safe List");
  CHECK(symbols[2]["containerName"] == "Privacy and Safety");
  CHECK(symbols[3]["containerName"] == "Privacy and Safety: 2019 and Before");
  CHECK(symbols[5]["containerName"] == "Fairness: 2018");
}

TEST_CASE("outline: workspace/symbol names papers and sections without Markdown") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json found = client.request("workspace/symbol", {{"query", "private"}})["result"];
  REQUIRE(found.size() == 1);
  CHECK(found[0]["name"] == "Private k-means for snake_case *names*.");
  CHECK(found[0]["containerName"] == "Privacy and Safety: 2019 and Before");
}

TEST_CASE("outline: initializationOptions outline \"papers\" lists only the papers") {
  SUBCASE("hierarchical: the papers in document order, no heading") {
    FakeClient client;
    const json reply =
        client.initialize(hierarchical(), {{"initializationOptions", {{"outline", "papers"}}}});
    // VS Code names the server's group of the Outline view after the label.
    CHECK(reply["result"]["capabilities"]["documentSymbolProvider"] ==
          json{{"label", "awesome-ls papers"}});
    client.open(kUri, kList);
    const json symbols = symbols_of(client);
    CHECK(names(symbols) == json{"Private k-means for snake_case *names*.", "Paper B."});
    CHECK(symbols[1] == json{{"name", "Paper B."},
                             {"detail", "1801.00002 · NeurIPS 2018"},
                             {"kind", 19},
                             {"range",
                              {{"start", {{"line", 13}, {"character", 0}}},
                               {"end", {{"line", 17}, {"character", 0}}}}},
                             {"selectionRange",
                              {{"start", {{"line", 13}, {"character", 2}}},
                               {"end", {{"line", 13}, {"character", 10}}}}}});
  }
  SUBCASE("flat: the papers with their sections as containers") {
    FakeClient client;
    client.initialize(json::object(), {{"initializationOptions", {{"outline", "papers"}}}});
    client.open(kUri, kList);
    const json symbols = symbols_of(client);
    CHECK(names(symbols) == json{"Private k-means for snake_case *names*.", "Paper B."});
    CHECK(symbols[0]["containerName"] == "Privacy and Safety: 2019 and Before");
  }
  SUBCASE("beside settings, which still apply; \"full\" is the tree") {
    FakeClient client;
    client.initialize(
        hierarchical(),
        {{"initializationOptions", {{"outline", "full"}, {"awesomeLs", {{"dialect", "2021"}}}}}});
    client.open(kUri, kList);
    CHECK(names(symbols_of(client)) == json{"Awesome Safe List"});
    const json info =
        client.request("awesome-ls/documentInfo", {{"textDocument", {{"uri", kUri}}}})["result"];
    CHECK(info["dialectSource"] == "configured");
    CHECK(client.take("window/showMessage").empty());
  }
  SUBCASE("another value: a warning in the log, and the tree") {
    FakeClient client;
    client.initialize(hierarchical(), {{"initializationOptions", {{"outline", "headings"}}}});
    client.open(kUri, kList);
    CHECK(names(symbols_of(client)) == json{"Awesome Safe List"});
    bool warned = false;
    for (const json& m : client.take("window/logMessage")) {
      warned =
          warned || m["params"]["message"].get<std::string>().find("outline") != std::string::npos;
    }
    CHECK(warned);
  }
}
