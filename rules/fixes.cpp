#include "rules/fixes.hpp"

#include <algorithm>

#include "rules/blocks.hpp"
#include "rules/list_document.hpp"

namespace awesome::rules {

namespace {

/// Byte offset of a position in `text`, clamped like an editor would.
std::size_t offset_of(std::string_view text, const std::vector<BlockLine>& lines, Position p) {
  if (p.line >= lines.size()) return text.size();
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
    if (r.end < r.start) std::swap(r.start, r.end);
    spans.push_back({offset_of(text, lines, r.start), offset_of(text, lines, r.end), &e.new_text});
  }
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.from < b.from; });
  std::string out;
  out.reserve(text.size());
  std::size_t cursor = 0, count = 0;
  for (const Span& s : spans) {
    if (s.from < cursor) continue;  // overlaps an accepted edit (inserts at one point all apply)
    out.append(text.substr(cursor, s.from - cursor));
    out += *s.text;
    cursor = s.to;
    ++count;
  }
  out.append(text.substr(std::min(cursor, text.size())));
  if (applied) *applied = count;
  return out;
}

std::vector<TextEdit> safe_fix_edits(std::span<const Diagnostic> diagnostics) {
  std::vector<TextEdit> edits;
  for (const Diagnostic& d : diagnostics) {
    for (const Fix& f : d.fixes) {
      if (!f.safe) continue;
      edits.insert(edits.end(), f.edits.begin(), f.edits.end());
      break;  // one fix per finding
    }
  }
  // Identical edits (one fix shared by several findings) count once.
  std::stable_sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.range.start < b.range.start;
  });
  edits.erase(std::unique(edits.begin(), edits.end()), edits.end());
  return edits;
}

std::string fix_all(std::string_view text, const Config& config, int max_rounds) {
  std::string current(text);
  for (int round = 0; round < max_rounds; ++round) {
    ListDocument doc(current, config);
    const auto edits = safe_fix_edits(doc.diagnostics());
    if (edits.empty()) break;
    std::string next = apply_edits(current, edits);
    if (next == current) break;
    current = std::move(next);
  }
  return current;
}

}  // namespace awesome::rules
