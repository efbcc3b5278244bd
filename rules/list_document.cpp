#include "rules/list_document.hpp"

#include <algorithm>

#include "rules/analysis.hpp"
#include "rules/blocks.hpp"
#include "rules/catalog.hpp"
#include "rules/completion.hpp"

namespace awesome::rules {

namespace {

/// Findings of one block that depend only on the block and a few context bits.
struct LocalCache {
  bool valid = false;
  Dialect dialect = Dialect::k2026;
  bool is_paper = false;
  std::vector<Diagnostic> diags;  ///< block-relative lines
};

Range shifted(Range r, std::uint32_t by) {
  r.start.line += by;
  r.end.line += by;
  return r;
}

void shift(Diagnostic& d, std::uint32_t by) {
  d.range = shifted(d.range, by);
  for (auto& rel : d.related) rel.range = shifted(rel.range, by);
  for (auto& fix : d.fixes) {
    for (auto& e : fix.edits) e.range = shifted(e.range, by);
  }
}

}  // namespace

struct ListDocument::Impl {
  Config config;
  VenueCatalog venues;
  std::vector<BlockPtr> blocks;
  std::vector<std::uint32_t> first_line;
  std::vector<LocalCache> caches;
  std::uint64_t config_generation = 0;
  std::uint64_t text_generation = 0;
  std::uint64_t diags_generation = UINT64_MAX;
  std::uint64_t model_generation = UINT64_MAX;
  std::vector<Diagnostic> diagnostics;
  Model model;
  VariantCache variant_cache;
  Vocabulary vocabulary;
  std::uint64_t vocabulary_generation = UINT64_MAX;

  explicit Impl(Config c) : config(std::move(c)), venues(config.venues) {}

  void renumber(std::size_t from) {
    first_line.resize(blocks.size());
    for (std::size_t i = from; i < blocks.size(); ++i) {
      first_line[i] = i == 0 ? 0 : first_line[i - 1] + blocks[i - 1]->line_count();
    }
  }

  void reset(std::string_view text) {
    blocks = parse_blocks(text, true);
    caches.assign(blocks.size(), LocalCache{});
    renumber(0);
    ++text_generation;
  }

  std::uint32_t line_count() const { return first_line.back() + blocks.back()->line_count(); }

  std::size_t block_of_line(std::uint32_t line) const {
    auto it = std::upper_bound(first_line.begin(), first_line.end(), line);
    return static_cast<std::size_t>(it - first_line.begin()) - 1;
  }

  /// Clamps a position and returns (block index, byte offset within the block's text).
  std::pair<std::size_t, std::size_t> locate(Position p) const {
    const std::uint32_t last = line_count() - 1;
    if (p.line > last) {
      const std::size_t bi = blocks.size() - 1;
      return {bi, blocks[bi]->text.size()};
    }
    const std::size_t bi = block_of_line(p.line);
    const BlockLine& l = blocks[bi]->lines[p.line - first_line[bi]];
    return {bi, l.start + std::min<std::uint32_t>(p.column, l.length)};
  }

