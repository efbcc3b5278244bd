#!/usr/bin/env bash
# The main job: set up, build awesome-ls, and check a bundled real list
# (Awesome Trustworthy Deep Learning, 2021 edition) the way a pre-commit hook would.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DAWESOME_BUILD_TESTS=OFF >/dev/null
cmake --build build-release -j"$(nproc)" --target awesome-ls

status=0
./build-release/server/awesome-ls check tests/corpus/trustworthy-2021.md || status=$?
case $status in
  0) echo "The list has no error-level findings." ;;
  1) echo "awesome-ls check exited 1: the list has error-level findings (shown above)." ;;
  *) echo "awesome-ls check failed with exit code $status" >&2; exit "$status" ;;
esac
