// Navigation in-process on a small list with exact items, ranges and edits: document symbols,
// folding ranges, document links, definition, references, hover, prepareRename and rename, in
// UTF-16 and UTF-8, plus malformed params and unknown documents.
#include <doctest/doctest.h>

#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kUri = "file:///a.md";
constexpr const char* kList =
    "# Awesome List\n"           // 0
    "\n"                         // 1
    "## Table of Contents\n"     // 2
    "\n"                         // 3
    "- [Privacy](#privacy)\n"    // 4
    "- [Fairness](#fairness)\n"  // 5
    "\n"                         // 6
    "## Privacy\n"               // 7
    "\n"                         // 8
    "### Privacy: 2020\n"        // 9
    "\n"                         // 10
    "- Paper One. [[paper]](https://arxiv.org/abs/2010.09515) [[code]](https://github.com/a/b)\n"
    "  - Ann Lee, Bo Chen. *ICLR 2021*\n"                               // 12
    "  - Key Word: Differential Privacy; Contrastive Learning.\n"       // 13
    "  - Digest: We study privacy.\n"                                   // 14
    "\n"                                                                // 15
    "- Paper Two. [[paper]](https://arxiv.org/abs/2008.04254)\n"        // 16
    "  - Cy Dee. *NeurIPS 2020*\n"                                      // 17
    "  - Key Word: Differential Privacy.\n"                             // 18
    "  - Digest: Another one.\n"                                        // 19
    "\n"                                                                // 20
    "## Fairness\n"                                                     // 21
    "\n"                                                                // 22
    "### Fairness: 2020\n"                                              // 23
    "\n"                                                                // 24
    "- Paper One Again. [[paper]](https://arxiv.org/abs/2010.09515)\n"  // 25
    "  - Ann Lee. *ICML 2020*\n"                                        // 26
    "  - Key Word: Differential Privacy; Fairness.\n"                   // 27
    "  - Digest: A duplicate.";                                         // 28

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}
json location(int l1, int c1, int l2, int c2) {
  return {{"uri", kUri}, {"range", range(l1, c1, l2, c2)}};
}
json at(int line, int character, std::string_view uri = kUri) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}
json doc_params(std::string_view uri = kUri) {
  return {{"textDocument", {{"uri", uri}}}};
}

json hierarchical_caps() {
  return {{"textDocument",
           {{"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}},
            {"rename", {{"prepareSupport", true}}}}}};
}

/// A client with kList open.
struct Session {
  FakeClient client;
  json capabilities;
  explicit Session(json caps = hierarchical_caps(), const char* text = kList) {
    capabilities = client.initialize(std::move(caps))["result"]["capabilities"];
    client.open(kUri, text);
  }
  json result(std::string_view method, json params) {
    json reply = client.request(method, std::move(params));
    REQUIRE(reply.contains("result"));
    return reply["result"];
  }
  int error(std::string_view method, json params) {
    json reply = client.request(method, std::move(params));
    REQUIRE(reply.contains("error"));
    return reply["error"]["code"].get<int>();
  }
};

json names(const json& symbols) {
  json out = json::array();
  for (const auto& s : symbols) out.push_back(s["name"]);
  return out;
}

json edits_of(const json& workspace_edit) {
  return workspace_edit["changes"][kUri];
}
json edit(int line, int c1, int c2, std::string_view text) {
  return {{"range", range(line, c1, line, c2)}, {"newText", text}};
}

}  // namespace

TEST_CASE("navigation: every method is declared, renameProvider with prepareProvider on request") {
  Session with_prepare;
  const json& caps = with_prepare.capabilities;
  for (const char* provider : {"workspaceSymbolProvider", "foldingRangeProvider",
                               "definitionProvider", "referencesProvider", "hoverProvider"}) {
    CHECK(caps[provider] == true);
  }
  CHECK(caps["documentSymbolProvider"] == json{{"label", "awesome-ls"}});
  CHECK(caps["documentLinkProvider"] == json{{"resolveProvider", false}});
  CHECK(caps["renameProvider"] == json{{"prepareProvider", true}});
  Session without(json::object());
  CHECK(without.capabilities["renameProvider"] == true);
}

