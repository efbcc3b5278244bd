#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each one, one
# after the other, for SECONDS_PER_TARGET (default 60) on a temporary copy of fuzz/seeds/ plus
# the three whole lists. Exits 1 when a target crashed and prints where the crash input is;
# copy it to tests/fixtures/fuzz-regressions/<target>/ to make it a regression test.
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_rules fuzz_incremental fuzz_fix fuzz_framing)
build=${AWESOME_FUZZ_BUILD:-build-fuzz}

CC=clang CXX=clang++ cmake -S . -B "$build" -DAWESOME_FUZZ=ON -DAWESOME_BUILD_TESTS=OFF \
  -DAWESOME_SANITIZE=address,undefined >/dev/null || exit 2
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/awesome-fuzz.XXXXXX")
cp -r fuzz/seeds "$work/corpus"
fuzz/make-seeds.sh --lists "$work/corpus" || exit 2
echo "work directory: $work"

failed=0
for t in "${targets[@]}"; do
  case $t in
    fuzz_framing) max_len=65536 ;;
    *) max_len=200000 ;;
  esac
  mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
  log="$work/$t.log"
  echo "== $t: ${seconds}s, -max_len=$max_len"
  # -malloc_limit_mb catches a single huge allocation (e.g. trusting a Content-Length).
  "$build/fuzz/$t" "$work/corpus/$t" -max_total_time="$seconds" -max_len="$max_len" \
    -rss_limit_mb=4096 -malloc_limit_mb=512 -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$t/" >"$log" 2>&1
  status=$?
  grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "$log" |
    sed 's/^/   /'
  if [[ $status -ne 0 ]]; then
    failed=1
    echo "   CRASH (exit $status), log: $log"
    for a in "$work/artifacts/$t"/*; do [[ -e $a ]] && echo "   input: $a"; done
  fi
done
[[ $failed -eq 0 ]] && echo "no crashes" || echo "some targets crashed (see above)"
exit "$failed"
