// Atom answers of the arXiv API read with expat (server/arxiv/atom.hpp), on documents written
// after the API user manual: several entries, an id arXiv does not have, its error entry for a
// malformed id, a withdrawn paper, titles with LaTeX, Unicode and line breaks, broken XML.
#include <doctest/doctest.h>

#include "server/arxiv/atom.hpp"

using namespace awesome::server::arxiv;

namespace {

constexpr std::string_view kTwoEntries = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D2010.09515%2C1805.12152" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=2010.09515,1805.12152&amp;start=0&amp;max_results=10</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2026-11-30T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">2</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">10</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/abs/2010.09515v2</id>
    <updated>2021-03-08T12:00:00Z</updated>
    <published>2020-10-19T17:59:01Z</published>
    <title>Improving Transformation Invariance in Contrastive Representation
  Learning</title>
    <summary>  We first introduce a training objective for contrastive learning that
uses a novel regularizer. We show that representations trained with this objective
perform better.
</summary>
    <author>
      <name>Adam Foster</name>
    </author>
    <author>
      <name>Rattana Pukdee</name>
      <arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">University of Oxford</arxiv:affiliation>
    </author>
    <author>
      <name>Tom Rainforth</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">ICLR 2021</arxiv:comment>
    <link href="http://arxiv.org/abs/2010.09515v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2010.09515v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/cs/0112017v1</id>
    <updated>2001-12-14T00:00:00Z</updated>
    <published>2001-12-14T00:00:00Z</published>
    <title>Certified Robustness to $\ell_\infty$ Attacks with G\"{o}del Numbers &amp;
  Schr&#246;dinger's Cat</title>
    <summary>This paper has been withdrawn by the author due to an error in Lemma 2.</summary>
    <author><name>Kurt G\"odel</name></author>
    <author><name>Erwin Schrödinger</name></author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">This paper has been withdrawn</arxiv:comment>
  </entry>
</feed>
)";

}  // namespace

TEST_CASE("parse_atom reads every entry: version-less id, title, authors in order, dates") {
  const AtomParse parsed = parse_atom(kTwoEntries);
  REQUIRE(parsed.feed);
  const auto& papers = parsed.feed->papers;
  REQUIRE(papers.size() == 2);
  CHECK(papers[0].id == "2010.09515");
  CHECK(papers[0].title ==
        "Improving Transformation Invariance in Contrastive Representation Learning");
  CHECK(papers[0].authors ==
        std::vector<std::string>{"Adam Foster", "Rattana Pukdee", "Tom Rainforth"});
  CHECK(papers[0].published == "2020-10-19T17:59:01Z");
  CHECK(
      papers[0].summary.starts_with("We first introduce a training objective for contrastive "
                                    "learning that uses a novel regularizer. We show"));
  CHECK_FALSE(papers[0].withdrawn);
  // An old-style id, LaTeX and a character reference in the title, Unicode in a name.
  CHECK(papers[1].id == "cs/0112017");
  CHECK(papers[1].title ==
        "Certified Robustness to $\\ell_\\infty$ Attacks with G\\\"{o}del Numbers & "
        "Schrödinger's Cat");
  CHECK(papers[1].authors == std::vector<std::string>{"Kurt G\\\"odel", "Erwin Schrödinger"});
  CHECK(papers[1].withdrawn);
  CHECK(parsed.feed->errors.empty());
}

TEST_CASE("lookup_from_feed marks the ids a feed has no paper for as missing") {
  const AtomParse parsed = parse_atom(kTwoEntries);
  REQUIRE(parsed.feed);
  const auto lookup = lookup_from_feed(*parsed.feed, {"2010.09515", "cs/0112017", "2101.99999"});
  CHECK(lookup.papers.size() == 2);
  CHECK(lookup.missing.size() == 1);
  CHECK(lookup.missing.contains("2101.99999"));
}

TEST_CASE("an empty feed, an empty entry and arXiv's error entry") {
  SUBCASE("no entry for an unknown id: it is missing") {
    const AtomParse parsed = parse_atom(R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <title>arXiv Query: id_list=2101.99999</title>
  <opensearch:totalResults>0</opensearch:totalResults>
</feed>)");
    REQUIRE(parsed.feed);
    CHECK(parsed.feed->papers.empty());
    CHECK(lookup_from_feed(*parsed.feed, {"2101.99999"}).missing.contains("2101.99999"));
  }
  SUBCASE("an entry with an id but no title nor authors: missing") {
    const AtomParse parsed = parse_atom(R"(<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>http://arxiv.org/abs/2101.99999</id><title></title><summary/></entry>
</feed>)");
    REQUIRE(parsed.feed);
    CHECK(parsed.feed->papers.empty());
    CHECK(parsed.feed->empty == std::vector<std::string>{"2101.99999"});
  }
  SUBCASE("the error entry names the malformed id; the other ids were not looked up") {
    const AtomParse parsed = parse_atom(R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_2101.9</id>
    <title>Error</title>
    <summary>incorrect id format for 2101.9</summary>
    <updated>2026-11-30T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_2101.9" rel="alternate" type="text/html"/>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>)");
    REQUIRE(parsed.feed);
    CHECK(parsed.feed->papers.empty());
    CHECK(parsed.feed->errors == std::vector<std::string>{"incorrect id format for 2101.9"});
    const auto lookup = lookup_from_feed(*parsed.feed, {"2101.9", "2010.09515"});
    CHECK(lookup.missing.contains("2101.9"));
    CHECK_FALSE(lookup.missing.contains("2010.09515"));
  }
}

TEST_CASE("malformed XML and other documents are clear errors") {
  const AtomParse cut = parse_atom(
      "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <entry><title>Cut "
      "off");
  CHECK_FALSE(cut.feed);
  CHECK(cut.error == "malformed XML at line 3, column 24: no element found");
  const AtomParse rate = parse_atom("Rate exceeded.");
  CHECK_FALSE(rate.feed);
  CHECK(rate.error.starts_with("malformed XML at line 1"));
  const AtomParse html = parse_atom("<html><body>Service Unavailable</body></html>");
  CHECK_FALSE(html.feed);
  CHECK(html.error == "not an Atom feed (the root element is not <feed>)");
}
