// `awesome-ls conventions`: what each list was found to do where lists of the family differ,
// printed as the `conventions` object of `.awesome-ls.json` would pin it (cli.hpp).
#include <nlohmann/json.hpp>

#include "server/cli/cli.hpp"

namespace awesome::server {
namespace {

std::string_view source_word(rules::ConventionFact::Source source) {
  switch (source) {
    case rules::ConventionFact::Source::kPinned:
      return "pinned";
    case rules::ConventionFact::Source::kLearnt:
      return "learnt";
    case rules::ConventionFact::Source::kDefault:
      break;
  }
  return "default";
}

std::string entries_line(const ConventionsReport& report) {
  std::string line = report.name + ": " + std::to_string(report.entries) + " paper " +
                     (report.entries == 1 ? "entry" : "entries");
  if (!report.paper_list)
    line += "; not a paper list (no entry links to a web page), nothing is checked";
  return line + "\n";
}

std::string as_text(const std::vector<ConventionsReport>& reports) {
  std::string out;
  for (const auto& report : reports) {
    if (!out.empty())
      out += "\n";
    out += entries_line(report);
    std::size_t width = 0;
    for (const auto& fact : report.facts)
      width = std::max(width, fact.key.size() + fact.value.size() + 4);
    for (const auto& fact : report.facts) {
      std::string pair = "\"" + fact.key + "\": " + fact.value;
      pair.resize(std::max(pair.size(), width), ' ');
      out +=
          "  " + pair + "  " + std::string(source_word(fact.source)) + ": " + fact.evidence + "\n";
    }
  }
  if (!reports.empty()) {
    out +=
        "\n(\"learnt\" from the entries, \"default\" of the template when they do not say, "
        "\"pinned\" by the \"conventions\" object of .awesome-ls.json; see docs/format.md)\n";
  }
  return out;
}

std::string as_json(const std::vector<ConventionsReport>& reports) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& report : reports) {
    nlohmann::json conventions = nlohmann::json::object();
    nlohmann::json facts = nlohmann::json::array();
    for (const auto& fact : report.facts) {
      const nlohmann::json value = nlohmann::json::parse(fact.value);
      conventions[fact.key] = value;
      facts.push_back({{"key", fact.key},
                       {"value", value},
                       {"source", source_word(fact.source)},
                       {"evidence", fact.evidence}});
    }
    all.push_back({{"file", report.name},
                   {"entries", report.entries},
                   {"paperList", report.paper_list},
                   {"conventions", std::move(conventions)},
                   {"facts", std::move(facts)}});
  }
  return all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_conventions(OutputFormat format, const std::vector<ConventionsReport>& reports) {
  return format == OutputFormat::kJson ? as_json(reports) : as_text(reports);
}

}  // namespace awesome::server
