// LspServer: code actions (a quick fix per fixable diagnostic, source.fixAll.awesome-ls, sort
// the section's entries, update the ToC), document and range formatting, which apply the safe
// fixes exactly as `awesome-ls check --fix` does, and the editor commands behind the actions.
// Fix edits are rebuilt here from the held document, never carried in diagnostics' data.
#include <algorithm>
#include <map>

#include "rules/blocks.hpp"
#include "rules/completion.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "server/common/docs_link.hpp"
#include "server/common/unified_diff.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

namespace {

/// Edits sorted by position with any edit overlapping an earlier one dropped: a WorkspaceEdit
/// must not overlap.
std::vector<rules::TextEdit> non_overlapping(std::vector<rules::TextEdit> edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const auto& a, const auto& b) { return a.range.start < b.range.start; });
  std::vector<rules::TextEdit> out;
  for (auto& e : edits) {
    if (!out.empty() && e.range.start < out.back().range.end)
      continue;
    out.push_back(std::move(e));
  }
  return out;
}

/// Whether the client asked for `kind` (an empty `only` asks for everything).
bool wanted(const std::vector<std::string>& only, std::string_view kind) {
  if (only.empty())
    return true;
  for (const std::string& prefix : only) {
    if (kind == prefix ||
        (kind.starts_with(prefix) && kind.size() > prefix.size() && kind[prefix.size()] == '.')) {
      return true;
    }
  }
  return false;
}

bool overlaps_lines(const rules::Range& a, const rules::Range& b) {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/// Every safe fix as `check --fix` applies them (round after round until none is left), as
/// edits of the document's current text.
std::vector<rules::TextEdit> fix_all_edits(const rules::ListDocument& doc) {
  const std::string text = doc.text();
  return edits_between(text, rules::fix_all(text, doc.config()));
}

/// "3 findings", "1 finding"; `plural` when the noun does not just take an 's'.
std::string count_of(std::size_t n, std::string_view noun, std::string_view plural = {}) {
  if (n == 1)
    return "1 " + std::string(noun);
  return std::to_string(n) + " " + (plural.empty() ? std::string(noun) + "s" : std::string(plural));
}

/// What Update ToC did: the lines it changed (a changed run counts its longer side).
std::string update_toc_summary(std::string_view before, const std::vector<rules::TextEdit>& edits) {
  std::size_t changed = 0;
  for (const LineChange& c : line_changes(before, rules::apply_edits(before, edits)))
    changed += std::max(c.old_count, c.new_count);
  return "awesome-ls: updated the table of contents: " + count_of(changed, "line") + " changed.";
}

/// What Sort did: the paper entries of the section.
std::string sort_summary(rules::ListDocument& list, const rules::LineOutline::Section& section) {
  std::size_t entries = 0;
  for (const auto& e : list.model().entries) {
    if (e.first_line > section.first_line && e.first_line <= section.last_line)
      ++entries;
  }
  return "awesome-ls: sorted " + count_of(entries, "entry", "entries") + " of '" + section.title +
         "'.";
}

}  // namespace

/// What a fix of many findings did, for the user: the findings of `before` gone from `after`,
/// counted by rule, and the ones left (they "need a manual edit").
std::string fix_summary(std::span<const rules::Diagnostic> before,
                        std::span<const rules::Diagnostic> after) {
  std::map<std::string_view, std::ptrdiff_t> gone;
  for (const auto& d : before) ++gone[d.rule];
  for (const auto& d : after) --gone[d.rule];
  std::size_t fixed = 0, rules_fixed = 0;
  for (const auto& [rule, n] : gone) {
    if (n > 0) {
      fixed += static_cast<std::size_t>(n);
      ++rules_fixed;
    }
  }
  std::string out = "awesome-ls: fixed " + count_of(fixed, "finding") + " in " +
                    count_of(rules_fixed, "rule") + "; ";
  if (after.empty())
    return out + "none left.";
  return out + std::to_string(after.size()) + (after.size() == 1 ? " needs" : " need") +
         " a manual edit.";
}

