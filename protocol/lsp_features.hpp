// The params and results of the LSP 3.17 language features awesome-ls answers (navigation,
// completion, code actions, formatting, commands), beside the document sync and lifecycle
// structures of lsp_types.hpp. Optional fields left empty are not written.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/lsp_types.hpp"

namespace awesome::lsp {

// NOLINTBEGIN(readability-identifier-naming)

/// Params naming only a document (documentSymbol, foldingRange, documentLink, formatting).
struct TextDocumentParams {
  TextDocumentIdentifier textDocument;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextDocumentParams, textDocument)

/// Params naming a place in a document (definition, hover, prepareRename, completion).
struct TextDocumentPositionParams {
  TextDocumentIdentifier textDocument;
  Position position;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextDocumentPositionParams, textDocument, position)

/// Params naming a range in a document (rangeFormatting).
struct TextDocumentRangeParams {
  TextDocumentIdentifier textDocument;
  Range range;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextDocumentRangeParams, textDocument, range)

struct ReferenceParams {
  TextDocumentIdentifier textDocument;
  Position position;
  bool includeDeclaration = true;  ///< read from context.includeDeclaration
};
void from_json(const json& j, ReferenceParams& out);

struct RenameParams {
  TextDocumentIdentifier textDocument;
  Position position;
  std::string newName;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RenameParams, textDocument, position, newName)

struct CodeActionParams {
  TextDocumentIdentifier textDocument;
  Range range;
  /// context.only; an entry that is not a string is kept as "", which asks for no kind.
  std::vector<std::string> only;
};
void from_json(const json& j, CodeActionParams& out);

struct WorkspaceSymbolParams {
  std::string query;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WorkspaceSymbolParams, query)

struct ExecuteCommandParams {
  std::string command;
  json arguments = json::array();  ///< each command reads its own
};
void from_json(const json& j, ExecuteCommandParams& out);

enum class SymbolKind : std::uint8_t {
  kFile = 1,
  kModule = 2,
  kNamespace = 3,
  kPackage = 4,
  kString = 15,
  kObject = 19
};
enum class CompletionItemKind : std::uint8_t {
  kText = 1,
  kModule = 9,
  kProperty = 10,
  kValue = 12,
  kKeyword = 14,
  kSnippet = 15
};
enum class InsertTextFormat : std::uint8_t { kPlainText = 1, kSnippet = 2 };

struct TextEdit {
  Range range;
  std::string newText;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextEdit, range, newText)

struct MarkupContent {
  std::string kind = "markdown";
  std::string value;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MarkupContent, kind, value)

struct Hover {
  MarkupContent contents;
  Range range;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Hover, contents, range)

struct FoldingRange {
  std::uint32_t startLine = 0;
  std::uint32_t endLine = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FoldingRange, startLine, endLine)

struct DocumentLink {
  Range range;
  std::string target;
  std::string tooltip;  ///< empty: not written
};
void to_json(json& j, const DocumentLink& in);

struct DocumentSymbol {
  std::string name;
  std::string detail;  ///< empty: not written
  SymbolKind kind = SymbolKind::kString;
  Range range;
  Range selectionRange;
  std::optional<std::vector<DocumentSymbol>> children;
};
void to_json(json& j, const DocumentSymbol& in);

struct SymbolInformation {
  std::string name;
  SymbolKind kind = SymbolKind::kString;
  Location location;
  std::optional<std::string> containerName;
};
void to_json(json& j, const SymbolInformation& in);

/// What a client that declares completionItem.labelDetailsSupport shows beside the label.
struct CompletionItemLabelDetails {
  std::string detail;       ///< right after the label, e.g. " 2021"; empty: not written
  std::string description;  ///< after that, less prominent; empty: not written
};

/// Fields that are empty, absent or at the protocol's default are not written: a list of a
/// hundred items is most of a reply's bytes.
struct CompletionItem {
  std::string label;
  std::optional<CompletionItemLabelDetails> labelDetails;
  CompletionItemKind kind = CompletionItemKind::kText;
  std::optional<TextEdit> textEdit;  ///< absent: the list's itemDefaults.editRange applies
  /// With itemDefaults.editRange: the text the range receives; empty: the label.
  std::string textEditText;
  std::string filterText;  ///< empty: the label
  std::string sortText;
  InsertTextFormat insertTextFormat = InsertTextFormat::kPlainText;
  std::string detail;                          ///< empty: not written
  std::optional<MarkupContent> documentation;  ///< absent until resolved, or none
  json data;                                   ///< null: not written
};
void to_json(json& j, const CompletionItem& in);

struct CompletionList {
  bool isIncomplete = false;
  /// LSP 3.17 itemDefaults (editRange, data) the client declared it takes; null: none.
  json itemDefaults;
  std::vector<CompletionItem> items;
};
void to_json(json& j, const CompletionList& in);

/// The CodeActionKind values of the spec awesome-ls uses; a server's own kinds extend them
/// with dot-separated parts ("source.fixAll.awesome-ls").
namespace CodeActionKind {
inline constexpr std::string_view kQuickFix = "quickfix";
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kSourceFixAll = "source.fixAll";
}  // namespace CodeActionKind

/// A document and the version its edits were computed on (null: whatever version is open).
struct OptionalVersionedTextDocumentIdentifier {
  std::string uri;
  std::optional<std::int32_t> version;  ///< absent: written as null
};
void from_json(const json& j, OptionalVersionedTextDocumentIdentifier& out);
void to_json(json& j, const OptionalVersionedTextDocumentIdentifier& in);

struct TextDocumentEdit {
  OptionalVersionedTextDocumentIdentifier textDocument;
  std::vector<TextEdit> edits;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TextDocumentEdit, textDocument, edits)

/// Edits to documents, either keyed by URI (`changes`) or versioned (`documentChanges`, when
/// the client supports them); whichever is absent is not written.
struct WorkspaceEdit {
  std::optional<std::map<std::string, std::vector<TextEdit>>> changes;
  std::optional<std::vector<TextDocumentEdit>> documentChanges;
};
void from_json(const json& j, WorkspaceEdit& out);
void to_json(json& j, const WorkspaceEdit& in);

struct Command {
  std::string title;
  std::string command;
  json arguments;  ///< null: not written
};
void from_json(const json& j, Command& out);
void to_json(json& j, const Command& in);

/// A code action: an edit to apply, a command to run when chosen, or both. Every member has
/// an initializer so that designated initializers may leave any out.
struct CodeAction {
  std::string title{};
  std::string kind{};
  std::vector<json> diagnostics{};    ///< the diagnostics it fixes; empty: not written
  std::optional<bool> isPreferred{};  ///< absent: not written
  std::optional<WorkspaceEdit> edit{};
  std::optional<Command> command{};
};
void from_json(const json& j, CodeAction& out);
void to_json(json& j, const CodeAction& in);

/// The params of the workspace/applyEdit request the server sends.
struct ApplyWorkspaceEditParams {
  std::string label;  ///< empty: not written
  WorkspaceEdit edit;
};
void from_json(const json& j, ApplyWorkspaceEditParams& out);
void to_json(json& j, const ApplyWorkspaceEditParams& in);

// NOLINTEND(readability-identifier-naming)

}  // namespace awesome::lsp
