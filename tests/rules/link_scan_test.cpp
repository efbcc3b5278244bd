// The hand-written scanners of rules/link_scan.hpp against their specification, the RE2
// patterns they replace: the same matches with the same parts on every line of the real lists
// and on random text built from the characters that matter (brackets, blanks, broken UTF-8).
#include "rules/link_scan.hpp"

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <array>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "rules/patterns.hpp"
#include "tests/support/files.hpp"

namespace {

using awesome::rules::find_link;
using awesome::rules::link_at;
using awesome::rules::LinkMatch;
using awesome::rules::LinkStyle;
using awesome::rules::match_arxiv_url;
namespace patterns = awesome::rules::patterns;

const RE2& link_re() {
  static const RE2 re(patterns::kLink);
  return re;
}

std::string_view view(const re2::StringPiece& p) {
  return {p.data(), p.size()};
}

/// What RE2 finds at `pos` (anchored or not), in the scanner's terms.
std::optional<LinkMatch> oracle_link(std::string_view line, std::size_t pos, bool anchored) {
  std::array<re2::StringPiece, 9> g;
  if (!link_re().Match(re2::StringPiece(line.data(), line.size()), pos, line.size(),
                       anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, g.data(),
                       static_cast<int>(g.size()))) {
    return std::nullopt;
  }
  int alt = 1;
  while (alt < 8 && g[alt].data() == nullptr) alt += 2;
  constexpr std::array<LinkStyle, 4> kStyles{LinkStyle::kCanonical, LinkStyle::kInnerBracket,
                                             LinkStyle::kParenthesized, LinkStyle::kSingle};
  const auto begin = static_cast<std::size_t>(g[0].data() - line.data());
  return LinkMatch{begin, begin + g[0].size(), view(g[alt]), view(g[alt + 1]),
                   kStyles[static_cast<std::size_t>(alt / 2)]};
}

void same_link(const std::optional<LinkMatch>& got, const std::optional<LinkMatch>& want) {
  REQUIRE(got.has_value() == want.has_value());
  if (!got)
    return;
  CHECK(got->begin == want->begin);
  CHECK(got->end == want->end);
  // Views into the same line: the same bytes at the same place.
  CHECK(got->label.data() == want->label.data());
  CHECK(got->label.size() == want->label.size());
  CHECK(got->url.data() == want->url.data());
  CHECK(got->url.size() == want->url.size());
  CHECK(got->style == want->style);
}

void compare_links(std::string_view line) {
  CAPTURE(std::string(line));
  for (std::size_t pos = 0; pos <= line.size(); ++pos) {
    if (pos != 0 && pos != line.size() && line[pos] != '[' && line[pos] != '(' &&
        line[pos - 1] != ']' && line[pos - 1] != ')')
      continue;  // the positions the parser starts from: line starts and around brackets
    CAPTURE(pos);
    same_link(find_link(line, pos), oracle_link(line, pos, false));
    same_link(link_at(line, pos), oracle_link(line, pos, true));
  }
}

void compare_arxiv(std::string_view url) {
  CAPTURE(std::string(url));
  static const RE2 re(patterns::kArxivUrl);
  re2::StringPiece whole, new_yy, new_mm, new_num, archive, old_yy, old_mm, old_num, version;
  const bool want =
      RE2::FullMatch(re2::StringPiece(url.data(), url.size()), re, &whole, &new_yy, &new_mm,
                     &new_num, &archive, &old_yy, &old_mm, &old_num, &version);
  const auto got = match_arxiv_url(url);
  REQUIRE(got.has_value() == want);
  if (!got)
    return;
  const bool is_new = !new_yy.empty();
  CHECK(got->id == view(whole));
  CHECK(got->yy == view(is_new ? new_yy : old_yy));
  CHECK(got->mm == view(is_new ? new_mm : old_mm));
  CHECK(got->number == view(is_new ? new_num : old_num));
}

std::vector<std::string> corpus_lists() {
  std::vector<std::string> out;
  for (const auto& file : std::filesystem::recursive_directory_iterator(AWESOME_CORPUS_DIR)) {
    if (file.path().extension() == ".md")
      out.push_back(awesome::test::read_file(file.path()));
  }
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// A random string of `n` pieces drawn from `pieces`.
template <std::size_t N>
std::string random_text(std::mt19937& rng, const std::array<std::string_view, N>& pieces,
                        std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += pieces[rng() % N];
  return out;
}

}  // namespace

TEST_CASE("link scanner: the same links as patterns::kLink on every line of the real lists") {
  std::size_t lines = 0;
  for (const std::string& list : corpus_lists()) {
    for (std::string_view line : lines_of(list)) {
      compare_links(line);
      ++lines;
    }
  }
  CHECK(lines > 10000);
}

TEST_CASE("link scanner: the same links as patterns::kLink on random text") {
  // Every character the pattern treats apart, ordinary text, and whole and broken UTF-8 (é, a
  // surrogate, overlong forms, a lone continuation byte, a sequence cut short, past U+10FFFF).
  // clang-format off
  constexpr std::array<std::string_view, 24> kPieces{
      "[", "]", "(", ")", " ", "\t", "\n", "\r", "\f", "\v", "a", "b.", "/:", "[[", "](", ")]",
      "\xc3\xa9", "\xed\xa0\x80", "\xc0\x80", "\x80", "\xe2\x82", "\xf4\x90\x80\x80",
      "\xe0\x80\x80", "\xf5\x80\x80\x80"};
  // clang-format on
  std::mt19937 rng(20261130);
  for (int i = 0; i < 200000; ++i) compare_links(random_text(rng, kPieces, rng() % 16));
}

TEST_CASE("arXiv URL scanner: the same ids as patterns::kArxivUrl") {
  for (const std::string& list : corpus_lists()) {
    for (std::string_view line : lines_of(list)) {
      for (auto m = find_link(line, 0); m; m = find_link(line, m->end)) compare_arxiv(m->url);
    }
  }
  constexpr std::array<std::string_view, 34> kPieces{
      "https://", "http://", "www.",         "export.", "arxiv.org/", "abs/",
      "pdf/",     "html/",   "format/",      "2101",    "21",         ".",
      "12345",    "1234",    "cs",           "math-ph", ".GT",        ".gt",
      "/",        "0112017", "v2",           "v",       ".pdf",       "?",
      "#",        "x=1",     "\n",           "\xff",    "\xc3\xa9",   "A",
      "-",        "9",       "\xed\xa0\x80", " "};
  std::mt19937 rng(42);
  for (int i = 0; i < 200000; ++i) {
    // Most strings start like an arXiv URL, so the scanner's later branches are reached.
    std::string url = rng() % 4 == 0 ? "" : "https://arxiv.org/abs/";
    url += random_text(rng, kPieces, rng() % 7);
    compare_arxiv(url);
  }
  compare_arxiv("https://arxiv.org/abs/2101.12345v3.pdf/?x#y");
  CHECK(match_arxiv_url("arxiv.org/pdf/math-ph.GT/0501001v1")->id == "math-ph.GT/0501001");
}

TEST_CASE("venue year scanner: the same name and year as patterns::kVenueYear") {
  static const RE2 re(awesome::rules::patterns::kVenueYear);
  const auto compare = [](std::string_view text) {
    CAPTURE(std::string(text));
    re2::StringPiece name, year;
    const bool want = RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re, &name, &year);
    const auto got = awesome::rules::match_venue_year(text);
    REQUIRE(got.has_value() == want);
    if (got) {
      CHECK(got->name == view(name));
      CHECK(got->year == view(year));
    }
  };
  constexpr std::array<std::string_view, 20> kPieces{
      "ICLR", " ", "\t", "2021", "1999", "2101", "19", "20",       "0", "9",
      "_",    "a", "-",  "(",    "\n",   "\xff", "é",  "\xc0\x80", ",", "Workshop"};
  std::mt19937 rng(7);
  for (int i = 0; i < 200000; ++i) compare(random_text(rng, kPieces, rng() % 6));
  for (std::string_view v : {"ICLR 2021", "NeurIPS 2020 Workshop", "TPAMI", "CVPR2019",
                             "ICML 20211", "AAAI  2022", "arXiv 1901.1234"}) {
    compare(v);
  }
}

