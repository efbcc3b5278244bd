// LspServer: navigation in one list. Document symbols (categories > year sections > papers),
// folding ranges, document links (entry links, ToC links to `#L<line>`), definition (ToC link
// -> heading, duplicate entry -> first copy) and references (key words, arXiv papers, headings).
// rules/queries.hpp finds things; this converts to LSP in the negotiated position encoding.
#include <algorithm>

#include "protocol/json_text.hpp"
#include "rules/queries.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using rules::Model;

namespace {

using lsp::SymbolKind;

SymbolKind symbol_kind(rules::SectionKind kind) {
  switch (kind) {
    case rules::SectionKind::kTitle:
      return SymbolKind::kFile;
    case rules::SectionKind::kGroup:
      return SymbolKind::kModule;
    case rules::SectionKind::kCategory:
      return SymbolKind::kNamespace;
    case rules::SectionKind::kYear:
      return SymbolKind::kPackage;
    case rules::SectionKind::kToc:
    case rules::SectionKind::kOther:
      return SymbolKind::kString;
  }
  return SymbolKind::kString;
}

/// "2010.09515 · ICLR 2021": the arXiv id and the venue, either may be missing.
std::string entry_detail(const rules::Entry& e) {
  std::string detail = e.arxiv ? e.arxiv->id : std::string();
  if (e.venue && !e.venue->text.empty()) {
    if (!detail.empty())
      detail += " · ";
    detail += e.venue->text;
  }
  return detail;
}

/// to_lsp_range, cheaper for the ranges sent by the thousand: whole lines need no text, and a
/// range on one line reads and scans that line once.
lsp::Range lsp_range(const rules::ListDocument& list, rules::Range r,
                     protocol::PositionEncoding encoding) {
  const std::uint32_t lines = list.line_count();
  if (r.start.column == 0 && r.end.column == 0 && r.end.line < lines) {
    return {{r.start.line, 0}, {r.end.line, 0}};
  }
  if (r.start.line != r.end.line || r.end.line >= lines || r.end < r.start) {
    return to_lsp_range(list, r, encoding);
  }
  const std::string_view line = list.line(r.start.line);
  const std::size_t from = std::min<std::size_t>(r.start.column, line.size());
  const std::size_t to = std::min<std::size_t>(r.end.column, line.size());
  const std::uint32_t start = protocol::from_byte_column(line, r.start.column, encoding);
  return {{r.start.line, start},
          {r.start.line, start + protocol::column_count(line.substr(from, to - from), encoding)}};
}

/// The outline of a list: the sections and entries directly under each section (index
/// sections.size() for the top level), in document order, and the papers under each section.
class Outline {
 public:
  struct Node {
    bool entry = false;
    std::size_t index = 0;
  };

  explicit Outline(const Model& m)
      : m_(m), children_(m.sections.size() + 1), papers_(m.sections.size(), 0) {
    const std::size_t top = m.sections.size();
    for (std::size_t si = 0; si < m.sections.size(); ++si) {
      const std::size_t parent = m.sections[si].parent;
      children_[parent < top ? parent : top].push_back({false, si});
    }
    for (std::size_t ei = 0; ei < m.entries.size(); ++ei) {
      const std::size_t s = m.entries[ei].section;
      children_[s < top ? s : top].push_back({true, ei});
      if (s < top)
        ++papers_[s];
    }
    for (auto& list : children_) {
      std::stable_sort(list.begin(), list.end(),
                       [&](const Node& a, const Node& b) { return line(a) < line(b); });
    }
    for (std::size_t si = top; si-- > 0;) {  // a parent comes before its children
      if (m.sections[si].parent < top)
        papers_[m.sections[si].parent] += papers_[si];
    }
  }

  const std::vector<Node>& children(std::size_t section) const { return children_[section]; }
  const std::vector<Node>& top() const { return children_.back(); }
  std::size_t papers(std::size_t section) const { return papers_[section]; }

 private:
  std::uint32_t line(const Node& n) const {
    return n.entry ? m_.entries[n.index].first_line : m_.sections[n.index].range.start.line;
  }

