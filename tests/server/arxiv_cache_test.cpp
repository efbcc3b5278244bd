// The arXiv metadata cache (server/arxiv/metadata_cache.hpp) and the endpoint rules
// (server/arxiv/endpoint.hpp): a round trip through the file, fresh and stale records, a
// corrupt or truncated file ignored with a warning, the cache folder; URLs, loopback, proxies.
#include <doctest/doctest.h>
#include <stdlib.h>

#include "server/arxiv/endpoint.hpp"
#include "server/arxiv/metadata_cache.hpp"
#include "tests/server/temp_dir.hpp"

using namespace awesome::server::arxiv;
using awesome::test::read_bytes;
using awesome::test::TempDir;
using awesome::test::write_bytes;

namespace {

awesome::rules::ArxivMetadata sample() {
  awesome::rules::ArxivMetadata m;
  m.id = "2010.09515";
  m.title = "Improving Transformation Invariance in Contrastive Representation Learning";
  m.authors = {"Adam Foster", "Rattana Pukdee", "Tom Rainforth"};
  m.summary = "We first introduce a training objective.";
  m.published = "2020-10-19T17:59:01Z";
  return m;
}

/// Sets an environment variable for the scope.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str()))
      old = v;
    if (value)
      ::setenv(name.c_str(), value, 1);
    else
      ::unsetenv(name.c_str());
  }
  ~ScopedEnv() {
    if (old)
      ::setenv(name.c_str(), old->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("the cache keeps papers and missing ids with their fetch time across a save") {
  TempDir dir;
  const auto file = dir.path / "sub" / "arxiv.json";
  const auto t0 = Clock::now();
  {
    MetadataCache cache(file);
    CHECK(cache.load().empty());  // no file yet: empty, no warning
    cache.put(sample(), t0);
    cache.put_missing("2101.99999", t0 - std::chrono::hours(24 * 40));
    REQUIRE(cache.save().empty());
  }
  MetadataCache again(file);
  CHECK(again.load().empty());
  CHECK(again.size() == 2);
  const auto lookup = again.lookup({"2010.09515", "2101.99999", "1805.12152"});
  REQUIRE(lookup.papers.contains("2010.09515"));
  CHECK(lookup.papers.at("2010.09515") == sample());
  CHECK(lookup.missing.contains("2101.99999"));
  CHECK_FALSE(lookup.papers.contains("1805.12152"));
  // 30 days: the 40-day-old record and the unknown id are to be fetched again.
  CHECK(again.stale({"2010.09515", "2101.99999", "1805.12152"}, t0 + std::chrono::hours(1),
                    std::chrono::hours(24 * 30)) ==
        std::vector<std::string>{"2101.99999", "1805.12152"});
  CHECK(again.stale({"2010.09515"}, t0 + std::chrono::hours(24 * 31),
                    std::chrono::hours(24 * 30)) == std::vector<std::string>{"2010.09515"});
}

TEST_CASE("a corrupt or truncated cache file is ignored with a warning, then rewritten") {
  TempDir dir;
  const auto file = dir.path / "arxiv.json";
  {
    MetadataCache cache(file);
    cache.put(sample(), Clock::now());
    REQUIRE(cache.save().empty());
  }
  const std::string whole = read_bytes(file);
  SUBCASE("truncated mid-write by another program") {
    write_bytes(file, whole.substr(0, whole.size() / 2));
    MetadataCache cache(file);
    CHECK(cache.load().ends_with(
        "is not valid JSON (truncated?); ignored, it will be written again"));
    CHECK(cache.size() == 0);
    cache.put(sample(), Clock::now());
    CHECK(cache.save().empty());
    MetadataCache reread(file);
    CHECK(reread.load().empty());
    CHECK(reread.size() == 1);
  }
  SUBCASE("valid JSON of another shape") {
    write_bytes(file, R"({"format": 1, "papers": {"2010.09515": {"fetched": "yesterday"}}})");
    MetadataCache cache(file);
    CHECK(
        cache.load().ends_with("has a malformed record for 2010.09515; ignored, it will be "
                               "written again"));
    CHECK(cache.size() == 0);
    write_bytes(file, "[1, 2, 3]");
    CHECK(
        cache.load().ends_with("is not a cache of this version; ignored, it will be written "
                               "again"));
  }
  SUBCASE("binary garbage") {
    write_bytes(file, std::string("\x00\xff\xfe{", 4));
    MetadataCache cache(file);
    CHECK_FALSE(cache.load().empty());
    CHECK(cache.size() == 0);
  }
}

TEST_CASE("the cache folder: XDG_CACHE_HOME when absolute, else ~/.cache") {
  const ScopedEnv home("HOME", "/home/someone");
  {
    const ScopedEnv xdg("XDG_CACHE_HOME", "/var/cache/me");
    CHECK(default_cache_dir() == "/var/cache/me/awesome-ls");
  }
  {
    const ScopedEnv xdg("XDG_CACHE_HOME", "relative/cache");  // the spec says: ignore it
    CHECK(default_cache_dir() == "/home/someone/.cache/awesome-ls");
  }
}

TEST_CASE("endpoints: https anywhere, http only to loopback, ports and paths") {
  const auto real = parse_endpoint("https://export.arxiv.org/api/query");
  REQUIRE(real.endpoint);
  CHECK(*real.endpoint == Endpoint{true, "export.arxiv.org", "443", "/api/query"});
  const auto local = parse_endpoint("http://127.0.0.1:8123/api/query");
  REQUIRE(local.endpoint);
  CHECK(*local.endpoint == Endpoint{false, "127.0.0.1", "8123", "/api/query"});
  CHECK(parse_endpoint("http://[::1]:9/q").endpoint == Endpoint{false, "::1", "9", "/q"});
  CHECK(parse_endpoint("http://localhost/q").endpoint.has_value());
  CHECK(parse_endpoint("http://export.arxiv.org/api/query").error ==
        "the arXiv URL 'http://export.arxiv.org/api/query' is plain http to a host that is not "
        "loopback; use https");
  CHECK(parse_endpoint("http://127.0.0.1.example.org/q").endpoint == std::nullopt);
  CHECK(parse_endpoint("ftp://example.org/").error ==
        "the arXiv URL 'ftp://example.org/' is not an http:// or https:// URL");
  CHECK_FALSE(parse_endpoint("https://example.org/q?id_list=1").endpoint);
  CHECK_FALSE(parse_endpoint("https://example.org:port/q").endpoint);
  CHECK(is_loopback("127.4.5.6"));
  CHECK_FALSE(is_loopback("128.0.0.1"));
}

TEST_CASE("AWESOME_LS_ARXIV_URL wins over the config, which wins over the real API") {
  {
    const ScopedEnv env("AWESOME_LS_ARXIV_URL", nullptr);
    CHECK(api_url("") == "https://export.arxiv.org/api/query");
    CHECK(api_url("https://mirror.example.org/api/query") ==
          "https://mirror.example.org/api/query");
  }
  const ScopedEnv env("AWESOME_LS_ARXIV_URL", "http://127.0.0.1:8123/api/query");
  CHECK(api_url("https://mirror.example.org/api/query") == "http://127.0.0.1:8123/api/query");
}

TEST_CASE("HTTPS_PROXY tunnels https requests unless NO_PROXY exempts the host") {
  const ScopedEnv upper("HTTPS_PROXY", "http://proxy.example.org:3128");
  const ScopedEnv lower("https_proxy", nullptr);
  const ScopedEnv no_upper("NO_PROXY", nullptr);
  const ScopedEnv no_lower("no_proxy", "intranet.example.org,.corp");
  const Endpoint arxiv{true, "export.arxiv.org", "443", "/api/query"};
  std::string error;
  const auto proxy = proxy_for(arxiv, error);
  REQUIRE(proxy);
  CHECK(*proxy == Endpoint{false, "proxy.example.org", "3128", "/"});
  CHECK_FALSE(proxy_for({true, "intranet.example.org", "443", "/"}, error));
  CHECK_FALSE(proxy_for({true, "api.corp", "443", "/"}, error));
  CHECK_FALSE(proxy_for({true, "localhost", "8443", "/"}, error));  // loopback: never
  CHECK(error.empty());
  CHECK(no_proxy_matches("*", "export.arxiv.org"));
  CHECK(no_proxy_matches("arxiv.org", "export.arxiv.org"));
  CHECK_FALSE(no_proxy_matches("xiv.org", "export.arxiv.org"));
  const ScopedEnv bad("HTTPS_PROXY", "socks5://proxy:1080");
  CHECK_FALSE(proxy_for(arxiv, error));
  CHECK(error == "the proxy 'socks5://proxy:1080' is not an http:// proxy");
}
