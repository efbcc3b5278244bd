// `awesome-ls rules`: the rule catalog as a table or as JSON (cli.hpp).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "rules/catalog.hpp"
#include "server/cli/cli.hpp"

namespace awesome::server {
namespace {

std::string_view fix_label(rules::FixKind kind) {
  if (kind == rules::FixKind::kSafe)
    return "safe";
  if (kind == rules::FixKind::kEditor)
    return "editor";
  return "-";
}

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width)
    out.append(width - out.size(), ' ');
  return out;
}

std::string rules_table() {
  std::size_t id_width = 2;
  for (const auto& rule : rules::rule_catalog()) id_width = std::max(id_width, rule.id.size());
  std::string out = pad("id", id_width) + "  severity  fix     summary\n";
  for (const auto& rule : rules::rule_catalog()) {
    out += pad(rule.id, id_width) + "  " + pad(rules::to_string(rule.default_severity), 8) + "  " +
           pad(fix_label(rule.fix), 6) + "  " + std::string(rule.summary) + "\n";
  }
  return out;
}

std::string rules_json() {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& rule : rules::rule_catalog()) {
    all.push_back({{"id", std::string(rule.id)},
                   {"group", std::string(rule.group)},
                   {"severity", std::string(rules::to_string(rule.default_severity))},
                   {"fix", rule.fix == rules::FixKind::kNone ? "none" : fix_label(rule.fix)},
                   {"summary", std::string(rule.summary)}});
  }
  return all.dump(2) + "\n";
}

}  // namespace

int run_rules_command(std::span<const std::string_view> args) {
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::fwrite(rules_usage().data(), 1, rules_usage().size(), stdout);
      return kExitClean;
    }
    if ((args[i] == "--format" && i + 1 < args.size()) || args[i].starts_with("--format=")) {
      const std::string_view value =
          args[i] == "--format" ? args[++i] : args[i].substr(std::string_view("--format=").size());
      if (value != "json" && value != "text") {
        std::fprintf(stderr, "awesome-ls rules: unknown format \"%.*s\" (use text or json)\n",
                     static_cast<int>(value.size()), value.data());
        return kExitTrouble;
      }
      json = value == "json";
    } else {
      std::fprintf(stderr, "awesome-ls rules: unknown argument %.*s\n",
                   static_cast<int>(args[i].size()), args[i].data());
      return kExitTrouble;
    }
  }
  const std::string out = json ? rules_json() : rules_table();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitClean;
}

}  // namespace awesome::server
