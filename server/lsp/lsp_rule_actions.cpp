// LspServer: the quick fixes every finding gets besides its rule's own fixes (a way out of
// each): fix all of its rule in the file, disable the rule for the line (a suppression
// comment), disable it in `.awesome-ls.json`, show its documentation; and their commands.
#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "rules/blocks.hpp"
#include "rules/catalog.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "server/common/config_loader.hpp"
#include "server/common/docs_link.hpp"
#include "server/common/file_walk.hpp"
#include "server/lsp/diagnostics_convert.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using protocol::ErrorCode;
using protocol::ResponseError;

namespace {

/// The per-rule actions are for the findings at a cursor or in a selection: a request for more
/// lines (a whole document) gets only the rules' own fixes.
constexpr std::uint32_t kMaxRuleActionLines = 20;

bool has_safe_fix(const rules::Diagnostic& d) {
  return std::any_of(d.fixes.begin(), d.fixes.end(), [](const rules::Fix& f) { return f.safe; });
}

/// The LSP range of all of `text` (its end after the last line), in `encoding`.
lsp::Range whole_text_range(std::string_view text, protocol::PositionEncoding encoding) {
  const std::vector<rules::BlockLine> lines = rules::split_lines(text, true);
  const rules::BlockLine& last = lines.back();
  return {{0, 0},
          {static_cast<std::uint32_t>(lines.size() - 1),
           protocol::column_count(text.substr(last.start, last.length), encoding)}};
}

/// `config` (the text of a config file, "" for a new one) with `rule` off, 2-space indented;
/// other keys keep their values and order. nullopt when the text is not a JSON object or its
/// `rules` is not an object.
std::optional<std::string> with_rule_off(std::string_view config, std::string_view rule) {
  using ordered = nlohmann::ordered_json;
  ordered root = config.empty() ? ordered::object() : ordered::parse(config, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return std::nullopt;
  ordered& rules = root["rules"];
  if (rules.is_null())
    rules = ordered::object();
  if (!rules.is_object())
    return std::nullopt;
  ordered& setting = rules[std::string(rule)];
  if (setting.is_object())
    setting["severity"] = "off";
  else
    setting = "off";
  return root.dump(2) + "\n";
}

}  // namespace

void LspServer::add_rule_actions(const std::string& uri, OpenDocument& doc,
                                 const rules::Range& range, bool as_edit,
                                 std::vector<lsp::CodeAction>& actions) {
  if (range.end.line > range.start.line + kMaxRuleActionLines)
    return;
  const std::vector<rules::Diagnostic>& all = doc.list.diagnostics();
  std::vector<const rules::Diagnostic*> here;
  std::vector<std::string_view> rules_here;  // in the order of their first finding
  for (const auto& d : all) {
    if (d.range.start.line > range.end.line || d.range.end.line < range.start.line)
      continue;
    here.push_back(&d);
    if (std::find(rules_here.begin(), rules_here.end(), d.rule) == rules_here.end())
      rules_here.push_back(d.rule);
  }
  if (here.empty())
    return;
  const ConvertOptions convert = convert_options(doc.list);
  const auto lsp_diagnostics = [&](std::string_view rule) {
    std::vector<json> out;
    for (const rules::Diagnostic* d : here) {
      if (d->rule == rule)
        out.push_back(to_lsp_diagnostic(*d, doc.list, uri, convert));
    }
    return out;
  };
  const std::string quickfix(lsp::CodeActionKind::kQuickFix);
  // Fix all of a rule: offered when the rule has safe fixes for two findings or more (for one,
  // its own quick fix is the same edit).
  for (std::string_view rule : rules_here) {
    const auto fixable = std::count_if(all.begin(), all.end(), [&](const rules::Diagnostic& d) {
      return d.rule == rule && has_safe_fix(d);
    });
    const rules::RuleInfo* info = rules::find_rule(rule);
    if (fixable < 2 || info == nullptr)
      continue;
    lsp::CodeAction action{.title = "Fix all " + std::string(rule) + " problems in this file",
                           .kind = quickfix,
                           .diagnostics = lsp_diagnostics(rule)};
    if (as_edit) {
      const std::string text = doc.list.text();
      action.edit = workspace_edit(
          uri, doc, edits_between(text, rules::fix_rule(text, doc.list.config(), info->rule)));
    } else {
      action.command = lsp::Command{action.title, std::string(kFixRuleCommand),
                                    json::array({{{"uri", uri}, {"rule", rule}}})};
    }
    actions.push_back(std::move(action));
  }
  add_disable_line_actions(uri, doc, here, actions);
  const auto command_action = [&](const std::string& title, std::string_view command,
                                  std::string_view rule) {
    actions.push_back({.title = title,
                       .kind = quickfix,
                       .diagnostics = lsp_diagnostics(rule),
                       .command = lsp::Command{title, std::string(command),
                                               json::array({{{"uri", uri}, {"rule", rule}}})}});
  };
  if (config_.file() || workspace_root_ || file_uri_to_path(uri)) {
    for (std::string_view rule : rules_here) {
      command_action("Disable " + std::string(rule) + " in .awesome-ls.json", kDisableRuleCommand,
                     rule);
    }
  }
  if (show_document_ && !rules_doc_url(doc.list.config().docs_url).empty()) {
    for (std::string_view rule : rules_here)
      command_action("Show documentation for " + std::string(rule), kShowRuleDocsCommand, rule);
  }
}

void LspServer::add_disable_line_actions(const std::string& uri, OpenDocument& doc,
                                         const std::vector<const rules::Diagnostic*>& here,
                                         std::vector<lsp::CodeAction>& actions) {
  const ConvertOptions convert = convert_options(doc.list);
  // One comment per rule and line, where one can go: above the first line of a block (a
  // comment inside an entry or a paragraph would split it). Whether it changes no other
  // finding needs the document analysed again, so that waits until the action is chosen.
  std::vector<std::pair<std::string_view, std::uint32_t>> done;
  for (const rules::Diagnostic* d : here) {
    const std::pair<std::string_view, std::uint32_t> key{d->rule, d->range.start.line};
    if (std::find(done.begin(), done.end(), key) != done.end() ||
        !doc.list.starts_block(d->range.start.line)) {
      continue;
    }
    done.push_back(key);
    const std::string title = "Disable " + std::string(d->rule) + " for this line";
    actions.push_back(
        {.title = title,
         .kind = std::string(lsp::CodeActionKind::kQuickFix),
         .diagnostics = {to_lsp_diagnostic(*d, doc.list, uri, convert)},
         .command = lsp::Command{
             title, std::string(kDisableLineCommand),
             json::array({{{"uri", uri}, {"rule", d->rule}, {"line", d->range.start.line}}})}});
  }
}

void LspServer::disable_for_line(const std::string& uri, OpenDocument& doc, std::string_view rule,
                                 std::uint32_t line) {
  const std::vector<rules::Diagnostic>& all = doc.list.diagnostics();
  const auto finding = std::find_if(all.begin(), all.end(), [&](const rules::Diagnostic& d) {
    return d.rule == rule && d.range.start.line == line;
  });
  const std::string name(rule);
  if (finding == all.end()) {
    show_message(lsp::MessageType::kInfo, "awesome-ls: no " + name + " finding on line " +
                                              std::to_string(line + 1) + " any more.");
    return;
  }
  const auto edit =
      rules::disable_next_line_edit(doc.list.text(), doc.list.config(), all, *finding);
  if (!edit) {
    show_message(lsp::MessageType::kInfo,
                 "awesome-ls: a comment above line " + std::to_string(line + 1) +
                     " would change other findings, so " + name +
                     " stays on there; disable it in .awesome-ls.json instead.");
    return;
  }
  apply_command_edits(uri, doc, "Disable " + name + " for this line", {*edit}, "");
}

LspServer::Reply LspServer::on_rule_command(const std::string& command, const json& arguments) {
  if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object() ||
      !arguments[0].contains("uri") || !arguments[0]["uri"].is_string() ||
      !arguments[0].contains("rule") || !arguments[0]["rule"].is_string()) {
    return ResponseError{ErrorCode::kInvalidParams, command + " expects arguments [{uri, rule}]"};
  }
  const std::string uri = arguments[0]["uri"].get<std::string>();
  const std::string rule = arguments[0]["rule"].get<std::string>();
  const rules::RuleInfo* info = rules::find_rule(rule);
  if (info == nullptr)
    return ResponseError{ErrorCode::kInvalidParams, command + ": unknown rule '" + rule + "'"};
  OpenDocument* doc = store_.find(uri);
  if (doc == nullptr)
    return ResponseError{ErrorCode::kInvalidParams, command + ": " + uri + " is not open"};
  if (command == kDisableRuleCommand) {
    disable_rule_in_config(uri, info->id);
    return json(nullptr);
  }
  if (command == kDisableLineCommand) {
    const json& line = arguments[0].value("line", json());
    if (!line.is_number_unsigned()) {
      return ResponseError{ErrorCode::kInvalidParams,
                           command + " expects arguments [{uri, rule, line}]"};
    }
    disable_for_line(uri, *doc, info->id, line.get<std::uint32_t>());
    return json(nullptr);
  }
  if (command == kShowRuleDocsCommand) {
    const std::string link = rule_doc_link(rules_doc_url(doc->list.config().docs_url), info->id);
    if (link.empty()) {
      show_message(lsp::MessageType::kInfo, "awesome-ls: no documentation to show.");
      return json(nullptr);
    }
    send_request("window/showDocument", {{"uri", link}, {"external", true}},
                 [](const protocol::Response&) {});
    return json(nullptr);
  }
  // kFixRuleCommand
  const std::string text = doc->list.text();
  const std::string fixed = rules::fix_rule(text, doc->list.config(), info->rule);
  const auto of_rule = [&](const std::vector<rules::Diagnostic>& all) {
    std::vector<rules::Diagnostic> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [&](const rules::Diagnostic& d) { return d.rule == info->id; });
    return out;
  };
  rules::ListDocument after(fixed, doc->list.config());
  const std::string label = "Fix all " + rule + " problems in this file";
  apply_command_edits(uri, *doc, label, edits_between(text, fixed),
                      "awesome-ls: no " + rule + " problem to fix.",
                      fix_summary(of_rule(doc->list.diagnostics()), of_rule(after.diagnostics())));
  return json(nullptr);
}

