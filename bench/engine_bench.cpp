// In-process engine figures: parse + all checks of a whole list, and the cost of one keystroke
// (edit + diagnostics) at seeded random places inside entries. Prints key=value lines.
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench/bench.hpp"
#include "bench/bench_util.hpp"
#include "rules/blocks.hpp"
#include "rules/list_document.hpp"
#include "server/lsp/diagnostics_convert.hpp"

namespace awesome::bench {

namespace {

/// The medians of the phases of many updates (bench/README: the breakdown rows).
struct Phases {
  std::vector<double> parse, model, indexes, local, document, merge;
  void add(const rules::UpdateTimes& t, double parse_us, double model_us) {
    parse.push_back(parse_us);
    model.push_back(model_us);
    indexes.push_back(t.indexes_us);
    local.push_back(t.local_us);
    document.push_back(t.document_us);
    merge.push_back(t.merge_us);
  }
  void print(const std::string& prefix) const {
    std::printf(
        "%s_parse_us=%.1f\n%s_model_us=%.1f\n%s_indexes_us=%.1f\n%s_local_us=%.1f\n"
        "%s_document_us=%.1f\n%s_merge_us=%.1f\n",
        prefix.c_str(), median(parse), prefix.c_str(), median(model), prefix.c_str(),
        median(indexes), prefix.c_str(), median(local), prefix.c_str(), median(document),
        prefix.c_str(), median(merge));
  }
};

/// The whole list's diagnostics as LSP JSON: the tree built, then written as text.
void print_json_costs(const std::string& key, const std::string& text, int runs) {
  rules::ListDocument doc(text);
  const auto& diagnostics = doc.diagnostics();
  std::vector<double> build, write;
  std::size_t bytes = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    const nlohmann::json items =
        server::to_lsp_diagnostics(diagnostics, doc, "file:///bench.md", server::ConvertOptions{});
    build.push_back(micros_since(start));
    start = Clock::now();
    bytes = items.dump().size();
    write.push_back(micros_since(start));
  }
  std::printf("%s.whole_json_build_us=%.1f\n%s.whole_json_write_us=%.1f\n%s.json_bytes=%zu\n",
              key.c_str(), median(build), key.c_str(), median(write), key.c_str(), bytes);
}

}  // namespace

int run_engine(const EngineOptions& options) {
  std::string text = read_file(options.file);
  if (text.empty()) {
    std::fprintf(stderr, "awesome_bench: cannot read %s\n", options.file.c_str());
    return 2;
  }
  const std::string& key = options.name;
  std::vector<double> runs;
  std::size_t diagnostic_count = 0;
  Phases phases;
  for (int i = 0; i < options.runs; ++i) {
    auto start = Clock::now();
    rules::ListDocument doc(text);
    const double built = micros_since(start);
    diagnostic_count = doc.diagnostics().size();
    runs.push_back(micros_since(start) / 1000.0);
    // The block parse alone, to tell it from the model built around it.
    start = Clock::now();
    const auto blocks = rules::parse_blocks(text, true);
    const double parsed = micros_since(start);
    // The model is what the document's construction costs beyond the parse; measured as the
    // difference of two timings, it is kept at zero where noise would make it negative.
    phases.add(doc.last_update_times(), parsed, std::max(0.0, built - parsed));
  }
  double ms = median(runs);
  double mb = static_cast<double>(text.size()) / 1e6;
  std::printf("%s.bytes=%zu\n%s.diagnostics=%zu\n", key.c_str(), text.size(), key.c_str(),
              diagnostic_count);
  std::printf("%s.parse_ms=%.3f\n%s.parse_mbps=%.1f\n", key.c_str(), ms, key.c_str(),
              mb / (ms / 1000.0));
  phases.print(key + ".whole");
  print_json_costs(key, text, options.runs);
  if (options.keystrokes == 0)
    return 0;

  rules::ListDocument doc(text);
  doc.diagnostics();
  std::mt19937 rng(options.seed);
  std::vector<double> samples;
  samples.reserve(options.keystrokes);
  Phases key_phases;
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
    key_phases.add(doc.last_update_times(), 0, 0);
  }
  key_phases.print(key + ".key");
  Percentiles p = percentiles(samples);
  std::printf("%s.key_p50_us=%.1f\n%s.key_p95_us=%.1f\n%s.key_p99_us=%.1f\n%s.key_max_us=%.1f\n",
              key.c_str(), p.p50, key.c_str(), p.p95, key.c_str(), p.p99, key.c_str(), p.max);
  return 0;
}

}  // namespace awesome::bench
