// In-process engine figures: parse + all checks of a whole list, and the cost of one keystroke
// (edit + diagnostics) at seeded random places inside entries. Prints key=value lines.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench/bench.hpp"
#include "bench/bench_util.hpp"
#include "rules/list_document.hpp"

namespace awesome::bench {

int run_engine(const EngineOptions& options) {
  std::string text = read_file(options.file);
  if (text.empty()) {
    std::fprintf(stderr, "awesome_bench: cannot read %s\n", options.file.c_str());
    return 2;
  }
  const std::string& key = options.name;
  std::vector<double> runs;
  std::size_t diagnostic_count = 0;
  for (int i = 0; i < options.runs; ++i) {
    auto start = Clock::now();
    rules::ListDocument doc(text);
    diagnostic_count = doc.diagnostics().size();
    runs.push_back(micros_since(start) / 1000.0);
  }
  double ms = median(runs);
  double mb = static_cast<double>(text.size()) / 1e6;
  std::printf("%s.bytes=%zu\n%s.diagnostics=%zu\n", key.c_str(), text.size(), key.c_str(),
              diagnostic_count);
  std::printf("%s.parse_ms=%.3f\n%s.parse_mbps=%.1f\n", key.c_str(), ms, key.c_str(),
              mb / (ms / 1000.0));
  if (options.keystrokes == 0)
    return 0;

  rules::ListDocument doc(text);
  doc.diagnostics();
  std::mt19937 rng(options.seed);
  std::vector<double> samples;
  samples.reserve(options.keystrokes);
  const auto entries = entry_lines(doc);  // insertions of "x" keep every line where it is
  for (std::size_t i = 0; i < options.keystrokes && !entries.empty(); ++i) {
    const auto [first, last] = entries[rng() % entries.size()];
    std::uint32_t line = first + static_cast<std::uint32_t>(rng() % (last - first + 1));
    std::string_view current = doc.line(line);
    auto column = static_cast<std::uint32_t>(rng() % (current.size() + 1));
    while (column < current.size() && (static_cast<unsigned char>(current[column]) & 0xC0) == 0x80)
      ++column;
    auto start = Clock::now();
    doc.edit({{line, column}, {line, column}}, "x");
    doc.diagnostics();
    samples.push_back(micros_since(start));
  }
  Percentiles p = percentiles(samples);
  std::printf("%s.key_p50_us=%.1f\n%s.key_p95_us=%.1f\n%s.key_p99_us=%.1f\n%s.key_max_us=%.1f\n",
              key.c_str(), p.p50, key.c_str(), p.p95, key.c_str(), p.p99, key.c_str(), p.max);
  return 0;
}

}  // namespace awesome::bench
