// Navigation across the workspace and on the real 1 MB list: workspace/symbol over open documents
// and the workspace folder's lists (skipped folders, cache by modification, ranking, the cap),
// and documentSymbol, definition, references, hover and rename on corpus/trustworthy-2026-full.md
// checked against independent counts, with the time each request takes.
#include <doctest/doctest.h>

#include <chrono>
#include <map>

#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "rules/queries.hpp"
#include "rules/slug.hpp"
#include "server/lsp/workspace_index.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/support/files.hpp"

using awesome::test::apply_lsp_edits;
using awesome::test::FakeClient;
using nlohmann::json;
namespace rules = awesome::rules;

namespace {

struct Paper {
  std::string title, id, authors;
};

/// A list of one category holding `papers` (2021 dialect, one year section).
std::string make_list(std::string_view category, const std::vector<Paper>& papers) {
  std::string text =
      "## " + std::string(category) + "\n\n### " + std::string(category) + ": 2020\n\n";
  for (const Paper& p : papers) {
    text += "- " + p.title + " [[paper]](https://arxiv.org/abs/" + p.id + ")\n  - " + p.authors +
            ".\n  - Key Word: Robustness.\n  - Digest: Text.\n\n";
  }
  return text;
}

json names(const json& symbols) {
  json out = json::array();
  for (const auto& s : symbols) out.push_back(s["name"]);
  return out;
}

json workspace_symbols(FakeClient& client, std::string_view query) {
  json reply = client.request("workspace/symbol", {{"query", query}});
  REQUIRE(reply.contains("result"));
  return reply["result"];
}

json at(std::string_view uri, std::uint32_t line, std::uint32_t character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

}  // namespace

TEST_CASE("navigation: workspace/symbol searches open documents and the workspace's lists") {
  awesome::test::TempDir root;
  using awesome::test::write_bytes;
  write_bytes(root.path / "a.md",
              make_list("Robustness", {{"Robust Training.", "2010.00001", "Ann Lee, Bo Chen"},
                                       {"Certified Robustness.", "2009.00002", "Cy Dee"},
                                       {"Nonrobust Features.", "2008.04254", "Ed Robuste"}}));
  write_bytes(root.path / "sub" / "b.md",
              make_list("Privacy", {{"Private Learning.", "2007.00003", "Fay Gu, Ann Lee"}}));
  for (const char* hidden : {"node_modules/c.md", ".git/d.md", "build-x/e.md"}) {
    write_bytes(root.path / hidden, make_list("Hidden", {{"Robust Hidden.", "2001.00001", "X Y"}}));
  }
  write_bytes(root.path / "notes.md", "# Notes\n\nRobust thoughts, no list.\n");
  FakeClient client;
  client.initialize(json::object(), {{"rootUri", awesome::server::path_to_file_uri(root.path)}});
  const std::string a_uri = awesome::server::path_to_file_uri(root.path / "a.md");
  const std::string b_uri = awesome::server::path_to_file_uri(root.path / "sub" / "b.md");

  // Title prefix, title word, title substring, author; skipped folders and notes.md not at all.
  CHECK(names(workspace_symbols(client, "ROBUST")) ==
        json{"Robust Training.", "Certified Robustness.", "Nonrobust Features."});
  CHECK(names(workspace_symbols(client, "")).size() == 4);
  json by_id = workspace_symbols(client, "2008.04254");
  REQUIRE(by_id.size() == 1);
  CHECK(by_id[0] == json{{"name", "Nonrobust Features."},
                         {"kind", 19},
                         {"location",
                          {{"uri", a_uri},
                           {"range",
                            {{"start", {{"line", 14}, {"character", 2}}},
                             {"end", {{"line", 14}, {"character", 21}}}}}}},
                         {"containerName", "Robustness: 2020"}});
  CHECK(names(workspace_symbols(client, "ann lee")) ==
        json{"Robust Training.", "Private Learning."});
  CHECK(names(workspace_symbols(client, "lee private")) == json{"Private Learning."});
  CHECK(names(workspace_symbols(client, "crtfd")) ==
        json{"Certified Robustness."});  // letters in order
  CHECK(workspace_symbols(client, "zzz").empty());

  SUBCASE("an open document's text wins over the file on disk") {
    client.open(b_uri, make_list("Privacy", {{"Private Inference.", "2007.00003", "Fay Gu"}}));
    CHECK(names(workspace_symbols(client, "private")) == json{"Private Inference."});
    CHECK(workspace_symbols(client, "private")[0]["location"]["uri"] == b_uri);
  }
  SUBCASE("a file changed on disk is read again") {
    write_bytes(root.path / "sub" / "b.md",
                make_list("Privacy", {{"Private Learning Revisited.", "2007.00003", "Fay Gu"}}));
    CHECK(names(workspace_symbols(client, "private")) == json{"Private Learning Revisited."});
  }
  SUBCASE("at most 200 results") {
    std::vector<Paper> many;
    for (int i = 0; i < 300; ++i) {
      many.push_back(
          {"Paper " + std::to_string(i) + ".", "2001." + std::to_string(10000 + i), "Z"});
    }
    write_bytes(root.path / "many.md", make_list("Many", many));
    CHECK(workspace_symbols(client, "").size() == 200);
    CHECK(workspace_symbols(client, "paper 1")[0]["name"] == "Paper 1.");
  }
}

TEST_CASE("navigation: the workspace walk honours its limits") {
  awesome::test::TempDir root;
  const std::string list = make_list("A", {{"Robust Training.", "2010.00001", "Ann Lee"}});
  awesome::test::write_bytes(root.path / "one.md", list);
  awesome::test::write_bytes(root.path / "two.md", list);
  awesome::test::write_bytes(root.path / "x" / "y" / "deep.md", list);
  const auto never = [](const std::filesystem::path&) { return false; };
  auto lists = [&](awesome::server::WalkLimits limits) {
    awesome::server::WorkspaceIndex index(limits);
    index.set_roots({root.path, root.path / "."});
    return index.refresh(awesome::protocol::PositionEncoding::kUtf16, {}, never).size();
  };
  CHECK(lists({}) == 3);
  CHECK(lists({.max_files = 1}) == 1);
  CHECK(lists({.max_bytes = 10}) == 0);
  CHECK(lists({.max_depth = 1}) == 2);
}

TEST_CASE("navigation: on the real full list") {
  const std::string text = awesome::test::corpus("trustworthy-2026-full.md");
  rules::ListDocument reference(text);
  const rules::Model& m = reference.model();
  const std::string uri = "file:///full.md";
  FakeClient client;
  client.initialize({{"general", {{"positionEncodings", {"utf-8"}}}},
                     {"textDocument",
                      {{"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}},
                       {"rename", {{"prepareSupport", true}}}}}});
  client.open(uri, text);
  std::map<std::string, double> millis;
  auto timed = [&](std::string_view method, json params) {
    const auto start = std::chrono::steady_clock::now();
    json reply = client.request(method, std::move(params));
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    millis[std::string(method)] = std::max(millis[std::string(method)], took.count());
    REQUIRE(reply.contains("result"));
    return reply["result"];
  };
  const json doc = {{"textDocument", {{"uri", uri}}}};
  timed("textDocument/foldingRange", doc);  // the first request builds the model

  SUBCASE("documentSymbol holds every section and entry once") {
    std::size_t entries = 0, sections = 0;
    auto count = [&](const json& symbols, auto&& self) -> void {
      for (const auto& s : symbols) {
        (s["kind"] == 19 ? entries : sections)++;
        if (s.contains("children"))
          self(s["children"], self);
      }
    };
    count(timed("textDocument/documentSymbol", doc), count);
    CHECK(entries == m.entries.size());
    CHECK(sections == m.sections.size());
    CHECK(entries > 1100);
  }
  SUBCASE("folding ranges and document links") {
    const json folds = timed("textDocument/foldingRange", doc);
    CHECK(folds.size() > m.entries.size());
    std::size_t links = 0;
    for (const auto& e : m.entries) links += e.links.size();
    const json document_links = timed("textDocument/documentLink", doc);
    CHECK(document_links.size() > links * 9 / 10);
    CHECK(document_links.size() <= links + m.toc.size());
  }
  SUBCASE("every resolvable ToC link's definition lands on its heading") {
    std::size_t resolved = 0;
    for (const auto& t : m.toc) {
      const json def =
          timed("textDocument/definition", at(uri, t.range.start.line, t.range.start.column + 1));
      const std::size_t si = rules::section_for_anchor(m, t.anchor);
      CAPTURE(t.anchor);
      if (si == SIZE_MAX) {
        CHECK(def.is_null());
        continue;
      }
      ++resolved;
      const auto line = def["range"]["start"]["line"].get<std::uint32_t>();
      CHECK(reference.line(line).starts_with("## "));
      CHECK(line == m.sections[si].range.start.line);
      CHECK(rules::github_slug(rules::heading_plain_text(reference.line(line).substr(3))) ==
            t.anchor);
    }
    CHECK(resolved == 9);  // the first item names the list's title, which this file lacks
  }
  SUBCASE("a duplicate's definition is its first copy; references list every copy") {
    std::size_t duplicates = 0;
    for (std::size_t e = 0; e < m.entries.size(); ++e) {
      const std::size_t first = rules::first_copy(m, e);
      if (first == SIZE_MAX)
        continue;
      ++duplicates;
      const json def = timed("textDocument/definition", at(uri, m.entries[e].first_line, 2));
      CHECK(def["range"]["start"]["line"] == m.entries[first].first_line);
      const auto& link = m.entries[e].links[0];
      if (!link.url.starts_with("https://arxiv.org/abs/"))
        continue;
      json params = at(uri, link.range.start.line, link.range.start.column + 1);
      params["context"] = {{"includeDeclaration", true}};
      const json refs = timed("textDocument/references", params);
      CHECK(refs.size() >= 2);
      CHECK(refs[0]["range"]["start"]["line"] == m.entries[first].first_line);
    }
    CHECK(duplicates > 0);
  }
  SUBCASE("renaming a key word changes exactly the occurrences counted from the text") {
    const std::string phrase = "Adversarial Robustness";
    std::size_t counted = 0;
    for (std::uint32_t i = 0; i < reference.line_count(); ++i) {
      std::string_view line = reference.line(i);
      const auto colon = line.find(':');
      if (!line.starts_with("  - K") || colon == std::string_view::npos || colon > 14)
        continue;
      std::string_view rest = line.substr(colon + 1);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '.')) rest.remove_suffix(1);
      for (std::size_t from = 0; from <= rest.size();) {
        std::size_t end = std::min(rest.find(';', from), rest.size());
        std::string_view part = rest.substr(from, end - from);
        while (part.starts_with(' ')) part.remove_prefix(1);
        while (part.ends_with(' ')) part.remove_suffix(1);
        counted += part == phrase;
        from = end + 1;
      }
    }
    REQUIRE(counted > 50);
    std::uint32_t line = 0, column = 0;
    for (const auto& e : m.entries) {
      for (const auto& k : e.keywords) {
        if (k.text == phrase && line == 0)
          line = k.range.start.line, column = k.range.start.column;
      }
    }
    json prepared = timed("textDocument/prepareRename", at(uri, line, column));
    CHECK(prepared["placeholder"] == phrase);
    json params = at(uri, line, column + 3);
    params["newName"] = "Robustness to Adversaries";
    const json edits = timed("textDocument/rename", params)["changes"][uri];
    CHECK(edits.size() == counted);
    rules::ListDocument after(apply_lsp_edits(text, edits));
    CHECK(rules::keyword_occurrences(after.model(), phrase).empty());
    CHECK(rules::keyword_occurrences(after.model(), "Robustness to Adversaries").size() == counted);
    CHECK(after.model().entries.size() == m.entries.size());
    json hover = timed("textDocument/hover", at(uri, line, column));
    CHECK(hover["contents"]["value"].get<std::string>().starts_with(
        "**Key word** `Adversarial Robustness`\n\nUsed " + std::to_string(counted) + " times"));
  }
  SUBCASE("renaming a category keeps its ToC link and year sections consistent") {
    std::size_t privacy = SIZE_MAX;
    for (std::size_t si = 0; si < m.sections.size(); ++si) {
      if (m.sections[si].title == "Privacy")
        privacy = si;
    }
    REQUIRE(privacy != SIZE_MAX);
    json params = at(uri, m.sections[privacy].range.start.line, 4);
    params["newName"] = "Data Privacy";
    const json edits = timed("textDocument/rename", params)["changes"][uri];
    CHECK(edits.size() == 2 + 1 + 7);  // ToC text and anchor, heading, seven year sections
    rules::ListDocument after(apply_lsp_edits(text, edits));
    auto count = [](rules::ListDocument& d, std::string_view rule) {
      return std::count_if(d.diagnostics().begin(), d.diagnostics().end(),
                           [&](const auto& x) { return x.rule == rule; });
    };
    for (const char* rule : {"toc-orphan", "toc-missing", "heading-hierarchy"}) {
      CAPTURE(rule);
      CHECK(count(after, rule) == count(reference, rule));
    }
    CHECK(rules::section_for_anchor(after.model(), "data-privacy") != SIZE_MAX);
  }
  SUBCASE("workspace/symbol and hover") {
    const json found = timed("workspace/symbol", {{"query", "2411.18526"}});
    REQUIRE(found.size() == 1);
    CHECK(found[0]["name"] == "NeuroAI for AI Safety.");
    CHECK(timed("workspace/symbol", {{"query", "learning"}}).size() == 200);
    const auto& e = m.entries[1];
    const json hover =
        timed("textDocument/hover", at(uri, e.first_line, e.links[0].range.start.column + 2));
    CHECK(hover["contents"]["value"].get<std::string>().starts_with(
        "**arXiv 2411.18526** · November 2024"));
  }
  // Figures only: speed is asserted by no test (bench/ measures it).
  for (const auto& [method, ms] : millis) MESSAGE(method << ": " << ms << " ms");
}
