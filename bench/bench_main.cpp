// awesome_bench: argument parsing, the synthetic list and the Markdown report. The figures
// themselves come from engine_bench.cpp and lsp_bench.cpp; bench/run.sh drives all of it.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "bench/bench.hpp"
#include "bench/bench_util.hpp"

namespace awesome::bench {
namespace {

using Results = std::map<std::string, std::string>;

const char* kUsage =
    "usage: awesome_bench engine NAME FILE [--runs N] [--keystrokes N] [--seed S]\n"
    "       awesome_bench lsp NAME SERVER (--file F [--keystrokes N] [--completions N] |\n"
    "                                          --trace T) [--pull]\n"
    "       awesome_bench synth FULL_LIST OUT [COPIES]\n"
    "       awesome_bench report RESULTS\n"
    "       awesome_bench wall [--timeout-ms MS] -- COMMAND [ARGS]...\n";

std::optional<double> number(const Results& r, const std::string& key) {
  auto it = r.find(key);
  if (it == r.end())
    return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(it->second.c_str(), &end);
  if (end == it->second.c_str())
    return std::nullopt;
  return value;
}

std::string text(const Results& r, const std::string& key) {
  auto it = r.find(key);
  return it == r.end() ? "–" : it->second;
}

std::string fmt(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string cell(const Results& r, const std::string& key, const char* format = "%.1f") {
  auto value = number(r, key);
  return value ? fmt(format, *value) : text(r, key);
}

/// "p50 / p95 / p99 / max" of `prefix`_p50_us etc.
std::string pcts(const Results& r, const std::string& prefix) {
  if (!number(r, prefix + "_p50_us"))
    return "–";
  return cell(r, prefix + "_p50_us", "%.0f") + " / " + cell(r, prefix + "_p95_us", "%.0f") + " / " +
         cell(r, prefix + "_p99_us", "%.0f") + " / " + cell(r, prefix + "_max_us", "%.0f");
}

std::string verdict(std::optional<double> value, double limit, bool below = true) {
  if (!value)
    return "not measured";
  return (below ? *value < limit : *value >= limit) ? "met" : "**missed**";
}

int report(const Results& r) {
  const std::vector<std::string> lists = {"2021", "readme", "full", "synth10"};
  auto row = [&](const std::string& what, auto make, const std::string& target,
                 const std::string& result) {
    std::printf("| %s |", what.c_str());
    for (const auto& w : lists) std::printf(" %s |", make(w).c_str());
    std::printf(" %s | %s |\n", target.c_str(), result.c_str());
  };
  std::printf(
      "| measure | 2021 (60 KB) | readme (80 KB) | full (1 MB) | synthetic (10 MB) | "
      "target | result |\n|---|---|---|---|---|---|---|\n");
  row(
      "diagnostics", [&](const std::string& w) { return cell(r, w + ".diagnostics", "%.0f"); }, "",
      "");
  row(
      "parse + all checks, in-process: ms (MB/s)",
      [&](const std::string& w) {
        return cell(r, w + ".parse_ms", "%.2f") + " (" + cell(r, w + ".parse_mbps", "%.0f") + ")";
      },
      "1 MB < 5 ms; 10 MB < 50 ms",
      verdict(number(r, "full.parse_ms"), 5.0) + ", " +
          verdict(number(r, "synth10.parse_ms"), 50.0));
  // Where the time goes, phase by phase (medians), so a regression points at its phase.
  const auto phases = [&](const std::string& prefix, double scale, const char* format) {
    std::string out;
    for (const char* phase : {"parse", "model", "indexes", "local", "document", "merge"}) {
      auto value = number(r, prefix + "_" + phase + "_us");
      out += (out.empty() ? "" : " / ") + (value ? fmt(format, *value / scale) : "–");
    }
    return out;
  };
  row(
      "whole list, ms: block parse / model / indexes / per-block checks / document checks / "
      "merge",
      [&](const std::string& w) { return phases(w + ".whole", 1000.0, "%.2f"); }, "", "");
  row(
      "whole list as LSP JSON: build / write ms (KB)",
      [&](const std::string& w) {
        auto build = number(r, w + ".whole_json_build_us");
        auto write = number(r, w + ".whole_json_write_us");
        auto bytes = number(r, w + ".json_bytes");
        if (!build || !write || !bytes)
          return std::string("–");
        return fmt("%.2f", *build / 1000.0) + " / " + fmt("%.2f", *write / 1000.0) + " (" +
               fmt("%.0f", *bytes / 1024.0) + ")";
      },
      "", "");
  row(
      "keystroke, in-process edit + diagnostics: p50 / p95 / p99 / max µs",
      [&](const std::string& w) { return pcts(r, w + ".key"); }, "", "");
  row(
      "keystroke phases, µs: indexes / per-block checks / document checks / merge",
      [&](const std::string& w) {
        if (!number(r, w + ".key_indexes_us"))
          return std::string("–");
        std::string out;
        for (const char* phase : {"indexes", "local", "document", "merge"}) {
          out += (out.empty() ? "" : " / ") + cell(r, w + ".key_" + phase + "_us", "%.0f");
        }
        return out;
      },
      "", "");
  auto push_p50 = number(r, "full.push_key_p50_us");
  auto push_p99 = number(r, "full.push_key_p99_us");
  auto synth_p50 = number(r, "synth10.push_key_p50_us");
  std::optional<double> scale;
  if (push_p50 && synth_p50)
    scale = *synth_p50 / *push_p50;
  row(
      "keystroke over stdio, didChange → publishDiagnostics: p50 / p95 / p99 / max µs",
      [&](const std::string& w) { return pcts(r, w + ".push_key"); },
      "1 MB p50 < 0.5 ms, p99 < 2 ms; 10 MB p50 ≤ 1.3× 1 MB",
      verdict(push_p50, 500) + ", " + verdict(push_p99, 2000) + ", " +
          (scale ? fmt("%.1f×", *scale) + " " + verdict(scale, 1.3001) : "not measured"));
  row(
      "the same on ten plain copies of the full list (10 MB, every entry a duplicate): p50 / "
      "p95 / p99 / max µs, in the 10 MB column",
      [&](const std::string& w) {
        return w == "synth10" ? pcts(r, "copies10.push_key") : std::string("–");
      },
      "p50 < 50 ms", verdict(number(r, "copies10.push_key_p50_us"), 50000));
  row(
      "publishDiagnostics body per keystroke, KB",
      [&](const std::string& w) {
        auto bytes = number(r, w + ".push_bytes");
        return bytes ? fmt("%.0f", *bytes / 1024.0) : std::string("–");
      },
      "", "");
  row(
      "keystroke over stdio, didChange + pull diagnostic → reply: p50 / p95 / p99 / max µs",
      [&](const std::string& w) { return pcts(r, w + ".pull_key"); }, "", "");
  row(
      "server open (didOpen → first diagnostics), ms",
      [&](const std::string& w) { return cell(r, w + ".open_ms", "%.1f"); }, "1 MB < 10 ms",
      verdict(number(r, "full.open_ms"), 10));
  auto rss = number(r, "synth10.push_rss_kb");
  row(
      "server peak RSS (VmHWM), MB",
      [&](const std::string& w) {
        auto kb = number(r, w + ".push_rss_kb");
        return kb ? fmt("%.1f", *kb / 1024.0) : std::string("–");
      },
      "10 MB < 150 MB", rss ? verdict(*rss / 1024.0, 150) : "not measured");
  row(
      "trace replay, per didChange + pull: p50 / p95 / p99 / max µs (steps, total ms)",
      [&](const std::string& w) {
        std::string t = w == "readme" ? "trace_readme" : w == "full" ? "trace_full" : "";
        if (t.empty() || !number(r, t + ".trace_step_p50_us"))
          return std::string("–");
        return pcts(r, t + ".trace_step") + " (" + cell(r, t + ".trace_step_count", "%.0f") + ", " +
               cell(r, t + ".trace_total_ms", "%.0f") + ")";
      },
      "", "");
  row(
      "completion over stdio (key word, venue): p50 / p95 / p99 / max µs",
      [&](const std::string& w) { return pcts(r, w + ".completion"); },
      "p99 < 1 ms at 1 MB and 10 MB",
      verdict(number(r, "full.completion_p99_us"), 1000) + ", " +
          verdict(number(r, "synth10.completion_p99_us"), 1000));
  row(
      "documentSymbol over stdio: the first after open; p50 / p95 after an edit, µs",
      [&](const std::string& w) {
        if (!number(r, w + ".documentSymbol_edited_p50_us"))
          return text(r, w + ".documentSymbol");
        return text(r, w + ".documentSymbol") + "; " +
               cell(r, w + ".documentSymbol_edited_p50_us", "%.0f") + " / " +
               cell(r, w + ".documentSymbol_edited_p95_us", "%.0f");
      },
      "after an edit, p50: 1 MB < 3 ms; 10 MB < 30 ms",
      verdict(number(r, "full.documentSymbol_edited_p50_us"), 3000) + ", " +
          verdict(number(r, "synth10.documentSymbol_edited_p50_us"), 30000));
  const auto node_ratio = [&](const std::string& w) -> std::string {
    auto ours = number(r, w + ".node_awesome_ls_key_p50_us");
    auto theirs = number(r, w + ".node_mdls_key_p50_us");
    if (!ours || !theirs || *ours <= 0)
      return "–";
    return fmt("%.0f×", *theirs / *ours);
  };
  row(
      "keystroke via a Node client (vscode-jsonrpc), didChange + pull → reply, awesome-ls: "
      "p50 / p95 / p99 / max µs",
      [&](const std::string& w) { return pcts(r, w + ".node_awesome_ls_key"); }, "", "");
  row(
      "the same for vscode-markdown-languageserver (VS Code's Markdown server; its client "
      "parses with markdown-it): p50 / p95 / p99 / max µs",
      [&](const std::string& w) { return pcts(r, w + ".node_mdls_key"); }, "", "");
  row("its p50 as a multiple of awesome-ls's", node_ratio, "", "");
  row(
      "`awesome-ls check`, wall ms (median)",
      [&](const std::string& w) { return cell(r, w + ".check_awesome_ls_ms", "%.1f"); },
      "1 MB < 15 ms", verdict(number(r, "full.check_awesome_ls_ms"), 15));
  auto ratio = [&](const std::string& w, const std::string& other) -> std::optional<double> {
    auto ours = number(r, w + ".check_awesome_ls_ms");
    auto theirs = number(r, w + "." + other);
    if (!ours || !theirs || *ours <= 0)
      return std::nullopt;
    return *theirs / *ours;
  };
  for (const auto& [tool, label, limit] :
       {std::tuple<std::string, std::string, double>{"check_awesome_lint_ms", "awesome-lint", 300},
        {"check_markdownlint_ms", "markdownlint-cli2", 20}}) {
    row(
        "`" + label + "`, wall ms (median; ratio to awesome-ls)",
        [&](const std::string& w) {
          auto x = ratio(w, tool);
          return cell(r, w + "." + tool, "%.0f") + (x ? fmt(" (%.0f×)", *x) : std::string());
        },
        "1 MB ≥ " + fmt("%.0f", limit) + "× faster",
        r.count("full." + tool) && !number(r, "full." + tool)
            ? text(r, "full." + tool)
            : verdict(ratio("full", tool), limit, false));
  }
  return 0;
}

}  // namespace

int run_report(const std::string& results_path) {
  std::ifstream in(results_path);
  if (!in)
    return 2;
  Results results;
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos)
      results[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return report(results);
}

}  // namespace awesome::bench

int main(int argc, char** argv) {
  using namespace awesome::bench;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto flag = [&](const std::string& name) -> std::optional<std::string> {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
      if (args[i] == name)
        return args[i + 1];
    return std::nullopt;
  };
  auto has = [&](const std::string& name) {
    return std::find(args.begin(), args.end(), name) != args.end();
  };
  if (args.size() >= 3 && args[0] == "engine") {
    EngineOptions o;
    o.name = args[1];
    o.file = args[2];
    if (auto v = flag("--runs"))
      o.runs = std::stoi(*v);
    if (auto v = flag("--keystrokes"))
      o.keystrokes = std::stoul(*v);
    if (auto v = flag("--seed"))
      o.seed = static_cast<std::uint32_t>(std::stoul(*v));
    return run_engine(o);
  }
  if (args.size() >= 3 && args[0] == "lsp") {
    LspOptions o;
    o.name = args[1];
    o.server = args[2];
    if (auto v = flag("--file"))
      o.file = *v;
    if (auto v = flag("--trace"))
      o.trace = *v;
    if (auto v = flag("--keystrokes"))
      o.keystrokes = std::stoul(*v);
    if (auto v = flag("--completions"))
      o.completions = std::stoul(*v);
    if (auto v = flag("--seed"))
      o.seed = static_cast<std::uint32_t>(std::stoul(*v));
    o.pull = has("--pull");
    return run_lsp(o);
  }
  if (args.size() >= 3 && args[0] == "synth") {
    int copies = args.size() >= 4 ? std::stoi(args[3]) : 10;
    std::string full = read_file(args[1]);
    if (full.empty())
      return 2;
    return write_file(args[2], make_synthetic(full, copies)) ? 0 : 2;
  }
  if (args.size() >= 3 && args[0] == "wall") {
    WallOptions o;
    if (auto v = flag("--timeout-ms"))
      o.timeout_ms = std::stol(*v);
    const auto dashes = std::find(args.begin(), args.end(), "--");
    if (dashes != args.end())
      o.command.assign(dashes + 1, args.end());
    return run_wall(o);
  }
  if (args.size() >= 2 && args[0] == "report")
    return run_report(args[1]);
  std::fputs(kUsage, stderr);
  return 2;
}
