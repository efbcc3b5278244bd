// `awesome-ls check --online/--offline` and `awesome-ls add`, the real binary against a local
// stand-in for the arXiv API serving the metadata of the 2021 list's own entries. The issue's
// acceptance test: on a copy with a swapped id and a changed title, `check --online` reports
// exactly those; `add` writes an entry that `check` then finds clean.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "rules/arxiv.hpp"
#include "rules/list_document.hpp"
#include "tests/server/local_arxiv.hpp"
#include "tests/support/files.hpp"

using awesome::test::LocalArxiv;
using awesome::test::read_bytes;
using awesome::test::run_process;
using awesome::test::TempDir;
using awesome::test::write_bytes;
using json = nlohmann::json;

namespace {

/// What arXiv would say of the list's own papers: each id's title (without the final period)
/// and authors as the list writes them; the first entry of an id wins.
json metadata_of(const std::string& list) {
  awesome::rules::ListDocument doc(list);
  json papers = json::object();
  for (const auto& e : doc.model().entries) {
    if (!e.arxiv || papers.contains(e.arxiv->id))
      continue;
    std::string title = e.title;
    if (title.ends_with("."))
      title.pop_back();
    bool abbreviated = false;
    papers[e.arxiv->id] =
        awesome::test::paper_json(title, awesome::rules::split_authors(e.authors, abbreviated));
  }
  return papers;
}

struct Run {
  int exit_code;
  json findings;
  std::string err;
};

/// Runs awesome-ls with the local server and a cache of the test's own.
Run run_awesome(const std::vector<std::string>& args, const LocalArxiv& server,
                const std::filesystem::path& cache) {
  std::vector<std::string> argv{AWESOME_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  awesome::test::ProcessOptions options;
  options.set_env = {"AWESOME_LS_ARXIV_URL=" + server.url(), "XDG_CACHE_HOME=" + cache.string()};
  options.unset_env = {"HTTPS_PROXY", "https_proxy", "NO_COLOR"};
  const auto result = run_process(argv, options);
  const json parsed = json::parse(result.out, nullptr, false);
  return {result.exit_code, parsed.is_discarded() ? json::array() : parsed, result.err};
}

/// The (1-based line, rule) of each finding of the given rules, or of the others.
std::set<std::pair<int, std::string>> lines_of(const json& findings, bool arxiv_rules) {
  std::set<std::pair<int, std::string>> out;
  for (const auto& f : findings) {
    const std::string rule = f["rule"];
    if (rule.starts_with("arxiv-") == arxiv_rules)
      out.emplace(f["range"]["start"]["line"].get<int>(), rule);
  }
  return out;
}

int line_of(const std::string& text, const std::string& needle) {
  return static_cast<int>(awesome::test::line_of(text, needle));
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("check --online reports exactly the planted defects of a copy of the 2021 list") {
  const std::string original = awesome::test::corpus("trustworthy-2021.md");
  json papers = metadata_of(original);
  REQUIRE(papers.size() > 50);
  const LocalArxiv server(papers);
  TempDir dir;
  const auto cache = dir.path / "cache";
  // The swapped ids: Foster et al. and Shi et al. point at each other's paper; AugMix's title
  // lost words.
  std::string planted = original;
  planted = replace(planted, "https://arxiv.org/abs/2010.09515", "https://arxiv.org/abs/XXXX");
  planted =
      replace(planted, "https://arxiv.org/abs/2008.04254", "https://arxiv.org/abs/2010.09515");
  planted = replace(planted, "https://arxiv.org/abs/XXXX", "https://arxiv.org/abs/2008.04254");
  planted = replace(planted, "AugMix: A Simple Data Processing Method to Improve Robustness and",
                    "AugMix: A Simple Method to Improve Robustness and");
  const auto list = dir.path / "list.md";
  write_bytes(list, planted);

  const Run plain = run_awesome({"check", "--format", "json", list.string()}, server, cache);
  CHECK(server.requests().empty());  // without --online nothing is asked
  CHECK(lines_of(plain.findings, true).empty());
  const Run online =
      run_awesome({"check", "--online", "--format", "json", list.string()}, server, cache);
  CHECK(online.exit_code == plain.exit_code);
  const int foster = line_of(planted, "- Improving Transformation Invariance in Contrastive");
  const int shi = line_of(planted, "- Informative Dropout for Robust Representation Learning");
  const int augmix = line_of(planted, "- AugMix: A Simple Method");
  const std::set<std::pair<int, std::string>> expected{{foster, "arxiv-title"},
                                                       {foster + 1, "arxiv-authors"},
                                                       {shi, "arxiv-title"},
                                                       {shi + 1, "arxiv-authors"},
                                                       {augmix, "arxiv-title"}};
  CHECK(lines_of(online.findings, true) == expected);
  CHECK(lines_of(online.findings, false) == lines_of(plain.findings, false));
  // One request for every arXiv id of the list: fewer than a batch.
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].ids.size() == papers.size());

  SUBCASE("--offline gives the same from the cache, asking nothing") {
    const Run offline =
        run_awesome({"check", "--offline", "--format", "json", list.string()}, server, cache);
    CHECK(lines_of(offline.findings, true) == expected);
    CHECK(server.requests().size() == 1);
    // A second --online run finds everything fresh in the cache: no request either.
    run_awesome({"check", "--online", "--format", "json", list.string()}, server, cache);
    CHECK(server.requests().size() == 1);
  }
  SUBCASE("a corrupt cache is ignored with a warning, not fatal") {
    write_bytes(cache / "awesome-ls" / "arxiv.json", "{\"format\": 1, \"papers\": {\"20");
    const Run offline =
        run_awesome({"check", "--offline", "--format", "json", list.string()}, server, cache);
    CHECK(offline.exit_code == plain.exit_code);
    CHECK(offline.err.find("is not valid JSON (truncated?); ignored") != std::string::npos);
    CHECK(lines_of(offline.findings, true).empty());
    // --online then fetches again and writes a good cache.
    const Run again =
        run_awesome({"check", "--online", "--format", "json", list.string()}, server, cache);
    CHECK(lines_of(again.findings, true) == expected);
    CHECK(server.requests().size() == 2);
    CHECK(json::parse(read_bytes(cache / "awesome-ls" / "arxiv.json"))["papers"].size() ==
          papers.size());
  }
}

TEST_CASE("add writes the entry in its year section and arXiv order; check finds it clean") {
  const std::string original = awesome::test::corpus("trustworthy-2021.md");
  json papers = metadata_of(original);
  papers["2009.01234"] = awesome::test::paper_json(
      "Robust Training with $\\epsilon$-Balls\n  for G\\\"{o}del Machines",
      {"Ada Lovelace", "Kurt G\\\"odel"},
      "We train robust models against small perturbations. Then we test them.");
  papers["2103.04567"] = awesome::test::paper_json("Private Learning in 2021", {"Grace Hopper"},
                                                   "We learn privately.");
  const LocalArxiv server(papers);
  TempDir dir;
  const auto cache = dir.path / "cache";
  const auto list = dir.path / "list.md";
  write_bytes(list, original);
  const Run before =
      run_awesome({"check", "--online", "--format", "json", list.string()}, server, cache);
  CHECK(lines_of(before.findings, true).empty());  // the list agrees with its own metadata

  const Run added = run_awesome({"add", "https://arxiv.org/abs/2009.01234v2", "--category",
                                 "Out-of-Distribution Generalization", list.string()},
                                server, cache);
  CHECK_MESSAGE(added.exit_code == 0, added.err);
  const std::string text = read_bytes(list);
  const std::string entry =
      "- Robust Training with ε-Balls for Gödel Machines. "
      "[[paper]](https://arxiv.org/abs/2009.01234)\n"
      "  - Ada Lovelace, Kurt Gödel.\n"
      "  - Digest: We train robust models against small perturbations.\n";
  REQUIRE(text.find(entry) != std::string::npos);
  // Newest first: after 2010.09515, before 2008.04254 in "Out-of-Distribution Generalization:
  // 2020".
  CHECK(text.find("abs/2010.09515") < text.find(entry));
  CHECK(text.find(entry) < text.find("abs/2008.04254"));
  CHECK(text.find("### Out-of-Distribution Generalization: 2020") < text.find(entry));
  const int at = line_of(text, "- Robust Training with ε-Balls");
  CHECK(added.err.find("added arXiv 2009.01234 to 'Out-of-Distribution Generalization: 2020' at "
                       "line " +
                       std::to_string(at)) != std::string::npos);

  // A paper of 2021 in a category whose newest year section is 2020: a new section, first.
  const Run privacy =
      run_awesome({"add", "2103.04567", "--category", "Privacy", list.string()}, server, cache);
  CHECK(privacy.exit_code == 0);
  const std::string text2 = read_bytes(list);
  CHECK(text2.find("## Privacy\n\n### Privacy: 2021\n\n- Private Learning in 2021. "
                   "[[paper]](https://arxiv.org/abs/2103.04567)\n") != std::string::npos);

  // check finds the entries clean: every other finding is the one it was, lines shifted.
  const Run after =
      run_awesome({"check", "--online", "--format", "json", list.string()}, server, cache);
  CHECK(after.exit_code == before.exit_code);
  CHECK(after.findings.size() == before.findings.size());
  const int privacy_at = line_of(text2, "- Private Learning in 2021.");
  const int ood_at = line_of(text2, "- Robust Training with ε-Balls");
  for (const auto& f : after.findings) {
    const int line = f["range"]["start"]["line"].get<int>();
    CHECK_FALSE((line >= ood_at - 1 && line <= ood_at + 3));
    CHECK_FALSE((line >= privacy_at - 3 && line <= privacy_at + 3));
  }

  // The same paper again: refused, naming where it is; the file is unchanged.
  const Run again =
      run_awesome({"add", "2009.01234", "--category", "Privacy", list.string()}, server, cache);
  CHECK(again.exit_code == 1);
  CHECK(again.err == "awesome-ls add: " + list.string() +
                         ": arXiv 2009.01234 is already in the "
                         "list at line " +
                         std::to_string(ood_at) + ".\n");
  CHECK(read_bytes(list) == text2);
  // An id arXiv does not have, and a list of several categories without --category.
  const Run unknown =
      run_awesome({"add", "2104.99999", "--category", "Privacy", list.string()}, server, cache);
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("arXiv has no paper 2104.99999") != std::string::npos);
  const Run no_category = run_awesome({"add", "2104.99999", list.string()}, server, cache);
  CHECK(no_category.exit_code == 1);
  CHECK(no_category.err.find("Name the category with --category: 'Survey', ") != std::string::npos);
  CHECK(read_bytes(list) == text2);
}
