#include "server/common/config_loader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string_view>
#include <system_error>

#include "protocol/jsonrpc.hpp"
#include "rules/catalog.hpp"
#include "rules/text_util.hpp"

namespace awesome::server {
namespace {

using nlohmann::json;

// Bounds that keep a hostile or broken config from making the tool slow or huge.
constexpr std::size_t kMaxConfigBytes = std::size_t{1024} * 1024;
constexpr std::size_t kMaxStringBytes = std::size_t{64} * 1024;
constexpr std::size_t kMaxVenues = 1000;
constexpr std::size_t kMaxAliases = 100;
constexpr std::size_t kMaxVenueNameBytes = 200;
constexpr std::size_t kMaxIgnorePatterns = 100;
constexpr std::size_t kMaxIgnorePatternBytes = 256;
constexpr int kMaxKeywordCount = 100;
constexpr std::size_t kMaxLabelBytes = 40;
constexpr std::size_t kMaxLabels = 100;
constexpr int kMaxNestingDepth = 32;
constexpr std::size_t kMaxUrlBytes = 2048;

/// Validates one settings object into a Config; the first problem stops it and is kept in
/// `error`. Every step returns false once there is an error.
class Reader {
 public:
  explicit Reader(rules::Config& config) : config_(config) {}
  const std::string& error() const { return error_; }

  bool top_level(const json& settings) {
    if (!expect_object(settings, "(top level)"))
      return false;
    for (const auto& [key, value] : settings.items()) {
      bool ok = false;
      if (key == "$schema") {
        ok = expect_string(value, key) != nullptr;
      } else if (key == "rules") {
        ok = rule_table(value);
      } else if (key == "dialect") {
        ok = dialect_word(value);
      } else if (key == "venues") {
        ok = venue_list(value);
      } else if (key == "ignore") {
        ok = ignore_list(value);
      } else if (key == "digest") {
        ok = digest_options(value);
      } else if (key == "conventions") {
        ok = convention_pins(value);
      } else if (key == "docsUrl") {
        ok = docs_url(value);
      } else if (key == "arxiv") {
        ok = arxiv_options(value);
      } else {
        ok = fail(key,
                  "unknown key (expected $schema, rules, dialect, venues, ignore, digest, "
                  "conventions, docsUrl or arxiv)");
      }
      if (!ok)
        return false;
    }
    return true;
  }

 private:
  bool fail(const std::string& key, const std::string& what) {
    error_ = key + ": " + what;
    return false;
  }

  static std::string describe(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60)
      text = text.substr(0, 57) + "...";
    return text;
  }

  bool expect_object(const json& value, const std::string& key) {
    return value.is_object() || fail(key, "expected an object, got " + describe(value));
  }

  bool expect_array(const json& value, const std::string& key, std::size_t max_items) {
    if (!value.is_array())
      return fail(key, "expected an array, got " + describe(value));
    if (value.size() > max_items) {
      return fail(key, "more than " + std::to_string(max_items) + " items");
    }
    return true;
  }

  /// The string, or nullptr (with the error set) when `value` is no string or too long.
  const std::string* expect_string(const json& value, const std::string& key,
                                   std::size_t max_bytes = kMaxStringBytes) {
    if (!value.is_string()) {
      fail(key, "expected a string, got " + describe(value));
      return nullptr;
    }
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > max_bytes) {
      fail(key, "string longer than " + std::to_string(max_bytes) + " bytes");
      return nullptr;
    }
    return &text;
  }

  bool expect_int(const json& value, const std::string& key, int low, int high, int& out) {
    const std::string range = "expected an integer from " + std::to_string(low) + " to " +
                              std::to_string(high) + ", got " + describe(value);
    if (!value.is_number_integer())
      return fail(key, range);
    if (value.is_number_unsigned()) {
      auto number = value.get<std::uint64_t>();
      if (number > static_cast<std::uint64_t>(high))
        return fail(key, range);
      out = static_cast<int>(number);
      return true;
    }
    auto number = value.get<std::int64_t>();
    if (number < low || number > high)
      return fail(key, range);
    out = static_cast<int>(number);
    return true;
  }

  bool expect_severity(const json& value, const std::string& key, std::string_view id) {
    const std::string* word = expect_string(value, key);
    if (word == nullptr)
      return false;
    rules::Severity severity{};
    if (!rules::parse_severity(*word, severity)) {
      return fail(key, "unknown severity \"" + *word + "\" (use off, info, warning or error)");
    }
    config_.severity[std::string(id)] = severity;
    return true;
  }

  bool direction(const json& value, const std::string& key) {
    const std::string* word = expect_string(value, key);
    if (word == nullptr)
      return false;
    if (*word == "descending") {
      config_.order = rules::SortDirection::kDescending;
    } else if (*word == "ascending") {
      config_.order = rules::SortDirection::kAscending;
    } else {
      return fail(key, R"(expected "descending" or "ascending", got )" + describe(value));
    }
    return true;
  }