  const Model& m_;
  std::vector<std::vector<Node>> children_;
  std::vector<std::size_t> papers_;
};

/// Writes the DocumentSymbol trees or flat SymbolInformation lists of one document as JSON
/// text: a list of thousands of papers is the largest reply most clients ask for again after
/// each edit, and building it as nlohmann values cost more than the outline itself.
struct SymbolWriter {
  const rules::ListDocument& list;
  const Model& m;
  const Outline& outline;
  protocol::PositionEncoding encoding;
  std::string_view uri;
  std::string& out;

  void range(rules::Range r) const {
    const lsp::Range lr = lsp_range(list, r, encoding);
    protocol::append_json_range(out, lr.start.line, lr.start.character, lr.end.line,
                                lr.end.character);
  }

  /// "name", "kind" and, when there is one, "detail": the fields both forms open with.
  void head(std::string_view name, SymbolKind kind, std::string_view detail) const {
    out += R"({"name":)";
    protocol::append_json_string(out, name.empty() ? std::string_view("(untitled)") : name);
    out += R"(,"kind":)";
    protocol::append_json_number(out, static_cast<std::uint64_t>(kind));
    if (!detail.empty()) {
      out += R"(,"detail":)";
      protocol::append_json_string(out, detail);
    }
  }

  std::string section_detail(std::size_t si) const {
    const std::size_t papers = outline.papers(si);
    if (papers == 0)
      return {};
    return std::to_string(papers) + (papers == 1 ? " paper" : " papers");
  }

  void tree(const Outline::Node& n) const {
    if (n.entry)
      return paper(n.index);
    const rules::Section& s = m.sections[n.index];
    head(rules::outline_name(m, n.index), symbol_kind(s.kind), section_detail(n.index));
    out += R"(,"range":)";
    range(rules::section_range(list, s));
    out += R"(,"selectionRange":)";
    range(s.title_range);
    out += R"(,"children":[)";
    const auto& children = outline.children(n.index);
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (i > 0)
        out.push_back(',');
      tree(children[i]);
    }
    out += "]}";
  }

  /// A paper of the outline without its sections: the kinds and details of tree().
  void paper(std::size_t ei) const {
    const rules::Entry& e = m.entries[ei];
    head(rules::display_text(e.title), SymbolKind::kObject, entry_detail(e));
    out += R"(,"range":)";
    range(rules::entry_range(list, e));
    out += R"(,"selectionRange":)";
    range(e.title_range);
    out.push_back('}');
  }

  /// One SymbolInformation, and those of a section's children after it. The containerName of a
  /// flat list, which shows no parent, is the parent's whole heading text (`Privacy: 2020`, not
  /// the `2020` of the tree).
  void flat(const Outline::Node& n, std::size_t parent) const {
    const bool entry = n.entry;
    if (out.back() != '[')
      out.push_back(',');
    head(entry ? rules::display_text(m.entries[n.index].title) : rules::outline_name(m, n.index),
         entry ? SymbolKind::kObject : symbol_kind(m.sections[n.index].kind), {});
    out += R"(,"location":{"uri":)";
    protocol::append_json_string(out, uri);
    out += R"(,"range":)";
    range(entry ? rules::entry_range(list, m.entries[n.index])
                : rules::section_range(list, m.sections[n.index]));
    out.push_back('}');
    if (parent < m.sections.size()) {
      const std::string container = rules::display_text(m.sections[parent].title);
      out += R"(,"containerName":)";
      protocol::append_json_string(out,
                                   container.empty() ? std::string_view("(untitled)") : container);
    }
    out.push_back('}');
    if (entry)
      return;
    for (const auto& child : outline.children(n.index)) flat(child, n.index);
  }
};

bool is_web_url(std::string_view url) {
  return (url.starts_with("https://") || url.starts_with("http://")) &&
         url.find_first_of(" \t") == std::string_view::npos;
}

}  // namespace