TEST_CASE("navigation: documentSymbol is a tree of categories, year sections and papers") {
  Session s;
  json symbols = s.result("textDocument/documentSymbol", doc_params());
  REQUIRE(symbols.size() == 1);
  const json& title = symbols[0];
  CHECK(title["name"] == "Awesome List");
  CHECK(title["kind"] == 1);
  CHECK(title["detail"] == "3 papers");
  CHECK(title["range"] == range(0, 0, 28, 24));
  CHECK(title["selectionRange"] == range(0, 2, 0, 14));
  CHECK(names(title["children"]) == json{"Table of Contents", "Privacy", "Fairness"});
  const json& toc = title["children"][0];
  CHECK(toc["kind"] == 15);
  CHECK_FALSE(toc.contains("detail"));
  const json& privacy = title["children"][1];
  CHECK(privacy["kind"] == 3);
  CHECK(privacy["detail"] == "2 papers");
  CHECK(privacy["range"] == range(7, 0, 21, 0));
  CHECK(privacy["selectionRange"] == range(7, 3, 7, 10));
  REQUIRE(privacy["children"].size() == 1);
  const json& year = privacy["children"][0];
  CHECK(year["name"] == "2020");  // under its category, the year alone
  CHECK(year["detail"] == "2 papers");
  CHECK(year["kind"] == 4);
  CHECK(year["selectionRange"] == range(9, 4, 9, 17));
  CHECK(names(year["children"]) == json{"Paper One.", "Paper Two."});
  CHECK(year["children"][0] == json{{"name", "Paper One."},
                                    {"detail", "2010.09515 · ICLR 2021"},
                                    {"kind", 19},
                                    {"range", range(11, 0, 15, 0)},
                                    {"selectionRange", range(11, 2, 11, 12)}});
  CHECK(year["children"][1]["detail"] == "2008.04254 · NeurIPS 2020");
  const json& fairness = title["children"][2];
  CHECK(fairness["detail"] == "1 paper");
  CHECK(fairness["children"][0]["children"][0]["detail"] == "2010.09515 · ICML 2020");
}

TEST_CASE("navigation: documentSymbol without hierarchy support is a flat SymbolInformation list") {
  Session s(json::object());
  json symbols = s.result("textDocument/documentSymbol", doc_params());
  CHECK(names(symbols) == json{"Awesome List", "Table of Contents", "Privacy", "2020", "Paper One.",
                               "Paper Two.", "Fairness", "2020", "Paper One Again."});
  CHECK_FALSE(symbols[0].contains("containerName"));
  CHECK(symbols[4] == json{{"name", "Paper One."},
                           {"kind", 19},
                           {"location", location(11, 0, 15, 0)},
                           {"containerName", "Privacy: 2020"}});
  // A flat list shows no parent: a paper's container is its section's whole heading text.
  CHECK(symbols[3]["containerName"] == "Privacy");
  CHECK(symbols[8]["containerName"] == "Fairness: 2020");
}

TEST_CASE("navigation: folding ranges for sections (without trailing blank lines) and entries") {
  Session s;
  json folds = s.result("textDocument/foldingRange", doc_params());
  json expected = json::array();
  for (auto [a, b] : {std::pair{0, 28},
                      {2, 5},
                      {7, 19},
                      {9, 19},
                      {11, 14},
                      {16, 19},
                      {21, 28},
                      {23, 28},
                      {25, 28}}) {
    expected.push_back({{"startLine", a}, {"endLine", b}});
  }
  CHECK(folds == expected);
  SUBCASE("the client's rangeLimit caps the list") {
    Session limited(json{{"textDocument", {{"foldingRange", {{"rangeLimit", 3}}}}}});
    CHECK(limited.result("textDocument/foldingRange", doc_params()).size() == 3);
  }
}

