// The LSP 3.17 structures awesome-ls reads and writes, with the spec's camelCase field names so
// the JSON mapping stays mechanical. Only the fields the server uses are declared; unknown
// fields are ignored when reading. parse_params() turns JSON into a struct without throwing.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/jsonrpc.hpp"

namespace awesome::lsp {

using nlohmann::json;

// NOLINTBEGIN(readability-identifier-naming)

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  bool operator==(const Position&) const = default;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Position, line, character)

struct Range {
  Position start;
  Position end;
  bool operator==(const Range&) const = default;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Range, start, end)

struct Location {
  std::string uri;
  Range range;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Location, uri, range)

struct TextDocumentIdentifier {
  std::string uri;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextDocumentIdentifier, uri)

struct VersionedTextDocumentIdentifier {
  std::string uri;
  std::int32_t version = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(VersionedTextDocumentIdentifier, uri, version)

struct TextDocumentItem {
  std::string uri;
  std::string languageId;
  std::int32_t version = 0;
  std::string text;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextDocumentItem, uri, languageId, version, text)

/// A change: `range` set for an incremental edit, absent for a full replacement.
struct TextDocumentContentChangeEvent {
  std::optional<Range> range;
  std::string text;
};
void from_json(const json& j, TextDocumentContentChangeEvent& out);
void to_json(json& j, const TextDocumentContentChangeEvent& in);

struct DidOpenTextDocumentParams {
  TextDocumentItem textDocument;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DidOpenTextDocumentParams, textDocument)

struct DidChangeTextDocumentParams {
  VersionedTextDocumentIdentifier textDocument;
  std::vector<TextDocumentContentChangeEvent> contentChanges;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DidChangeTextDocumentParams, textDocument, contentChanges)

struct DidCloseTextDocumentParams {
  TextDocumentIdentifier textDocument;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DidCloseTextDocumentParams, textDocument)

struct DidSaveTextDocumentParams {
  TextDocumentIdentifier textDocument;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DidSaveTextDocumentParams, textDocument)

struct DocumentDiagnosticParams {
  TextDocumentIdentifier textDocument;
  std::optional<std::string> previousResultId;
};
void from_json(const json& j, DocumentDiagnosticParams& out);

struct WorkspaceFolder {
  std::string uri;
  std::string name;
};
void from_json(const json& j, WorkspaceFolder& out);

struct InitializeParams {
  std::optional<std::int64_t> processId;
  std::optional<std::string> rootUri;
  std::optional<std::string> rootPath;
  std::vector<WorkspaceFolder> workspaceFolders;
  json capabilities = json::object();
  json initializationOptions;  ///< null when absent
  std::optional<std::string> trace;
};
void from_json(const json& j, InitializeParams& out);

struct SetTraceParams {
  std::string value;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SetTraceParams, value)

struct CancelParams {
  protocol::RequestId id;
};
void from_json(const json& j, CancelParams& out);

struct DidChangeConfigurationParams {
  json settings;
};
void from_json(const json& j, DidChangeConfigurationParams& out);

enum class DiagnosticSeverity : std::uint8_t {
  kError = 1,
  kWarning = 2,
  kInformation = 3,
  kHint = 4
};
enum class DiagnosticTag : std::uint8_t { kUnnecessary = 1, kDeprecated = 2 };

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DiagnosticRelatedInformation, location, message)

struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::kWarning;
  std::string code;
  std::optional<std::string> codeDescriptionHref;  ///< written as codeDescription.href
  std::string source;
  std::string message;
  std::vector<DiagnosticTag> tags;
  std::vector<DiagnosticRelatedInformation> relatedInformation;
  json data;  ///< null when absent
};
void to_json(json& j, const Diagnostic& in);

enum class MessageType : std::uint8_t { kError = 1, kWarning = 2, kInfo = 3, kLog = 4 };

// NOLINTEND(readability-identifier-naming)

/// Reads `params` into T; nullopt (with `error` set when given) when a field is missing or has
/// the wrong type. The only place where nlohmann's exceptions are caught.
template <class T>
std::optional<T> parse_params(const json& params, std::string* error = nullptr) {
  try {
    return params.get<T>();
  } catch (const json::exception& e) {
    if (error != nullptr)
      *error = e.what();
    return std::nullopt;
  }
}

/// The value at `pointer` in `object` when it is a boolean, otherwise false (capability lookup).
bool flag_at(const json& object, const char* pointer);
/// Whether the value at JSON pointer `pointer` in `object` is an array holding the string
/// `value` (a capability's list of supported properties); false for anything else.
bool array_at_holds(const json& object, const char* pointer, std::string_view value);

}  // namespace awesome::lsp
