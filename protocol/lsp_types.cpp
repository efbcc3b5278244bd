#include "protocol/lsp_types.hpp"

#include <algorithm>

namespace awesome::lsp {
namespace {

template <class T>
void read_optional(const json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null())
    out = it->get<T>();
}

}  // namespace

void from_json(const json& j, TextDocumentContentChangeEvent& out) {
  read_optional(j, "range", out.range);
  j.at("text").get_to(out.text);
}

void to_json(json& j, const TextDocumentContentChangeEvent& in) {
  j = {{"text", in.text}};
  if (in.range)
    j["range"] = *in.range;
}

void from_json(const json& j, DocumentDiagnosticParams& out) {
  j.at("textDocument").get_to(out.textDocument);
  read_optional(j, "previousResultId", out.previousResultId);
}

void from_json(const json& j, WorkspaceFolder& out) {
  j.at("uri").get_to(out.uri);
  if (auto it = j.find("name"); it != j.end() && it->is_string())
    it->get_to(out.name);
}

void from_json(const json& j, InitializeParams& out) {
  if (!j.is_object())
    throw json::type_error::create(302, "initialize params must be an object", &j);
  read_optional(j, "processId", out.processId);
  read_optional(j, "rootUri", out.rootUri);
  read_optional(j, "rootPath", out.rootPath);
  if (auto it = j.find("workspaceFolders"); it != j.end() && !it->is_null()) {
    it->get_to(out.workspaceFolders);
  }
  if (auto it = j.find("capabilities"); it != j.end() && it->is_object())
    out.capabilities = *it;
  if (auto it = j.find("initializationOptions"); it != j.end())
    out.initializationOptions = *it;
  read_optional(j, "trace", out.trace);
}

void from_json(const json& j, CancelParams& out) {
  auto id = protocol::id_from_json(j.at("id"));
  if (!id)
    throw json::type_error::create(302, "id must be an integer or a string", &j);
  out.id = std::move(*id);
}

void from_json(const json& j, DidChangeConfigurationParams& out) {
  if (!j.is_object())
    throw json::type_error::create(302, "params must be an object", &j);
  out.settings = j.value("settings", json());
}

void to_json(json& j, const Diagnostic& in) {
  j = {{"range", in.range},
       {"severity", static_cast<int>(in.severity)},
       {"code", in.code},
       {"source", in.source},
       {"message", in.message}};
  if (in.codeDescriptionHref)
    j["codeDescription"] = {{"href", *in.codeDescriptionHref}};
  if (!in.tags.empty()) {
    json tags = json::array();
    for (auto tag : in.tags) tags.push_back(static_cast<int>(tag));
    j["tags"] = std::move(tags);
  }
  if (!in.relatedInformation.empty())
    j["relatedInformation"] = in.relatedInformation;
  if (!in.data.is_null())
    j["data"] = in.data;
}

bool flag_at(const json& object, const char* pointer) {
  json::json_pointer ptr(pointer);
  if (!object.is_object() || !object.contains(ptr))
    return false;
  const json& value = object.at(ptr);
  return value.is_boolean() && value.get<bool>();
}

bool array_at_holds(const json& object, const char* pointer, std::string_view value) {
  json::json_pointer ptr(pointer);
  if (!object.is_object() || !object.contains(ptr))
    return false;
  const json& array = object.at(ptr);
  return array.is_array() && std::any_of(array.begin(), array.end(), [&](const json& v) {
           return v.is_string() && v.get_ref<const std::string&>() == value;
         });
}

}  // namespace awesome::lsp
