// Replacing a file's content atomically for `check --fix`, `add` and the arXiv cache: a temporary
// file in the same directory, fsync, rename, so a crash or kill leaves the old file or the new one.
// Keeps the file mode (setuid and setgid included), owner, extended attributes and POSIX ACLs; a
// symlink's target is replaced, not the link. The temporary file is unnamed (O_TMPFILE) until
// complete, so a kill leaves no partial copy; only a kill in the moment between naming and renaming
// leaves a hidden complete one, `.<name>.awesome-ls-<pid>-<n>`. Where O_TMPFILE is missing, the
// temporary file is named from the start; a later write to the same file removes what a killed run
// left. POSIX only; hard links to the file are not kept (rename gives a new inode). Not covered: a
// kill between the exchange of names and the last comparison, while another program writes the old
// file, loses that write (the next run removes the old file under its hidden name).
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace awesome::server {

/// What identifies a file's state: another writer changes at least one of these (and the content
/// check catches a rewrite of the same size within the clock's granularity).
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  struct timespec mtime {};
  bool operator==(const FileStamp& other) const;
};

/// The stamp of `path` (following symlinks), or nullopt when it cannot be read.
std::optional<FileStamp> stamp_file(const std::filesystem::path& path);

/// What the caller read of the file: the write is refused when the file is no longer that.
struct ReadState {
  FileStamp stamp;
  std::string_view content;
};

/// The start of the reason write_file_atomically() gives when the file changed since it was read.
inline constexpr std::string_view kChangedSinceRead = "changed since it was read";

/// The moments of a replacement, in order, at which a test may interrupt it (kill the process
/// or act as another writer).
enum class WriteStep {
  kTempCreated,   ///< the temporary file exists, empty
  kTempWritten,   ///< the content is in it, not yet synced, mode and attributes not yet copied
  kTempComplete,  ///< synced, with the target's mode, owner and attributes, and named
  kChecked,       ///< the target was found to be what was read (only with `read`)
  kExchanged,     ///< the names were exchanged, the old file not yet compared again
  kReplaced,      ///< the target has the new content; the directory not yet synced
};

/// What tests change in a replacement.
struct WriteHooks {
  /// Name the temporary file from the start instead of using O_TMPFILE, as on file systems
  /// without it.
  bool named_temp = false;
  /// Called at each step.
  std::function<void(WriteStep)> at_step;
};

/// Writes `content` to `path` atomically. Returns an empty string on success, otherwise the
/// reason (without the file name); the file is then unchanged. A file without any write
/// permission bit is refused as read-only, even for root, so that `--fix` respects `chmod -w`.
/// With `read`, the file must still be what was read, right up to the replacement: a change by
/// another program (an editor's save, `git checkout`, an append) is never overwritten. Where the
/// file system can exchange two names atomically (Linux renameat2), the replaced file is compared
/// once more after the exchange and put back if it changed in between.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const ReadState* read = nullptr, const WriteHooks& hooks = {});

}  // namespace awesome::server