std::vector<rules::TextEdit> edits_between(std::string_view before, std::string_view after) {
  const auto line_starts = [](std::string_view text) {  // the diff's lines end at '\n'
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n')
        starts.push_back(i + 1);
    }
    if (starts.back() != text.size())
      starts.push_back(text.size());
    return starts;
  };
  const std::vector<std::size_t> old_starts = line_starts(before);
  const std::vector<std::size_t> new_starts = line_starts(after);
  // Positions in the document's own lines ('\r' alone ends a line there too).
  const std::vector<rules::BlockLine> lines = rules::split_lines(before, true);
  const auto position_of = [&](std::size_t offset) {
    auto it =
        std::upper_bound(lines.begin(), lines.end(), offset,
                         [](std::size_t o, const rules::BlockLine& l) { return o < l.start; });
    const auto line = static_cast<std::uint32_t>(std::distance(lines.begin(), it) - 1);
    return rules::Position{line, static_cast<std::uint32_t>(offset - lines[line].start)};
  };
  std::vector<rules::TextEdit> edits;
  for (const LineChange& c : line_changes(before, after)) {
    const std::size_t from = old_starts[c.old_first];
    const std::size_t to = old_starts[c.old_first + c.old_count];
    const std::size_t new_from = new_starts[c.new_first];
    const std::size_t new_to = new_starts[c.new_first + c.new_count];
    edits.push_back({{position_of(from), position_of(to)},
                     std::string(after.substr(new_from, new_to - new_from))});
  }
  return edits;
}

std::vector<lsp::TextEdit> LspServer::text_edits(const OpenDocument& doc,
                                                 const std::vector<rules::TextEdit>& edits) const {
  std::vector<lsp::TextEdit> out;
  out.reserve(edits.size());
  for (const auto& e : edits) {
    out.push_back({to_lsp_range(doc.list, e.range, store_.encoding()), e.new_text});
  }
  return out;
}

lsp::WorkspaceEdit LspServer::workspace_edit(std::string_view uri, const OpenDocument& doc,
                                             const std::vector<rules::TextEdit>& edits) const {
  lsp::WorkspaceEdit out;
  if (document_changes_)
    out.documentChanges = {{{std::string(uri), doc.version}, text_edits(doc, edits)}};
  else
    out.changes = {{std::string(uri), text_edits(doc, edits)}};
  return out;
}

void LspServer::add_arxiv_entry_action(const std::string& uri, OpenDocument& doc,
                                       std::uint32_t line, std::vector<lsp::CodeAction>& actions) {
  const auto id = rules::arxiv_id_on_line(doc.list.line(line));
  if (!id)
    return;
  const auto paper = arxiv_.papers.find(*id);
  if (paper == arxiv_.papers.end())
    return;  // not known (yet): the fetcher was asked when the line was typed
  const std::string_view text = doc.list.line(line);
  const rules::TextEdit edit{
      {{line, 0}, {line, static_cast<std::uint32_t>(text.size())}},
      rules::format_entry(doc.list, paper->second, rules::EntryFill::kBlank)};
  actions.push_back({.title = "Write the entry of arXiv " + *id,
                     .kind = std::string(lsp::CodeActionKind::kQuickFix),
                     .edit = workspace_edit(uri, doc, {edit})});
}

