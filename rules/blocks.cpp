#include "rules/blocks.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <functional>

#include "rules/entry_parser.hpp"
#include "rules/keys.hpp"
#include "rules/patterns.hpp"
#include "rules/slug.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

bool is_blank(std::string_view line) {
  return text::trim(line).empty();
}

bool is_heading(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  return n >= 1 && n <= 6 && (n == line.size() || line[n] == ' ' || line[n] == '\t');
}

bool is_list_item(std::string_view line) {
  if (line.empty())
    return false;
  const char c = line[0];
  if (c != '-' && c != '*' && c != '+')
    return false;
  return line.size() == 1 || line[1] == ' ' || line[1] == '\t';
}

bool opens_fence(std::string_view line, char& ch, std::size_t& len) {
  if (line.size() < 3 || (line[0] != '`' && line[0] != '~'))
    return false;
  std::size_t n = 0;
  while (n < line.size() && line[n] == line[0]) ++n;
  if (n < 3)
    return false;
  ch = line[0];
  len = n;
  return true;
}

bool closes_fence(std::string_view line, char ch, std::size_t len) {
  std::string_view t = text::trim(line);
  if (t.size() < len)
    return false;
  for (char c : t) {
    if (c != ch)
      return false;
  }
  return true;
}

const RE2& summary_re() {
  static const RE2 re(patterns::kSummaryLine);
  return re;
}

bool is_html_line(std::string_view line) {
  return line.size() >= 2 && line[0] == '<' &&
         (std::isalpha(static_cast<unsigned char>(line[1])) || line[1] == '/');
}

}  // namespace

bool BlockSplitter::starts_block(std::string_view line) {
  if (open_ && kind_ == BlockKind::kFence) {
    if (closes_fence(line, fence_char_, fence_len_))
      open_ = false;
    return false;
  }
  if (open_ && kind_ == BlockKind::kComment) {
    if (line.find("-->") != std::string_view::npos)
      open_ = false;
    return false;
  }
  if (is_blank(line)) {
    kind_ = BlockKind::kBlank;
    open_ = false;
  } else if (opens_fence(line, fence_char_, fence_len_)) {
    kind_ = BlockKind::kFence;
    open_ = true;
  } else if (line.starts_with("<!--")) {
    kind_ = BlockKind::kComment;
    open_ = line.find("-->", 4) == std::string_view::npos;
  } else if (is_heading(line)) {
    kind_ = BlockKind::kHeading;
    open_ = false;
  } else if (line.starts_with("<summary>") &&
             RE2::FullMatch(re2::StringPiece(line.data(), line.size()), summary_re())) {
    kind_ = BlockKind::kSummary;
    open_ = false;
  } else if (is_html_line(line)) {
    kind_ = BlockKind::kHtml;
    open_ = false;
  } else if (is_list_item(line)) {
    kind_ = BlockKind::kListItem;
    open_ = true;
  } else if (open_) {
    return false;  // a continuation line of a list item or paragraph
  } else {
    kind_ = BlockKind::kParagraph;
    open_ = true;
  }
  return true;
}

std::vector<BlockLine> split_lines(std::string_view text, bool keep_final_empty) {
  std::vector<BlockLine> lines;
  std::size_t start = 0;
  const std::size_t n = text.size();
  if (text.find('\r') == std::string_view::npos) {
    // The usual text, every line ended by '\n': memchr finds them many bytes at a time.
    lines.reserve(n / 48);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', start)) {
      lines.push_back(
          {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i - start), 1});
      start = i + 1;
    }
    if (start < n || keep_final_empty)
      lines.push_back(
          {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(n - start), 0});
    return lines;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (c != '\n' && c != '\r')
      continue;
    std::uint8_t term = (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    lines.push_back(
        {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i - start), term});
    i += term - 1;
    start = i + 1;
  }
  if (start < n || keep_final_empty) {
    lines.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(n - start), 0});
  }
  return lines;
}

namespace {

std::optional<HeadingInfo> parse_heading(const Block& b) {
  HeadingInfo h;
  std::string_view line = b.line(0);
  std::size_t title_begin;
  std::string_view title;
  if (b.kind == BlockKind::kHeading) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    h.level = static_cast<int>(n);
    title = text::trim(line.substr(n));
    // A closing sequence of #s is not part of the title.
    while (!title.empty() && title.back() == '#') title.remove_suffix(1);
    title = text::trim(title);
  } else {
    re2::StringPiece inner;
    RE2::FullMatch(re2::StringPiece(line.data(), line.size()), summary_re(), &inner);
    title = text::trim(std::string_view(inner.data(), inner.size()));
  }
  title_begin = title.empty() ? line.size() : static_cast<std::size_t>(title.data() - line.data());
  h.title = std::string(title);
  h.title_range = {{0, static_cast<std::uint32_t>(title_begin)},
                   {0, static_cast<std::uint32_t>(title_begin + title.size())}};
  static const RE2 year_re(patterns::kHeadingYear);
  re2::StringPiece category, before;
  int year = 0;
  if (RE2::FullMatch(re2::StringPiece(title.data(), title.size()), year_re, &category, &year,
                     &before)) {
    h.year = year;
    h.year_and_before = !before.empty();
    h.category = std::string(category.data(), category.size());
  }
  h.slug = github_slug(heading_plain_text(h.title));
  if (b.kind == BlockKind::kSummary && !h.year)
    return std::nullopt;
  return h;
}

