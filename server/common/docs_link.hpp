// Where links to a rule's documentation point (LSP codeDescription.href, SARIF helpUri): the
// config's `docsUrl`, else the copy of rules.md installed beside the executable, else nowhere.
// The project has no public home to link to, so a link is only made to something that exists.
#pragma once

#include <string>
#include <string_view>

namespace awesome::server {

/// Where the installed documentation lies relative to the executable's folder.
inline constexpr std::string_view kInstalledRulesDoc = "../share/doc/awesome-ls/rules.md";

/// The file:// URL of `<folder of the executable>/../share/doc/awesome-ls/rules.md` when that
/// file exists, else "". Looked up once per process.
const std::string& installed_rules_doc_url();

/// The URL of rules.md to link to: `configured` (the config's docsUrl) when not empty, else
/// installed_rules_doc_url().
std::string rules_doc_url(std::string_view configured);

/// `base#rule`, or "" when `base` is empty.
std::string rule_doc_link(std::string_view base, std::string_view rule);

}  // namespace awesome::server