TEST_CASE("navigation: document links for ToC items (#L<line>) and every entry link") {
  Session s;
  json links = s.result("textDocument/documentLink", doc_params());
  REQUIRE(links.size() == 6);
  CHECK(links[0] == json{{"range", range(4, 2, 4, 21)},
                         {"target", "file:///a.md#L8"},
                         {"tooltip", "Go to the heading 'Privacy'"}});
  CHECK(links[1]["range"] == range(5, 2, 5, 23));
  CHECK(links[1]["target"] == "file:///a.md#L22");
  CHECK(links[2] ==
        json{{"range", range(11, 13, 11, 56)}, {"target", "https://arxiv.org/abs/2010.09515"}});
  CHECK(links[3] == json{{"range", range(11, 57, 11, 89)}, {"target", "https://github.com/a/b"}});
  CHECK(links[4]["range"] == range(16, 13, 16, 56));
  CHECK(links[5]["range"] == range(25, 19, 25, 62));
}

TEST_CASE(
    "navigation: definition goes from a ToC link to its heading and from a copy to the first") {
  Session s;
  CHECK(s.result("textDocument/definition", at(4, 5)) == location(7, 3, 7, 10));
  CHECK(s.result("textDocument/definition", at(5, 22)) == location(21, 3, 21, 11));
  CHECK(s.result("textDocument/definition", at(25, 5)) == location(11, 2, 11, 12));
  CHECK(s.result("textDocument/definition", at(27, 20)) == location(11, 2, 11, 12));
  CHECK(s.result("textDocument/definition", at(11, 5)).is_null());  // the first copy
  CHECK(s.result("textDocument/definition", at(16, 5)).is_null());  // no other copy
  CHECK(s.result("textDocument/definition", at(1, 0)).is_null());
}

TEST_CASE("navigation: references of key words, arXiv papers and headings") {
  Session s;
  auto refs = [&](int line, int character, bool declaration) {
    json params = at(line, character);
    params["context"] = {{"includeDeclaration", declaration}};
    return s.result("textDocument/references", params);
  };
  CHECK(refs(18, 20, true) ==
        json{location(13, 14, 13, 34), location(18, 14, 18, 34), location(27, 14, 27, 34)});
  CHECK(refs(18, 20, false) == json::array({location(18, 14, 18, 34), location(27, 14, 27, 34)}));
  CHECK(refs(13, 40, true) == json::array({location(13, 36, 13, 56)}));
  CHECK(refs(25, 30, true) == json::array({location(11, 13, 11, 56), location(25, 19, 25, 62)}));
  CHECK(refs(11, 60, true).empty());  // a code link is no paper
  CHECK(refs(7, 5, true) == json::array({location(7, 3, 7, 10), location(4, 2, 4, 21)}));
  CHECK(refs(4, 5, false) == json::array({location(4, 2, 4, 21)}));
  CHECK(refs(14, 5, true).empty());
}