LspServer::Reply LspServer::on_code_action(const lsp::CodeActionParams& params) {
  const std::string& uri = params.textDocument.uri;
  OpenDocument* doc = store_.find(uri);
  if (doc == nullptr)
    return json::array();
  const std::vector<std::string>& only = params.only;
  const rules::Range wanted_range{
      to_byte_position(doc->list, params.range.start, store_.encoding()),
      to_byte_position(doc->list, params.range.end, store_.encoding())};
  std::vector<rules::Diagnostic> diagnostics = doc->list.diagnostics();
  const bool arxiv = doc->list.config().arxiv.enabled && !arxiv_.empty();
  if (arxiv) {
    for (auto& d : rules::check_arxiv(doc->list, arxiv_)) diagnostics.push_back(std::move(d));
  }
  const ConvertOptions convert{
      store_.encoding(), related_information_, rules_doc_url(doc->list.config().docs_url), {}};
  std::vector<lsp::CodeAction> actions;
  if (wanted(only, lsp::CodeActionKind::kQuickFix)) {
    for (const auto& d : diagnostics) {
      if (d.fixes.empty() || !overlaps_lines(d.range, wanted_range))
        continue;
      const json lsp_diagnostic = to_lsp_diagnostic(d, doc->list, uri, convert);
      for (std::size_t i = 0; i < d.fixes.size(); ++i) {
        const rules::Fix& fix = d.fixes[i];
        actions.push_back({.title = fix.title,
                           .kind = std::string(lsp::CodeActionKind::kQuickFix),
                           .diagnostics = {lsp_diagnostic},
                           .isPreferred = fix.preferred && i == 0,
                           .edit = workspace_edit(uri, *doc, non_overlapping(fix.edits))});
      }
    }
    add_rule_actions(uri, *doc, wanted_range, !only.empty(), actions);
    if (arxiv)
      add_arxiv_entry_action(uri, *doc, wanted_range.start.line, actions);
  }
  if (wanted(only, kFixAllKind)) {
    const bool any_safe = std::any_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
      return std::any_of(d.fixes.begin(), d.fixes.end(), [](const auto& f) { return f.safe; });
    });
    const std::string title = "Fix all safe awesome-ls problems";
    if (any_safe && !only.empty()) {
      // Asked for by kind (fix on save, the source action menu): the edit itself, every round
      // of fixes as `check --fix` makes them.
      actions.push_back({.title = title,
                         .kind = std::string(kFixAllKind),
                         .edit = workspace_edit(uri, *doc, fix_all_edits(doc->list))});
    } else if (any_safe) {
      // Offered with everything at the cursor: a command, computed only when chosen.
      actions.push_back({.title = title,
                         .kind = std::string(kFixAllKind),
                         .command = lsp::Command{title, std::string(kFixAllCommand),
                                                 json::array({{{"uri", uri}}})}});
    }
  }
  // Whole-section actions run as commands: their edits are computed only when chosen.
  const json arguments = json::array({{{"uri", uri}, {"position", params.range.start}}});
  const rules::LineOutline& outline = doc->list.line_outline();
  const std::size_t section = outline.section_at(wanted_range.start.line);
  if (wanted(only, kSortKind) && section != SIZE_MAX && outline.sections[section].holds_papers) {
    actions.push_back({.title = "Sort entries of this section by arXiv id",
                       .kind = std::string(kSortKind),
                       .command = lsp::Command{"Sort entries of this section",
                                               std::string(kSortCommand), arguments}});
  }
  const bool has_toc =
      std::any_of(outline.sections.begin(), outline.sections.end(),
                  [](const auto& s) { return s.kind == rules::SectionKind::kToc; });
  if (wanted(only, kTocKind) && has_toc) {
    actions.push_back(
        {.title = "Update table of contents",
         .kind = std::string(kTocKind),
         .command = lsp::Command{"Update table of contents", std::string(kTocCommand), arguments}});
  }
  return json(actions);
}

LspServer::Reply LspServer::on_formatting(const lsp::TextDocumentParams& params) {
  const OpenDocument* doc = store_.find(params.textDocument.uri);
  if (doc == nullptr)
    return json::array();
  return json(text_edits(*doc, fix_all_edits(doc->list)));
}

LspServer::Reply LspServer::on_range_formatting(const lsp::TextDocumentRangeParams& params) {
  OpenDocument* doc = store_.find(params.textDocument.uri);
  if (doc == nullptr)
    return json::array();
  const auto encoding = store_.encoding();
  const std::uint32_t first = to_byte_position(doc->list, params.range.start, encoding).line;
  const std::uint32_t last = to_byte_position(doc->list, params.range.end, encoding).line;
  // The safe fixes of findings in the range whose every edit stays inside its lines.
  std::vector<rules::Diagnostic> inside;
  for (const auto& d : doc->list.diagnostics()) {
    if (d.range.start.line < first || d.range.start.line > last)
      continue;
    rules::Diagnostic kept = d;
    std::erase_if(kept.fixes, [&](const rules::Fix& f) {
      return std::any_of(f.edits.begin(), f.edits.end(), [&](const rules::TextEdit& e) {
        return e.range.start.line < first || e.range.end.line > last;
      });
    });
    if (!kept.fixes.empty())
      inside.push_back(std::move(kept));
  }
  return json(text_edits(*doc, rules::safe_fix_edits(inside)));
}