LspServer::Reply LspServer::at_position(
    const lsp::TextDocumentIdentifier& document, lsp::Position position, json unknown,
    const std::function<Reply(const DocumentPosition&)>& answer) {
  OpenDocument* doc = store_.find(document.uri);
  if (doc == nullptr)
    return unknown;
  const Model& m = doc->list.model();
  const rules::Position pos = to_byte_position(doc->list, position, store_.encoding());
  return answer({document.uri, *doc, m, pos, rules::target_at(m, pos)});
}

LspServer::Reply LspServer::in_document(
    const lsp::TextDocumentIdentifier& document,
    const std::function<Reply(const std::string&, OpenDocument&)>& answer) {
  OpenDocument* doc = store_.find(document.uri);
  if (doc == nullptr)
    return json::array();
  return answer(document.uri, *doc);
}

lsp::Location LspServer::location(std::string_view uri, const OpenDocument& doc,
                                  rules::Range range) const {
  return {std::string(uri), to_lsp_range(doc.list, range, store_.encoding())};
}

void LspServer::negotiate_navigation(const lsp::InitializeParams& params) {
  const json& caps = params.capabilities;
  hierarchical_symbols_ =
      lsp::flag_at(caps, "/textDocument/documentSymbol/hierarchicalDocumentSymbolSupport");
  prepare_rename_ = lsp::flag_at(caps, "/textDocument/rename/prepareSupport");
  const json::json_pointer limit_at("/textDocument/foldingRange/rangeLimit");
  folding_limit_.reset();
  if (caps.contains(limit_at) && caps.at(limit_at).is_number_unsigned()) {
    folding_limit_ = caps.at(limit_at).get<std::size_t>();
  }
  std::vector<std::filesystem::path> roots;
  if (params.rootUri) {
    if (auto path = file_uri_to_path(*params.rootUri))
      roots.push_back(*path);
  } else if (params.rootPath && !params.rootPath->empty()) {
    roots.emplace_back(*params.rootPath);
  }
  for (const auto& folder : params.workspaceFolders) {
    if (auto path = file_uri_to_path(folder.uri))
      roots.push_back(*path);
  }
  workspace_.set_roots(roots);
}

void LspServer::add_navigation_capabilities(json& caps) const {
  // The label names the server's group where a client shows several outlines (VS Code).
  caps["documentSymbolProvider"] = {
      {"label", papers_only_outline_ ? "awesome-ls papers" : "awesome-ls"}};
  caps["workspaceSymbolProvider"] = true;
  caps["foldingRangeProvider"] = true;
  caps["documentLinkProvider"] = {{"resolveProvider", false}};
  caps["definitionProvider"] = true;
  caps["referencesProvider"] = true;
  caps["hoverProvider"] = true;
  caps["renameProvider"] = prepare_rename_ ? json{{"prepareProvider", true}} : json(true);
}

LspServer::Reply LspServer::on_document_symbol(const lsp::TextDocumentParams& params) {
  return in_document(params.textDocument, [&](const std::string& uri, OpenDocument& doc) -> Reply {
    const Model& m = doc.list.model();
    const Outline outline(m);
    RawResult result;
    result.json.reserve(128 * (m.entries.size() + m.sections.size()) + 2);
    const SymbolWriter writer{doc.list, m, outline, store_.encoding(), uri, result.json};
    result.json.push_back('[');
    if (papers_only_outline_) {
      // The client shows the headings from another provider (VS Code's Markdown extension):
      // only the papers, in document order, which that provider does not know.
      for (std::size_t i = 0; i < m.entries.size(); ++i) {
        if (!hierarchical_symbols_) {
          writer.flat({true, i}, m.entries[i].section);
        } else {
          if (i > 0)
            result.json.push_back(',');
          writer.paper(i);
        }
      }
    } else if (hierarchical_symbols_) {
      for (std::size_t i = 0; i < outline.top().size(); ++i) {
        if (i > 0)
          result.json.push_back(',');
        writer.tree(outline.top()[i]);
      }
    } else {
      for (const auto& node : outline.top()) writer.flat(node, SIZE_MAX);
    }
    result.json.push_back(']');
    return result;
  });
}

