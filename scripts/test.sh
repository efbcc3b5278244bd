#!/usr/bin/env bash
# Sets everything up and runs all tests: the C++ suite (doctest via CTest, including the real
# binary over stdio and a headless Neovim client), the same suite under ASan + UBSan, a short
# run of every fuzz target, and the VS Code extension's tests when its tooling is present.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-deps.sh --tests
jobs=$(nproc)
# Each phase prints the seconds since the start, so a slow one shows in the CI log.
phase() { printf '\n== [%ss] %s\n' "$SECONDS" "$*"; }

phase "build and test (warnings as errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWESOME_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

phase "build and test under AddressSanitizer + UndefinedBehaviorSanitizer (clang, -O1)"
# Warnings were enforced above. The same tree builds the libFuzzer targets (AWESOME_FUZZ=ON
# instruments it for coverage too), so the fuzz step below needs no third build.
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DAWESOME_WERROR=OFF \
  -DAWESOME_SANITIZE=address,undefined -DAWESOME_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

phase "fuzz: every libFuzzer target for 45 s, two at a time (longer: fuzz/run.sh SECONDS)"
AWESOME_FUZZ_BUILD=build-asan bash fuzz/run.sh -j 2 45

if [[ -x vscode-extension/scripts/test-all.sh ]]; then
  phase "VS Code extension"
  AWESOME_LS_BINARY="$PWD/build/server/awesome-ls" bash vscode-extension/scripts/test-all.sh
fi
phase "all tests passed"
