#include "rules/catalog.hpp"

#include <array>

#include "rules/config.hpp"

namespace awesome::rules {

namespace {

using enum Severity;
using enum FixKind;

// The order here is the order of `awesome-ls rules`, SARIF metadata and the docs.
constexpr std::array kRules{
    RuleInfo{"heading-hierarchy", "structure", kError, kNone,
             "Year section not under its category, skipped heading level, or year section "
             "outside a category."},
    RuleInfo{"year-order", "structure", kWarning, kSafe,
             "Year sections of a category are not newest first."},
    RuleInfo{"empty-section", "structure", kInfo, kNone,
             "A category or year section holds no entries."},
    RuleInfo{"toc-missing", "structure", kWarning, kSafe,
             "A category heading is not listed in the table of contents."},
    RuleInfo{"toc-orphan", "structure", kWarning, kSafe,
             "A table-of-contents link points at no heading."},
    RuleInfo{"no-entries", "structure", kWarning, kNone,
             "A Markdown file with links in which no paper entry links to a web page: not "
             "checked as a paper list."},
    RuleInfo{"toc-order", "structure", kInfo, kSafe,
             "The table of contents lists headings in a different order than the document."},
    RuleInfo{"entry-shape", "entry format", kError, kNone,
             "Missing author line or digest, sub-bullets out of order, wrong indentation, or a "
             "digest continued on the next line."},
    RuleInfo{"title-punctuation", "entry format", kWarning, kSafe,
             "The title does not end in '.', '?' or '!' before the links."},
    RuleInfo{"link-syntax", "entry format", kError, kSafe,
             "A malformed link: not written as [[label]](url), empty URL, or a misspelt label."},
    RuleInfo{"paper-link", "entry format", kError, kNone,
             "No [[paper]] link, or it is not the first link."},
    RuleInfo{"arxiv-url", "entry format", kWarning, kSafe,
             "A non-canonical arXiv URL (http:, /pdf/, .pdf, version suffix, other host)."},
    RuleInfo{"author-line", "entry format", kWarning, kSafe,
             "The author line does not end in '.' before the venue, has doubled or trailing "
             "commas, or runs two names together."},
    RuleInfo{"venue", "entry format", kWarning, kSafe,
             "The venue is not written as *Venue YYYY*, misspells a known venue, or predates "
             "the arXiv id."},
    RuleInfo{"digest", "entry format", kWarning, kSafe,
             "Empty digest, digest in the other dialect, or <details> not closed."},
    RuleInfo{"whitespace", "entry format", kInfo, kSafe,
             "Trailing spaces, tabs, doubled spaces, or more than one blank line between "
             "entries."},
    RuleInfo{"placeholder", "entry format", kWarning, kNone,
             "A placeholder (TBD, TODO, XXX, a placeholder author line) left in the list."},
    RuleInfo{"encoding", "entry format", kError, kNone,
             "Invalid UTF-8, a U+FFFD replacement character, or a control character."},
    RuleInfo{"keyword-label", "key words", kError, kSafe,
             "The key word line is not labelled exactly 'Key Word:'."},
    RuleInfo{"keyword-syntax", "key words", kWarning, kSafe,
             "Key words not separated by '; ', missing final '.', empty or repeated phrase."},
    RuleInfo{"keyword-count", "key words", kInfo, kNone,
             "An entry has fewer or more key words than configured."},
    RuleInfo{"keyword-variant", "key words", kWarning, kEditor,
             "A key word is a near-variant (typo, case, hyphen, plural) of a more frequent one."},
    RuleInfo{"entry-order", "ordering", kWarning, kSafe,
             "An entry is out of descending arXiv id order in its section."},
    RuleInfo{"entry-year", "ordering", kWarning, kSafe,
             "An entry's arXiv year differs from the year of its year section."},
    RuleInfo{"duplicate-paper", "duplicates", kError, kEditor,
             "The same paper appears twice (same arXiv id or paper URL)."},
    RuleInfo{"duplicate-title", "duplicates", kWarning, kNone, "Two entries have the same title."},
    RuleInfo{"duplicate-digest", "duplicates", kWarning, kNone,
             "Two different entries have the same digest."},
    RuleInfo{"duplicate-link", "duplicates", kInfo, kNone,
             "The same code or dataset URL is given for two different papers."},
};

}  // namespace

std::span<const RuleInfo> rule_catalog() {
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const auto& rule : kRules) {
    if (rule.id == id)
      return &rule;
  }
  return nullptr;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case kOff:
      return "off";
    case kInfo:
      return "info";
    case kWarning:
      return "warning";
    case kError:
      return "error";
  }
  return "off";
}

bool parse_severity(std::string_view word, Severity& out) {
  for (Severity s : {kOff, kInfo, kWarning, kError}) {
    if (to_string(s) == word) {
      out = s;
      return true;
    }
  }
  return false;
}

Severity effective_severity(const Config& config, std::string_view rule) {
  if (auto it = config.severity.find(rule); it != config.severity.end())
    return it->second;
  const RuleInfo* info = find_rule(rule);
  return info ? info->default_severity : kOff;
}

}  // namespace awesome::rules
