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
  j = {{"label", in.label},       {"kind", in.kind},
       {"textEdit", in.textEdit}, {"filterText", in.filterText},
       {"sortText", in.sortText}, {"insertTextFormat", in.insertTextFormat}};
  if (!in.detail.empty())
    j["detail"] = in.detail;
  if (in.documentation)
    j["documentation"] = *in.documentation;
  if (!in.data.is_null())
    j["data"] = in.data;
}

void to_json(json& j, const CompletionList& in) {
  j = {{"isIncomplete", in.isIncomplete}, {"items", in.items}};
}

}  // namespace awesome::lsp
