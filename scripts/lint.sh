#!/usr/bin/env bash
# Checks the C++ sources against the repository's own rules: the layout of .clang-format (every
# tracked .cpp and .hpp) and the checks of .clang-tidy (the sources of rules/, server/ and
# protocol/, and the headers they include from there).
#   scripts/lint.sh BUILD_DIR
# BUILD_DIR is a configured and built tree (its compile_commands.json and generated files are
# read). Exits non-zero, naming the file and line, on the first kind of problem found.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/lint.sh BUILD_DIR}

mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
echo "clang-format: ${#sources[@]} files"
clang-format --dry-run -Werror "${sources[@]}"

mapfile -t units < <(git ls-files 'rules/*.cpp' 'server/*.cpp' 'protocol/*.cpp')
echo "clang-tidy: ${#units[@]} translation units"
run-clang-tidy -quiet -p "$build" -j "$(nproc)" -warnings-as-errors='*' \
  -header-filter="$PWD/(rules|server|protocol)/" "${units[@]/#/$PWD/}" >"$build/clang-tidy.log" 2>&1 ||
  {
    grep -E 'warning:|error:' "$build/clang-tidy.log" | sort -u
    echo "clang-tidy found the problems above (full log: $build/clang-tidy.log)"
    exit 1
  }
echo "lint: clean"
