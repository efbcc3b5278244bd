#include "rules/fixes.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "rules/blocks.hpp"
#include "rules/list_document.hpp"

namespace awesome::rules {

namespace {

/// Byte offset of a position in `text`, clamped like an editor would.
std::size_t offset_of(std::string_view text, const std::vector<BlockLine>& lines, Position p) {
  if (p.line >= lines.size())
    return text.size();
  const BlockLine& l = lines[p.line];
  return l.start + std::min(p.column, l.length);
}

}  // namespace

std::string apply_edits(std::string_view text, std::span<const TextEdit> edits,
                        std::size_t* applied) {
  const std::vector<BlockLine> lines = split_lines(text, true);
  struct Span {
    std::size_t from, to;
    const std::string* text;
  };
  std::vector<Span> spans;
  for (const TextEdit& e : edits) {
    Range r = e.range;
    if (r.end < r.start)
      std::swap(r.start, r.end);
    spans.push_back({offset_of(text, lines, r.start), offset_of(text, lines, r.end), &e.new_text});
  }
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.from < b.from; });
  std::string out;
  out.reserve(text.size());
  std::size_t cursor = 0, count = 0;
  for (const Span& s : spans) {
    if (s.from < cursor)
      continue;  // overlaps an accepted edit (inserts at one point all apply)
    out.append(text.substr(cursor, s.from - cursor));
    out += *s.text;
    cursor = s.to;
    ++count;
  }
  out.append(text.substr(std::min(cursor, text.size())));
  if (applied)
    *applied = count;
  return out;
}

std::vector<TextEdit> safe_fix_edits(std::span<const Diagnostic> diagnostics) {
  // The first safe fix of each finding, each fix once (several findings may share one).
  std::vector<const Fix*> fixes;
  for (const Diagnostic& d : diagnostics) {
    for (const Fix& f : d.fixes) {
      if (!f.safe || f.edits.empty())
        continue;
      fixes.push_back(&f);
      break;  // one fix per finding
    }
  }
  const auto first_start = [](const Fix* f) {
    return std::min_element(
               f->edits.begin(), f->edits.end(),
               [](const auto& x, const auto& y) { return x.range.start < y.range.start; })
        ->range.start;
  };
  std::stable_sort(fixes.begin(), fixes.end(),
                   [&](const Fix* x, const Fix* y) { return first_start(x) < first_start(y); });
  // A fix is taken whole or not at all: a move that lost its insertion would drop an entry.
  // Fixes that touch an accepted one wait for the next round of fix_all. Insertions of
  // different content at one place all apply, in finding order (entries moved to the same
  // place in one round); blank space inserted twice at one place would double, so it waits.
  const auto adds_content = [](const TextEdit& e) {
    return e.range.start == e.range.end &&
           e.new_text.find_first_not_of(" \t\r\n") != std::string::npos;
  };
  std::vector<TextEdit> accepted;
  std::vector<const Fix*> taken;
  for (const Fix* f : fixes) {
    if (std::any_of(taken.begin(), taken.end(),
                    [&](const Fix* t) { return t->edits == f->edits; })) {
      continue;
    }
    const bool clashes = std::any_of(f->edits.begin(), f->edits.end(), [&](const TextEdit& e) {
      return std::any_of(accepted.begin(), accepted.end(), [&](const TextEdit& o) {
        if (e.range.start == o.range.start)
          return !(adds_content(e) && adds_content(o) && e.new_text != o.new_text);
        return e.range.start < o.range.end && o.range.start < e.range.end;
      });
    });
    if (clashes)
      continue;
    taken.push_back(f);
    accepted.insert(accepted.end(), f->edits.begin(), f->edits.end());
  }
  std::stable_sort(accepted.begin(), accepted.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.range.start < b.range.start;
  });
  return accepted;
}

namespace {

/// Rounds of the edits `select` takes from the findings, until none is left.
template <class Select>
std::string fix_rounds(std::string_view text, const Config& config, int max_rounds, Select select) {
  std::string current(text);
  for (int round = 0; round < max_rounds; ++round) {
    ListDocument doc(current, config);
    const std::vector<TextEdit> edits = select(doc.diagnostics());
    if (edits.empty())
      break;
    std::string next = apply_edits(current, edits);
    if (next == current)
      break;
    current = std::move(next);
  }
  return current;
}

}  // namespace

std::string fix_all(std::string_view text, const Config& config, int max_rounds) {
  return fix_rounds(text, config, max_rounds,
                    [](const std::vector<Diagnostic>& all) { return safe_fix_edits(all); });
}

