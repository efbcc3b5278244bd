#include "protocol/lsp_features.hpp"

namespace awesome::lsp {

void from_json(const json& j, ReferenceParams& out) {
  j.at("textDocument").get_to(out.textDocument);
  j.at("position").get_to(out.position);
  if (auto context = j.find("context"); context != j.end() && context->is_object()) {
    out.includeDeclaration = context->value("includeDeclaration", true);
  }
}

void from_json(const json& j, CodeActionParams& out) {
  j.at("textDocument").get_to(out.textDocument);
  j.at("range").get_to(out.range);
  auto context = j.find("context");
  if (context == j.end() || !context->is_object())
    return;
  auto only = context->find("only");
  if (only == context->end() || !only->is_array())
    return;
  for (const auto& kind : *only)
    out.only.push_back(kind.is_string() ? kind.get<std::string>() : "");
}

void from_json(const json& j, ExecuteCommandParams& out) {
  j.at("command").get_to(out.command);
  out.arguments = j.value("arguments", json::array());
}

void to_json(json& j, const DocumentLink& in) {
  j = {{"range", in.range}, {"target", in.target}};
  if (!in.tooltip.empty())
    j["tooltip"] = in.tooltip;
}

void to_json(json& j, const DocumentSymbol& in) {
  j = {{"name", in.name},
       {"kind", in.kind},
       {"range", in.range},
       {"selectionRange", in.selectionRange}};
  if (!in.detail.empty())
    j["detail"] = in.detail;
  if (in.children)
    j["children"] = *in.children;
}

void to_json(json& j, const SymbolInformation& in) {
  j = {{"name", in.name}, {"kind", in.kind}, {"location", in.location}};
  if (in.containerName)
    j["containerName"] = *in.containerName;
}

void to_json(json& j, const CompletionItem& in) {
  j = {{"label", in.label}, {"kind", in.kind}, {"sortText", in.sortText}};
  if (in.textEdit)
    j["textEdit"] = *in.textEdit;
  if (!in.textEditText.empty())
    j["textEditText"] = in.textEditText;
  if (!in.filterText.empty())
    j["filterText"] = in.filterText;
  if (in.insertTextFormat != InsertTextFormat::kPlainText)  // the protocol's default
    j["insertTextFormat"] = in.insertTextFormat;
  if (!in.detail.empty())
    j["detail"] = in.detail;
  if (in.labelDetails) {
    json details = json::object();
    if (!in.labelDetails->detail.empty())
      details["detail"] = in.labelDetails->detail;
    if (!in.labelDetails->description.empty())
      details["description"] = in.labelDetails->description;
    j["labelDetails"] = std::move(details);
  }
  if (in.documentation)
    j["documentation"] = *in.documentation;
  if (!in.data.is_null())
    j["data"] = in.data;
}

void to_json(json& j, const CompletionList& in) {
  j = {{"isIncomplete", in.isIncomplete}, {"items", in.items}};
  if (!in.itemDefaults.is_null())
    j["itemDefaults"] = in.itemDefaults;
}

void from_json(const json& j, OptionalVersionedTextDocumentIdentifier& out) {
  j.at("uri").get_to(out.uri);
  const json& version = j.at("version");
  out.version = version.is_null() ? std::nullopt : std::optional(version.get<std::int32_t>());
}

void to_json(json& j, const OptionalVersionedTextDocumentIdentifier& in) {
  j = {{"uri", in.uri}, {"version", in.version ? json(*in.version) : json(nullptr)}};
}

void from_json(const json& j, WorkspaceEdit& out) {
  if (auto changes = j.find("changes"); changes != j.end())
    out.changes = changes->get<std::map<std::string, std::vector<TextEdit>>>();
  if (auto document_changes = j.find("documentChanges"); document_changes != j.end())
    out.documentChanges = document_changes->get<std::vector<TextDocumentEdit>>();
}

void to_json(json& j, const WorkspaceEdit& in) {
  j = json::object();
  if (in.changes)
    j["changes"] = *in.changes;
  if (in.documentChanges)
    j["documentChanges"] = *in.documentChanges;
}

void from_json(const json& j, Command& out) {
  j.at("title").get_to(out.title);
  j.at("command").get_to(out.command);
  out.arguments = j.value("arguments", json());
}

void to_json(json& j, const Command& in) {
  j = {{"title", in.title}, {"command", in.command}};
  if (!in.arguments.is_null())
    j["arguments"] = in.arguments;
}

void from_json(const json& j, CodeAction& out) {
  j.at("title").get_to(out.title);
  out.kind = j.value("kind", "");
  out.diagnostics = j.value("diagnostics", std::vector<json>{});
  if (auto preferred = j.find("isPreferred"); preferred != j.end())
    out.isPreferred = preferred->get<bool>();
  if (auto edit = j.find("edit"); edit != j.end())
    out.edit = edit->get<WorkspaceEdit>();
  if (auto command = j.find("command"); command != j.end())
    out.command = command->get<Command>();
}

void to_json(json& j, const CodeAction& in) {
  j = {{"title", in.title}};
  if (!in.kind.empty())
    j["kind"] = in.kind;
  if (!in.diagnostics.empty())
    j["diagnostics"] = in.diagnostics;
  if (in.isPreferred)
    j["isPreferred"] = *in.isPreferred;
  if (in.edit)
    j["edit"] = *in.edit;
  if (in.command)
    j["command"] = *in.command;
}

void from_json(const json& j, ApplyWorkspaceEditParams& out) {
  out.label = j.value("label", "");
  j.at("edit").get_to(out.edit);
}

void to_json(json& j, const ApplyWorkspaceEditParams& in) {
  j = {{"edit", in.edit}};
  if (!in.label.empty())
    j["label"] = in.label;
}

}  // namespace awesome::lsp