  bool rule_option(std::string_view id, const std::string& name, const json& value,
                   const std::string& key) {
    if (name == "severity")
      return expect_severity(value, key, id);
    if (id == "keyword-count" && name == "min") {
      return expect_int(value, key, 0, kMaxKeywordCount, config_.keyword_min);
    }
    if (id == "keyword-count" && name == "max") {
      return expect_int(value, key, 0, kMaxKeywordCount, config_.keyword_max);
    }
    if (id == "entry-order" && name == "direction")
      return direction(value, key);
    if (id == "whitespace" && name == "strict")
      return expect_bool(value, key, config_.whitespace_strict);
    return fail(key, "unknown option of rule " + std::string(id));
  }

  bool rule_table(const json& rules_json) {
    if (!expect_object(rules_json, "rules"))
      return false;
    for (const auto& [id, value] : rules_json.items()) {
      const std::string key = "rules." + id;
      const rules::RuleInfo* rule = rules::find_rule(id);
      if (rule == nullptr)
        return fail(key, "unknown rule id (see `awesome-ls rules`)");
      if (value.is_string()) {
        if (!expect_severity(value, key, rule->id))
          return false;
      } else if (value.is_object()) {
        for (const auto& [name, option] : value.items()) {
          if (!rule_option(rule->id, name, option, key + "." + name))
            return false;
        }
      } else {
        return fail(key, "expected a severity string or an object, got " + describe(value));
      }
    }
    if (config_.keyword_min > config_.keyword_max) {
      return fail("rules.keyword-count", "min (" + std::to_string(config_.keyword_min) +
                                             ") is greater than max (" +
                                             std::to_string(config_.keyword_max) + ")");
    }
    return true;
  }