std::string fix_rule(std::string_view text, const Config& config, RuleId rule, int max_rounds) {
  const std::string_view id = rule_info(rule).id;
  return fix_rounds(text, config, max_rounds, [id](const std::vector<Diagnostic>& all) {
    std::vector<Diagnostic> of_rule;
    std::copy_if(all.begin(), all.end(), std::back_inserter(of_rule),
                 [id](const Diagnostic& d) { return d.rule == id; });
    return safe_fix_edits(of_rule);
  });
}

namespace {

/// Where `line` is in the blocks of `text`: its block, or null when it is not the block's
/// first line; `previous` receives the block before it (null when none).
const Block* block_starting_at(const std::vector<BlockPtr>& blocks, std::uint32_t line,
                               const Block** previous) {
  std::uint32_t first = 0;
  *previous = nullptr;
  for (const BlockPtr& b : blocks) {
    if (first == line)
      return b.get();
    if (line < first + b->line_count())
      return nullptr;
    first += b->line_count();
    *previous = b.get();
  }
  return nullptr;
}

/// The edit that writes the suppression comment for `rule` above `line` (see
/// disable_next_line_edit), before checking that it is safe.
std::optional<TextEdit> suppression_comment_edit(std::string_view text, std::uint32_t line,
                                                 std::string_view rule, bool* inserts_line) {
  const std::vector<BlockPtr> blocks = parse_blocks(text, true);
  const Block* previous = nullptr;
  const Block* block = block_starting_at(blocks, line, &previous);
  if (block == nullptr)
    return std::nullopt;
  *inserts_line = false;
  if (previous != nullptr && line > 0 && previous->line_count() == 1 && previous->suppression &&
      previous->suppression->kind == Suppression::Kind::kNextLine) {
    // A comment for other rules is there already: a second one above the line would silence
    // the first. The rule goes into its list.
    const std::string_view comment = previous->line(0);
    const std::size_t close = comment.rfind("-->");
    if (close == std::string_view::npos)
      return std::nullopt;
    std::size_t at = close;
    while (at > 0 && (comment[at - 1] == ' ' || comment[at - 1] == '\t')) --at;
    const auto column = static_cast<std::uint32_t>(at);
    return TextEdit{{{line - 1, column}, {line - 1, column}}, " " + std::string(rule)};
  }
  const std::string_view first = block->line(0);
  const std::string_view indent = first.substr(0, first.find_first_not_of(" \t"));
  const BlockLine& head = block->lines[0];
  const std::size_t end = head.start + head.length;
  const std::size_t next = block->line_count() > 1 ? block->lines[1].start : block->text.size();
  std::string terminator = block->text.substr(end, next - end);
  if (terminator.empty())
    terminator = "\n";  // the last line, without a line break
  *inserts_line = true;
  return TextEdit{{{line, 0}, {line, 0}},
                  std::string(indent) + "<!-- awesome-ls-disable-next-line " + std::string(rule) +
                      " -->" + terminator};
}

/// Rule, line and column of each finding, sorted: what must stay the same.
using FindingKey = std::tuple<std::string_view, std::uint32_t, std::uint32_t>;

}  // namespace

std::optional<TextEdit> disable_next_line_edit(std::string_view text, const Config& config,
                                               std::span<const Diagnostic> findings,
                                               const Diagnostic& finding) {
  const std::uint32_t line = finding.range.start.line;
  bool inserts_line = false;
  auto edit = suppression_comment_edit(text, line, finding.rule, &inserts_line);
  if (!edit)
    return std::nullopt;
  std::vector<FindingKey> expected;
  bool skipped = false;
  for (const Diagnostic& d : findings) {
    if (!skipped && d == finding) {
      skipped = true;
      continue;
    }
    const std::uint32_t shift = inserts_line && d.range.start.line >= line ? 1 : 0;
    expected.emplace_back(d.rule, d.range.start.line + shift, d.range.start.column);
  }
  const std::string fixed = apply_edits(text, std::span(&*edit, 1));
  ListDocument after(fixed, config);
  std::vector<FindingKey> found;
  for (const Diagnostic& d : after.diagnostics())
    found.emplace_back(d.rule, d.range.start.line, d.range.start.column);
  std::sort(expected.begin(), expected.end());
  std::sort(found.begin(), found.end());
  if (!skipped || found != expected)
    return std::nullopt;
  return edit;
}

}  // namespace awesome::rules
