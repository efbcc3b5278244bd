// Replacing a file's content atomically for `check --fix`: a temporary file in the same
// directory, fsync, rename, so a crash or kill leaves the old file or the new one. Keeps the file
// mode and owner; a symlink's target is replaced, not the link. The temporary file is unnamed
// (O_TMPFILE) until complete, so a kill leaves no partial copy; only a kill in the moment between
// naming and renaming leaves a hidden complete one, `.<name>.awesome-ls-<pid>-<n>`. POSIX only;
// hard links to the file are not kept (rename gives a new inode).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace awesome::server {

/// Writes `content` to `path` atomically. Returns an empty string on success, otherwise the
/// reason (without the file name); the file is then unchanged. A file without any write
/// permission bit is refused as read-only, even for root, so that `--fix` respects `chmod -w`.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace awesome::server