  bool aliases(const json& value, const std::string& key, rules::VenueSpec& venue) {
    if (!expect_array(value, key, kMaxAliases))
      return false;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string alias_key = key + "[" + std::to_string(i) + "]";
      const std::string* alias = expect_string(value[i], alias_key, kMaxVenueNameBytes);
      if (alias == nullptr)
        return false;
      if (alias->empty())
        return fail(alias_key, "empty alias");
      venue.aliases.push_back(*alias);
    }
    return true;
  }

  bool venue(const json& value, const std::string& key) {
    if (!expect_object(value, key))
      return false;
    rules::VenueSpec spec;
    for (const auto& [name, item] : value.items()) {
      const std::string sub = key + "." + name;
      const std::size_t limit = name == "fullName" ? kMaxStringBytes : kMaxVenueNameBytes;
      if (name == "name" || name == "fullName") {
        const std::string* text = expect_string(item, sub, limit);
        if (text == nullptr)
          return false;
        (name == "name" ? spec.name : spec.full_name) = *text;
      } else if (name == "aliases") {
        if (!aliases(item, sub, spec))
          return false;
      } else {
        return fail(sub, "unknown key (expected name, fullName or aliases)");
      }
    }
    if (spec.name.empty())
      return fail(key + ".name", "a venue needs a non-empty name");
    config_.venues.push_back(std::move(spec));
    return true;
  }

  bool venue_list(const json& value) {
    if (!expect_array(value, "venues", kMaxVenues))
      return false;
    config_.venues.clear();
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!venue(value[i], "venues[" + std::to_string(i) + "]"))
        return false;
    }
    return true;
  }

  /// An absolute http, https or file URL without spaces, quotes, angle brackets or fragment
  /// (the rule's anchor is appended to it).
  bool docs_url(const json& value) {
    const std::string* url = expect_string(value, "docsUrl", kMaxUrlBytes);
    if (url == nullptr)
      return false;
    const bool scheme =
        url->starts_with("https://") || url->starts_with("http://") || url->starts_with("file:///");
    const std::string_view rest =
        scheme ? std::string_view(*url).substr(url->find("//") + 2) : std::string_view();
    const bool clean = std::none_of(url->begin(), url->end(), [](char c) {
      return static_cast<unsigned char>(c) <= ' ' || c == '#' || c == '"' || c == '<' || c == '>' ||
             c == '\\' || c == 0x7f;
    });
    if (!scheme || !clean || rest.empty() || (rest.front() == '/' && !url->starts_with("file:"))) {
      return fail("docsUrl",
                  "expected an http://, https:// or file:/// URL of rules.md without spaces or "
                  "'#', got " +
                      describe(value));
    }
    config_.docs_url = *url;
    return true;
  }

  bool ignore_list(const json& value) {
    if (!expect_array(value, "ignore", kMaxIgnorePatterns))
      return false;
    config_.ignore.clear();
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string key = "ignore[" + std::to_string(i) + "]";
      const std::string* pattern = expect_string(value[i], key, kMaxIgnorePatternBytes);
      if (pattern == nullptr)
        return false;
      if (pattern->empty())
        return fail(key, "empty pattern");
      config_.ignore.push_back(*pattern);
    }
    return true;
  }

  bool dialect_word(const json& value) {
    const std::string* word = expect_string(value, "dialect");
    if (word == nullptr)
      return false;
    if (*word == "2021") {
      config_.dialect = rules::Dialect::k2021;
    } else if (*word == "2026") {
      config_.dialect = rules::Dialect::k2026;
    } else if (*word == "auto") {
      config_.dialect.reset();
    } else {
      return fail("dialect", R"(expected "2021", "2026" or "auto", got )" + describe(value));
    }
    return true;
  }

  /// `arxiv`: {"enabled": bool, "url": "https://...", "maxAgeDays": 0..3650}. The URL is checked
  /// when used (server/arxiv/endpoint.hpp), where the environment may override it.
  bool arxiv_options(const json& value) {
    if (!expect_object(value, "arxiv"))
      return false;
    for (const auto& [name, item] : value.items()) {
      if (name == "enabled") {
        if (!expect_bool(item, "arxiv.enabled", config_.arxiv.enabled))
          return false;
      } else if (name == "maxAgeDays") {
        if (!expect_int(item, "arxiv.maxAgeDays", 0, 3650, config_.arxiv.max_age_days))
          return false;
      } else if (name == "url") {
        const std::string* url = expect_string(item, "arxiv.url", kMaxUrlBytes);
        if (url == nullptr)
          return false;
        if (!url->starts_with("https://") && !url->starts_with("http://"))
          return fail("arxiv.url", "expected an https:// URL, got " + describe(item));
        config_.arxiv.url = *url;
      } else {
        return fail("arxiv." + name, "unknown key (expected enabled, url or maxAgeDays)");
      }
    }
    return true;
  }

  bool digest_options(const json& value) {
    if (!expect_object(value, "digest"))
      return false;
    for (const auto& [name, item] : value.items()) {
      if (name != "requireClosingTag")
        return fail("digest." + name, "unknown key");
      if (!expect_bool(item, "digest.requireClosingTag", config_.digest_require_close))
        return false;
    }
    return true;
  }

  /// `out` is a bool or a std::optional<bool>.
  template <class Bool>
  bool expect_bool(const json& value, const std::string& key, Bool& out) {
    if (!value.is_boolean())
      return fail(key, "expected true or false, got " + describe(value));
    out = value.get<bool>();
    return true;
  }

  /// A label as a list writes it: 1 to 40 bytes, none of them a line break, '[', ']' or ':'.
  const std::string* expect_label(const json& value, const std::string& key) {
    const std::string* label = expect_string(value, key, kMaxLabelBytes);
    if (label == nullptr)
      return nullptr;
    if (label->empty() || label->find_first_of("\r\n[]:") != std::string::npos ||
        label->front() == ' ' || label->back() == ' ') {
      fail(key, "expected a label without line breaks, '[', ']', ':' or outer spaces, got " +
                    describe(value));
      return nullptr;
    }
    return label;
  }

  bool label_list(const json& value, const std::string& key,
                  std::optional<std::vector<std::string>>& out, bool lowercase) {
    if (!expect_array(value, key, kMaxLabels))
      return false;
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string* label = expect_label(value[i], key + "[" + std::to_string(i) + "]");
      if (label == nullptr)
        return false;
      labels.push_back(lowercase ? rules::text::to_lower_ascii(*label) : *label);
    }
    out = std::move(labels);
    return true;
  }

  bool one_of(const json& value, const std::string& key, std::string_view a, std::string_view b,
              bool& is_a) {
    const std::string* word = expect_string(value, key);
    if (word == nullptr)
      return false;
    if (*word != a && *word != b) {
      return fail(key, "expected \"" + std::string(a) + "\" or \"" + std::string(b) + "\", got " +
                           describe(value));
    }
    is_a = *word == a;
    return true;
  }

  /// `conventions`: what the list does, pinned instead of learnt from its entries.
  bool convention_pins(const json& value) {
    if (!expect_object(value, "conventions"))
      return false;
    rules::ConventionPins& pin = config_.conventions;
    for (const auto& [name, item] : value.items()) {
      const std::string key = "conventions." + name;
      bool ok = false;
      bool first = false;
      if (name == "paperLabel") {
        const std::string* label = expect_label(item, key);
        if ((ok = label != nullptr))
          pin.paper_label = *label;
      } else if (name == "links") {
        if ((ok = one_of(item, key, "belowTitle", "onTitleLine", first)))
          pin.links_below = first;
      } else if (name == "keywordLabel") {
        const std::string* label = expect_label(item, key);
        if ((ok = label != nullptr))
          pin.keyword_label = *label;
      } else if (name == "keywordSeparator") {
        if ((ok = one_of(item, key, ";", ",", first)))
          pin.keyword_separator = first ? ';' : ',';
      } else if (name == "digest") {
        ok = expect_bool(item, key, pin.digest);
      } else if (name == "sorted") {
        ok = expect_bool(item, key, pin.sorted);
      } else if (name == "yearSections") {
        if ((ok = one_of(item, key, "venue", "arxiv", first)))
          pin.year_by_venue = first;
      } else if (name == "crossListed") {
        ok = expect_bool(item, key, pin.cross_listed);
      } else if (name == "venueEmphasis") {
        ok = expect_bool(item, key, pin.venue_emphasis);
      } else if (name == "subLabels") {
        ok = label_list(item, key, pin.sub_labels, false);
      } else if (name == "linkLabels") {
        ok = label_list(item, key, pin.link_labels, true);
      } else {
        ok = fail(key,
                  "unknown key (expected paperLabel, links, keywordLabel, keywordSeparator, "
                  "digest, sorted, yearSections, crossListed, venueEmphasis, subLabels or "
                  "linkLabels)");
      }
      if (!ok)
        return false;
    }
    return true;
  }

  rules::Config& config_;
  std::string error_;
};

