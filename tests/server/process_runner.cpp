#include "process_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace awesome::test {
namespace {

[[noreturn]] void exec_child(const std::vector<std::string>& argv, const ProcessOptions& options,
                             int in_fd, int out_fd, int err_fd) {
  ::dup2(in_fd, 0);
  ::dup2(out_fd, 1);
  ::dup2(err_fd, 2);
  for (const auto& name : options.unset_env) ::unsetenv(name.c_str());
  for (const auto& pair : options.set_env) {
    const auto eq = pair.find('=');
    ::setenv(pair.substr(0, eq).c_str(), pair.substr(eq + 1).c_str(), 1);
  }
  if (!options.working_directory.empty() && ::chdir(options.working_directory.c_str()) != 0) {
    ::_exit(126);
  }
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  ::_exit(127);
}

/// Pumps stdin and both outputs until the child closes them or the deadline passes.
bool pump(int in_fd, int out_fd, int err_fd, std::string_view input, ProcessResult& result,
          std::chrono::steady_clock::time_point deadline) {
  std::size_t written = 0;
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  char buffer[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 ||
        (::poll(fds, 3, static_cast<int>(left.count())) < 0 && errno != EINTR)) {
      for (int fd : {in_fd, out_fd, err_fd}) {
        if (fd >= 0)
          ::close(fd);
      }
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
        continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        (i == 0 ? out_fd : err_fd) = -1;
      }
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
      if (n > 0)
        written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) {
        ::close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0)
    ::close(in_fd);
  return true;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ProcessResult result;
  int in_pipe[2];
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.err = "pipe failed";
    return result;
  }
  ::signal(SIGPIPE, SIG_IGN);
  const pid_t pid = ::fork();
  if (pid == 0)
    exec_child(argv, options, in_pipe[0], out_pipe[1], err_pipe[1]);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  if (!pump(in_pipe[1], out_pipe[0], err_pipe[0], options.input, result, deadline)) {
    result.timed_out = true;
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  return result;
}

namespace {

int milliseconds_left(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& stderr_path) {
  ::signal(SIGPIPE, SIG_IGN);  // a dead child must fail a check, not kill the test runner
  int in_pipe[2];
  int out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0)
    return;
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    return;
  }
  const std::string err_path = stderr_path.empty() ? "/dev/null" : stderr_path;
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = ::fork();
  if (pid_ == 0)
    exec_child(argv, ProcessOptions{}, in_pipe[0], out_pipe[1], err_fd);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  if (err_fd >= 0)
    ::close(err_fd);
  in_fd_ = in_pipe[1];
  out_fd_ = out_pipe[0];
  ::fcntl(in_fd_, F_SETFL, O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
  close_input();
  if (out_fd_ >= 0)
    ::close(out_fd_);
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

bool ChildProcess::write(std::string_view bytes, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (!bytes.empty()) {
    if (in_fd_ < 0)
      return false;
    pollfd fds[2] = {{in_fd_, POLLOUT, 0}, {out_fd_, POLLIN, 0}};
    const int left = milliseconds_left(deadline);
    if (left == 0)
      return false;
    if (::poll(fds, out_fd_ >= 0 ? 2 : 1, left) < 0 && errno != EINTR)
      return false;
    if (out_fd_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
      if (n > 0) {
        output_.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(out_fd_);
        out_fd_ = -1;
      }
    }
    if ((fds[0].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      const ssize_t n = ::write(in_fd_, bytes.data(), bytes.size());
      if (n > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(n));
      } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        return false;  // EPIPE: the child closed its input
      }
    }
  }
  return true;
}

std::size_t ChildProcess::write_without_reading(std::string_view bytes,
                                                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t written = 0;
  while (written < bytes.size() && in_fd_ >= 0) {
    pollfd fd = {in_fd_, POLLOUT, 0};
    const int left = milliseconds_left(deadline);
    if (left == 0 || (::poll(&fd, 1, left) < 0 && errno != EINTR))
      break;
    if ((fd.revents & (POLLOUT | POLLERR | POLLHUP)) == 0)
      continue;
    const ssize_t n = ::write(in_fd_, bytes.data() + written, bytes.size() - written);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
      break;
    }
  }
  return written;
}

void ChildProcess::close_output() {
  if (out_fd_ >= 0)
    ::close(out_fd_);
  out_fd_ = -1;
}

void ChildProcess::close_input() {
  if (in_fd_ >= 0)
    ::close(in_fd_);
  in_fd_ = -1;
}

bool ChildProcess::read_more(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out_fd_ >= 0) {
    pollfd fd{out_fd_, POLLIN, 0};
    const int left = milliseconds_left(deadline);
    const int ready = ::poll(&fd, 1, left);
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready <= 0)
      return false;
    char buffer[65536];
    const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
    if (n > 0) {
      output_.append(buffer, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR)
      continue;
    ::close(out_fd_);
    out_fd_ = -1;
  }
  return false;
}

std::optional<int> ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exit_code_ && pid_ > 0) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (milliseconds_left(deadline) == 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_code_;
}

std::size_t ChildProcess::peak_rss_kib() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      std::size_t kib = 0;
      status >> kib;
      return kib;
    }
    status.ignore(1 << 16, '\n');
  }
  return 0;
}

bool program_exists(std::string_view program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr)
    return false;
  std::string_view dirs = path;
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::filesystem::path dir(std::string(dirs.substr(0, colon)));
    if (::access((dir / program).c_str(), X_OK) == 0)
      return true;
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
  }
  return false;
}

}  // namespace awesome::test