LspServer::Reply LspServer::on_folding_range(const lsp::TextDocumentParams& params) {
  return in_document(params.textDocument, [&](const std::string&, OpenDocument& doc) -> Reply {
    std::vector<lsp::FoldingRange> out;
    for (const rules::LineSpan& span : rules::folding_spans(doc.list, doc.list.model())) {
      if (folding_limit_ && out.size() >= *folding_limit_)
        break;
      out.push_back({span.first, span.last});
    }
    return json(out);
  });
}

LspServer::Reply LspServer::on_document_link(const lsp::TextDocumentParams& params) {
  return in_document(params.textDocument, [&](const std::string& uri, OpenDocument& doc) -> Reply {
    const Model& m = doc.list.model();
    const auto encoding = store_.encoding();
    std::vector<lsp::DocumentLink> out;
    for (const rules::TocItem& t : m.toc) {
      const std::size_t si = rules::section_for_anchor(m, t.anchor);
      if (si == SIZE_MAX)
        continue;
      const rules::Section& s = m.sections[si];
      out.push_back({lsp_range(doc.list, t.range, encoding),
                     uri + "#L" + std::to_string(s.range.start.line + 1),
                     "Go to the heading '" + s.title + "'"});
    }
    for (const rules::Entry& e : m.entries) {
      for (const rules::Link& l : e.links) {
        if (!is_web_url(l.url))
          continue;
        out.push_back({lsp_range(doc.list, l.range, encoding), l.url, {}});
      }
    }
    return json(out);
  });
}

LspServer::Reply LspServer::on_definition(const lsp::TextDocumentPositionParams& params) {
  return at_position(
      params.textDocument, params.position, nullptr, [&](const DocumentPosition& at) -> Reply {
        const Model& m = at.model;
        if (at.target.kind == rules::TargetKind::kToc) {
          const std::size_t si = rules::section_for_anchor(m, m.toc[at.target.toc].anchor);
          if (si != SIZE_MAX)
            return json(location(at.uri, at.doc, m.sections[si].title_range));
        } else if (at.target.entry != SIZE_MAX) {
          const std::size_t first = rules::first_copy(m, at.target.entry);
          if (first != SIZE_MAX)
            return json(location(at.uri, at.doc, m.entries[first].title_range));
        }
        return json(nullptr);
      });
}

LspServer::Reply LspServer::on_references(const lsp::ReferenceParams& params) {
  return at_position(
      params.textDocument, params.position, json::array(),
      [&](const DocumentPosition& at) -> Reply {
        const Model& m = at.model;
        const rules::Target& target = at.target;
        // The declaration is the first occurrence: the first use of a key word or paper, the
        // heading.
        std::vector<rules::Range> found;
        if (target.kind == rules::TargetKind::kKeyword) {
          const auto& phrase = m.entries[target.entry].keywords[target.index].text;
          for (const auto& o : rules::keyword_occurrences(m, phrase)) found.push_back(o.range);
        } else if (target.kind == rules::TargetKind::kLink) {
          if (auto id = rules::link_arxiv(m.entries[target.entry].links[target.index])) {
            for (const auto& o : rules::arxiv_occurrences(m, *id)) found.push_back(o.range);
          }
        } else if (target.kind == rules::TargetKind::kHeading ||
                   target.kind == rules::TargetKind::kToc) {
          const std::size_t si =
              target.kind == rules::TargetKind::kHeading
                  ? (m.sections[target.section].level > 0 ? target.section : SIZE_MAX)
                  : rules::section_for_anchor(m, m.toc[target.toc].anchor);
          if (si != SIZE_MAX) {
            found.push_back(m.sections[si].title_range);
            for (const rules::TocItem& t : m.toc) {
              if (t.anchor == m.sections[si].anchor)
                found.push_back(t.range);
            }
          }
        }
        std::vector<lsp::Location> out;
        for (std::size_t i = params.includeDeclaration ? 0 : 1; i < found.size(); ++i) {
          out.push_back(location(at.uri, at.doc, found[i]));
        }
        return json(out);
      });
}

}  // namespace awesome::server
