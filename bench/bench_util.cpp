// Helpers of awesome_bench (see bench_util.hpp).
#include "bench/bench_util.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace awesome::bench {

Percentiles percentiles(std::vector<double>& samples) {
  Percentiles out;
  if (samples.empty())
    return out;
  std::sort(samples.begin(), samples.end());
  auto rank = [&](double p) {
    auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(samples.size())));
    return samples[std::min(samples.size() - 1, index == 0 ? 0 : index - 1)];
  };
  out.p50 = rank(0.50);
  out.p95 = rank(0.95);
  out.p99 = rank(0.99);
  out.max = samples.back();
  out.count = samples.size();
  return out;
}

double median(std::vector<double> samples) {
  return percentiles(samples).p50;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool write_file(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(out);
}

namespace {
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
}  // namespace

/// Copy `k` of one line: entry titles, non-arXiv URLs and digests made distinct per copy, so
/// that entries of different copies are no duplicates of each other.
std::string distinct_line(std::string_view line, int k) {
  const std::string tag = std::to_string(k);
  std::string out(line);
  if (out.starts_with("- ") && out.find("[[") != std::string::npos) {
    std::size_t at = out.find("](");
    while (at != std::string::npos) {
      const std::size_t close = out.find(')', at + 2);
      if (close == std::string::npos)
        break;
      std::string_view url = std::string_view(out).substr(at + 2, close - at - 2);
      if (url.find("arxiv.org/") == std::string_view::npos &&
          url.find('#') == std::string_view::npos) {
        out.insert(close, "#copy" + tag);
      }
      at = out.find("](", close);
    }
    out.insert(2, "Copy " + tag + ": ");
    return out;
  }
  for (std::string_view marker : {"Digest</summary>", "- Digest:"}) {
    const std::size_t at = out.find(marker);
    if (at != std::string::npos && at < 40) {
      out.insert(at + marker.size(), " Copy " + tag + ".");
      break;
    }
  }
  return out;
}

std::string make_synthetic(std::string_view full, int copies) {
  std::string out;
  out.reserve(full.size() * static_cast<std::size_t>(copies) * 101 / 100);
  for (int k = 0; k < copies; ++k) {
    std::string distinct;
    if (k > 0) {
      distinct.reserve(full.size() * 101 / 100);
      for (std::size_t pos = 0; pos < full.size();) {
        std::size_t end = full.find('\n', pos);
        end = end == std::string_view::npos ? full.size() : end + 1;
        distinct += distinct_line(full.substr(pos, end - pos), k);
        pos = end;
      }
    }
    const std::string_view text = k > 0 ? std::string_view(distinct) : full;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t hit = text.find("abs/", pos);
      if (hit == std::string_view::npos) {
        out.append(text.substr(pos));
        break;
      }
      std::size_t p = hit + 4;
      std::size_t digits = 0;
      while (p + digits < text.size() && is_digit(text[p + digits])) ++digits;
      std::size_t number_start = p + 5;
      std::size_t number_len = 0;
      while (number_start + number_len < text.size() && is_digit(text[number_start + number_len]))
        ++number_len;
      bool arxiv = digits == 4 && p + 4 < text.size() && text[p + 4] == '.' &&
                   (number_len == 4 || number_len == 5);
      if (k == 0 || !arxiv) {
        out.append(text.substr(pos, p - pos));
        pos = p;
        continue;
      }
      out.append(text.substr(pos, number_start - pos));
      // A prime stride per copy keeps the ten copies of one id apart and almost never lands on
      // another real id.
      std::uint32_t modulus = number_len == 5 ? 100000 : 10000;
      std::uint32_t stride = number_len == 5 ? 7919 : 787;
      std::uint32_t number = 0;
      for (std::size_t i = 0; i < number_len; ++i)
        number = number * 10 + static_cast<std::uint32_t>(text[number_start + i] - '0');
      number = (number + static_cast<std::uint32_t>(k) * stride) % modulus;
      std::string digits_text = std::to_string(number);
      out.append(number_len - digits_text.size(), '0');
      out.append(digits_text);
      pos = number_start + number_len;
    }
  }
  return out;
}

std::uint32_t utf16_column(std::string_view line, std::uint32_t bytes) {
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < bytes && i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80)
      continue;                  // continuation byte
    units += c >= 0xF0 ? 2 : 1;  // 4-byte sequences are surrogate pairs
  }
  return units;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> entry_lines(rules::ListDocument& doc) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const auto& e : doc.model().entries) out.emplace_back(e.first_line, e.last_line);
  return out;
}

bool same_visible(const std::vector<rules::Diagnostic>& a,
                  const std::vector<rules::Diagnostic>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    if (x.rule != y.rule || x.severity != y.severity || x.range != y.range || x.tag != y.tag ||
        x.message != y.message || x.related != y.related || x.fixes.size() != y.fixes.size()) {
      return false;
    }
    for (std::size_t k = 0; k < x.fixes.size(); ++k) {
      if (x.fixes[k].title != y.fixes[k].title || x.fixes[k].safe != y.fixes[k].safe ||
          x.fixes[k].preferred != y.fixes[k].preferred) {
        return false;
      }
    }
  }
  return true;
}

std::vector<CharEdit> pick_edits(rules::ListDocument& doc, std::size_t count, std::uint32_t seed,
                                 bool must_change) {
  std::mt19937 rng(seed);
  static constexpr std::string_view kChars[] = {"x", " ", ".", "*", ",", "["};
  std::vector<CharEdit> edits;
  edits.reserve(count);
  std::vector<rules::Diagnostic> before = doc.diagnostics();
  // Insertions never add lines, so the entries' lines stay where they were.
  const auto entries = entry_lines(doc);
  std::size_t attempts = 0;
  while (edits.size() < count && !entries.empty() && attempts++ < 50 * count + 100) {
    const auto [first, last] = entries[rng() % entries.size()];
    std::uint32_t line = first + static_cast<std::uint32_t>(rng() % (last - first + 1));
    std::string_view text = doc.line(line);
    auto column = static_cast<std::uint32_t>(rng() % (text.size() + 1));
    while (column < text.size() && (static_cast<unsigned char>(text[column]) & 0xC0) == 0x80)
      ++column;  // never split a UTF-8 sequence
    bool done = false;
    for (std::string_view c : kChars) {
      rules::Range at{{line, column}, {line, column}};
      doc.edit(at, c);
      if (!must_change || !same_visible(doc.diagnostics(), before)) {
        edits.push_back({line, column, std::string(c)});
        if (must_change)
          before = doc.diagnostics();
        done = true;
        break;
      }
      doc.edit({{line, column}, {line, column + 1}}, "");  // undo and try the next character
    }
    (void)done;  // a place where no character changes anything is skipped
  }
  return edits;
}

}  // namespace awesome::bench