/// A 64-bit mix of `h` (the finalizer of splitmix64): sums of mixed hashes do not cancel out.
std::uint64_t mixed(std::uint64_t h) {
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

/// Of a link's lowercase label and its URL as it identifies the page (an arXiv id or
/// normalize_url()): what makes two links the same.
std::uint64_t link_hash(const Link& l) {
  std::uint64_t h = text::kWordHashSeed;
  for (char c : text::trim(l.label)) h = text::word_hash_step(h, text::lower_ascii(c));
  h = text::word_hash_step(h, ' ');
  if (const auto id = parse_arxiv_url(l.url)) {
    for (char c : std::string_view("arxiv:")) h = text::word_hash_step(h, c);
    for (char c : id->id) h = text::word_hash_step(h, c);
    return h;
  }
  return normalized_url_hash(l.url, h);
}

/// The keys that tell copies of a paper apart (Block::authors_key and after).
void set_copy_keys(Block& b) {
  const Entry& e = *b.entry;
  const std::hash<std::string> hash;
  b.authors_key = title_key(e.authors);
  if (e.venue) {
    b.venue_hash = mixed(hash(title_key(e.venue->name)) ^
                         mixed(static_cast<std::uint64_t>(e.venue->year.value_or(0))));
  }
  // In any order: a sum of the mixed hashes of the links.
  b.links_hash = 0;
  for (const Link& l : e.links) b.links_hash += mixed(link_hash(l));
  std::uint64_t h = 1469598103934665603ull;
  for (std::uint64_t part :
       {b.title_key_hash, std::uint64_t{hash(b.authors_key)}, b.venue_hash, b.links_hash}) {
    h = (h ^ part) * 1099511628211ull;
  }
  b.copy_hash = h;
  b.says_thesis = mentions_thesis(e.authors) || (e.venue && mentions_thesis(e.venue->text));
}

}  // namespace

std::optional<Suppression> parse_suppression(std::string_view comment) {
  static const RE2 re(patterns::kSuppression);
  re2::StringPiece kind, rules;
  if (!RE2::PartialMatch(re2::StringPiece(comment.data(), comment.size()), re, &kind, &rules)) {
    return std::nullopt;
  }
  Suppression s;
  std::string_view k(kind.data(), kind.size());
  s.kind = k == "disable-next-line" ? Suppression::Kind::kNextLine
           : k == "disable"         ? Suppression::Kind::kDisable
                                    : Suppression::Kind::kEnable;
  std::string_view list(rules.data(), rules.size());
  for (std::string_view part : text::split(list, " ")) {
    for (std::string_view id : text::split(part, ",")) {
      if (!text::trim(id).empty())
        s.rules.emplace_back(text::trim(id));
    }
  }
  return s;
}

BlockPtr parse_block(BlockKind kind, std::string text, std::vector<BlockLine> lines) {
  auto b = std::make_shared<Block>();
  b->kind = kind;
  b->text = std::move(text);
  b->lines = std::move(lines);
  switch (kind) {
    case BlockKind::kHeading:
    case BlockKind::kSummary:
      b->heading = parse_heading(*b);
      break;
    case BlockKind::kComment:
      b->suppression = parse_suppression(b->text);
      break;
    case BlockKind::kListItem: {
      std::vector<std::string_view> views;
      views.reserve(b->lines.size());
      for (std::uint32_t i = 0; i < b->line_count(); ++i) views.push_back(b->line(i));
      ParsedItem item = parse_list_item(views);
      if (item.syntax.looks_like_paper) {
        if (item.entry.digest_style == DigestStyle::kPlain)
          b->counts_2021_digest = 1;
        if (item.entry.digest_style == DigestStyle::kDetails)
          b->counts_2026_digest = 1;
        b->entry = std::move(item.entry);
        b->syntax = std::move(item.syntax);
        b->paper_key = paper_key(*b->entry);
        b->title_key = title_key(b->entry->title);
        b->digest_hash = digest_hash(b->entry->digest);
        const std::hash<std::string> hash;
        b->paper_key_hash = hash(b->paper_key);
        b->title_key_hash = hash(b->title_key);
        for (const Link& l : b->entry->links) {
          const bool shared = text::iequals(l.label, "code") || text::iequals(l.label, "dataset");
          const std::uint64_t h =
              shared && !l.url.empty() ? normalized_url_hash(l.url, text::kWordHashSeed) : 0;
          b->shared_link_hashes.push_back(h == 0 && shared && !l.url.empty() ? 1 : h);
        }
        set_copy_keys(*b);
        b->phrases_hash = 1469598103934665603ull;
        for (const auto& k : b->entry->keywords) {
          b->phrase_hashes.push_back(hash(k.text));
          b->phrases_hash = (b->phrases_hash ^ b->phrase_hashes.back()) * 1099511628211ull;
        }
      }
      break;
    }
    default:
      break;
  }
  return b;
}

std::vector<BlockPtr> parse_blocks(std::string_view text, bool at_document_end) {
  std::vector<BlockPtr> out;
  const std::vector<BlockLine> lines = split_lines(text, at_document_end);
  BlockSplitter splitter;
  std::size_t first = 0;
  BlockKind kind = BlockKind::kBlank;
  auto flush = [&](std::size_t end) {
    if (end <= first)
      return;
    const std::uint32_t begin = lines[first].start;
    const BlockLine& last = lines[end - 1];
    const std::uint32_t stop = last.start + last.length + last.term;
    std::vector<BlockLine> own(lines.begin() + static_cast<std::ptrdiff_t>(first),
                               lines.begin() + static_cast<std::ptrdiff_t>(end));
    for (auto& l : own) l.start -= begin;
    out.push_back(parse_block(kind, std::string(text.substr(begin, stop - begin)), std::move(own)));
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = text.substr(lines[i].start, lines[i].length);
    if (splitter.starts_block(line)) {
      flush(i);
      first = i;
      kind = splitter.current_kind();
    }
  }
  flush(lines.size());
  return out;
}

}  // namespace awesome::rules
