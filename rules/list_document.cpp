#include "rules/list_document.hpp"

#include <algorithm>
#include <atomic>
#include <optional>

#include "rules/analysis.hpp"
#include "rules/blocks.hpp"
#include "rules/catalog.hpp"
#include "rules/completion.hpp"
#include "rules/entry_parser.hpp"
#include "rules/findings.hpp"
#include "rules/vocabulary.hpp"

namespace awesome::rules {

struct ListDocument::Impl {
  Config config;
  VenueCatalog venues;
  std::vector<BlockPtr> blocks;
  std::vector<std::uint32_t> first_line;
  std::uint64_t config_generation = 0;
  std::uint64_t text_generation = 0;
  std::uint64_t model_generation = UINT64_MAX;
  Model model;
  std::vector<EntrySource> model_sources;  ///< of model.entries
  Findings findings{blocks, first_line, config, venues};
  VocabularyIndex vocabulary;
  LineOutline line_outline;
  std::uint64_t outline_generation = UINT64_MAX;

  explicit Impl(Config c) : config(std::move(c)), venues(config.venues) {}

  /// First lines of blocks [from, to) from those before them.
  void renumber(std::size_t from, std::size_t to = SIZE_MAX) {
    const std::size_t n = blocks.size();
    first_line.resize(n);
    std::uint32_t line = from == 0 ? 0 : first_line[from - 1] + blocks[from - 1]->line_count();
    for (std::size_t i = from; i < std::min(to, n); ++i) {
      first_line[i] = line;
      line += blocks[i]->line_count();
    }
  }

  void reset(std::string_view text) {
    vocabulary.invalidate();
    blocks = parse_blocks(text, true);
    findings.invalidate();
    renumber(0);
    ++text_generation;
  }

  std::uint32_t line_count() const { return first_line.back() + blocks.back()->line_count(); }

  std::size_t block_of_line(std::uint32_t line) const {
    // Lines are mostly asked for in order (an outline, a folding list, a reply's ranges): the
    // block of the last answer and the one after it are tried before a binary search.
    const std::size_t n = first_line.size();
    const std::size_t last = last_block.load(std::memory_order_relaxed);
    for (std::size_t bi = last; bi < n && bi <= last + 1; ++bi) {
      if (first_line[bi] <= line && (bi + 1 == n || line < first_line[bi + 1])) {
        if (bi != last)
          last_block.store(bi, std::memory_order_relaxed);
        return bi;
      }
    }
    auto it = std::upper_bound(first_line.begin(), first_line.end(), line);
    const auto bi = static_cast<std::size_t>(it - first_line.begin()) - 1;
    last_block.store(bi, std::memory_order_relaxed);
    return bi;
  }
  /// A hint only (any value gives the right answer), atomic so that const readers on several
  /// threads stay free of data races.
  mutable std::atomic<std::size_t> last_block{0};

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
    if (range.end < range.start)
      std::swap(range.start, range.end);
    auto [b_start, off_start] = locate(range.start);
    auto [b_end, off_end] = locate(range.end);
    const std::size_t b0 = b_start > 0 ? b_start - 1 : 0;
    std::string region;
    std::size_t start_in_region = 0, end_in_region = 0;
    for (std::size_t bi = b0; bi <= b_end; ++bi) {
      if (bi == b_start)
        start_in_region = region.size() + off_start;
      if (bi == b_end)
        end_in_region = region.size() + off_end;
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
    if (fresh.empty())
      fresh = parse_blocks("", true);
    // Blocks that come out as they were stay the same objects: only changed blocks are new.
    std::size_t from = b0, to = next, lead = 0, trail = 0;
    const auto same = [](const BlockPtr& x, const BlockPtr& y) {
      return x->kind == y->kind && x->text == y->text;
    };
    while (lead < fresh.size() && from < to && same(fresh[lead], blocks[from])) {
      ++lead;
      ++from;
    }
    while (lead + trail < fresh.size() && to > from &&
           same(fresh[fresh.size() - 1 - trail], blocks[to - 1])) {
      ++trail;
      --to;
    }
    fresh.erase(fresh.end() - static_cast<std::ptrdiff_t>(trail), fresh.end());
    fresh.erase(fresh.begin(), fresh.begin() + static_cast<std::ptrdiff_t>(lead));
    if (from == to && fresh.empty())
      return;  // the text did not change
    track_vocabulary(from, to, fresh);
    findings.replacing(from, to, fresh);
    std::uint32_t old_lines = 0, new_lines = 0;
    for (std::size_t bi = from; bi < to; ++bi) old_lines += blocks[bi]->line_count();
    for (const BlockPtr& b : fresh) new_lines += b->line_count();
    const auto first = blocks.begin() + static_cast<std::ptrdiff_t>(from);
    if (to - from == fresh.size()) {
      std::copy(fresh.begin(), fresh.end(), first);
      // Later blocks keep their first lines when the line count stays.
      renumber(from, old_lines == new_lines ? to : SIZE_MAX);
    } else {
      blocks.erase(first, blocks.begin() + static_cast<std::ptrdiff_t>(to));
      blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(from), fresh.begin(), fresh.end());
      renumber(from);
    }
    ++text_generation;
  }

