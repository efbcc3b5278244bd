#include "rules/catalog.hpp"

#include <array>

#include "rules/config.hpp"

namespace awesome::rules {

namespace {

using enum Severity;
using enum FixKind;

// The order here is the order of `awesome-ls rules`, SARIF metadata and the docs.
constexpr std::array kRules{
    RuleInfo{RuleId::kHeadingHierarchy, "heading-hierarchy", Scope::kChunk, "structure", kError,
             kEditor,
             "Year section not under its category, skipped heading level, or year section "
             "outside a category."},
    RuleInfo{RuleId::kYearOrder, "year-order", Scope::kChunk, "structure", kWarning, kSafe,
             "Year sections of a category are not newest first."},
    RuleInfo{RuleId::kEmptySection, "empty-section", Scope::kChunk, "structure", kInfo, kNone,
             "A category or year section holds no entries."},
    RuleInfo{RuleId::kTocMissing, "toc-missing", Scope::kToc, "structure", kWarning, kSafe,
             "A category heading is not listed in the table of contents."},
    RuleInfo{RuleId::kTocOrphan, "toc-orphan", Scope::kToc, "structure", kWarning, kSafe,
             "A table-of-contents link points at no heading."},
    RuleInfo{RuleId::kNoEntries, "no-entries", Scope::kDocument, "structure", kWarning, kNone,
             "A Markdown file with links in which no paper entry links to a web page: not "
             "checked as a paper list."},
    RuleInfo{RuleId::kTocOrder, "toc-order", Scope::kToc, "structure", kInfo, kSafe,
             "The table of contents lists headings in a different order than the document."},
    RuleInfo{RuleId::kEntryShape, "entry-shape", Scope::kBlock, "entry format", kError, kSafe,
             "Missing author line or digest, sub-bullets out of order, wrong indentation, or a "
             "digest continued on the next line."},
    RuleInfo{RuleId::kTitlePunctuation, "title-punctuation", Scope::kBlock, "entry format",
             kWarning, kSafe, "The title does not end in '.', '?' or '!' before the links."},
    RuleInfo{RuleId::kLinkSyntax, "link-syntax", Scope::kBlock, "entry format", kError, kSafe,
             "A malformed link: not written as [[label]](url), empty URL, or a misspelt label."},
    RuleInfo{RuleId::kPaperLink, "paper-link", Scope::kBlock, "entry format", kError, kNone,
             "No [[paper]] link, or it is not the first link."},
    RuleInfo{RuleId::kArxivUrl, "arxiv-url", Scope::kBlock, "entry format", kWarning, kSafe,
             "A non-canonical arXiv URL (http:, /pdf/, .pdf, version suffix, other host)."},
    RuleInfo{RuleId::kAuthorLine, "author-line", Scope::kBlock, "entry format", kWarning, kSafe,
             "The author line does not end in '.' before the venue, has doubled or trailing "
             "commas, or runs two names together."},
    RuleInfo{RuleId::kVenue, "venue", Scope::kBlock, "entry format", kWarning, kSafe,
             "The venue is not written as *Venue YYYY*, misspells a known venue, or predates "
             "the arXiv id."},
    RuleInfo{RuleId::kDigest, "digest", Scope::kBlock, "entry format", kWarning, kSafe,
             "Empty digest, digest in the other dialect, or <details> not closed."},
    RuleInfo{RuleId::kWhitespace, "whitespace", Scope::kBlock | Scope::kChunk, "entry format",
             kInfo, kSafe,
             "Trailing spaces, tabs, doubled spaces, or more than one blank line between "
             "entries."},
    RuleInfo{RuleId::kPlaceholder, "placeholder", Scope::kBlock | Scope::kChunk, "entry format",
             kWarning, kNone,
             "A placeholder (TBD, TODO, XXX, a placeholder author line) left in the list."},
    RuleInfo{RuleId::kEncoding, "encoding", Scope::kBlock, "entry format", kError, kNone,
             "Invalid UTF-8, a U+FFFD replacement character, or a control character."},
    RuleInfo{RuleId::kKeywordLabel, "keyword-label", Scope::kBlock, "key words", kError, kSafe,
             "The key word line is not labelled exactly 'Key Word:'."},
    RuleInfo{RuleId::kKeywordSyntax, "keyword-syntax", Scope::kBlock, "key words", kWarning, kSafe,
             "Key words not separated by '; ', missing final '.', empty or repeated phrase."},
    RuleInfo{RuleId::kKeywordCount, "keyword-count", Scope::kBlock, "key words", kInfo, kNone,
             "An entry has fewer or more key words than configured."},
    RuleInfo{RuleId::kKeywordVariant, "keyword-variant", Scope::kDocument, "key words", kWarning,
             kEditor,
             "A key word is a near-variant (typo, case, hyphen, plural) of a more frequent one."},
    RuleInfo{RuleId::kEntryOrder, "entry-order", Scope::kChunk, "ordering", kWarning, kSafe,
             "An entry is out of descending arXiv id order in its section."},
    RuleInfo{RuleId::kEntryYear, "entry-year", Scope::kChunk, "ordering", kWarning, kSafe,
             "An entry's arXiv year differs from the year of its year section."},
    RuleInfo{RuleId::kDuplicatePaper, "duplicate-paper", Scope::kDocument, "duplicates", kError,
             kEditor, "The same paper appears twice (same arXiv id or paper URL)."},
    RuleInfo{RuleId::kDuplicateTitle, "duplicate-title", Scope::kDocument, "duplicates", kWarning,
             kNone, "Two entries have the same title."},
    RuleInfo{RuleId::kDuplicateDigest, "duplicate-digest", Scope::kDocument, "duplicates", kWarning,
             kNone, "Two different entries have the same digest."},
    RuleInfo{RuleId::kDuplicateLink, "duplicate-link", Scope::kDocument, "duplicates", kInfo, kNone,
             "The same code or dataset URL is given for two different papers."},
    RuleInfo{RuleId::kArxivId, "arxiv-id", Scope::kMetadata, "arxiv", kWarning, kNone,
             "The arXiv id names no paper, or a withdrawn one (with arXiv metadata only)."},
    RuleInfo{RuleId::kArxivTitle, "arxiv-title", Scope::kMetadata, "arxiv", kWarning, kEditor,
             "The title differs from the paper's title on arXiv beyond case, punctuation and "
             "markup (with arXiv metadata only)."},
    RuleInfo{RuleId::kArxivAuthors, "arxiv-authors", Scope::kMetadata, "arxiv", kWarning, kNone,
             "The first author or the number of authors differs from arXiv's (with arXiv "
             "metadata only)."},
};

// kRules[i] is the rule whose RuleId is i: a row missing, added twice or out of order does not
// compile.
constexpr bool indexed_by_id() {
  if (kRules.size() != kRuleCount)
    return false;
  for (std::size_t i = 0; i < kRules.size(); ++i) {
    if (static_cast<std::size_t>(kRules[i].rule) != i)
      return false;
  }
  return true;
}
static_assert(indexed_by_id(), "kRules must list every RuleId once, in enumerator order");

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

const RuleInfo& rule_info(RuleId rule) {
  return kRules[static_cast<std::size_t>(rule)];
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
