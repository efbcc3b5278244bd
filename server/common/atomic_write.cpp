#include "server/common/atomic_write.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace awesome::server {
namespace {

void reach(const WriteHooks& hooks, WriteStep step) {
  if (hooks.at_step)
    hooks.at_step(step);
}

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

/// Gives the temporary file `fd` the extended attributes of `target` (POSIX ACLs are the
/// `system.posix_acl_*` ones); an error when one cannot be kept, so that the file is not
/// replaced by one that lost an ACL that denied someone access.
std::string copy_xattrs(const std::filesystem::path& target, int fd) {
  ssize_t size = ::listxattr(target.c_str(), nullptr, 0);
  if (size < 0)
    return errno == ENOTSUP ? std::string() : errno_text("listxattr");
  std::vector<char> names(static_cast<std::size_t>(size));
  size = ::listxattr(target.c_str(), names.data(), names.size());
  if (size < 0)
    return errno_text("listxattr");
  std::vector<char> value;
  for (std::size_t at = 0; at < static_cast<std::size_t>(size);) {
    const std::string name(names.data() + at);
    at += name.size() + 1;
    const ssize_t length = ::getxattr(target.c_str(), name.c_str(), nullptr, 0);
    if (length < 0)
      return errno_text(("getxattr " + name).c_str());
    value.resize(static_cast<std::size_t>(length));
    const ssize_t got = ::getxattr(target.c_str(), name.c_str(), value.data(), value.size());
    if (got < 0)
      return errno_text(("getxattr " + name).c_str());
    if (::fsetxattr(fd, name.c_str(), value.data(), static_cast<std::size_t>(got), 0) != 0)
      return errno_text(("cannot keep the extended attribute " + name).c_str());
  }
  return {};
}

/// Fills the temporary file `fd` and gives it the owner, mode, extended attributes and ACLs of
/// `target`.
std::string fill_temp(int fd, std::string_view content, const std::filesystem::path& target,
                      const struct stat& info, const WriteHooks& hooks) {
  reach(hooks, WriteStep::kTempCreated);
  if (!write_all(fd, content))
    return errno_text("write");
  reach(hooks, WriteStep::kTempWritten);
  if (info.st_uid != ::geteuid() || info.st_gid != ::getegid()) {
    // Only root (or a group member) can keep the owner; the mode is what matters most.
    [[maybe_unused]] int ignored = ::fchown(fd, info.st_uid, info.st_gid);
  }
  // After fchown, which clears the setuid and setgid bits.
  if (::fchmod(fd, info.st_mode & 07777) != 0)
    return errno_text("chmod");
  if (std::string error = copy_xattrs(target, fd); !error.empty())
    return error;
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
                      std::string_view content, const std::filesystem::path& target,
                      const struct stat& info, const WriteHooks& hooks, std::string& temp) {
  if (const int fd = hooks.named_temp ? -1 : open_unnamed(dir); fd >= 0) {
    std::string error = fill_temp(fd, content, target, info, hooks);
    const bool named = error.empty() && link_unnamed(fd, prefix, temp);
    if (::close(fd) != 0 && error.empty())
      error = errno_text("close");
    if (!error.empty() && named)
      ::unlink(temp.c_str());
    if (!error.empty() || named)
      return error;
  }
  // Named from the start, with the pid, so that a later run removes it if this one is killed.
  temp = prefix + std::to_string(::getpid()) + "-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return errno_text("cannot create a temporary file");
  std::string error = fill_temp(fd, content, target, info, hooks);
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

/// Removes the temporary files `.<name>.awesome-ls-<pid>-...` that a killed run left beside
/// the target: those whose process no longer exists.
void remove_stale_temps(const std::filesystem::path& dir, const std::string& name_prefix) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(name_prefix))
      continue;
    const std::string rest = name.substr(name_prefix.size());
    const std::size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789") != dash) {
      continue;
    }
    const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      std::filesystem::remove(entry.path(), ec);
  }
}

FileStamp stamp_of(const struct stat& info) {
  return {info.st_dev, info.st_ino, info.st_size, info.st_mtim};
}

/// Whether the file at `path` is still what was read: the same stamp and the same bytes.
bool same_as_read(const std::filesystem::path& path, const ReadState& read) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !(stamp_of(info) == read.stamp))
    return false;
  std::ifstream in(path, std::ios::binary);
  std::string now(read.content.size() + 1, '\0');
  in.read(now.data(), static_cast<std::streamsize>(now.size()));
  return !in.bad() && static_cast<std::size_t>(in.gcount()) == read.content.size() &&
         std::string_view(now.data(), read.content.size()) == read.content;
}

/// Exchanges two names atomically; false with errno set, EINVAL or ENOSYS where the file
/// system or the kernel cannot.
bool exchange_names(const std::string& a, const std::string& b) {
#if defined(RENAME_EXCHANGE)
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
  errno = ENOSYS;
  return false;
#endif
}

std::string changed_error() {
  return std::string(kChangedSinceRead) + " (by another program?); the fixes were not written";
}

}  // namespace

bool FileStamp::operator==(const FileStamp& o) const {
  return device == o.device && inode == o.inode && size == o.size &&
         mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec;
}

std::optional<FileStamp> stamp_file(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    return std::nullopt;
  return stamp_of(info);
}

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const ReadState* read, const WriteHooks& hooks) {
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
  const std::string name_prefix = "." + target.filename().string() + ".awesome-ls-";
  remove_stale_temps(dir, name_prefix);
  const std::string prefix = (dir / name_prefix).string();
  std::string temp;
  if (std::string error = make_temp(dir, prefix, content, target, info, hooks, temp);
      !error.empty()) {
    return error;
  }
  reach(hooks, WriteStep::kTempComplete);
  if (read != nullptr) {
    if (!same_as_read(target, *read)) {
      ::unlink(temp.c_str());
      return changed_error();
    }
    reach(hooks, WriteStep::kChecked);
    if (exchange_names(temp, target.string())) {
      reach(hooks, WriteStep::kExchanged);
      // The old file is now at `temp`: one more look closes the moment since the check above.
      if (!same_as_read(temp, *read)) {
        if (!exchange_names(temp, target.string())) {
          return errno_text(
              ("the file changed while being replaced; its new content is in " + temp + ", and")
                  .c_str());
        }
        ::unlink(temp.c_str());
        return changed_error();
      }
      ::unlink(temp.c_str());
      reach(hooks, WriteStep::kReplaced);
      sync_directory(dir);
      return {};
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
      std::string error = errno_text("rename");
      ::unlink(temp.c_str());
      return error;
    }
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    std::string error = errno_text("rename");
    ::unlink(temp.c_str());
    return error;
  }
  reach(hooks, WriteStep::kReplaced);
  sync_directory(dir);
  return {};
}

}  // namespace awesome::server
