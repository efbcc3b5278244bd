#include "server/cli/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "rules/keys.hpp"
#include "server/common/glob_match.hpp"

namespace awesome::server {
namespace {

using nlohmann::json;

/// A baseline is read up to this size (a list is, too); a larger file is an error.
constexpr std::size_t kMaxBaselineBytes = std::size_t{64} * 1024 * 1024;

}  // namespace

std::string finding_context(const rules::Model& model, std::uint32_t line) {
  const auto& entries = model.entries;
  auto after =
      std::upper_bound(entries.begin(), entries.end(), line,
                       [](std::uint32_t l, const rules::Entry& e) { return l < e.first_line; });
  if (after != entries.begin()) {
    const rules::Entry& e = *std::prev(after);
    if (line <= e.last_line) {
      const std::string paper = rules::paper_key(e);
      return paper.empty() ? "title:" + rules::title_key(e.title) : "paper:" + paper;
    }
  }
  const rules::Section* inner = nullptr;
  for (const rules::Section& s : model.sections) {
    if (s.range.start.line <= line && line <= std::max(s.end_line, s.range.start.line))
      inner = &s;  // later sections that contain the line are nested deeper
  }
  return inner == nullptr ? std::string() : "section:" + inner->anchor;
}

std::string baseline_file_name(const std::filesystem::path& file,
                               const std::filesystem::path& base) {
  if (auto inside = relative_slash_path(file, base))
    return *inside;
  std::error_code ec;
  return std::filesystem::absolute(file, ec).lexically_normal().generic_string();
}

std::optional<Baseline> Baseline::load(const std::filesystem::path& path, std::string& error) {
  const std::string name = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error = name + ": cannot read baseline (" +
            (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file") + ")";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text(kMaxBaselineBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad() || !in.is_open()) {
    error = name + ": cannot read baseline";
    return std::nullopt;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxBaselineBytes) {
    error = name + ": baseline larger than 64 MiB";
    return std::nullopt;
  }
  const json root = json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    error = name + ": not a baseline (expected a JSON object)";
    return std::nullopt;
  }
  if (root.value("version", json()) != 1) {
    error = name + ": baseline version " + root.value("version", json()).dump() +
            " is not supported (this awesome-ls reads version 1)";
    return std::nullopt;
  }
  const json findings = root.value("findings", json());
  if (!findings.is_array()) {
    error = name + ": findings: expected an array";
    return std::nullopt;
  }
  Baseline baseline;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const json& item = findings[i];
    const std::string where = name + ": findings[" + std::to_string(i) + "]";
    BaselineKey key;
    const auto text_field = [&](const char* field, std::string& out) {
      if (!item.is_object() || !item.contains(field) || !item[field].is_string()) {
        error = where + "." + field + ": expected a string";
        return false;
      }
      out = item[field].get<std::string>();
      return true;
    };
    if (!text_field("file", key.file) || !text_field("rule", key.rule) ||
        !text_field("entry", key.context) || !text_field("message", key.message)) {
      return std::nullopt;
    }
    const json count = item.value("count", json(1));
    if (!count.is_number_unsigned() || count.get<std::uint64_t>() == 0 ||
        count.get<std::uint64_t>() > 1000000000) {
      error = where + ".count: expected an integer from 1 to 1000000000";
      return std::nullopt;
    }
    baseline.counts_[key] += count.get<std::size_t>();
  }
  return baseline;
}

bool Baseline::absorb(const BaselineKey& key) {
  const auto it = counts_.find(key);
  if (it == counts_.end() || it->second == 0)
    return false;
  --it->second;
  return true;
}

std::size_t Baseline::size() const {
  std::size_t total = 0;
  for (const auto& [key, count] : counts_) total += count;
  return total;
}

std::string Baseline::to_text() const {
  json findings = json::array();
  for (const auto& [key, count] : counts_) {  // std::map: sorted by file, rule, entry, message
    if (count == 0)
      continue;
    // nlohmann's default object keeps keys sorted, so every item is written in one order.
    findings.push_back({{"file", key.file},
                        {"rule", key.rule},
                        {"entry", key.context},
                        {"message", key.message},
                        {"count", count}});
  }
  const json root = {{"version", 1}, {"tool", "awesome-ls"}, {"findings", std::move(findings)}};
  return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace awesome::server
