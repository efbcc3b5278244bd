// Test helper: runs a program with fork/exec, feeds stdin and collects stdout and stderr through
// pipes, with a timeout. Used to drive the real `awesome-ls` binary and `patch`.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace awesome::test {

struct ProcessResult {
  int exit_code = -1;      ///< -1 when the process did not exit normally
  bool timed_out = false;  ///< killed after the timeout
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string input;                 ///< written to stdin, then stdin is closed
  std::string working_directory;     ///< empty: inherit
  std::vector<std::string> set_env;  ///< "NAME=value" added to the environment
  std::vector<std::string> unset_env;
  std::chrono::milliseconds timeout{30000};
};

/// Runs argv[0] (searched in PATH) with the arguments; never throws for a failing program.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// True when `program` is found in PATH.
bool program_exists(std::string_view program);

}  // namespace awesome::test