void LspServer::disable_rule_in_config(const std::string& uri, std::string_view rule) {
  std::filesystem::path path;
  if (config_.file()) {
    path = *config_.file();
  } else if (workspace_root_) {
    path = *workspace_root_ / ".awesome-ls.json";
  } else if (auto document = file_uri_to_path(uri)) {
    path = document->parent_path() / ".awesome-ls.json";
  } else {
    show_message(lsp::MessageType::kWarning, "awesome-ls: no folder for a .awesome-ls.json.");
    return;
  }
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  std::string unread;  // why the file could not be read: it is then left alone, as invalid
  const std::optional<std::string> old_text =
      exists ? read_config_file(path, unread) : std::string();
  const std::optional<std::string> new_text =
      old_text ? with_rule_off(*old_text, rule) : std::nullopt;
  const ConfigResult checked =
      new_text ? load_config_text(path.string(), *new_text) : ConfigResult{{}, "not read"};
  if (!new_text || !checked.ok()) {
    show_message(lsp::MessageType::kError,
                 "awesome-ls: " + path.string() +
                     " is not a valid configuration; it was left unchanged and " +
                     std::string(rule) + " is still on.");
    return;
  }
  const std::string file_uri = path_to_file_uri(path);
  json edit;
  const json text_edit = {
      {"range", exists ? json(whole_text_range(*old_text, store_.encoding())) : json(lsp::Range{})},
      {"newText", *new_text}};
  if (exists && !document_changes_) {
    edit = {{"changes", {{file_uri, json::array({text_edit})}}}};
  } else if (exists) {
    edit = {{"documentChanges",
             json::array({{{"textDocument", {{"uri", file_uri}, {"version", nullptr}}},
                           {"edits", json::array({text_edit})}}})}};
  } else if (create_files_) {
    edit = {{"documentChanges",
             json::array({{{"kind", "create"}, {"uri", file_uri}},
                          {{"textDocument", {{"uri", file_uri}, {"version", nullptr}}},
                           {"edits", json::array({text_edit})}}})}};
  } else {
    show_message(lsp::MessageType::kWarning,
                 "awesome-ls: the editor cannot create files; to disable " + std::string(rule) +
                     ", create " + path.string() + " with:\n" + *new_text);
    return;
  }
  const std::string label = "Disable " + std::string(rule) + " in .awesome-ls.json";
  send_request("workspace/applyEdit", {{"label", label}, {"edit", std::move(edit)}},
               [this, label, path, text = *new_text](const protocol::Response& response) {
                 const json& result = response.result;
                 if (response.error || !result.is_object() || !result.value("applied", false)) {
                   log(lsp::MessageType::kWarning, label + ": the editor did not apply the edit");
                   return;
                 }
                 // The editor may hold the new text unsaved: the server uses it as sent.
                 const rules::Config previous = config_.effective();
                 if (auto error = config_.set_workspace_file_text(path, text); !error.empty()) {
                   report_config_error(path.string(), error);
                 } else if (!(config_.effective() == previous)) {
                   config_changed();
                 }
               });
}

}  // namespace awesome::server