/// "at line L, column C: what" for a parse error: nlohmann counts the bytes read up to and
/// including the offending one; lines and byte columns are 1-based.
std::string json_error_place(std::string_view text, const json::parse_error& error) {
  const std::size_t pos = std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
  const std::string_view before = text.substr(0, pos);
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column = pos - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  // what() is "[json.exception.parse_error.101] parse error at ...: syntax error while ...".
  std::string what = error.what();
  const std::size_t reason = what.find("syntax error");
  what = reason == std::string::npos ? std::string("syntax error") : what.substr(reason);
  return "at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
}

}  // namespace

ConfigResult apply_config_json(const json& settings, rules::Config base) {
  // Validate a copy so that a failed config leaves `base` untouched.
  rules::Config config = base;
  Reader reader(config);
  if (!reader.top_level(settings))
    return {std::move(base), reader.error()};
  return {std::move(config), {}};
}

std::optional<std::string> read_config_file(const std::filesystem::path& path, std::string& error) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status)) {
    // A FIFO or a device would block or never end (a hostile repository can hold either).
    error = name + ": not a regular file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = name + ": cannot read config file";
    return std::nullopt;
  }
  std::string text;
  text.resize(kMaxConfigBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    error = name + ": cannot read config file";
    return std::nullopt;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

ConfigResult load_config_file(const std::filesystem::path& path, rules::Config base) {
  ConfigResult failed{std::move(base), {}};
  const std::optional<std::string> text = read_config_file(path, failed.error);
  if (!text)
    return failed;
  return load_config_text(path.string(), *text, std::move(failed.config));
}

ConfigResult load_config_text(std::string_view name_view, std::string_view text,
                              rules::Config base) {
  ConfigResult failed{std::move(base), {}};
  const std::string name(name_view);
  if (text.size() > kMaxConfigBytes) {
    failed.error = name + ": config file larger than 1 MiB";
    return failed;
  }
  if (protocol::json_nesting_depth(text) > kMaxNestingDepth) {
    failed.error = name + ": JSON nested too deeply";
    return failed;
  }
  json settings;
  try {
    settings = json::parse(text);
  } catch (const json::parse_error& error) {
    failed.error = name + ": not valid JSON " + json_error_place(text, error);
    return failed;
  }
  ConfigResult result = apply_config_json(settings, std::move(failed.config));
  if (!result.ok())
    result.error = name + ": " + result.error;
  return result;
}

ConfigSearch search_config_file(const std::filesystem::path& start) {
  ConfigSearch search;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec)
    return search;
  dir = dir.lexically_normal();
  if (dir.filename().empty() && dir.has_relative_path())
    dir = dir.parent_path();  // "a/b/"
  while (true) {
    const std::filesystem::path candidate = dir / ".awesome-ls.json";
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      if (info.st_uid == ::geteuid() || info.st_uid == 0) {
        search.path = candidate;
        return search;
      }
      search.skipped.push_back(candidate.string() + ": owned by another user (uid " +
                               std::to_string(info.st_uid) + "); not used");
    }
    // The repository's root ends the search: a config above it belongs to something else.
    if (std::filesystem::exists(dir / ".git", ec) || !dir.has_relative_path())
      return search;
    std::filesystem::path parent = dir.parent_path();
    if (parent == dir)
      return search;
    dir = std::move(parent);
  }
}

}  // namespace awesome::server
