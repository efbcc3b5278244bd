// awesome-ls/documentInfo, the server's own request: what it made of an open document (paper
// list or not, dialect and where it comes from, entries, the findings it sends the client),
// kept up to date with edits; null for a document not open, InvalidParams for bad params.
#include <doctest/doctest.h>

#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kUri = "file:///info.md";
// The 2021 dialect (`### Category: year`), two entries, one trailing space (a whitespace
// finding, information by default).
constexpr const char* kList =
    "# Awesome List\n"                                           // 0
    "\n"                                                         // 1
    "## Privacy\n"                                               // 2
    "\n"                                                         // 3
    "### Privacy: 2020\n"                                        // 4
    "\n"                                                         // 5
    "- Paper A. [[paper]](https://arxiv.org/abs/2010.09515) \n"  // 6
    "  - Ann Lee. *ICLR 2021*\n"                                 // 7
    "  - Key Word: Privacy.\n"                                   // 8
    "  - Digest: A.\n"                                           // 9
    "\n"                                                         // 10
    "- Paper B. [[paper]](https://arxiv.org/abs/2008.04254)\n"   // 11
    "  - Bo Chen. *NeurIPS 2020*\n"                              // 12
    "  - Key Word: Privacy.\n"                                   // 13
    "  - Digest: B.\n";                                          // 14

json info(FakeClient& client, std::string_view uri = kUri) {
  json reply = client.request("awesome-ls/documentInfo", {{"textDocument", {{"uri", uri}}}});
  REQUIRE(reply.contains("result"));
  return reply["result"];
}

std::size_t published_count(FakeClient& client) {
  const auto published = client.take("textDocument/publishDiagnostics");
  REQUIRE_FALSE(published.empty());
  return published.back()["params"]["diagnostics"].size();
}

}  // namespace

TEST_CASE("documentInfo: dialect, entries and the findings the client was sent") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json first = info(client);
  CHECK(first["uri"] == kUri);
  CHECK(first["version"] == 1);
  CHECK(first["paperList"] == true);
  CHECK(first["dialect"] == "2021");
  CHECK(first["dialectSource"] == "detected");
  CHECK(first["entries"] == 2);
  CHECK(first["findings"] == published_count(client));
  CHECK(first["findings"].get<int>() >= 1);
  const json& by = first["findingsBySeverity"];
  CHECK(by["error"].get<int>() + by["warning"].get<int>() + by["information"].get<int>() ==
        first["findings"]);

  // The trailing space removed: one finding fewer, the new version.
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"range",
                                                   {{"start", {{"line", 6}, {"character", 54}}},
                                                    {"end", {{"line", 6}, {"character", 55}}}}},
                                                  {"text", ""}}})}});
  const json second = info(client);
  CHECK(second["version"] == 2);
  CHECK(second["findings"] == first["findings"].get<int>() - 1);
  CHECK(second["findings"] == published_count(client));
}

TEST_CASE("documentInfo: a configured dialect, a text that is no paper list, errors") {
  FakeClient client;
  client.initialize(json::object(), {{"initializationOptions", {{"dialect", "2026"}}}});
  client.open(kUri, kList);
  CHECK(info(client)["dialect"] == "2026");
  CHECK(info(client)["dialectSource"] == "configured");

  client.open("file:///notes.md", "# Notes\n\nSome text.\n");
  const json notes = info(client, "file:///notes.md");
  CHECK(notes["paperList"] == false);
  CHECK(notes["entries"] == 0);

  CHECK(info(client, "file:///closed.md").is_null());
  CHECK(client.request("awesome-ls/documentInfo", {{"uri", kUri}})["error"]["code"] == -32602);
}
