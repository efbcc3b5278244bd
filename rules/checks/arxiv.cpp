// arXiv metadata rules: arxiv-id (no such paper, or withdrawn), arxiv-title and arxiv-authors.
// They read what arXiv said of an entry's id, which the document does not hold, so they run
// outside Findings, on the model, whenever the caller has metadata (check --online or
// --offline, the server once answers arrive). Without metadata they report nothing.
#include "rules/arxiv.hpp"

#include <algorithm>
#include <set>

#include "rules/analysis.hpp"
#include "rules/blocks.hpp"
#include "rules/catalog.hpp"
#include "rules/list_document.hpp"
#include "rules/queries.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

/// The lines a suppression comment switches a rule off on, read from the text's lines: single
/// line comments, as the suppression comments that real lists carry are.
class Suppressions {
 public:
  explicit Suppressions(const ListDocument& doc) {
    std::vector<std::pair<std::uint32_t, std::vector<std::string>>> open;
    for (std::uint32_t line = 0; line < doc.line_count(); ++line) {
      const std::string_view text = text::trim(doc.line(line));
      if (!text.starts_with("<!--"))
        continue;
      const auto s = parse_suppression(text);
      if (!s)
        continue;
      if (s->kind == Suppression::Kind::kNextLine) {
        spans_.push_back({line + 1, line + 2, s->rules});
      } else if (s->kind == Suppression::Kind::kDisable) {
        open.emplace_back(line + 1, s->rules);
      } else {
        std::erase_if(open, [&](const auto& o) {
          if (!s->rules.empty() && o.second != s->rules)
            return false;
          spans_.push_back({o.first, line, o.second});
          return true;
        });
      }
    }
    for (auto& [from, rules] : open) spans_.push_back({from, UINT32_MAX, rules});
  }

  bool off(std::string_view rule, std::uint32_t line) const {
    return std::any_of(spans_.begin(), spans_.end(), [&](const Span& s) {
      return line >= s.from && line < s.to &&
             (s.rules.empty() || std::find(s.rules.begin(), s.rules.end(), rule) != s.rules.end());
    });
  }

 private:
  struct Span {
    std::uint32_t from, to;
    std::vector<std::string> rules;
  };
  std::vector<Span> spans_;
};

/// The range of the entry's link to arXiv paper `id`: the URL of its paper link.
Range paper_url_range(const Entry& e) {
  for (const Link& link : e.links) {
    if (auto id = link_arxiv(link); id && id->id == e.arxiv->id)
      return link.url_range;
  }
  return e.title_range;
}

void check_title(const Entry& e, const ArxivMetadata& paper, DiagnosticSink& sink) {
  if (comparable_title(e.title) == comparable_title(paper.title))
    return;
  const std::string title = list_title(paper.title);
  Diagnostic& d =
      sink.report(RuleId::kArxivTitle, e.title_range,
                  "The title differs from arXiv's for " + paper.id + ": '" + title + "'.");
  Fix fix;
  fix.title = "Write arXiv's title";
  fix.edits.push_back({e.title_range, title});
  fix.preferred = true;  // not safe: a curator may have shortened the title on purpose
  d.fixes.push_back(std::move(fix));
}

std::string count_words(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " author" : " authors");
}

void check_authors(const Entry& e, const ArxivMetadata& paper, DiagnosticSink& sink) {
  if (!e.authors_line || paper.authors.empty() || text::is_placeholder_authors(e.authors))
    return;
  bool abbreviated = false;
  const std::vector<std::string> names = split_authors(e.authors, abbreviated);
  if (names.empty())
    return;
  const Range range{{*e.authors_line, 0}, {*e.authors_line, 0}};
  const std::string first = family_name(names.front());
  const std::string arxiv_first = family_name(paper.authors.front());
  // A family name written first ("Foster A") still names the same person.
  const bool same_first =
      first == arxiv_first || family_name(text::split(names.front(), " ").front()) == arxiv_first;
  if (!same_first) {
    sink.report(RuleId::kArxivAuthors, range,
                "The first author is '" + names.front() + "' here but '" +
                    latex_to_text(paper.authors.front()) + "' on arXiv (" + paper.id + ").");
    return;
  }
  const bool count_differs =
      abbreviated ? names.size() > paper.authors.size() : names.size() != paper.authors.size();
  if (count_differs) {
    sink.report(RuleId::kArxivAuthors, range,
                "The author line names " + count_words(names.size()) + "; arXiv lists " +
                    count_words(paper.authors.size()) + " for " + paper.id + ".");
  }
}

}  // namespace

std::vector<std::string> list_arxiv_ids(ListDocument& doc) {
  std::vector<std::string> out;
  std::set<std::string, std::less<>> seen;
  for (const auto& e : doc.model().entries) {
    if (e.arxiv && seen.insert(e.arxiv->id).second)
      out.push_back(e.arxiv->id);
  }
  return out;
}

std::vector<Diagnostic> check_arxiv(ListDocument& doc, const ArxivLookup& lookup) {
  std::vector<Diagnostic> out;
  if (lookup.empty())
    return out;
  DiagnosticSink sink(out, Scope::kMetadata);
  const Model& model = doc.model();
  for (const Entry& e : model.entries) {
    if (!e.arxiv)
      continue;
    if (lookup.missing.contains(e.arxiv->id)) {
      sink.report(RuleId::kArxivId, paper_url_range(e), "arXiv has no paper " + e.arxiv->id + ".");
      continue;
    }
    const auto it = lookup.papers.find(e.arxiv->id);
    if (it == lookup.papers.end())
      continue;
    if (it->second.withdrawn) {
      sink.report(RuleId::kArxivId, paper_url_range(e),
                  "arXiv paper " + e.arxiv->id + " has been withdrawn.");
    }
    check_title(e, it->second, sink);
    check_authors(e, it->second, sink);
  }
  // The author range: the whole author line, known only with the document's lines.
  for (Diagnostic& d : out) {
    if (d.rule == "arxiv-authors") {
      const std::string_view line = doc.line(d.range.start.line);
      const std::size_t indent = line.find("- ");
      d.range.start.column =
          indent == std::string_view::npos ? 0 : static_cast<std::uint32_t>(indent + 2);
      d.range.end.column = static_cast<std::uint32_t>(text::trim_right(line).size());
    }
  }
  const Suppressions suppressions(doc);
  std::erase_if(out, [&](Diagnostic& d) {
    d.severity = effective_severity(doc.config(), d.rule);
    return d.severity == Severity::kOff || suppressions.off(d.rule, d.range.start.line);
  });
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return x.range.start < y.range.start;
  });
  return out;
}

}  // namespace awesome::rules