TEST_CASE("navigation: hover on an arXiv link, a key word and a venue") {
  Session s;
  json arxiv = s.result("textDocument/hover", at(11, 30));
  CHECK(arxiv == json{{"contents",
                       {{"kind", "markdown"},
                        {"value",
                         "**arXiv 2010.09515** · October 2020 · "
                         "[abstract](https://arxiv.org/abs/2010.09515) · "
                         "[PDF](https://arxiv.org/pdf/2010.09515)\n\n"
                         "Also at line 26 (Fairness: 2020)."}}},
                      {"range", range(11, 13, 11, 56)}});
  CHECK(s.result("textDocument/hover", at(16, 20))["contents"]["value"] ==
        "**arXiv 2008.04254** · August 2020 · [abstract](https://arxiv.org/abs/2008.04254) · "
        "[PDF](https://arxiv.org/pdf/2008.04254)\n\nNo duplicate in this list.");
  json keyword = s.result("textDocument/hover", at(13, 14));
  CHECK(keyword["contents"]["value"] ==
        "**Key word** `Differential Privacy`\n\n"
        "Used 3 times in 2 categories: Privacy (2), Fairness (1).");
  CHECK(keyword["range"] == range(13, 14, 13, 34));
  CHECK(s.result("textDocument/hover", at(27, 40))["contents"]["value"] ==
        "**Key word** `Fairness`\n\nUsed once, in Fairness.");
  json venue = s.result("textDocument/hover", at(12, 22));  // on the opening '*'
  CHECK(venue["contents"]["value"] ==
        "**ICLR 2021** · International Conference on Learning Representations (conference)");
  CHECK(venue["range"] == range(12, 23, 12, 32));
  CHECK(s.result("textDocument/hover", at(11, 60)).is_null());  // code link
  CHECK(s.result("textDocument/hover", at(11, 4)).is_null());   // title
}

TEST_CASE("navigation: prepareRename on key words, headings and ToC links, null elsewhere") {
  Session s;
  CHECK(s.result("textDocument/prepareRename", at(13, 20)) ==
        json{{"range", range(13, 14, 13, 34)}, {"placeholder", "Differential Privacy"}});
  CHECK(s.result("textDocument/prepareRename", at(7, 0)) ==
        json{{"range", range(7, 3, 7, 10)}, {"placeholder", "Privacy"}});
  CHECK(s.result("textDocument/prepareRename", at(4, 5)) ==
        json{{"range", range(4, 3, 4, 10)}, {"placeholder", "Privacy"}});
  CHECK(s.result("textDocument/prepareRename", at(11, 5)).is_null());
  CHECK(s.result("textDocument/prepareRename", at(14, 5)).is_null());
  SUBCASE("a ToC link to no heading cannot be renamed") {
    Session orphan(hierarchical_caps(), "## Table of Contents\n\n- [Gone](#gone)\n\n## Here\n");
    CHECK(orphan.error("textDocument/prepareRename", at(2, 4)) == -32803);
    CHECK(orphan.error("textDocument/rename", [] {
      json p = at(2, 4);
      p["newName"] = "X";
      return p;
    }()) == -32803);
  }
}

TEST_CASE("navigation: renaming a key word changes every exact occurrence in Key Word lines") {
  Session s;
  json params = at(18, 16);
  params["newName"] = "DP";
  CHECK(edits_of(s.result("textDocument/rename", params)) ==
        json{edit(13, 14, 34, "DP"), edit(18, 14, 34, "DP"), edit(27, 14, 34, "DP")});
  for (const char* bad : {"A; B", "", " DP", "DP.", "A\nB"}) {
    params["newName"] = bad;
    CAPTURE(bad);
    CHECK(s.error("textDocument/rename", params) == -32803);
  }
}

TEST_CASE(
    "navigation: renaming a heading renames its year sections and ToC link, anchors included") {
  Session s;
  json params = at(7, 4);
  params["newName"] = "Data Privacy";
  CHECK(edits_of(s.result("textDocument/rename", params)) ==
        json{edit(4, 3, 10, "Data Privacy"), edit(4, 13, 20, "data-privacy"),
             edit(7, 3, 10, "Data Privacy"), edit(9, 4, 11, "Data Privacy")});
  SUBCASE("from the ToC link, into a name another heading has: the later one becomes -1") {
    params = at(4, 4);
    params["newName"] = "Fairness";
    CHECK(edits_of(s.result("textDocument/rename", params)) ==
          json{edit(4, 3, 10, "Fairness"), edit(4, 13, 20, "fairness"),
               edit(5, 14, 22, "fairness-1"), edit(7, 3, 10, "Fairness"),
               edit(9, 4, 11, "Fairness")});
  }
  SUBCASE("versioned documentChanges when the client takes them") {
    json caps = hierarchical_caps();
    caps["workspace"] = {{"workspaceEdit", {{"documentChanges", true}}}};
    Session versioned(caps);
    json result = versioned.result("textDocument/rename", params);
    CHECK(result["documentChanges"][0]["textDocument"] == json{{"uri", kUri}, {"version", 1}});
    CHECK(result["documentChanges"][0]["edits"].size() == 4);
  }
  SUBCASE("nothing renamable, or an impossible name") {
    params = at(11, 5);
    params["newName"] = "X";
    CHECK(s.error("textDocument/rename", params) == -32803);
    params = at(7, 4);
    params["newName"] = "  ";
    CHECK(s.error("textDocument/rename", params) == -32803);
  }
}

