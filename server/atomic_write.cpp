#include "server/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace awesome::server {
namespace {

std::string errno_text(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0)
      return false;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

/// Fills the temporary file `fd` and gives it the mode and owner of `target`.
std::string fill_temp(int fd, std::string_view content, const struct stat& target) {
  if (!write_all(fd, content))
    return errno_text("write");
  if (::fchmod(fd, target.st_mode & 07777) != 0)
    return errno_text("chmod");
  if (target.st_uid != ::geteuid() || target.st_gid != ::getegid()) {
    // Only root (or a group member) can keep the owner; the mode is what matters most.
    [[maybe_unused]] int ignored = ::fchown(fd, target.st_uid, target.st_gid);
  }
  if (::fsync(fd) != 0)
    return errno_text("fsync");
  return {};
}

/// An unnamed file in `dir` (O_TMPFILE): a crash or kill before it gets a name leaves nothing
/// behind. -1 when the file system cannot make one.
int open_unnamed(const std::filesystem::path& dir) {
#ifdef O_TMPFILE
  return ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#else
  (void)dir;
  return -1;
#endif
}

/// Names the filled unnamed file `fd` `temp`, a fresh name beside the target; false (errno
/// set) when it cannot.
bool link_unnamed(int fd, const std::string& prefix, std::string& temp) {
  const std::string self = "/proc/self/fd/" + std::to_string(fd);
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp = prefix + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) == 0)
      return true;
    if (errno != EEXIST)
      return false;
  }
  return false;
}

/// Writes `content` to a new file beside the target and returns its name in `temp`, or an error
/// (then no file is left). Preferably an unnamed file that gets its name only once complete,
/// right before the rename, so that a kill leaves at worst a hidden complete copy, never a
/// partial one; otherwise (no O_TMPFILE or no /proc) a mkstemp file.
std::string make_temp(const std::filesystem::path& dir, const std::string& prefix,
                      std::string_view content, const struct stat& target, std::string& temp) {
  if (const int fd = open_unnamed(dir); fd >= 0) {
    std::string error = fill_temp(fd, content, target);
    const bool named = error.empty() && link_unnamed(fd, prefix, temp);
    if (::close(fd) != 0 && error.empty())
      error = errno_text("close");
    if (!error.empty() && named)
      ::unlink(temp.c_str());
    if (!error.empty() || named)
      return error;
  }
  temp = prefix + "XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return errno_text("cannot create a temporary file");
  std::string error = fill_temp(fd, content, target);
  if (::close(fd) != 0 && error.empty())
    error = errno_text("close");
  if (!error.empty())
    ::unlink(temp.c_str());
  return error;
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return;
  ::fsync(fd);  // best effort: some file systems refuse fsync on directories
  ::close(fd);
}

}  // namespace

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  const std::filesystem::path target = std::filesystem::canonical(path, ec);  // follows links
  if (ec)
    return ec.message();
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0)
    return errno_text("stat");
  if (!S_ISREG(info.st_mode))
    return "not a regular file";
  if ((info.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0) {
    return "file is read-only";
  }
  const std::filesystem::path dir = target.parent_path();
  const std::string prefix = (dir / ("." + target.filename().string() + ".awesome-ls-")).string();
  std::string temp;
  if (std::string error = make_temp(dir, prefix, content, info, temp); !error.empty())
    return error;
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    std::string error = errno_text("rename");
    ::unlink(temp.c_str());
    return error;
  }
  sync_directory(dir);
  return {};
}

}  // namespace awesome::server