void LspServer::apply_command_edits(std::string_view uri, const OpenDocument& doc,
                                    std::string_view label,
                                    const std::vector<rules::TextEdit>& edits,
                                    std::string_view nothing, std::string done) {
  if (edits.empty()) {
    show_message(lsp::MessageType::kInfo, nothing);
    return;
  }
  send_request(
      "workspace/applyEdit",
      json(lsp::ApplyWorkspaceEditParams{std::string(label), workspace_edit(uri, doc, edits)}),
      [this, label = std::string(label),
       done = std::move(done)](const protocol::Response& response) {
        const json& result = response.result;
        if (response.error || !result.is_object() || !result.value("applied", false)) {
          log(lsp::MessageType::kWarning, label + ": the editor did not apply the edit");
        } else if (!done.empty()) {
          show_message(lsp::MessageType::kInfo, done);
        }
      });
}

LspServer::Reply LspServer::on_execute_command(const lsp::ExecuteCommandParams& params) {
  const auto bad = [](std::string message) {
    return ResponseError{ErrorCode::kInvalidParams, std::move(message)};
  };
  const std::string& command = params.command;
  const json& arguments = params.arguments;
  if (command == kFixRuleCommand || command == kDisableRuleCommand ||
      command == kDisableLineCommand || command == kShowRuleDocsCommand) {
    return on_rule_command(command, arguments);
  }
  if (command != kSortCommand && command != kTocCommand && command != kFixAllCommand) {
    return bad("unknown command '" + command + "'");
  }
  if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object() ||
      !arguments[0].contains("uri") || !arguments[0]["uri"].is_string()) {
    return bad(command + " expects arguments [{uri, position}]");
  }
  const std::string uri = arguments[0]["uri"].get<std::string>();
  OpenDocument* doc = store_.find(uri);
  if (doc == nullptr)
    return bad(command + ": " + uri + " is not open");
  if (command == kTocCommand) {
    const auto edits = doc->list.update_toc_edits();
    apply_command_edits(uri, *doc, "Update table of contents", edits,
                        "awesome-ls: the table of contents is up to date.",
                        update_toc_summary(doc->list.text(), edits));
    return json(nullptr);
  }
  if (command == kFixAllCommand) {
    const std::string text = doc->list.text();
    const std::string fixed = rules::fix_all(text, doc->list.config());
    rules::ListDocument after(fixed, doc->list.config());
    apply_command_edits(uri, *doc, "Fix all safe awesome-ls problems", edits_between(text, fixed),
                        "awesome-ls: nothing to fix.",
                        fix_summary(doc->list.diagnostics(), after.diagnostics()));
    return json(nullptr);
  }
  auto position = lsp::parse_params<lsp::Position>(arguments[0].value("position", json()));
  if (!position)
    return bad(command + " expects a position");
  const std::uint32_t line = to_byte_position(doc->list, *position, store_.encoding()).line;
  const rules::LineOutline& outline = doc->list.line_outline();
  const std::size_t section = outline.section_at(line);
  if (section == SIZE_MAX || !outline.sections[section].holds_papers) {
    show_message(lsp::MessageType::kInfo, "awesome-ls: the cursor is not in a section of papers.");
    return json(nullptr);
  }
  apply_command_edits(uri, *doc, "Sort entries of this section", doc->list.sort_section_edits(line),
                      "awesome-ls: the entries of this section are already in order.",
                      sort_summary(doc->list, outline.sections[section]));
  return json(nullptr);
}

}  // namespace awesome::server
