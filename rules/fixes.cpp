#include "rules/fixes.hpp"

#include <algorithm>

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

std::string fix_all(std::string_view text, const Config& config, int max_rounds) {
  std::string current(text);
  for (int round = 0; round < max_rounds; ++round) {
    ListDocument doc(current, config);
    const auto edits = safe_fix_edits(doc.diagnostics());
    if (edits.empty())
      break;
    std::string next = apply_edits(current, edits);
    if (next == current)
      break;
    current = std::move(next);
  }
  return current;
}

}  // namespace awesome::rules
