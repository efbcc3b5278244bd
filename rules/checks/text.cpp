// Text-level rules: whitespace (trailing spaces, tabs, doubled spaces, blank lines between
// entries), placeholder (TBD/TODO/XXX left in the list) and encoding (invalid UTF-8, U+FFFD,
// control characters).
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "rules/analysis.hpp"
#include "rules/patterns.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

constexpr int kMaxPerBlock = 20;  // enough to point at a problem without flooding

/// Exactly two trailing spaces: a Markdown hard line break, which markdownlint's MD009 allows
/// by default (`br_spaces: 2`) and `rules.whitespace.strict` reports.
bool is_hard_line_break(std::string_view trailing) {
  return trailing == "  ";
}

/// A mask with the high bit of each byte of `w` that equals `c` set (and, past such a byte,
/// perhaps others: callers look closer at any hit).
std::uint64_t bytes_equal(std::uint64_t w, char c) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  const std::uint64_t x = w ^ (kOnes * static_cast<unsigned char>(c));
  return (x - kOnes) & ~x & (kOnes << 7);
}

/// The first position from `i` on (before `end`) where a run of blanks worth a look may start:
/// a tab, or with `inner_spaces` two spaces in a row. Eight bytes at a time; may stop early.
std::size_t skip_plain_text(std::string_view line, std::size_t i, std::size_t end,
                            bool inner_spaces) {
  if (!inner_spaces) {
    const std::size_t tab = line.substr(0, end).find('\t', i);
    return tab == std::string_view::npos ? end : tab;
  }
  while (i + 9 <= end) {
    std::uint64_t here = 0, next = 0;  // bytes i..i+7 and i+1..i+8
    std::memcpy(&here, line.data() + i, 8);
    std::memcpy(&next, line.data() + i + 1, 8);
    if ((bytes_equal(here, ' ') & bytes_equal(next, ' ')) != 0 || bytes_equal(here, '\t') != 0)
      break;
    i += 8;
  }
  return i;
}

