// The arXiv client (server/arxiv/http_client.hpp) against a local stand-in for the API
// (tests/support/arxiv_server.py): batches, the 3 s spacing (once, for real), 503 with
// Retry-After, a timeout, malformed XML, an unknown id, a withdrawn paper, LaTeX and Unicode
// titles, and https with a self-signed certificate. No request leaves the machine.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <boost/asio/io_context.hpp>

#include "server/arxiv/http_client.hpp"
#include "tests/server/local_arxiv.hpp"

using namespace awesome::server::arxiv;
using awesome::test::LocalArxiv;
using awesome::test::paper_json;

namespace {

/// Runs one fetch to completion.
FetchReport fetch(ClientOptions options, std::vector<std::string> ids) {
  boost::asio::io_context io;
  ArxivClient client(io, std::move(options));
  FetchReport report;
  bool done = false;
  client.start_fetch(std::move(ids), [&](FetchReport r) {
    report = std::move(r);
    done = true;
  });
  io.run();
  REQUIRE(done);
  return report;
}

ClientOptions quick(const LocalArxiv& server) {
  ClientOptions o;
  o.url = server.url();
  o.spacing = std::chrono::milliseconds(0);  // the test hook; one test keeps the real 3 s
  o.timeout = std::chrono::seconds(5);
  return o;
}

nlohmann::json five_papers() {
  nlohmann::json papers;
  for (const char* id : {"2010.09515", "2008.04254", "1805.12152", "1706.06083", "1412.6572"})
    papers[id] = paper_json(std::string("Paper ") + id, {"Ada Lovelace", "Alan Turing"});
  return papers;
}

}  // namespace

TEST_CASE("the client asks in batches, one request after another, with its User-Agent") {
  const LocalArxiv server(five_papers());
  ClientOptions o = quick(server);
  o.batch = 2;
  const FetchReport report =
      fetch(o, {"2010.09515", "2008.04254", "1805.12152", "1706.06083", "1412.6572", "2101.99999"});
  CHECK(report.errors.empty());
  CHECK(report.requests == 3);
  CHECK(report.lookup.papers.size() == 5);
  CHECK(report.lookup.papers.at("1805.12152").authors ==
        std::vector<std::string>{"Ada Lovelace", "Alan Turing"});
  CHECK(report.lookup.missing.size() == 1);
  CHECK(report.lookup.missing.contains("2101.99999"));
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].ids == std::vector<std::string>{"2010.09515", "2008.04254"});
  CHECK(requests[1].ids == std::vector<std::string>{"1805.12152", "1706.06083"});
  CHECK(requests[2].ids == std::vector<std::string>{"1412.6572", "2101.99999"});
  CHECK(requests[0].max_results == "2");
  CHECK(requests[0].path == "/api/query");
  CHECK(requests[0].user_agent == user_agent());
  CHECK(user_agent().starts_with("awesome-ls/"));
  CHECK(user_agent().ends_with(" (+https://github.com/awesome-ls/awesome-ls)"));
}

TEST_CASE("requests are at least 3 s apart (the real spacing, waited for once)") {
  const LocalArxiv server(five_papers());
  ClientOptions o = quick(server);
  o.spacing = ClientOptions{}.spacing;
  REQUIRE(o.spacing == std::chrono::seconds(3));
  o.batch = 1;
  const FetchReport report = fetch(o, {"2010.09515", "2008.04254"});
  CHECK(report.errors.empty());
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].time - requests[0].time >= 3.0);
  CHECK(requests[1].time - requests[0].time < 4.5);
}

TEST_CASE("a 503 with Retry-After is waited for and retried, a bounded number of times") {
  SUBCASE("one 503, then the answer") {
    const LocalArxiv server(five_papers(), {"--busy", "1"});
    const FetchReport report = fetch(quick(server), {"2010.09515"});
    CHECK(report.errors.empty());
    CHECK(report.requests == 2);
    CHECK(report.lookup.papers.contains("2010.09515"));
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].time - requests[0].time >= 1.0);  // Retry-After: 1
  }
  SUBCASE("busy beyond the retries: an error, no endless loop") {
    const LocalArxiv server(five_papers(), {"--busy", "10"});
    ClientOptions o = quick(server);
    o.retries = 1;
    const FetchReport report = fetch(o, {"2010.09515"});
    CHECK(report.requests == 2);
    REQUIRE(report.errors.size() == 1);
    CHECK(report.errors[0] == "request 1 of 1 to " + server.url() + ": arXiv answered HTTP 503");
    CHECK(report.lookup.empty());
  }
}

