#!/usr/bin/env bash
# Runs every libFuzzer target (ASan + UBSan, clang) for SECONDS each, JOBS targets at a time, on
# a temporary copy of fuzz/seeds/ plus the three whole lists. Exits 1 when a target crashed and
# prints where the crash input is; copy it to tests/fixtures/fuzz-regressions/<target>/ to make
# it a regression test (the test suite replays that folder).
#   fuzz/run.sh [-j JOBS] [SECONDS_PER_TARGET] [TARGET...]     (defaults: -j 1, 60 s, all four)
# The targets come from AWESOME_FUZZ_BUILD, an already configured tree with AWESOME_FUZZ=ON
# (scripts/test.sh passes its sanitizer tree); without it, build-fuzz/ is configured here.
# For long campaigns, keep a corpus between runs: AWESOME_FUZZ_CORPUS=DIR.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=1
if [[ ${1:-} == -j ]]; then
  jobs=$2
  shift 2
fi
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_rules fuzz_incremental fuzz_fix fuzz_framing)

build=${AWESOME_FUZZ_BUILD:-}
if [[ -z $build ]]; then
  build=build-fuzz
  CC=clang CXX=clang++ cmake -S . -B "$build" -DAWESOME_FUZZ=ON -DAWESOME_BUILD_TESTS=OFF \
    -DAWESOME_SANITIZE=address,undefined >/dev/null || exit 2
fi
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/awesome-fuzz.XXXXXX")
corpus=${AWESOME_FUZZ_CORPUS:-$work/corpus}
mkdir -p "$corpus"
cp -rn fuzz/seeds/. "$corpus/"
fuzz/make-seeds.sh --lists "$corpus" || exit 2
echo "work directory: $work, corpus: $corpus"

run_target() {
  local t=$1 max_len=200000
  [[ $t == fuzz_framing ]] && max_len=65536
  mkdir -p "$corpus/$t" "$work/artifacts/$t"
  # -malloc_limit_mb catches a single huge allocation (e.g. trusting a Content-Length).
  "$build/fuzz/$t" "$corpus/$t" -max_total_time="$seconds" -max_len="$max_len" \
    -rss_limit_mb=4096 -malloc_limit_mb=512 -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$t/" >"$work/$t.log" 2>&1
  echo $? >"$work/$t.status"
}

failed=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  batch=("${targets[@]:i:jobs}")
  echo "== ${batch[*]}: ${seconds}s each"
  for t in "${batch[@]}"; do run_target "$t" & done
  wait
  for t in "${batch[@]}"; do
    echo "   $t: $(grep -E '^Done [0-9]+ runs' "$work/$t.log" || echo 'no final line')"
    if [[ $(cat "$work/$t.status") -ne 0 ]]; then
      failed=1
      echo "   $t CRASHED (exit $(cat "$work/$t.status")), log: $work/$t.log"
      tail -n 30 "$work/$t.log" | sed 's/^/     /'
      for a in "$work/artifacts/$t"/*; do [[ -e $a ]] && echo "   input: $a"; done
    fi
  done
done
[[ $failed -eq 0 ]] && echo "no crashes" || echo "some targets crashed (see above)"
exit "$failed"