void check_whitespace_line(std::string_view line, std::uint32_t row, bool inner_spaces, bool strict,
                           DiagnosticSink& sink) {
  const std::size_t content_end = text::trim_right(line).size();
  if (content_end < line.size() && content_end > 0 &&
      (strict || !is_hard_line_break(line.substr(content_end)))) {
    const Range r = {{row, static_cast<std::uint32_t>(content_end)},
                     {row, static_cast<std::uint32_t>(line.size())}};
    auto& d = sink.report(RuleId::kWhitespace, r, "Trailing whitespace.");
    d.fixes.push_back(single_edit_fix("Remove trailing whitespace", r, ""));
  }
  std::size_t indent = 0;
  while (indent < content_end && text::is_space(line[indent])) ++indent;
  // Tabs in the indentation become two spaces each: one finding for the indentation.
  if (const std::size_t tab = line.substr(0, indent).find('\t'); tab != std::string_view::npos) {
    std::string spaces;
    for (std::size_t i = tab; i < indent; ++i) spaces += line[i] == '\t' ? "  " : " ";
    const Range r = {{row, static_cast<std::uint32_t>(tab)},
                     {row, static_cast<std::uint32_t>(indent)}};
    auto& d = sink.report(RuleId::kWhitespace, r, "Tab character; expected spaces.");
    d.fixes.push_back(single_edit_fix("Replace the tab with spaces", r, spaces));
  }
  // Inside the text, each run of blanks is one finding with one fix, however many tabs and
  // spaces it holds (so one round of fixes settles it): a run with a tab, or two or more spaces.
  for (std::size_t i = indent; i < content_end;) {
    i = skip_plain_text(line, i, content_end, inner_spaces);
    if (i >= content_end)
      break;
    if (line[i] != '\t' && (line[i] != ' ' || !inner_spaces)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool has_tab = false;
    while (j < content_end && (line[j] == ' ' || line[j] == '\t')) has_tab |= line[j++] == '\t';
    const Range r = {{row, static_cast<std::uint32_t>(i)}, {row, static_cast<std::uint32_t>(j)}};
    if (has_tab) {
      std::string replacement = inner_spaces ? " " : std::string(line.substr(i, j - i));
      std::replace(replacement.begin(), replacement.end(), '\t', ' ');
      auto& d = sink.report(RuleId::kWhitespace, r, "Tab character; expected spaces.");
      d.fixes.push_back(single_edit_fix("Replace the tab with spaces", r, replacement));
    } else if (inner_spaces && j - i >= 2) {
      auto& d = sink.report(RuleId::kWhitespace, r, "Doubled space inside the text.");
      d.fixes.push_back(single_edit_fix("Use a single space", r, " "));
    }
    i = j;
  }
}

const RE2& placeholder_re() {
  static const RE2 re(patterns::kPlaceholder);
  return re;
}

bool may_hold_placeholder(std::string_view text) {
  for (std::string_view word : {"TBD", "TODO", "FIXME", "XXX"}) {
    if (text.find(word) != std::string_view::npos)
      return true;
  }
  return false;
}

void check_placeholders(std::string_view line, std::uint32_t row, std::uint32_t from,
                        std::uint32_t to, DiagnosticSink& sink) {
  if (!may_hold_placeholder(line.substr(from, to - from)))
    return;  // skip the regex
  re2::StringPiece input(line.data() + from, to - from), match;
  while (RE2::FindAndConsume(&input, placeholder_re(), &match)) {
    const auto col = static_cast<std::uint32_t>(match.data() - line.data());
    sink.report(RuleId::kPlaceholder,
                {{row, col}, {row, static_cast<std::uint32_t>(col + match.size())}},
                "Placeholder '" + std::string(match.data(), match.size()) +
                    "' left in the list; replace it with the real text.");
  }
}

/// Entry lines without link URLs and the venue, where a placeholder would be real text.
void check_entry_placeholders(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  for (std::uint32_t row = 0; row < b.line_count(); ++row) {
    std::string_view line = b.line(row);
    std::uint32_t from = 0;
    // URLs are not text: skip them (links sit on the title line or on lines under it).
    for (const Link& link : e.links) {
      if (link.url_range.start.line != row || link.url_range.start.column < from)
        continue;
      check_placeholders(line, row, from, link.url_range.start.column, sink);
      from = link.url_range.end.column;
    }
    auto to = static_cast<std::uint32_t>(line.size());
    if (e.venue && e.authors_line && *e.authors_line == row)
      to = e.venue->range.start.column;
    if (from < to)
      check_placeholders(line, row, from, to, sink);
  }
}

/// An author line that stands in for the names (`Authors: [Author names not provided]`); the
/// author-line rule leaves such a line to this one.
void check_placeholder_authors(const Block& b, DiagnosticSink& sink) {
  const Entry& e = *b.entry;
  if (!e.authors_line || !text::is_placeholder_authors(e.authors))
    return;
  const std::uint32_t row = *e.authors_line;
  const std::size_t at = b.line(row).find(e.authors, b.syntax.authors_range.start.column);
  if (at == std::string_view::npos)
    return;
  sink.report(RuleId::kPlaceholder,
              {{row, static_cast<std::uint32_t>(at)},
               {row, static_cast<std::uint32_t>(at + e.authors.size())}},
              "Placeholder author line '" + e.authors + "'; replace it with the paper's authors.");
}

/// True when every byte is printable ASCII or a tab: nothing for the encoding rule to see.
bool plain_ascii(std::string_view text) {
  // Eight bytes at a time: none at or above 0x7F and none below 0x20; a word that has a byte
  // below 0x20 (a line break, a tab) is looked at byte by byte.
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    const std::uint64_t del = w ^ (0x7F * kOnes);
    if ((w & kHigh) != 0 || ((del - kOnes) & ~del & kHigh) != 0)
      return false;
    if (((w - 0x20 * kOnes) & ~w & kHigh) == 0)
      continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      const auto c = static_cast<unsigned char>(text[k]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return false;
    }
  }
  for (char ch : text.substr(i)) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x7F)
      return false;
  }
  return true;
}

