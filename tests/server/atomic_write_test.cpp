#include "server/atomic_write.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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
