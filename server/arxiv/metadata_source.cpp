#include "server/arxiv/metadata_source.hpp"

#include <algorithm>
#include <boost/asio/io_context.hpp>

namespace awesome::server::arxiv {

MetadataSource::MetadataSource(std::filesystem::path cache_file) : file_(std::move(cache_file)) {
  if (file_.empty()) {
    const auto dir = default_cache_dir();
    if (!dir.empty())
      file_ = dir / "arxiv.json";
  }
}

rules::ArxivLookup MetadataSource::get(const std::vector<std::string>& ids, bool online,
                                       const rules::ArxivSettings& settings,
                                       std::vector<std::string>& warnings,
                                       std::vector<std::string>& errors) {
  if (!cache_) {
    cache_.emplace(file_);
    if (file_.empty())
      warnings.emplace_back("no cache folder (neither XDG_CACHE_HOME nor HOME is set)");
    else if (std::string warning = cache_->load(); !warning.empty())
      warnings.push_back(std::move(warning));
  }
  if (online && !ids.empty()) {
    const auto now = Clock::now();
    const std::vector<std::string> wanted =
        cache_->stale(ids, now, std::chrono::hours(24) * settings.max_age_days);
    if (!wanted.empty()) {
      boost::asio::io_context io;
      ClientOptions options = client_options;
      options.url = api_url(settings.url);
      ArxivClient client(io, options);
      FetchReport report;
      client.start_fetch(wanted, [&](FetchReport r) { report = std::move(r); });
      io.run();
      for (const auto& [id, paper] : report.lookup.papers) cache_->put(paper, now);
      for (const auto& [id, missing] : report.lookup.missing) cache_->put_missing(id, now);
      errors.insert(errors.end(), report.errors.begin(), report.errors.end());
      if (!report.lookup.empty() && !file_.empty()) {
        if (std::string error = cache_->save(); !error.empty())
          warnings.push_back(std::move(error));
      }
    }
  }
  return cache_->lookup(ids);
}

}  // namespace awesome::server::arxiv