void check_encoding(const Block& b, DiagnosticSink& sink) {
  if (plain_ascii(b.text))
    return;
  int reported = 0;
  for (std::uint32_t row = 0; row < b.line_count() && reported < kMaxPerBlock; ++row) {
    std::string_view line = b.line(row);
    std::size_t len = 0;
    for (std::size_t pos = text::find_invalid_utf8(line, 0, len); pos != std::string_view::npos;
         pos = text::find_invalid_utf8(line, pos + len, len)) {
      sink.report(
          RuleId::kEncoding,
          {{row, static_cast<std::uint32_t>(pos)}, {row, static_cast<std::uint32_t>(pos + len)}},
          "Invalid UTF-8 byte sequence.");
      if (++reported >= kMaxPerBlock)
        return;
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      if (c >= 0x20 && c != 0x7F && c != 0xEF && c != 0xC2)
        continue;  // most bytes: none of the cases below
      std::string what;
      std::size_t n = 1;
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        what = "Control character U+00" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
               std::string(1, "0123456789ABCDEF"[c & 15]) + ".";
      } else if (c == 0xEF && i + 2 < line.size() &&
                 static_cast<unsigned char>(line[i + 1]) == 0xBF &&
                 static_cast<unsigned char>(line[i + 2]) == 0xBD) {
        what = "Replacement character U+FFFD: the text was decoded with the wrong encoding.";
        n = 3;
      } else if (c == 0xC2 && i + 1 < line.size() &&
                 static_cast<unsigned char>(line[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(line[i + 1]) <= 0x9F) {
        what = "C1 control character.";
        n = 2;
      } else {
        continue;
      }
      if (row == 0 && i == 0 && b.text.starts_with("\xEF\xBB\xBF"))
        continue;
      sink.report(RuleId::kEncoding,
                  {{row, static_cast<std::uint32_t>(i)}, {row, static_cast<std::uint32_t>(i + n)}},
                  what);
      if (++reported >= kMaxPerBlock)
        return;
      i += n - 1;
    }
  }
}

}  // namespace

void check_block_text(const Analysis& a, std::size_t block_index, DiagnosticSink& sink) {
  const Block& b = a.block(block_index);
  if (b.kind != BlockKind::kFence)
    check_encoding(b, sink);
  const bool is_paper = b.entry && a.block_section[block_index] != SIZE_MAX &&
                        a.sections[a.block_section[block_index]].holds_papers;
  if (is_paper || b.kind == BlockKind::kHeading || b.kind == BlockKind::kSummary) {
    for (std::uint32_t row = 0; row < b.line_count(); ++row) {
      check_whitespace_line(b.line(row), row, is_paper, a.config.whitespace_strict, sink);
    }
  }
  if (is_paper) {
    check_entry_placeholders(b, sink);
    check_placeholder_authors(b, sink);
  }
}

void check_document_text(const Analysis& a, DiagnosticSink& sink) {
  // More than one blank line between two entries of the same section.
  for (std::size_t s = a.section_begin; s < a.sections_end(); ++s) {
    const auto& entries = a.sections[s].entries;
    for (std::size_t k = 1; k < entries.size(); ++k) {
      const std::size_t prev = entries[k - 1], next = entries[k];
      if (next - prev <= 2)
        continue;
      bool all_blank = true;
      for (std::size_t bi = prev + 1; bi < next && all_blank; ++bi) {
        all_blank = a.block(bi).kind == BlockKind::kBlank;
      }
      if (!all_blank)
        continue;
      const std::uint32_t from = a.first_line[prev + 2], to = a.first_line[next];
      const Range r = {{from, 0}, {to, 0}};
      auto& d = sink.report(
          RuleId::kWhitespace, {{from, 0}, {to - 1, 0}},
          std::to_string(next - prev - 1) + " blank lines between entries; expected one.");
      d.fixes.push_back(single_edit_fix("Remove the extra blank lines", r, ""));
    }
  }
  // Placeholder paragraphs in sections that hold papers (e.g. a lone "TBD").
  for (std::size_t bi = a.block_begin; bi < a.blocks_end(); ++bi) {
    const Block& b = a.block(bi);
    if (b.kind != BlockKind::kParagraph)
      continue;
    const std::size_t s = a.block_section[bi];
    if (s == SIZE_MAX || !a.sections[s].holds_papers)
      continue;
    for (std::uint32_t row = 0; row < b.line_count(); ++row) {
      std::string_view line = b.line(row);
      if (!may_hold_placeholder(line))
        continue;
      re2::StringPiece input(line.data(), line.size()), match;
      while (RE2::FindAndConsume(&input, placeholder_re(), &match)) {
        const auto col = static_cast<std::uint32_t>(match.data() - line.data());
        const std::uint32_t abs_row = a.first_line[bi] + row;
        sink.report(RuleId::kPlaceholder,
                    {{abs_row, col}, {abs_row, static_cast<std::uint32_t>(col + match.size())}},
                    "Placeholder '" + std::string(match.data(), match.size()) +
                        "' left in the list; replace it with entries or remove it.");
      }
    }
  }
}

}  // namespace awesome::rules
