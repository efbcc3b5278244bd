#include "server/common/atomic_write.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "temp_dir.hpp"

namespace awesome::server {
namespace fs = std::filesystem;
namespace {

using awesome::test::TempDir;

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("write_file_atomically replaces content, keeps the mode, leaves no temp file") {
  TempDir dir;
  const auto file = dir.path / "list.md";
  awesome::test::write_bytes(file, "old\n");
  ::chmod(file.c_str(), 0640);
  CHECK(write_file_atomically(file, "new\r\ncontent") == "");
  CHECK(awesome::test::read_bytes(file) == "new\r\ncontent");
  CHECK(mode_of(file) == 0640);
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("write_file_atomically writes through a symlink and keeps the link") {
  TempDir dir;
  fs::create_directory(dir.path / "real");
  const auto target = dir.path / "real" / "list.md";
  const auto link = dir.path / "link.md";
  awesome::test::write_bytes(target, "old\n");
  fs::create_symlink("real/list.md", link);
  CHECK(write_file_atomically(link, "new\n") == "");
  CHECK(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == "real/list.md");
  CHECK(awesome::test::read_bytes(target) == "new\n");
}

TEST_CASE("write_file_atomically refuses read-only and missing files without touching them") {
  TempDir dir;
  const auto file = dir.path / "ro.md";
  awesome::test::write_bytes(file, "keep\n");
  ::chmod(file.c_str(), 0444);
  CHECK(write_file_atomically(file, "changed\n") == "file is read-only");
  CHECK(awesome::test::read_bytes(file) == "keep\n");
  CHECK(mode_of(file) == 0444);
  CHECK(write_file_atomically(dir.path / "missing.md", "x") != "");
  CHECK_FALSE(fs::exists(dir.path / "missing.md"));
  CHECK(write_file_atomically(dir.path, "x") == "not a regular file");
}

}  // namespace awesome::server

namespace awesome::server {

TEST_CASE("write_file_atomically never overwrites a change made since the file was read") {
  TempDir dir;
  const auto file = dir.path / "list.md";
  awesome::test::write_bytes(file, "as read\n");
  const std::string read = "as read\n";
  const ReadState state{*stamp_file(file), read};

  SUBCASE("unchanged: written") {
    CHECK(write_file_atomically(file, "fixed\n", &state) == "");
    CHECK(awesome::test::read_bytes(file) == "fixed\n");
  }
  SUBCASE("appended to") {
    std::ofstream(file, std::ios::app) << "a line another writer added\n";
    CHECK(write_file_atomically(file, "fixed\n", &state).starts_with(kChangedSinceRead));
    CHECK(awesome::test::read_bytes(file) == "as read\na line another writer added\n");
  }
  SUBCASE("rewritten with the same size and modification time") {
    awesome::test::write_bytes(file, "AS READ\n");
    const struct timespec times[2] = {state.stamp.mtime, state.stamp.mtime};
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
    REQUIRE(*stamp_file(file) == state.stamp);  // only the content tells
    CHECK(write_file_atomically(file, "fixed\n", &state).starts_with(kChangedSinceRead));
    CHECK(awesome::test::read_bytes(file) == "AS READ\n");
  }
  SUBCASE("replaced by a rename, as editors save") {
    awesome::test::write_bytes(dir.path / "saved", "as read\n");
    fs::rename(dir.path / "saved", file);
    CHECK(write_file_atomically(file, "fixed\n", &state).starts_with(kChangedSinceRead));
    CHECK(awesome::test::read_bytes(file) == "as read\n");
  }
  // Nothing is left beside the file either way.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("write_file_atomically keeps extended attributes and POSIX ACLs") {
  TempDir dir;
  const auto file = dir.path / "list.md";
  awesome::test::write_bytes(file, "old\n");
  REQUIRE(::setxattr(file.c_str(), "user.origin", "curated", 7, 0) == 0);
  // An ACL that lets user 65534 read and the owning group nothing: the on-disk form is a
  // version (2), then (tag, permissions, id) entries sorted by tag.
  struct AclEntry {
    std::uint16_t tag, perm;
    std::uint32_t id;
  };
  const AclEntry entries[] = {{0x01, 6, UINT32_MAX},   // owner rw-
                              {0x02, 4, 65534},        // user 65534 r--
                              {0x04, 0, UINT32_MAX},   // owning group ---
                              {0x10, 4, UINT32_MAX},   // mask r--
                              {0x20, 0, UINT32_MAX}};  // others ---
  std::string acl(4, '\0');
  const std::uint32_t version = 2;
  std::memcpy(acl.data(), &version, 4);
  for (const auto& e : entries) {
    char raw[8];
    std::memcpy(raw, &e.tag, 2);
    std::memcpy(raw + 2, &e.perm, 2);
    std::memcpy(raw + 4, &e.id, 4);
    acl.append(raw, 8);
  }
  REQUIRE(::setxattr(file.c_str(), "system.posix_acl_access", acl.data(), acl.size(), 0) == 0);
  const unsigned mode = mode_of(file);

  CHECK(write_file_atomically(file, "new\n") == "");
  CHECK(awesome::test::read_bytes(file) == "new\n");
  char value[64] = {};
  CHECK(::getxattr(file.c_str(), "user.origin", value, sizeof value) == 7);
  CHECK(std::string_view(value, 7) == "curated");
  std::string kept(acl.size() + 16, '\0');
  const ssize_t size =
      ::getxattr(file.c_str(), "system.posix_acl_access", kept.data(), kept.size());
  REQUIRE(size >= 0);
  kept.resize(static_cast<std::size_t>(size));
  CHECK(kept == acl);
  CHECK(mode_of(file) == mode);
}

TEST_CASE("write_file_atomically keeps setuid and setgid when it keeps another owner") {
  if (::geteuid() != 0) {
    MESSAGE("needs root to own a file as another user; the test command runs as root");
    return;
  }
  TempDir dir;
  const auto file = dir.path / "tool.md";
  awesome::test::write_bytes(file, "old\n");
  REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
  REQUIRE(::chmod(file.c_str(), 06755) == 0);
  CHECK(write_file_atomically(file, "new\n") == "");
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK(info.st_uid == 65534);
  CHECK(info.st_gid == 65534);
  CHECK((info.st_mode & 07777) == 06755);
}

TEST_CASE("write_file_atomically removes what a killed run left, and nothing of a live one") {
  TempDir dir;
  const auto file = dir.path / "list.md";
  awesome::test::write_bytes(file, "old\n");
  const pid_t child = ::fork();
  if (child == 0)
    ::_exit(0);
  REQUIRE(child > 0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);  // its pid now names no process
  const auto dead = dir.path / (".list.md.awesome-ls-" + std::to_string(child) + "-Ab12Cd");
  const auto live = dir.path / (".list.md.awesome-ls-" + std::to_string(::getpid()) + "-Xy34Zw");
  const auto other = dir.path / ".other.md.awesome-ls-1-Ab12Cd";
  for (const auto& f : {dead, live, other}) awesome::test::write_bytes(f, "partial");
  CHECK(write_file_atomically(file, "new\n") == "");
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
}

}  // namespace awesome::server

namespace awesome::server {
namespace {

constexpr WriteStep kSteps[] = {WriteStep::kTempCreated,  WriteStep::kTempWritten,
                                WriteStep::kTempComplete, WriteStep::kChecked,
                                WriteStep::kExchanged,    WriteStep::kReplaced};

/// What another program does to the list at one step of a replacement.
enum class Other { kKill, kAppend, kSaveByRename, kRewriteSameSize };

std::size_t files_in(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

const std::string kOldText = "# List\n\n- old entry\n";
const std::string kNewText = "# List\n\n- fixed entry, longer\n";
const std::string kAppended = "- a line another program added\n";
const std::string kSaved = "# List\n\n- saved by an editor\n";
const std::string kRewritten = "# LIST\n\n- OLD ENTRY\n";  // same size as kOldText

/// What another program (or the kernel, for kKill) does to `file` in `dir`.
void interfere(Other other, const fs::path& dir, const fs::path& file) {
  switch (other) {
    case Other::kKill:
      ::raise(SIGKILL);
      break;
    case Other::kAppend:
      std::ofstream(file, std::ios::app) << kAppended;
      break;
    case Other::kSaveByRename:
      awesome::test::write_bytes(dir / "editor-save", kSaved);
      fs::rename(dir / "editor-save", file);
      break;
    case Other::kRewriteSameSize:
      std::ofstream(file, std::ios::in | std::ios::out | std::ios::binary) << kRewritten;
      break;
  }
}

/// The write killed at `step` (in a child process): the file holds the old text or the new
/// one, keeps its mode, and the next run removes whatever the killed one left.
void check_killed(WriteStep step, const fs::path& dir, const fs::path& file, const ReadState& read,
                  const WriteHooks& hooks) {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    write_file_atomically(file, kNewText, &read, hooks);
    ::_exit(0);  // only when the step was never reached
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  const std::string now = awesome::test::read_bytes(file);
  CHECK((now == kOldText || now == kNewText));
  // Once the names are exchanged the new text is in place; the old file, left under the
  // temporary name, is removed by the next run.
  CHECK(now == (step >= WriteStep::kExchanged ? kNewText : kOldText));
  CHECK(mode_of(file) == 0640);
  // The next run removes whatever the killed one left.
  CHECK(write_file_atomically(file, "next\n").empty());
  CHECK(files_in(dir) == 1);
}

/// The write with another program writing the file at `step`: a change before the
/// replacement makes the write refused; one after it went to the new file. Either way the
/// change is there.
void check_interfered(WriteStep step, Other other, const fs::path& dir, const fs::path& file,
                      const ReadState& read, const WriteHooks& hooks, const bool& acted) {
  const std::string error = write_file_atomically(file, kNewText, &read, hooks);
  REQUIRE(acted);
  const std::string now = awesome::test::read_bytes(file);
  const bool refused = step < WriteStep::kExchanged;
  CHECK(error.empty() == !refused);
  if (refused)
    CHECK(error.starts_with(kChangedSinceRead));
  const std::string& base = refused ? kOldText : kNewText;
  switch (other) {
    case Other::kAppend:
      CHECK(now == base + kAppended);
      break;
    case Other::kSaveByRename:
      CHECK(now == kSaved);
      break;
    default:
      CHECK(now == (refused ? kRewritten : kRewritten + kNewText.substr(kRewritten.size())));
      break;
  }
  CHECK(files_in(dir) == 1);
}

}  // namespace

TEST_CASE("write_file_atomically that nothing interrupts passes every step, in order") {
  TempDir dir;
  const auto file = dir.path / "list.md";
  awesome::test::write_bytes(file, kOldText);
  const ReadState read{*stamp_file(file), kOldText};
  std::vector<WriteStep> seen;
  CHECK(write_file_atomically(
            file, kNewText, &read,
            {.named_temp = false, .at_step = [&](WriteStep s) { seen.push_back(s); }})
            .empty());
  CHECK(seen == std::vector<WriteStep>(std::begin(kSteps), std::end(kSteps)));
}

// The replacement interrupted at each of its steps, in both ways of making the temporary file:
// the process killed there, or another program writing the file there. Afterwards the file
// holds the old text or the new one when killed, and the other program's change whenever it
// wrote; nothing is left beside it that the next run does not remove.
TEST_CASE("write_file_atomically interrupted at every step loses nothing") {
  for (const bool named_temp : {false, true}) {
    for (const WriteStep step : kSteps) {
      for (const Other other :
           {Other::kKill, Other::kAppend, Other::kSaveByRename, Other::kRewriteSameSize}) {
        CAPTURE(named_temp);
        CAPTURE(static_cast<int>(step));
        CAPTURE(static_cast<int>(other));
        TempDir dir;
        const auto file = dir.path / "list.md";
        awesome::test::write_bytes(file, kOldText);
        ::chmod(file.c_str(), 0640);
        const ReadState read{*stamp_file(file), kOldText};
        bool acted = false;
        const auto act = [&](WriteStep at) {
          if (at != step || acted)
            return;
          acted = true;
          interfere(other, dir.path, file);
        };
        const WriteHooks hooks{.named_temp = named_temp, .at_step = act};
        if (other == Other::kKill)
          check_killed(step, dir.path, file, read, hooks);
        else
          check_interfered(step, other, dir.path, file, read, hooks, acted);
      }
    }
  }
}

}  // namespace awesome::server