TEST_CASE("navigation: positions honour UTF-16 by default and UTF-8 when negotiated") {
  constexpr const char* kWide =
      "## Privacy\n"
      "\n"
      "- Café 🙂 Paper. [[paper]](https://arxiv.org/abs/2010.09515)\n"
      "  - Ann Lee. *ICLR 2021*\n"
      "  - Key Word: Privacy.\n"
      "  - Digest: x.\n";
  SUBCASE("UTF-16") {
    Session s(hierarchical_caps(), kWide);
    CHECK(s.result("textDocument/documentLink", doc_params())[0]["range"] == range(2, 17, 2, 60));
    CHECK(s.result("textDocument/hover", at(2, 17))["range"] == range(2, 17, 2, 60));
    CHECK(s.result("textDocument/hover", at(2, 16)).is_null());  // the space before the link
    json symbols = s.result("textDocument/documentSymbol", doc_params());
    CHECK(symbols[0]["children"][0]["selectionRange"] == range(2, 2, 2, 16));
  }
  SUBCASE("UTF-8") {
    json caps = hierarchical_caps();
    caps["general"] = {{"positionEncodings", {"utf-8"}}};
    Session s(caps, kWide);
    CHECK(s.result("textDocument/documentLink", doc_params())[0]["range"] == range(2, 20, 2, 63));
    CHECK(s.result("textDocument/hover", at(2, 20))["range"] == range(2, 20, 2, 63));
  }
}

TEST_CASE("navigation: malformed params get InvalidParams, unknown documents an empty result") {
  Session s;
  for (const char* method :
       {"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/documentLink"}) {
    CAPTURE(method);
    CHECK(s.error(method, json::object()) == -32602);
    CHECK(s.error(method, {{"textDocument", {{"uri", 3}}}}) == -32602);
    CHECK(s.result(method, doc_params("file:///none.md")) == json::array());
  }
  for (const char* method :
       {"textDocument/definition", "textDocument/references", "textDocument/hover",
        "textDocument/prepareRename", "textDocument/rename"}) {
    CAPTURE(method);
    CHECK(s.error(method, doc_params()) == -32602);
    CHECK(s.error(method, {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", -1}}}}) ==
          -32602);
  }
  CHECK(s.error("textDocument/rename", at(13, 20)) == -32602);  // no newName
  json unknown = at(0, 0, "file:///none.md");
  unknown["newName"] = "X";
  CHECK(s.result("textDocument/rename", unknown).is_null());
  CHECK(s.result("textDocument/hover", unknown).is_null());
  CHECK(s.result("textDocument/definition", unknown).is_null());
  CHECK(s.result("textDocument/references", unknown) == json::array());
  json bad_context = at(13, 20);
  bad_context["context"] = {{"includeDeclaration", "yes"}};
  CHECK(s.error("textDocument/references", bad_context) == -32602);
  CHECK(s.error("workspace/symbol", json::object()) == -32602);
  CHECK(s.error("workspace/symbol", {{"query", 1}}) == -32602);
}