  /// Tells the vocabulary that blocks [from, to) give way to `fresh`.
  void track_vocabulary(std::size_t from, std::size_t to, const std::vector<BlockPtr>& fresh) {
    const auto boundary = [](const BlockPtr& b) { return is_category_boundary(*b); };
    if (std::any_of(blocks.begin() + static_cast<std::ptrdiff_t>(from),
                    blocks.begin() + static_cast<std::ptrdiff_t>(to), boundary) ||
        std::any_of(fresh.begin(), fresh.end(), boundary)) {
      vocabulary.invalidate();  // categories move: recount on the next read
      return;
    }
    for (std::size_t bi = from; bi < to; ++bi) vocabulary.removed(blocks[bi]);
    if (std::none_of(fresh.begin(), fresh.end(),
                     [](const BlockPtr& b) { return b->entry.has_value(); })) {
      return;
    }
    const std::string category = category_before(blocks, from);
    for (const BlockPtr& b : fresh) vocabulary.added(b, category);
  }

  void build_model();
};

ListDocument::ListDocument(std::string_view text, Config config)
    : impl_(std::make_unique<Impl>(std::move(config))) {
  impl_->reset(text);
}
ListDocument::~ListDocument() = default;
ListDocument::ListDocument(ListDocument&&) noexcept = default;
ListDocument& ListDocument::operator=(ListDocument&&) noexcept = default;

void ListDocument::edit(Range range, std::string_view new_text) {
  impl_->edit(range, new_text);
}
void ListDocument::reset(std::string_view text) {
  impl_->reset(text);
}

void ListDocument::set_config(Config config) {
  if (config == impl_->config)
    return;
  impl_->config = std::move(config);
  impl_->venues = VenueCatalog(impl_->config.venues);
  impl_->findings.invalidate();
  ++impl_->text_generation;
}

const Config& ListDocument::config() const {
  return impl_->config;
}
const VenueCatalog& ListDocument::venues() const {
  return impl_->venues;
}

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

std::uint32_t ListDocument::line_count() const {
  return impl_->line_count();
}

std::string_view ListDocument::line(std::uint32_t index) const {
  if (index >= line_count())
    return {};
  const std::size_t bi = impl_->block_of_line(index);
  return impl_->blocks[bi]->line(index - impl_->first_line[bi]);
}

std::string_view ListDocument::line_terminator(std::uint32_t index) const {
  if (index >= line_count())
    return {};
  const std::size_t bi = impl_->block_of_line(index);
  const Block& b = *impl_->blocks[bi];
  const BlockLine& l = b.lines[index - impl_->first_line[bi]];
  return std::string_view(b.text).substr(l.start + l.length, l.term);
}

void ListDocument::Impl::build_model() {
  // The diagnostics keep an outline of their own up to date edit by edit: when it is current
  // (an editor asks for diagnostics after each edit, before the outline), it is this one.
  const Analysis* current = findings.current_analysis();
  std::optional<Analysis> own;
  if (current == nullptr) {
    own.emplace(blocks, first_line, config, venues);
    build_outline(*own);
    current = &*own;
  }
  std::vector<EntrySource> sources;
  model = rules::build_model(*current, std::move(model), model_sources, sources);
  model_sources = std::move(sources);
  model_generation = text_generation;
}

const UpdateTimes& ListDocument::last_update_times() const {
  return impl_->findings.times();
}

bool ListDocument::starts_block(std::uint32_t line) const {
  return line < impl_->line_count() && impl_->first_line[impl_->block_of_line(line)] == line;
}

const std::vector<Diagnostic>& ListDocument::diagnostics() {
  return impl_->findings.update();
}

std::uint64_t ListDocument::diagnostics_generation() const {
  return impl_->findings.generation();
}

const std::vector<std::uint32_t>& ListDocument::diagnostic_origins() const {
  return impl_->findings.origins();
}

const Vocabulary& ListDocument::vocabulary() {
  return impl_->vocabulary.get(impl_->blocks);
}

std::string ListDocument::category_at(std::uint32_t line) const {
  if (line >= line_count())
    return {};
  return category_before(impl_->blocks, impl_->block_of_line(line) + 1);
}

const LineOutline& ListDocument::line_outline() {
  if (impl_->outline_generation != impl_->text_generation) {
    Analysis a{impl_->blocks, impl_->first_line, impl_->config, impl_->venues};
    build_outline(a);
    build_line_outline(a, impl_->line_outline);
    impl_->outline_generation = impl_->text_generation;
  }
  return impl_->line_outline;
}

bool ListDocument::is_paper_list() {
  const auto& entries = model().entries;
  return std::any_of(entries.begin(), entries.end(), links_to_web);
}

const Model& ListDocument::model() {
  if (impl_->model_generation != impl_->text_generation)
    impl_->build_model();
  return impl_->model;
}

std::vector<ConventionFact> ListDocument::explain_conventions() const {
  Analysis a{impl_->blocks, impl_->first_line, impl_->config, impl_->venues};
  build_outline(a);
  return a.convention_counts.explain(a.conventions, impl_->config, a.order);
}

namespace {

std::vector<TextEdit> as_edits(std::optional<TextEdit> edit) {
  std::vector<TextEdit> out;
  if (edit)
    out.push_back(std::move(*edit));
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
  if (line >= line_count())
    return {};
  // The innermost section around the line that holds entries directly.
  for (std::size_t s = a.block_section[impl_->block_of_line(line)]; s != SIZE_MAX;
       s = a.sections[s].parent) {
    if (!a.sections[s].entries.empty())
      return as_edits(sort_section_edit(a, a.sections[s]));
  }
  return {};
}

}  // namespace awesome::rules
