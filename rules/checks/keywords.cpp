// Key word rules on one entry: keyword-label, keyword-syntax and keyword-count. The
// document-wide keyword-variant rule lives in keyword_variants.cpp.
#include <algorithm>
#include <cctype>
#include <optional>

#include "rules/analysis.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

/// Whether phrase `i` of `e` repeats an earlier one, ignoring ASCII case.
bool repeats(const Entry& e, std::size_t i) {
  for (std::size_t k = 0; k < i; ++k) {
    if (!e.keywords[k].text.empty() && text::iequals(e.keywords[k].text, e.keywords[i].text)) {
      return true;
    }
  }
  return false;
}

/// " A; B; C." from the phrases, dropping empty and repeated ones; `separator` is the list's.
std::string normalized_keywords(const Entry& e, char separator) {
  std::string out = " ";
  bool first = true;
  for (std::size_t i = 0; i < e.keywords.size(); ++i) {
    const auto& p = e.keywords[i];
    if (p.text.empty() || repeats(e, i))
      continue;
    if (!first)
      (out += separator) += ' ';
    out += p.text;
    first = false;
  }
  return out + ".";
}

/// Why the key word line holds something else than key words (a venue, the author names, a
/// digest), or "" when it holds key words. Such a line gets one finding and no fix: no
/// normalization can make key words of it.
std::string misplaced_text(const Entry& e, std::string_view trimmed) {
  if (trimmed.size() >= 3 && trimmed.back() == '*') {
    const std::size_t open = trimmed.rfind('*', trimmed.size() - 2);
    if (open != std::string_view::npos && open + 1 < trimmed.size() - 1 && open > 0 &&
        trimmed[open - 1] == ' ') {
      return "The key word line ends in a venue (" + std::string(trimmed.substr(open)) +
             "); the venue goes on the author line.";
    }
  }
  std::string_view words = trimmed;
  if (!words.empty() && words.back() == '.')
    words.remove_suffix(1);
  std::string_view authors = e.authors;
  if (!authors.empty() && authors.back() == '.')
    authors.remove_suffix(1);
  if (!authors.empty() && text::trim(words) == text::trim(authors))
    return "The key word line repeats the author names.";
  // Sentences: a phrase of more than eight words, or a sentence end inside the line: '. ' and
  // a capital after a word of four letters or more (not `vs. Non-robust`).
  bool sentence = std::any_of(e.keywords.begin(), e.keywords.end(), [](const auto& p) {
    return std::count(p.text.begin(), p.text.end(), ' ') >= 8;
  });
  for (std::size_t dot = words.find(". "); !sentence && dot != std::string_view::npos;
       dot = words.find(". ", dot + 1)) {
    const std::size_t end = dot > 0 && words[dot - 1] == ')' ? dot - 1 : dot;  // `(e.g. X).`
    std::size_t letters = 0;
    while (letters < end && std::isalpha(static_cast<unsigned char>(words[end - letters - 1])))
      ++letters;
    sentence =
        letters >= 4 && dot + 2 < words.size() && words[dot + 2] >= 'A' && words[dot + 2] <= 'Z';
  }
  if (sentence)
    return "The key word line holds sentences (a digest?); key words are short phrases.";
  return {};
}

/// Reports keyword-syntax findings of one entry, each with the fix that normalizes the line
/// (built on the first).
class SyntaxReporter {
 public:
  SyntaxReporter(const Entry& e, const EntrySyntax& s, char separator, DiagnosticSink& sink)
      : e_(e), s_(s), separator_(separator), sink_(sink) {}
  void operator()(Range range, std::string message) {
    auto& d = sink_.report(RuleId::kKeywordSyntax, range, std::move(message));
    if (!normalized_)
      normalized_ = normalized_keywords(e_, separator_);
    if (normalized_->size() > 2) {
      d.fixes.push_back(
          single_edit_fix("Normalize the key words", s_.keywords_range, *normalized_));
    }
  }

 private:
  const Entry& e_;
  const EntrySyntax& s_;
  char separator_;
  DiagnosticSink& sink_;
  std::optional<std::string> normalized_;
};

void check_label(const EntrySyntax& s, const Conventions& c, DiagnosticSink& sink) {
  if (s.keyword_label == c.keyword_label)
    return;
  const std::string label = c.keyword_label + ":";
  auto& d =
      sink.report(RuleId::kKeywordLabel, s.keyword_label_range,
                  "Key word line labelled '" + s.keyword_label + ":'; expected '" + label + "'" +
                      (c.keyword_label == "Key Word" ? "." : ", as this list writes it."));
  d.fixes.push_back(single_edit_fix("Write '" + label + "'", s.keyword_label_range, label));
}

