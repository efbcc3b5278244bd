// LspServer: workspace/symbol. Papers by title, author or arXiv id across the open documents
// and the lists of the workspace folders (server/workspace_index.hpp), best matches first
// (rules::paper_match_score), at most kMaxSymbols.
#include <algorithm>
#include <set>

#include "rules/queries.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxSymbols = 200;

struct Candidate {
  int score = 0;
  std::size_t order = 0;  ///< open documents first, then workspace files; document order
  const std::string* uri = nullptr;
  const IndexedPaper* indexed = nullptr;  ///< a paper of a workspace file, or
  OpenDocument* doc = nullptr;            ///< an open document and
  std::size_t entry = 0;                  ///< its entry
};

lsp::SymbolInformation symbol(std::string_view name, std::string_view container,
                              std::string_view uri, const lsp::Range& range) {
  return {name.empty() ? std::string("(untitled)") : std::string(name),
          lsp::SymbolKind::kObject,
          {std::string(uri), range},
          container.empty() ? std::nullopt : std::optional(std::string(container))};
}

}  // namespace

LspServer::Reply LspServer::on_workspace_symbol(const lsp::WorkspaceSymbolParams& params) {
  const std::string& query = params.query;
  std::vector<Candidate> found;
  std::set<std::filesystem::path> open_paths;
  for (auto& [uri, doc] : store_.documents()) {
    if (auto path = file_uri_to_path(uri))
      open_paths.insert(path->lexically_normal());
    const rules::Model& m = doc.list.model();
    for (std::size_t i = 0; i < m.entries.size(); ++i) {
      const rules::Entry& e = m.entries[i];
      const int score =
          rules::paper_match_score(query, e.title, e.authors, e.arxiv ? e.arxiv->id : "");
      if (score > 0)
        found.push_back({score, found.size(), &uri, nullptr, &doc, i});
    }
  }
  const auto lists =
      workspace_.refresh(store_.encoding(), config_.effective(),
                         [&](const std::filesystem::path& p) { return open_paths.count(p) > 0; });
  for (const WorkspaceIndex::List* list : lists) {
    for (const IndexedPaper& p : list->papers) {
      const int score = rules::paper_match_score(query, p.title, p.authors, p.arxiv);
      if (score > 0)
        found.push_back({score, found.size(), &list->uri, &p, nullptr, 0});
    }
  }
  const std::size_t kept = std::min(found.size(), kMaxSymbols);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const Candidate& a, const Candidate& b) {
                      return a.score != b.score ? a.score > b.score : a.order < b.order;
                    });
  std::vector<lsp::SymbolInformation> out;
  for (std::size_t i = 0; i < kept; ++i) {
    const Candidate& c = found[i];
    if (c.indexed != nullptr) {
      out.push_back(symbol(c.indexed->title, c.indexed->container, *c.uri, c.indexed->range));
      continue;
    }
    const rules::Model& m = c.doc->list.model();
    const rules::Entry& e = m.entries[c.entry];
    const std::string container =
        e.section < m.sections.size() ? rules::display_text(m.sections[e.section].title) : "";
    out.push_back(symbol(rules::display_text(e.title), container, *c.uri,
                         to_lsp_range(c.doc->list, e.title_range, store_.encoding())));
  }
  return json(out);
}

}  // namespace awesome::server
