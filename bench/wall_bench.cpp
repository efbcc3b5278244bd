// `awesome_bench wall`: the wall time of one run of a command, measured around the process
// itself (spawn to exit), without the forks of a shell, `date` or `timeout` that a shell
// measurement would count. bench/run.sh times awesome-ls and its peers with it, interleaved.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench.hpp"
#include "bench/bench_util.hpp"

extern char** environ;

namespace awesome::bench {

int run_wall(const WallOptions& options) {
  if (options.command.empty())
    return 2;
  // SIGCHLD is blocked and waited for with a timeout: no polling interval in the figure.
  sigset_t child;
  sigemptyset(&child);
  sigaddset(&child, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child, nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const auto& a : options.command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const auto start = Clock::now();
  const int spawned = posix_spawnp(&pid, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) {
    std::printf("failed (spawn)\n");
    return 1;
  }
  const timespec limit{static_cast<time_t>(options.timeout_ms / 1000),
                       static_cast<long>(options.timeout_ms % 1000) * 1000000L};
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (sigtimedwait(&child, nullptr, &limit) < 0 &&
        micros_since(start) >= options.timeout_ms * 1e3) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      std::printf("timeout\n");
      return 0;
    }
  }
  const double ms = micros_since(start) / 1000.0;
  // Exit status 1 is "findings", as for every linter here; anything else is a failure.
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    std::printf("failed (%d)\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return 0;
  }
  std::printf("%.2f\n", ms);
  return 0;
}

}  // namespace awesome::bench
