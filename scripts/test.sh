#!/usr/bin/env bash
# Sets everything up and runs all tests: the C++ suite (doctest via CTest, including the real
# binary over stdio and a headless Neovim client), the same suite under ASan + UBSan, and the
# VS Code extension's tests when its tooling is present.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-deps.sh --tests
jobs=$(nproc)

echo "== build and test (warnings as errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWESOME_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
# Warnings were enforced above; GCC's flow warnings give false positives under -fsanitize.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWESOME_WERROR=OFF \
  -DAWESOME_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

if [[ -x vscode-extension/scripts/test-all.sh ]]; then
  echo "== VS Code extension"
  AWESOME_LS_BINARY="$PWD/build/server/awesome-ls" bash vscode-extension/scripts/test-all.sh
fi