  void edit(Range range, std::string_view new_text) {
    if (range.end < range.start) std::swap(range.start, range.end);
    auto [b_start, off_start] = locate(range.start);
    auto [b_end, off_end] = locate(range.end);
    const std::size_t b0 = b_start > 0 ? b_start - 1 : 0;
    std::string region;
    std::size_t start_in_region = 0, end_in_region = 0;
    for (std::size_t bi = b0; bi <= b_end; ++bi) {
      if (bi == b_start) start_in_region = region.size() + off_start;
      if (bi == b_end) end_in_region = region.size() + off_end;
      region += blocks[bi]->text;
    }
    region.replace(start_in_region, end_in_region - start_in_region, new_text);
    // Extend the region until the next old block still starts a block after the new text.
    BlockSplitter splitter;
    for (const BlockLine& l : split_lines(region, false)) {
      splitter.starts_block(std::string_view(region).substr(l.start, l.length));
    }
    std::size_t next = b_end + 1;
    while (next < blocks.size() && !splitter.starts_block(blocks[next]->line(0))) {
      for (std::uint32_t i = 1; i < blocks[next]->line_count(); ++i) {
        splitter.starts_block(blocks[next]->line(i));
      }
      region += blocks[next]->text;
      ++next;
    }
    std::vector<BlockPtr> fresh = parse_blocks(region, next == blocks.size());
    if (fresh.empty()) fresh = parse_blocks("", true);
    const auto first = static_cast<std::ptrdiff_t>(b0);
    blocks.erase(blocks.begin() + first, blocks.begin() + static_cast<std::ptrdiff_t>(next));
    blocks.insert(blocks.begin() + first, fresh.begin(), fresh.end());
    caches.erase(caches.begin() + first, caches.begin() + static_cast<std::ptrdiff_t>(next));
    caches.insert(caches.begin() + first, fresh.size(), LocalCache{});
    renumber(b0);
    ++text_generation;
  }

  void apply_suppressions(std::vector<Diagnostic>& out) const;
  void compute_diagnostics();
  void build_model();
};

void ListDocument::Impl::apply_suppressions(std::vector<Diagnostic>& out) const {
  struct Span {
    std::uint32_t from, to;
    std::vector<std::string> rules;
  };
  std::vector<Span> spans;
  std::vector<std::pair<std::uint32_t, const Suppression*>> open;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const auto& s = blocks[bi]->suppression;
    if (!s) continue;
    const std::uint32_t after = first_line[bi] + blocks[bi]->line_count();
    switch (s->kind) {
      case Suppression::Kind::kNextLine:
        spans.push_back({after, after + 1, s->rules});
        break;
      case Suppression::Kind::kDisable:
        open.emplace_back(after, &*s);
        break;
      case Suppression::Kind::kEnable:
        for (auto it = open.begin(); it != open.end();) {
          const bool all = s->rules.empty();
          std::vector<std::string> rules = it->second->rules;
          if (all || rules == s->rules) {
            spans.push_back({it->first, first_line[bi], rules});
            it = open.erase(it);
          } else {
            ++it;
          }
        }
        break;
    }
  }
  for (auto& [from, s] : open) spans.push_back({from, UINT32_MAX, s->rules});
  if (spans.empty()) return;
  std::erase_if(out, [&](const Diagnostic& d) {
    for (const Span& sp : spans) {
      if (d.range.start.line < sp.from || d.range.start.line >= sp.to) continue;
      if (sp.rules.empty() || std::find(sp.rules.begin(), sp.rules.end(), d.rule) != sp.rules.end()) {
        return true;
      }
    }
    return false;
  });
}

void ListDocument::Impl::compute_diagnostics() {
  Analysis a{blocks, first_line, config, venues};
  a.variant_cache = &variant_cache;
  build_outline(a);
  std::vector<Diagnostic> out;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const std::size_t s = a.block_section[bi];
    const bool is_paper = blocks[bi]->entry && s != SIZE_MAX && a.sections[s].holds_papers;
    LocalCache& c = caches[bi];
    if (!c.valid || c.dialect != a.dialect || c.is_paper != is_paper) {
      c.diags.clear();
      // Local checks report block-relative lines: give them a view where the block starts at 0.
      check_block_local(a, bi, c.diags);
      c.valid = true;
      c.dialect = a.dialect;
      c.is_paper = is_paper;
    }
    for (const Diagnostic& d : c.diags) {
      out.push_back(d);
      shift(out.back(), first_line[bi]);
    }
  }
  check_document(a, out);
  for (auto& d : out) d.severity = effective_severity(config, d.rule);
  std::erase_if(out, [](const Diagnostic& d) { return d.severity == Severity::kOff; });
  apply_suppressions(out);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& x, const Diagnostic& y) {
    if (x.range.start != y.range.start) return x.range.start < y.range.start;
    return x.rule < y.rule;
  });
  diagnostics = std::move(out);
  diags_generation = text_generation;
}

