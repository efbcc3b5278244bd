#include "server/arxiv/metadata_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/common/atomic_write.hpp"

namespace awesome::server::arxiv {

namespace {

using json = nlohmann::json;

constexpr int kFormat = 1;  // the "format" of the file
constexpr std::uintmax_t kMaxBytes =
    std::uintmax_t{64} * 1024 * 1024;  // far above any list's metadata

std::int64_t seconds(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// A record read from JSON, or false when the value is not one.
bool read_record(const json& v, rules::ArxivMetadata& paper, bool& missing, std::int64_t& when) {
  if (!v.is_object() || !v.contains("fetched") || !v["fetched"].is_number_integer())
    return false;
  when = v["fetched"].get<std::int64_t>();
  missing = v.value("missing", false);
  if (missing)
    return true;
  const auto text = [&](const char* key, std::string& out) {
    if (!v.contains(key))
      return true;
    if (!v[key].is_string())
      return false;
    out = v[key].get<std::string>();
    return true;
  };
  if (!text("title", paper.title) || !text("summary", paper.summary) ||
      !text("published", paper.published)) {
    return false;
  }
  if (!v.contains("authors") || !v["authors"].is_array())
    return false;
  for (const auto& a : v["authors"]) {
    if (!a.is_string())
      return false;
    paper.authors.push_back(a.get<std::string>());
  }
  paper.withdrawn = v.value("withdrawn", false);
  return true;
}

}  // namespace

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/')
    return std::filesystem::path(xdg) / "awesome-ls";
  if (const char* home = std::getenv("HOME"); home && home[0] != '\0')
    return std::filesystem::path(home) / ".cache" / "awesome-ls";
  return {};
}

std::string MetadataCache::load() {
  records_.clear();
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec))
    return "";
  if (!std::filesystem::is_regular_file(file_, ec))
    return "the arXiv cache " + file_.string() + " is not a regular file; not used";
  if (std::filesystem::file_size(file_, ec) > kMaxBytes)
    return "the arXiv cache " + file_.string() + " is too large; not used";
  std::ifstream in(file_, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (text.empty())
    return "";
  const json doc = json::parse(text, nullptr, false);
  const std::string bad = "the arXiv cache " + file_.string() + " ";
  if (doc.is_discarded())
    return bad + "is not valid JSON (truncated?); ignored, it will be written again";
  if (!doc.is_object() || doc.value("format", 0) != kFormat || !doc.contains("papers") ||
      !doc["papers"].is_object()) {
    return bad + "is not a cache of this version; ignored, it will be written again";
  }
  for (const auto& [id, value] : doc["papers"].items()) {
    Record r;
    if (!read_record(value, r.paper, r.missing, r.fetched)) {
      records_.clear();
      return bad + "has a malformed record for " + id + "; ignored, it will be written again";
    }
    r.paper.id = id;
    records_[id] = std::move(r);
  }
  return "";
}

std::string MetadataCache::save() const {
  json papers = json::object();
  for (const auto& [id, r] : records_) {
    json v{{"fetched", r.fetched}};
    if (r.missing) {
      v["missing"] = true;
    } else {
      v["title"] = r.paper.title;
      v["authors"] = r.paper.authors;
      v["summary"] = r.paper.summary;
      v["published"] = r.paper.published;
      v["withdrawn"] = r.paper.withdrawn;
    }
    papers[id] = std::move(v);
  }
  const json doc{{"format", kFormat}, {"papers", std::move(papers)}};
  // Invalid UTF-8 from a server is replaced rather than thrown at.
  const std::string text = doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
  std::error_code ec;
  std::filesystem::create_directories(file_.parent_path(), ec);
  if (ec)
    return "cannot create " + file_.parent_path().string() + ": " + ec.message();
  // write_file_atomically() replaces a file; the first save creates an empty one to replace.
  // A kill right after leaves an empty file, which load() reads as an empty cache.
  if (const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      fd >= 0) {
    ::close(fd);
  }
  if (std::string error = write_file_atomically(file_, text); !error.empty())
    return "cannot write the arXiv cache " + file_.string() + ": " + error;
  return "";
}

void MetadataCache::put(const rules::ArxivMetadata& paper, Clock::time_point when) {
  records_[paper.id] = Record{false, paper, seconds(when)};
}

void MetadataCache::put_missing(const std::string& id, Clock::time_point when) {
  rules::ArxivMetadata paper;
  paper.id = id;
  records_[id] = Record{true, paper, seconds(when)};
}

std::vector<std::string> MetadataCache::stale(const std::vector<std::string>& ids,
                                              Clock::time_point now,
                                              std::chrono::seconds max_age) const {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    const auto it = records_.find(id);
    if (it == records_.end() || seconds(now) - it->second.fetched > max_age.count())
      out.push_back(id);
  }
  return out;
}

rules::ArxivLookup MetadataCache::lookup(const std::vector<std::string>& ids) const {
  rules::ArxivLookup out;
  for (const auto& id : ids) {
    const auto it = records_.find(id);
    if (it == records_.end())
      continue;
    if (it->second.missing)
      out.missing[id] = true;
    else
      out.papers[id] = it->second.paper;
  }
  return out;
}

}  // namespace awesome::server::arxiv