TEST_CASE("a server that does not answer in time is a timeout error") {
  const LocalArxiv server(five_papers(), {"--slow", "3"});
  ClientOptions o = quick(server);
  o.timeout = std::chrono::milliseconds(400);
  const auto start = std::chrono::steady_clock::now();
  const FetchReport report = fetch(o, {"2010.09515"});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0] == "request 1 of 1 to " + server.url() + ": timed out");
  CHECK(report.lookup.empty());
}

TEST_CASE("malformed XML in the answer is an error naming where it broke") {
  const LocalArxiv server(five_papers(), {"--malformed"});
  const FetchReport report = fetch(quick(server), {"2010.09515"});
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].starts_with("request 1 of 1 to " + server.url() +
                                     ": the answer is not an Atom feed: malformed XML at line 3"));
  CHECK(report.lookup.empty());
}

TEST_CASE("withdrawn papers, LaTeX, Unicode and line breaks in titles, a malformed id") {
  nlohmann::json papers;
  papers["2101.00001"] = paper_json("A Withdrawn Paper", {"Grace Hopper"},
                                    "This paper has been withdrawn by the author.");
  papers["2101.00002"] = paper_json(
      "Certified Robustness to $\\ell_\\infty$ Attacks\n  with "
      "G\\\"{o}del Numbers & Schrödinger's Cat",
      {"Kurt G\\\"odel", "Erwin Schrödinger"});
  papers["2101.00003"] = paper_json("Withdrawn by comment", {"Ada Lovelace"});
  papers["2101.00003"]["comment"] = "This paper has been withdrawn";
  const LocalArxiv server(papers);
  const FetchReport report = fetch(quick(server), {"2101.00001", "2101.00002", "2101.00003"});
  CHECK_MESSAGE(report.errors.empty(), (report.errors.empty() ? "" : report.errors[0]));
  REQUIRE(report.lookup.papers.size() == 3);
  CHECK(report.lookup.papers.at("2101.00001").withdrawn);
  CHECK(report.lookup.papers.at("2101.00003").withdrawn);
  const auto& latex = report.lookup.papers.at("2101.00002");
  CHECK_FALSE(latex.withdrawn);
  CHECK(latex.title ==
        "Certified Robustness to $\\ell_\\infty$ Attacks with G\\\"{o}del Numbers & "
        "Schrödinger's Cat");
  CHECK(awesome::rules::list_title(latex.title) ==
        "Certified Robustness to ℓ∞ Attacks with Gödel Numbers & Schrödinger's Cat.");
  CHECK(latex.authors == std::vector<std::string>{"Kurt G\\\"odel", "Erwin Schrödinger"});

  // arXiv answers a malformed id with its error entry: that id is missing, nothing else.
  const FetchReport bad = fetch(quick(server), {"2101.1"});
  CHECK(bad.errors.empty());
  CHECK(bad.lookup.missing.contains("2101.1"));
}

TEST_CASE("https with a self-signed certificate: verified with its CA file, refused without") {
  const LocalArxiv server(five_papers(), {}, /*tls=*/true);
  ClientOptions o = quick(server);
  o.ca_file = server.ca_file();
  const FetchReport ok = fetch(o, {"2010.09515"});
  CHECK(ok.errors.empty());
  CHECK(ok.lookup.papers.contains("2010.09515"));
  o.ca_file.clear();  // the system store does not know the test's certificate
  const FetchReport refused = fetch(o, {"2010.09515"});
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0].find("certificate verify failed") != std::string::npos);
  CHECK(server.requests().size() == 1);  // the refused connection sent no request
}

TEST_CASE("HTTPS_PROXY: the request goes through the proxy's CONNECT tunnel, TLS inside") {
  const LocalArxiv server(five_papers(), {}, /*tls=*/true);
  const awesome::test::LocalProxy proxy(server.port());
  ClientOptions o = quick(server);
  o.url = "https://arxiv.test/api/query";  // not loopback: only the proxy can reach it
  o.ca_file = server.ca_file();
  ::setenv("HTTPS_PROXY", proxy.url().c_str(), 1);
  ::unsetenv("NO_PROXY");
  ::unsetenv("no_proxy");
  const FetchReport report = fetch(o, {"2010.09515"});
  ::unsetenv("HTTPS_PROXY");
  CHECK_MESSAGE(report.errors.empty(), (report.errors.empty() ? "" : report.errors[0]));
  CHECK(report.lookup.papers.contains("2010.09515"));
  CHECK(awesome::test::read_bytes(proxy.log_file()) == "CONNECT arxiv.test:443 HTTP/1.1\n");
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].ids == std::vector<std::string>{"2010.09515"});
}

TEST_CASE("plain http to a host that is not loopback sends nothing") {
  ClientOptions o;
  o.url = "http://export.arxiv.org/api/query";
  const FetchReport report = fetch(o, {"2010.09515"});
  CHECK(report.requests == 0);
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].ends_with("is plain http to a host that is not loopback; use https"));
}