ListDocument::ListDocument(std::string_view text, Config config)
    : impl_(std::make_unique<Impl>(std::move(config))) {
  impl_->reset(text);
}
ListDocument::~ListDocument() = default;
ListDocument::ListDocument(ListDocument&&) noexcept = default;
ListDocument& ListDocument::operator=(ListDocument&&) noexcept = default;

void ListDocument::edit(Range range, std::string_view new_text) { impl_->edit(range, new_text); }
void ListDocument::reset(std::string_view text) { impl_->reset(text); }

void ListDocument::set_config(Config config) {
  if (config == impl_->config) return;
  impl_->config = std::move(config);
  impl_->venues = VenueCatalog(impl_->config.venues);
  for (auto& c : impl_->caches) c.valid = false;
  ++impl_->text_generation;
}

const Config& ListDocument::config() const { return impl_->config; }
const VenueCatalog& ListDocument::venues() const { return impl_->venues; }

std::string ListDocument::text() const {
  std::string out;
  out.reserve(size_bytes());
  for (const auto& b : impl_->blocks) out += b->text;
  return out;
}

std::size_t ListDocument::size_bytes() const {
  std::size_t n = 0;
  for (const auto& b : impl_->blocks) n += b->text.size();
  return n;
}

std::uint32_t ListDocument::line_count() const { return impl_->line_count(); }

std::string_view ListDocument::line(std::uint32_t index) const {
  if (index >= line_count()) return {};
  const std::size_t bi = impl_->block_of_line(index);
  return impl_->blocks[bi]->line(index - impl_->first_line[bi]);
}

std::string_view ListDocument::line_terminator(std::uint32_t index) const {
  if (index >= line_count()) return {};
  const std::size_t bi = impl_->block_of_line(index);
  const Block& b = *impl_->blocks[bi];
  const BlockLine& l = b.lines[index - impl_->first_line[bi]];
  return std::string_view(b.text).substr(l.start + l.length, l.term);
}

void ListDocument::Impl::build_model() {
  Analysis a{blocks, first_line, config, venues};
  build_outline(a);
  model = rules::build_model(a);
  model_generation = text_generation;
}

const std::vector<Diagnostic>& ListDocument::diagnostics() {
  if (impl_->diags_generation != impl_->text_generation) impl_->compute_diagnostics();
  return impl_->diagnostics;
}

const Vocabulary& ListDocument::vocabulary() {
  if (impl_->vocabulary_generation != impl_->text_generation) {
    Analysis a{impl_->blocks, impl_->first_line, impl_->config, impl_->venues};
    build_outline(a);
    update_vocabulary(a, impl_->vocabulary);
    impl_->vocabulary_generation = impl_->text_generation;
  }
  return impl_->vocabulary;
}

const Model& ListDocument::model() {
  if (impl_->model_generation != impl_->text_generation) impl_->build_model();
  return impl_->model;
}

namespace {

std::vector<TextEdit> as_edits(std::optional<TextEdit> edit) {
  std::vector<TextEdit> out;
  if (edit) out.push_back(std::move(*edit));
  return out;
}

}  // namespace

std::vector<TextEdit> ListDocument::update_toc_edits() const {
  Analysis a{impl_->blocks, impl_->first_line, impl_->config, impl_->venues};
  build_outline(a);
  return as_edits(toc_update_edit(a));
}

std::vector<TextEdit> ListDocument::sort_section_edits(std::uint32_t line) const {
  Analysis a{impl_->blocks, impl_->first_line, impl_->config, impl_->venues};
  build_outline(a);
  if (line >= line_count()) return {};
  // The innermost section around the line that holds entries directly.
  for (std::size_t s = a.block_section[impl_->block_of_line(line)]; s != SIZE_MAX;
       s = a.sections[s].parent) {
    if (!a.sections[s].entries.empty()) return as_edits(sort_section_edit(a, a.sections[s]));
  }
  return {};
}

}  // namespace awesome::rules
