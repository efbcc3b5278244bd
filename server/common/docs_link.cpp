#include "server/common/docs_link.hpp"

#include <filesystem>
#include <system_error>

#include "server/common/file_walk.hpp"

namespace awesome::server {
namespace fs = std::filesystem;
namespace {

std::string find_installed_rules_doc() {
  std::error_code ec;
  // The kernel's link resolves every symbolic link on the way (a bin/awesome-ls linked from
  // elsewhere finds the docs of the tree it was installed into).
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty())
    return {};
  const fs::path doc = (exe.parent_path() / kInstalledRulesDoc).lexically_normal();
  if (!fs::is_regular_file(doc, ec))
    return {};
  return path_to_file_uri(doc);
}

}  // namespace

const std::string& installed_rules_doc_url() {
  static const std::string url = find_installed_rules_doc();
  return url;
}

std::string rules_doc_url(std::string_view configured) {
  return configured.empty() ? installed_rules_doc_url() : std::string(configured);
}

std::string rule_doc_link(std::string_view base, std::string_view rule) {
  return base.empty() ? std::string() : std::string(base) + "#" + std::string(rule);
}

}  // namespace awesome::server
