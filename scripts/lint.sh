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
# run-clang-tidy 14 has no -warnings-as-errors: any warning in the log fails the check.
log="$build/clang-tidy.log"
if ! run-clang-tidy -quiet -p "$build" -j "$(nproc)" -header-filter="$PWD/(rules|server|protocol)/" \
  "${units[@]/#/$PWD/}" >"$log" 2>&1; then
  tail -20 "$log"
  echo "clang-tidy failed (full log: $log)"
  exit 1
fi
if grep -qE '(warning|error): ' "$log"; then
  grep -E '(warning|error): ' "$log" | sort -u
  echo "clang-tidy found the problems above (full log: $log)"
  exit 1
fi
echo "lint: clean"
