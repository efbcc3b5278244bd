// The subcommands of awesome_bench: `engine` (in-process figures), `lsp` (the real server over
// stdio), `synth` (writes the 10 MB list) and `report` (key=value results to one Markdown table).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awesome::bench {

struct EngineOptions {
  std::string name;  ///< key prefix of the printed results
  std::string file;
  int runs = 9;
  std::size_t keystrokes = 0;
  std::uint32_t seed = 1;
};
int run_engine(const EngineOptions& options);

struct LspOptions {
  std::string name;
  std::string server;  ///< path of awesome-ls
  std::string file;    ///< a list to open and edit, or empty
  std::string trace;   ///< a trace-*.jsonl to replay, or empty
  std::size_t keystrokes = 1000;
  std::size_t completions = 300;  ///< completion requests after the keystrokes (push mode)
  std::uint32_t seed = 1;
  bool pull = false;  ///< announce pull diagnostics and ask after each change
  double timeout_ms = 5000;
};
int run_lsp(const LspOptions& options);

struct WallOptions {
  std::vector<std::string> command;  ///< program (looked up in PATH) and arguments
  long timeout_ms = 120000;
};
/// Runs `command` once with its output discarded and prints its wall time in ms, "timeout" or
/// "failed (STATUS)" (exit status 0 and 1 count as a run).
int run_wall(const WallOptions& options);

/// Prints the Markdown table of a results file (key=value lines); 2 when unreadable.
int run_report(const std::string& results_path);

}  // namespace awesome::bench
