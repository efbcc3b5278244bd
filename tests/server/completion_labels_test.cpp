// Completion label details over LSP: the proposed venue year beside the venue's name, the
// figures a key word is ranked by beside the key word (in the order the items come), for
// clients that declare labelDetailsSupport; `detail` alone for the others.
#include <doctest/doctest.h>

#include "tests/server/fake_client.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr const char* kUri = "file:///labels.md";
constexpr const char* kList =
    "# Awesome List\n"                                           // 0
    "\n"                                                         // 1
    "## Privacy\n"                                               // 2
    "\n"                                                         // 3
    "### Privacy: 2020\n"                                        // 4
    "\n"                                                         // 5
    "- Paper A. [[paper]](https://arxiv.org/abs/2010.09515)\n"   // 6
    "  - Ann Lee. *ICLR 2021*\n"                                 // 7
    "  - Key Word: Differential Privacy; Federated Learning.\n"  // 8
    "  - Digest: A.\n"                                           // 9
    "\n"                                                         // 10
    "- Paper B. [[paper]](https://arxiv.org/abs/2003.00001)\n"   // 11
    "  - Bo Chen. *NeurIPS 2020*\n"                              // 12
    "  - Key Word: Differential Privacy; Robustness.\n"          // 13
    "  - Digest: B.\n"                                           // 14
    "\n"                                                         // 15
    "- Paper C. [[paper]](https://arxiv.org/abs/2004.00004)\n"   // 16
    "  - Dan Ely. *NeurIPS 2020*\n"                              // 17
    "  - Key Word: Differential Privacy; Robustness.\n"          // 18
    "  - Digest: C.\n"                                           // 19
    "\n"                                                         // 20
    "## Fairness\n"                                              // 21
    "\n"                                                         // 22
    "### Fairness: 2020\n"                                       // 23
    "\n"                                                         // 24
    "- Paper D. [[paper]](https://arxiv.org/abs/2011.00002)\n"   // 25
    "  - Cy Dee. *ICLR 2021*\n"                                  // 26
    "  - Key Word: Fairness; Federated Learning.\n"              // 27
    "  - Digest: D.\n"                                           // 28
    "\n"                                                         // 29
    "- Paper E. [[paper]](https://arxiv.org/abs/2012.00003)\n"   // 30
    "  - Eve Fox. *\n"                                           // 31
    "  - Key Word: \n"                                           // 32
    "  - Digest: E.\n";                                          // 33

json with_label_details() {
  return {
      {"textDocument", {{"completion", {{"completionItem", {{"labelDetailsSupport", true}}}}}}}};
}

json items_at(FakeClient& client, int line, int character) {
  return client.request(
      "textDocument/completion",
      {{"textDocument", {{"uri", kUri}}},
       {"position", {{"line", line}, {"character", character}}}})["result"]["items"];
}

const json* item(const json& items, std::string_view label) {
  for (const auto& i : items) {
    if (i["label"] == label)
      return &i;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("completion labelDetails: the venue's proposed year beside its name") {
  FakeClient client;
  client.initialize(with_label_details());
  client.open(kUri, kList);
  const json items = items_at(client, 31, 14);
  // 2012.00003 is December 2020: ICLR of 2021; a journal keeps the arXiv year.
  const json& iclr = items[0];
  CHECK(iclr["label"] == "ICLR");
  CHECK(iclr["labelDetails"] ==
        json{{"detail", " 2021"},
             {"description", "International Conference on Learning Representations"}});
  CHECK(iclr["textEdit"]["newText"] == "ICLR 2021*");
  const json* jmlr = item(items, "JMLR");
  REQUIRE(jmlr != nullptr);
  CHECK((*jmlr)["labelDetails"]["detail"] == " 2020");
}

TEST_CASE("completion labelDetails: key words show the figures they are ranked by") {
  FakeClient client;
  client.initialize(with_label_details());
  client.open(kUri, kList);
  // In Fairness: Federated Learning is used there once (and once in Privacy), Fairness once;
  // Differential Privacy three times in the list, never there; Robustness twice.
  const json items = items_at(client, 32, 14);
  REQUIRE(items.size() == 4);
  CHECK(items[0]["label"] == "Federated Learning");
  CHECK(items[0]["labelDetails"] == json{{"description", "1 in this category · 2 in the list"}});
  CHECK(items[1]["label"] == "Fairness");
  CHECK(items[1]["labelDetails"] == json{{"description", "1 in this category · 1 in the list"}});
  CHECK(items[2]["label"] == "Differential Privacy");
  CHECK(items[2]["labelDetails"] == json{{"description", "3 in the list"}});
  CHECK(items[3]["label"] == "Robustness");
  CHECK(items[3]["labelDetails"] == json{{"description", "2 in the list"}});
  CHECK(items[2]["sortText"] < items[3]["sortText"]);
  CHECK(items[0]["sortText"] < items[1]["sortText"]);
  CHECK(items[0]["detail"] == "Key word: 1 in this category · 2 in the list");
}

TEST_CASE("completion without labelDetailsSupport: detail only, the same insert text") {
  FakeClient client;
  client.initialize();
  client.open(kUri, kList);
  const json venues = items_at(client, 31, 14);
  CHECK_FALSE(venues[0].contains("labelDetails"));
  CHECK(venues[0]["detail"] == "International Conference on Learning Representations");
  CHECK(venues[0]["textEdit"]["newText"] == "ICLR 2021*");
  const json keywords = items_at(client, 32, 14);
  CHECK_FALSE(keywords[0].contains("labelDetails"));
  CHECK(keywords[0]["detail"] == "Key word: 1 in this category · 2 in the list");
}