TEST_CASE("a year at the end is what both plain venue patterns require") {
  static const RE2 plain(awesome::rules::patterns::kPlainVenue);
  static const RE2 after(awesome::rules::patterns::kYearAfterVenue);
  const auto compare = [](std::string_view body) {
    CAPTURE(std::string(body));
    const re2::StringPiece text(body.data(), body.size());
    if (RE2::FullMatch(text, plain) || RE2::FullMatch(text, after))
      CHECK(awesome::rules::ends_with_year(body));
  };
  for (const std::string& list : corpus_lists()) {
    for (std::string_view line : lines_of(list)) compare(line);
  }
  constexpr std::array<std::string_view, 14> kPieces{
      "Ada Lovelace.", " ",  "*ICML*", ",", "2021",  "1999", ".",
      "NeurIPS",       "20", "x",      "*", "arXiv", "2101", "\xff"};
  std::mt19937 rng(11);
  std::size_t matched = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string body = random_text(rng, kPieces, rng() % 7);
    matched += awesome::rules::ends_with_year(body);
    compare(body);
  }
  CHECK(matched > 1000);
  CHECK(awesome::rules::ends_with_year("Ada Lovelace. NeurIPS 2023."));
  CHECK_FALSE(awesome::rules::ends_with_year("Ada Lovelace. *NeurIPS 2023*"));
}
