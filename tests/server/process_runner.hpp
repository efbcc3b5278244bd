// Test helper: runs a program with fork/exec, feeds stdin and collects stdout and stderr through
// pipes, with a timeout (run_process), or keeps it running to talk to it step by step
// (ChildProcess). Used to drive the real `awesome-ls` binary and `patch`.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awesome::test {

/// True in an AddressSanitizer build, whose binaries are several times slower and bigger.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

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

/// A running child whose stdin and stdout are pipes; stderr goes to a file (or /dev/null). Every
/// call takes a deadline, so a hanging child fails a test instead of blocking it. Not copyable;
/// the destructor kills a child that is still running.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::string& stderr_path = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool started() const { return pid_ > 0; }

  /// Writes all of `bytes` while collecting the child's stdout (see output()), so that neither
  /// side blocks on a full pipe. False when the child stopped reading or `timeout` passed.
  bool write(std::string_view bytes, std::chrono::milliseconds timeout);
  /// Writes as much of `bytes` as the child takes before `timeout` without reading its stdout
  /// (a client that does not read); returns how many bytes were written.
  std::size_t write_without_reading(std::string_view bytes, std::chrono::milliseconds timeout);
  void close_input();
  /// Closes the read end of the child's stdout: its next writes fail (EPIPE).
  void close_output();
  /// Waits up to `timeout` for more stdout and appends it to output(). False on timeout or at
  /// the end of the output (then output_closed() is true).
  bool read_more(std::chrono::milliseconds timeout);
  /// Stdout read so far and not yet consumed by the caller.
  std::string& output() { return output_; }
  bool output_closed() const { return out_fd_ < 0; }

  /// The exit code (128 + signal when killed), or nullopt when it has not exited in time.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  /// Peak resident memory (VmHWM) of the running child in KiB; 0 when unknown.
  std::size_t peak_rss_kib() const;

 private:
  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string output_;
  std::optional<int> exit_code_;
};

}  // namespace awesome::test
