// docs/awesome-ls.schema.json stays in sync with the config loader: every catalog rule is in
// the schema, the example configs validate against the schema and load, and configs the
// loader rejects are rejected by the schema too. A small draft-07 subset validator suffices.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "rules/catalog.hpp"
#include "server/common/config_loader.hpp"
#include "temp_dir.hpp"

namespace awesome::test {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

json load_json(const fs::path& path) {
  json value = json::parse(read_bytes(path), nullptr, false);
  REQUIRE_FALSE(value.is_discarded());
  return value;
}

const json& schema() {
  static const json kSchema =
      load_json(fs::path(AWESOME_SOURCE_DIR) / "docs/awesome-ls.schema.json");
  return kSchema;
}

bool has_type(const json& value, const std::string& type) {
  if (type == "object")
    return value.is_object();
  if (type == "array")
    return value.is_array();
  if (type == "string")
    return value.is_string();
  if (type == "integer")
    return value.is_number_integer();
  if (type == "boolean")
    return value.is_boolean();
  return false;
}

/// Validates `value` against the keywords the schema uses; false on the first violation.
bool validates(const json& value, const json& rule) {
  if (rule.contains("$ref")) {
    const std::string ref = rule["$ref"];  // "#/definitions/NAME"
    return validates(value, schema().at(json::json_pointer(ref.substr(1))));
  }
  if (rule.contains("oneOf")) {
    int matches = 0;
    for (const auto& option : rule["oneOf"]) matches += validates(value, option) ? 1 : 0;
    if (matches != 1)
      return false;
  }
  if (rule.contains("type") && !has_type(value, rule["type"]))
    return false;
  if (rule.contains("enum") &&
      std::find(rule["enum"].begin(), rule["enum"].end(), value) == rule["enum"].end()) {
    return false;
  }
  if (value.is_string()) {
    const auto size = value.get_ref<const std::string&>().size();
    if (size < rule.value("minLength", 0UL) || size > rule.value("maxLength", SIZE_MAX))
      return false;
    if (rule.contains("pattern") &&
        !std::regex_search(value.get<std::string>(), std::regex(rule["pattern"].get<std::string>(),
                                                                std::regex::ECMAScript))) {
      return false;
    }
  }
  if (value.is_number_integer()) {
    if (rule.contains("minimum") && value.get<double>() < rule["minimum"].get<double>())
      return false;
    if (rule.contains("maximum") && value.get<double>() > rule["maximum"].get<double>())
      return false;
  }
  if (value.is_array()) {
    if (value.size() > rule.value("maxItems", SIZE_MAX))
      return false;
    for (const auto& item : value) {
      if (rule.contains("items") && !validates(item, rule["items"]))
        return false;
    }
  }
  if (value.is_object()) {
    for (const auto& name : rule.value("required", json::array())) {
      if (!value.contains(name.get<std::string>()))
        return false;
    }
    const json properties = rule.value("properties", json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        if (!validates(item, properties[key]))
          return false;
      } else if (rule.value("additionalProperties", true) == false) {
        return false;
      }
    }
  }
  return true;
}

std::vector<fs::path> example_configs() {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(fs::path(AWESOME_SOURCE_DIR) / "docs/examples")) {
    if (entry.path().string().ends_with(".awesome-ls.json"))
      found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

TEST_CASE("the config schema is draft-07 and lists every rule of the catalog") {
  CHECK(schema()["$schema"] == "http://json-schema.org/draft-07/schema#");
  const json& rule_properties = schema()["properties"]["rules"]["properties"];
  for (const auto& rule : rules::rule_catalog()) {
    CAPTURE(rule.id);
    CHECK(rule_properties.contains(std::string(rule.id)));
  }
  CHECK(rule_properties.size() == rules::rule_catalog().size());
}

TEST_CASE("the example configs validate against the schema and load") {
  const auto examples = example_configs();
  REQUIRE(examples.size() >= 2);
  for (const auto& path : examples) {
    CAPTURE(path);
    CHECK(validates(load_json(path), schema()));
    const auto loaded = server::load_config_file(path);
    CHECK(loaded.error == "");
  }
}

TEST_CASE("schema and loader agree on what is valid") {
  const char* const configs[] = {
      R"({})",
      R"({"rules": {"venue": "off", "keyword-count": {"min": 0, "max": 100}}})",
      R"({"rules": {"entry-order": {"direction": "ascending", "severity": "info"}}})",
      R"({"dialect": "auto", "digest": {"requireClosingTag": false}})",
      R"({"venues": [{"name": "A", "aliases": ["B"]}], "ignore": ["x/**"]})",
      R"({"rulez": {}})",
      R"({"rules": {"no-such-rule": "off"}})",
      R"({"rules": {"venue": "fatal"}})",
      R"({"rules": {"venue": {"min": 1}}})",
      R"({"rules": {"keyword-count": {"max": 101}}})",
      R"({"rules": {"keyword-count": {"max": "6"}}})",
      R"({"rules": {"entry-order": {"direction": "up"}}})",
      R"({"dialect": "2019"})",
      R"({"venues": [{"fullName": "No name"}]})",
      R"({"venues": [{"name": ""}]})",
      R"({"venues": [{"name": "A", "alias": []}]})",
      R"({"ignore": [""]})",
      R"({"ignore": "x"})",
      R"({"digest": {"requireClosingTag": 1}})",
      R"({"digest": {"other": true}})",
      R"({"conventions": {"paperLabel": "pdf", "links": "belowTitle", "sorted": false}})",
      R"({"conventions": {"keywordLabel": "Keywords", "keywordSeparator": ","}})",
      R"({"conventions": {"digest": false, "yearSections": "venue", "venueEmphasis": true}})",
      R"({"conventions": {"subLabels": ["Modality"], "linkLabels": ["extension"]}})",
      R"({"conventions": {"paperLabel": ""}})",
      R"({"conventions": {"paperLabel": "[pdf]"}})",
      R"({"conventions": {"keywordLabel": "Key Word:"}})",
      R"({"conventions": {"keywordLabel": " Keywords"}})",
      R"({"conventions": {"keywordSeparator": " ;"}})",
      R"({"conventions": {"links": "below"}})",
      R"({"conventions": {"yearSections": "id"}})",
      R"({"conventions": {"sorted": "yes"}})",
      R"({"conventions": {"subLabels": "Modality"}})",
      R"({"conventions": {"subLabels": ["Mod:ality"]}})",
      R"({"conventions": {"other": 1}})",
      R"({"docsUrl": "https://docs.example.org/awesome-ls/rules.md"})",
      R"({"docsUrl": "http://localhost:8000/rules.md"})",
      R"({"docsUrl": "file:///usr/local/share/doc/awesome-ls/rules.md"})",
      R"({"docsUrl": "ftp://example.org/rules.md"})",
      R"({"docsUrl": "https://example.org/rules.md#rules"})",
      R"({"docsUrl": "https://example.org/my rules.md"})",
      R"({"docsUrl": "http:///rules.md"})",
      R"({"docsUrl": "rules.md"})",
      R"({"docsUrl": ""})",
      R"({"docsUrl": 1})",
  };
  for (const char* text : configs) {
    CAPTURE(text);
    const json value = json::parse(text);
    CHECK(validates(value, schema()) == server::apply_config_json(value).ok());
  }
}

}  // namespace awesome::test