/// The separators of the trimmed key word text on line `row`: the list's separator, followed
/// by one space.
void check_separators(const Entry& e, const EntrySyntax& s, char sep, std::string_view trimmed,
                      std::uint32_t row, SyntaxReporter& report) {
  const std::uint32_t base = s.keywords_range.start.column;
  const std::string sep_name =
      sep == ';' ? "'; ' (a semicolon and one space)" : "', ' (a comma and one space)";
  if (e.keywords.size() >= 2 && s.keyword_separator != sep) {
    const auto col = static_cast<std::uint32_t>(base + trimmed.find(s.keyword_separator));
    report({{row, col}, {row, col + 1}},
           "Key words are separated by " + sep_name + " in this list.");
    return;
  }
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    if (trimmed[i] != sep)
      continue;
    const bool spaced = i + 1 < trimmed.size() && trimmed[i + 1] == ' ' &&
                        (i + 2 >= trimmed.size() || trimmed[i + 2] != ' ');
    if (!spaced && i + 1 < trimmed.size()) {
      const auto col = static_cast<std::uint32_t>(base + i);
      report({{row, col}, {row, col + 1}}, "Key words are separated by " + sep_name + ".");
      break;
    }
  }
}

/// Empty and repeated phrases; returns the number of phrases that are not empty.
std::size_t check_phrases(const Entry& e, std::string_view trimmed, bool ends_with_separator,
                          SyntaxReporter& report) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < e.keywords.size(); ++i) {
    const auto& p = e.keywords[i];
    if (p.text.empty()) {
      const bool trailing = ends_with_separator && i + 1 == e.keywords.size();
      if (!trailing && (e.keywords.size() > 1 || !trimmed.empty()))
        report(p.range, "Empty key word phrase.");
      continue;
    }
    ++count;
    if (repeats(e, i))
      report(p.range, "Key word '" + p.text + "' appears twice in this entry.");
  }
  return count;
}

void check_count(const Analysis& a, const Entry& e, const EntrySyntax& s, std::size_t count,
                 DiagnosticSink& sink) {
  const int min = a.config.keyword_min, max = a.config.keyword_max;
  if (static_cast<int>(count) >= min && static_cast<int>(count) <= max)
    return;
  Range phrases = s.keywords_range;
  if (!e.keywords.empty())
    phrases.start = e.keywords.front().range.start;
  sink.report(RuleId::kKeywordCount, phrases,
              "Entry has " + std::to_string(count) + " key word" + (count == 1 ? "" : "s") +
                  "; expected " + std::to_string(min) + " to " + std::to_string(max) + ".");
}

}  // namespace

void check_entry_keywords(const Analysis& a, std::size_t block_index, DiagnosticSink& sink) {
  const Block& b = a.block(block_index);
  const Entry& e = *b.entry;
  const EntrySyntax& s = b.syntax;
  if (!e.keywords_line)
    return;
  const std::uint32_t row = *e.keywords_line;
  const Conventions& c = a.conventions;
  check_label(s, c, sink);
  std::string_view raw = s.keywords_raw;
  if (std::string why = misplaced_text(e, text::trim(raw)); !why.empty()) {
    sink.report(RuleId::kKeywordSyntax, s.keywords_range, std::move(why));
    return;
  }
  SyntaxReporter report(e, s, c.keyword_separator, sink);
  if (!raw.empty() && raw[0] != ' ') {
    report({s.keyword_label_range.end, s.keyword_label_range.end},
           "Missing space after '" + s.keyword_label + ":'.");
  }
  std::string_view trimmed = text::trim_right(raw);
  const bool ends_with_separator = !trimmed.empty() && trimmed.back() == ';';
  if (!trimmed.empty() && trimmed.back() != '.') {
    const auto end = static_cast<std::uint32_t>(s.keywords_range.start.column + trimmed.size());
    report({{row, end - 1}, {row, end}}, ends_with_separator ? "Key words end in ';'; expected '.'."
                                                             : "Key words do not end in '.'.");
  }
  check_separators(e, s, c.keyword_separator, trimmed, row, report);
  const std::size_t count = check_phrases(e, trimmed, ends_with_separator, report);
  check_count(a, e, s, count, sink);
}

}  // namespace awesome::rules
