#!/usr/bin/env bash
# Sets everything up and runs all tests: the C++ suite (doctest via CTest, including the real
# binary over stdio and a headless Neovim client) under ASan + UBSan, a short run of every fuzz
# target, the VS Code extension's tests (unit and end to end in code-server), the release
# packages (tests/packaging/run.sh), and the code's layout and static analysis (scripts/lint.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-deps.sh --tests
jobs=$(nproc)
# Each phase prints the seconds since the start, so a slow one shows in the CI log.
phase() { printf '\n== [%ss] %s\n' "$SECONDS" "$*"; }

phase "build awesome-ls with GCC (warnings as errors, portable)"
# The optimized binary the editor and packaging tests below run. The test suite itself is built
# once, in the sanitizer tree: two full builds of it would not fit a CI budget on two cores.
# -O2 without debug info: GCC 12 at -O3 reports false -Wmaybe-uninitialized inside libstdc++.
# AWESOME_PORTABLE links libstdc++, libgcc and RE2 statically: this is the binary the release
# artefacts ship, so the packaging tests check the very build the other tests ran.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" \
  -DAWESOME_WERROR=ON -DAWESOME_BUILD_TESTS=OFF -DAWESOME_PORTABLE=ON >/dev/null
cmake --build build -j"$jobs" --target awesome-ls

phase "build and run every test under AddressSanitizer + UndefinedBehaviorSanitizer (clang, warnings as errors)"
# The same tree builds the libFuzzer targets (AWESOME_FUZZ=ON instruments it for coverage
# too), so the fuzz step below needs no third build.
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DAWESOME_WERROR=ON \
  -DAWESOME_SANITIZE=address,undefined -DAWESOME_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

phase "lint in the background (scripts/lint.sh: .clang-format, .clang-tidy), while fuzz, editor and packaging tests run"
# clang-tidy reads the GCC tree's compile commands (rules/, server/, protocol/ are all in it).
# Started before the fuzz step: fuzzing runs for a fixed time, so lint beside it costs the
# fuzzers some executions but the run no wall-clock time.
bash scripts/lint.sh build >build/lint.log 2>&1 &
lint_pid=$!

phase "fuzz: every libFuzzer target for 30 s, two at a time (longer: fuzz/run.sh SECONDS)"
AWESOME_FUZZ_BUILD=build-asan bash fuzz/run.sh -j 2 30

if [[ -x vscode-extension/scripts/test-all.sh ]]; then
  phase "VS Code extension"
  AWESOME_LS_BINARY="$PWD/build/server/awesome-ls" bash vscode-extension/scripts/test-all.sh
fi
phase "release packages from the GCC build: .deb with apt, archive, npm with npx, pre-commit hooks"
# After the extension's tests, whose npm ci the .vsix packaging reuses.
bash tests/packaging/run.sh build/server/awesome-ls
phase "lint"
if ! wait "$lint_pid"; then
  cat build/lint.log
  exit 1
fi
cat build/lint.log
phase "all tests passed"
