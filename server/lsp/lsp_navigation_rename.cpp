// LspServer: textDocument/prepareRename and textDocument/rename. A key word phrase is renamed in
// every Key Word line of the document; a heading (or the ToC link naming it) together with its
// year sections and every ToC link pointing at it, anchors recomputed with GitHub's slug rules.
#include "rules/queries.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;
using rules::Model;

namespace {

/// What a rename at a position would rename.
struct Renamable {
  enum class Kind : std::uint8_t { kNone, kKeyword, kHeading } kind = Kind::kNone;
  std::string current;  ///< the key word or the heading's text
  std::size_t section = SIZE_MAX;
  rules::Range range;   ///< what the editor selects for typing
  std::string problem;  ///< why the thing under the position cannot be renamed
};

Renamable renamable_at(const rules::ListDocument& list, const Model& m,
                       const rules::Target& target) {
  Renamable r;
  if (target.kind == rules::TargetKind::kKeyword) {
    r.kind = Renamable::Kind::kKeyword;
    r.current = m.entries[target.entry].keywords[target.index].text;
    r.range = target.range;
  } else if (target.kind == rules::TargetKind::kHeading) {
    r.kind = Renamable::Kind::kHeading;
    r.section = target.section;
    r.current = m.sections[target.section].title;
    r.range = target.range;
    if (r.current.empty())
      r.problem = "This heading has no text to rename.";
  } else if (target.kind == rules::TargetKind::kToc) {
    const rules::TocItem& t = m.toc[target.toc];
    r.section = rules::section_for_anchor(m, t.anchor);
    if (r.section == SIZE_MAX) {
      r.problem = "The link #" + t.anchor + " matches no heading.";
      return r;
    }
    r.kind = Renamable::Kind::kHeading;
    r.current = m.sections[r.section].title;
    r.range = rules::toc_text_range(list, t).value_or(t.range);
  }
  return r;
}

}  // namespace

LspServer::Reply LspServer::on_prepare_rename(const lsp::TextDocumentPositionParams& params) {
  return at_position(params.textDocument, params.position, nullptr,
                     [&](const DocumentPosition& at) -> Reply {
                       const Renamable r = renamable_at(at.doc.list, at.model, at.target);
                       if (!r.problem.empty())
                         return ResponseError{ErrorCode::kRequestFailed, r.problem};
                       if (r.kind == Renamable::Kind::kNone)
                         return json(nullptr);
                       return json{{"range", to_lsp_range(at.doc.list, r.range, store_.encoding())},
                                   {"placeholder", r.current}};
                     });
}

LspServer::Reply LspServer::on_rename(const lsp::RenameParams& params) {
  const std::string& new_name = params.newName;
  return at_position(
      params.textDocument, params.position, nullptr, [&](const DocumentPosition& at) -> Reply {
        const Renamable r = renamable_at(at.doc.list, at.model, at.target);
        if (!r.problem.empty())
          return ResponseError{ErrorCode::kRequestFailed, r.problem};
        if (r.kind == Renamable::Kind::kNone) {
          return ResponseError{ErrorCode::kRequestFailed,
                               "Only key words and headings can be renamed."};
        }
        const std::string problem = r.kind == Renamable::Kind::kKeyword
                                        ? rules::keyword_name_problem(new_name)
                                        : rules::heading_name_problem(new_name);
        if (!problem.empty())
          return ResponseError{ErrorCode::kRequestFailed, problem};
        return json(workspace_edit(
            at.uri, at.doc,
            r.kind == Renamable::Kind::kKeyword
                ? rules::rename_keyword_edits(at.model, r.current, new_name)
                : rules::rename_heading_edits(at.doc.list, at.model, r.section, new_name)));
      });
}

}  // namespace awesome::server
