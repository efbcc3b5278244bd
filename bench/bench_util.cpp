// Helpers of awesome_bench (see bench_util.hpp).
#include "bench/bench_util.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace awesome::bench {

Percentiles percentiles(std::vector<double>& samples) {
  Percentiles out;
  if (samples.empty()) return out;
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

double median(std::vector<double> samples) { return percentiles(samples).p50; }

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
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string make_synthetic(std::string_view text, int copies) {
  std::string out;
  out.reserve(text.size() * static_cast<std::size_t>(copies));
  for (int k = 0; k < copies; ++k) {
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
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // 4-byte sequences are surrogate pairs
  }
  return units;
}

std::vector<CharEdit> pick_edits(rules::ListDocument& doc, std::size_t count, std::uint32_t seed,
                                 bool must_change) {
  std::mt19937 rng(seed);
  static constexpr std::string_view kChars[] = {"x", " ", ".", "*", ",", "["};
  std::vector<CharEdit> edits;
  edits.reserve(count);
  std::vector<rules::Diagnostic> before = doc.diagnostics();
  while (edits.size() < count) {
    const auto& entries = doc.model().entries;
    if (entries.empty()) break;
    const auto& entry = entries[rng() % entries.size()];
    std::uint32_t line = entry.first_line + static_cast<std::uint32_t>(
                                                rng() % (entry.last_line - entry.first_line + 1));
    std::string_view text = doc.line(line);
    auto column = static_cast<std::uint32_t>(rng() % (text.size() + 1));
    while (column < text.size() && (static_cast<unsigned char>(text[column]) & 0xC0) == 0x80)
      ++column;  // never split a UTF-8 sequence
    bool done = false;
    for (std::string_view c : kChars) {
      rules::Range at{{line, column}, {line, column}};
      doc.edit(at, c);
      if (!must_change || doc.diagnostics() != before) {
        edits.push_back({line, column, std::string(c)});
        if (must_change) before = doc.diagnostics();
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
