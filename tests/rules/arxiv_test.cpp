// The pure side of arXiv metadata (rules/arxiv.hpp): LaTeX titles and names made plain, the
// checks against metadata, an entry written in a list's conventions and where `add` puts it.
// The fixtures under tests/fixtures/arxiv-*/ cover the findings with their exact ranges.
#include "rules/arxiv.hpp"

#include <doctest/doctest.h>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "tests/support/files.hpp"

using namespace awesome::rules;

namespace {

ArxivMetadata paper(std::string id, std::string title, std::vector<std::string> authors,
                    std::string summary = "We study robustness. It matters.") {
  ArxivMetadata m;
  m.id = std::move(id);
  m.title = std::move(title);
  m.authors = std::move(authors);
  m.summary = std::move(summary);
  return m;
}

constexpr std::string_view k2021List = R"(# Awesome Small List

## Table of Contents

- [Robustness](#robustness)
- [Privacy](#privacy)

## Robustness

### Robustness: 2020

- Improving Transformation Invariance in Contrastive Representation Learning. [[paper]](https://arxiv.org/abs/2010.09515)
  - Adam Foster, Rattana Pukdee, Tom Rainforth. *ICLR 2021*
  - Digest: We first introduce a training objective for contrastive learning.

- Informative Dropout for Robust Representation Learning: A Shape-bias Perspective. [[paper]](https://arxiv.org/abs/2008.04254)
  - Baifeng Shi, Dinghuai Zhang. *ICML 2020*
  - Digest: We improve robustness by alleviating texture bias.

### Robustness: 2018

- Robustness May Be at Odds with Accuracy. [[paper]](https://arxiv.org/abs/1805.12152)
  - Dimitris Tsipras, Shibani Santurkar. *ICLR 2019*
  - Digest: We show that there may exist an inherent tension between the goal of adversarial robustness and that of standard generalization.

## Privacy

### Privacy: 2020

- Privacy in Deep Learning. [[paper]](https://arxiv.org/abs/2004.12254)
  - Ada Lovelace. *ICML 2020*
  - Digest: We survey privacy.
)";

}  // namespace

TEST_CASE("latex_to_text undoes the markup of real arXiv titles") {
  CHECK(latex_to_text("Certified Robustness to $\\ell_\\infty$ Attacks") ==
        "Certified Robustness to ℓ∞ Attacks");
  CHECK(latex_to_text("G\\\"{o}del, Sch\\\"olkopf and {\\'E}cole") == "Gödel, Schölkopf and École");
  CHECK(latex_to_text("Robust \\emph{Emphasised} Words in {T}itles") ==
        "Robust Emphasised Words in Titles");
  CHECK(latex_to_text("Fran\\c{c}ois and Ji\\v{r}\\'{\\i}") == "François and Jiří");
  CHECK(latex_to_text("Q\\&A over  a\nline break") == "Q&A over a line break");
  CHECK(latex_to_text("$\\alpha$-Divergence") == "α-Divergence");
}

TEST_CASE("comparable_title ignores case, punctuation, white space, markup and a final period") {
  const std::string arxiv = comparable_title(
      "Informative Dropout for Robust Representation\n  Learning: A Shape-bias Perspective");
  CHECK(arxiv == "informative dropout for robust representation learning a shape bias perspective");
  CHECK(comparable_title(
            "Informative dropout for robust representation learning - a shape–bias perspective.") ==
        arxiv);
  CHECK(comparable_title("Kurt Gödel’s Numbers") == comparable_title("Kurt G\\\"odel's Numbers"));
  CHECK(comparable_title("Kurt Godel's Numbers") == comparable_title("Kurt Gödel's Numbers"));
  // A word more or less is a different title.
  CHECK(comparable_title("Informative Dropout for Representation Learning") != arxiv);
}

TEST_CASE("family_name and split_authors read author lines as lists write them") {
  CHECK(family_name("Adam Foster") == "foster");
  CHECK(family_name("Roland S. Zimmermann") == "zimmermann");
  CHECK(family_name("Martin Luther King Jr.") == "king");
  CHECK(family_name("Kurt G\\\"{o}del") == "godel");
  bool abbreviated = true;
  CHECK(split_authors("Adam Foster, Rattana Pukdee, and Tom Rainforth.", abbreviated) ==
        std::vector<std::string>{"Adam Foster", "Rattana Pukdee", "Tom Rainforth"});
  CHECK_FALSE(abbreviated);
  CHECK(split_authors("Martin Luther King, Jr., Ada Lovelace", abbreviated) ==
        std::vector<std::string>{"Martin Luther King, Jr.", "Ada Lovelace"});
  CHECK(family_name("Martin Luther King, Jr.") == "king");
  CHECK(split_authors("Ada Lovelace & Alan Turing", abbreviated) ==
        std::vector<std::string>{"Ada Lovelace", "Alan Turing"});
  CHECK(split_authors("Ada Lovelace et al.", abbreviated) ==
        std::vector<std::string>{"Ada Lovelace"});
  CHECK(abbreviated);
}

TEST_CASE("the arxiv rules say nothing without metadata, and the document's own rules stay") {
  ListDocument doc{std::string(k2021List)};
  const auto before = doc.diagnostics();
  CHECK(check_arxiv(doc, {}).empty());
  ArxivLookup unrelated;
  unrelated.papers["2101.00001"] = paper("2101.00001", "Other", {"Someone"});
  CHECK(check_arxiv(doc, unrelated).empty());
  CHECK(doc.diagnostics() == before);
}

TEST_CASE("check_arxiv follows the configured severity and reports in position order") {
  ArxivLookup lookup;
  lookup.papers["2010.09515"] = paper("2010.09515", "A Changed Title", {"Adam Foster"});
  lookup.missing["2008.04254"] = true;
  ListDocument doc{std::string(k2021List)};
  auto found = check_arxiv(doc, lookup);
  REQUIRE(found.size() == 3);
  CHECK(found[0].rule == "arxiv-title");
  CHECK(found[0].range.start.line == 11);
  CHECK(found[0].fixes.at(0).edits.at(0).new_text == "A Changed Title.");
  CHECK_FALSE(found[0].fixes.at(0).safe);
  CHECK(found[1].rule == "arxiv-authors");
  CHECK(found[1].message ==
        "The author line names 3 authors; arXiv lists 1 author for 2010.09515.");
  CHECK(found[1].range.start == Position{12, 4});
  CHECK(found[2].rule == "arxiv-id");
  CHECK(found[2].severity == Severity::kWarning);

  Config config;
  config.severity["arxiv-title"] = Severity::kOff;
  config.severity["arxiv-id"] = Severity::kInfo;
  doc.set_config(config);
  found = check_arxiv(doc, lookup);
  REQUIRE(found.size() == 2);
  CHECK(found[0].rule == "arxiv-authors");
  CHECK(found[1].severity == Severity::kInfo);
}

TEST_CASE("format_entry writes an entry in the list's dialect and labels") {
  const ArxivMetadata m = paper("2102.01234", "Robust {T}raining with $\\epsilon$-Balls",
                                {"Ada Lovelace", "Kurt G\\\"odel"},
                                "We train robust models, e.g. with balls. Then we test them.");
  ListDocument list2021{std::string(k2021List)};
  CHECK(format_entry(list2021, m) ==
        "- Robust Training with ε-Balls. [[paper]](https://arxiv.org/abs/2102.01234)\n"
        "  - Ada Lovelace, Kurt Gödel.\n"
        "  - Digest: We train robust models, e.g. with balls.");
  CHECK(format_entry(list2021, m, EntryFill::kBlank) ==
        "- Robust Training with ε-Balls. [[paper]](https://arxiv.org/abs/2102.01234)\n"
        "  - Ada Lovelace, Kurt Gödel.\n"
        "  - Key Word: \n"
        "  - Digest: ");

  ListDocument list2026(awesome::test::corpus("trustworthy-2026-readme.md"));
  CHECK(format_entry(list2026, m)
            .ends_with(
                "\n  - <details><summary>Digest</summary> We train robust models, e.g. with balls."
                "</details>"));

  const std::string pdf_list = R"(# List

## Attacks

- Hidden Triggers. [[pdf]](https://arxiv.org/abs/2104.05555)
  - Ada Lovelace.
  - Digest: One.

- Poisoned Prompts. [[pdf]](https://arxiv.org/abs/2103.04444)
  - Grace Hopper.
  - Digest: Two.
)";
  ListDocument pdf(pdf_list);
  CHECK(format_entry(pdf, m).starts_with(
      "- Robust Training with ε-Balls. [[pdf]](https://arxiv.org/abs/2102.01234)\n"));
}

TEST_CASE("place_entry in a list whose year sections are <details> blocks") {
  const std::string text = awesome::test::corpus("trustworthy-2026-full.md");
  ListDocument doc(text);
  const ArxivMetadata m = paper("2401.00001", "A January Survey", {"Ada Lovelace"});
  const Placement p = place_entry(doc, m, "Survey", format_entry(doc, m));
  REQUIRE(p.error.empty());
  CHECK(p.section == "Survey: 2024");
  const std::string after = apply_edits(text, std::vector<TextEdit>{p.edit()});
  // Inside the 2024 block, after its last entry (2411.18526) and before its </details>.
  const auto at = after.find("- A January Survey.");
  CHECK(after.find("abs/2411.18526") < at);
  CHECK(after.find("\n</details>\n", at) < after.find("<summary>Survey: 2023</summary>"));
  const auto closed = after.rfind("\n</details>\n", at);  // none is closed between them
  CHECK((closed == std::string::npos || closed < after.find("<summary>Survey: 2024</summary>")));
  ListDocument added(after);
  CHECK(added.model().entries.size() == doc.model().entries.size() + 1);
  const Placement missing =
      place_entry(doc, paper("2501.00001", "A 2025 Survey", {"Ada Lovelace"}), "Survey", "x");
  CHECK(missing.error ==
        "The year sections under 'Survey' are <details> blocks and none is for 2025; add it, then "
        "add the paper.");
}

TEST_CASE("arxiv_id_on_line finds a line that holds only an arXiv URL or id") {
  CHECK(arxiv_id_on_line("https://arxiv.org/abs/2010.09515") == "2010.09515");
  CHECK(arxiv_id_on_line("- http://arxiv.org/pdf/2010.09515v2.pdf  ") == "2010.09515");
  CHECK(arxiv_id_on_line("arXiv:2010.09515v3") == "2010.09515");
  CHECK(arxiv_id_on_line("2010.09515") == "2010.09515");
  CHECK(arxiv_id_on_line("cs/0112017") == "cs/0112017");
  CHECK(arxiv_id_on_line("See https://arxiv.org/abs/2010.09515") == std::nullopt);
  CHECK(arxiv_id_on_line("https://github.com/ae-foster/invclr") == std::nullopt);
  CHECK(arxiv_id_on_line("## 2021") == std::nullopt);
  CHECK(arxiv_id_on_line("") == std::nullopt);
}

TEST_CASE("place_entry files a paper in its year section at its place in the arXiv order") {
  ListDocument doc{std::string(k2021List)};
  const ArxivMetadata m = paper("2009.00001", "A September Paper", {"Ada Lovelace"});
  const std::string entry = format_entry(doc, m);

  SUBCASE("between two entries of its year") {
    const Placement p = place_entry(doc, m, "Robustness", entry);
    REQUIRE(p.error.empty());
    CHECK(p.section == "Robustness: 2020");
    CHECK(p.line == 15);  // before 2008.04254, after 2010.09515
    CHECK_FALSE(p.new_section);
    const std::string after = apply_edits(std::string(k2021List), std::vector<TextEdit>{p.edit()});
    ListDocument added(after);
    CHECK(added.model().entries.size() == doc.model().entries.size() + 1);
    // The entry brings no finding of its own: the list's findings are the same in number.
    const Entry& e = added.model().entries[1];
    for (const auto& d : added.diagnostics()) {
      CHECK_FALSE((d.range.start.line >= e.first_line && d.range.start.line <= e.last_line + 1));
    }
    CHECK(added.diagnostics().size() == ListDocument(std::string(k2021List)).diagnostics().size());
    CHECK(added.model().entries[1].arxiv->id == "2009.00001");
    CHECK(added.model().entries[1].section == added.model().entries[0].section);
  }
  SUBCASE("a new year section in newest-first order") {
    const ArxivMetadata old = paper("1906.00001", "A 2019 Paper", {"Ada Lovelace"});
    const Placement p = place_entry(doc, old, "robustness", format_entry(doc, old));
    REQUIRE(p.error.empty());
    CHECK(p.new_section);
    CHECK(p.section == "Robustness: 2019");
    const std::string after = apply_edits(std::string(k2021List), std::vector<TextEdit>{p.edit()});
    CHECK(after.find("### Robustness: 2020") < after.find("### Robustness: 2019"));
    CHECK(after.find("### Robustness: 2019\n\n- A 2019 Paper.") <
          after.find("### Robustness: 2018"));
    ListDocument added(after);
    CHECK(added.model().entries.size() == doc.model().entries.size() + 1);
  }
  SUBCASE("a paper already in the list is refused, naming its line") {
    const Placement p = place_entry(doc, paper("2008.04254", "X", {"Y"}), "Privacy", entry);
    CHECK(p.error == "arXiv 2008.04254 is already in the list at line 16.");
  }
  SUBCASE("a category is needed when the list has several, and must exist") {
    CHECK(place_entry(doc, m, "", entry).error ==
          "Name the category with --category: 'Robustness', 'Privacy'.");
    CHECK(place_entry(doc, m, "Fairness", entry).error ==
          "No category 'Fairness'; the list has 'Robustness', 'Privacy'.");
  }
  SUBCASE("the newest paper of a year goes first, the oldest last") {
    const ArxivMetadata newest = paper("2012.00001", "A December Paper", {"Ada Lovelace"});
    CHECK(place_entry(doc, newest, "Robustness", entry).line == 11);
    const ArxivMetadata oldest = paper("2001.00001", "A January Paper", {"Ada Lovelace"});
    const Placement p = place_entry(doc, oldest, "Robustness", entry);
    CHECK(p.line == 18);
    CHECK(p.text == "\n" + entry + "\n");
  }
}
