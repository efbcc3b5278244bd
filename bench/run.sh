#!/usr/bin/env bash
# Builds awesome-ls and awesome_bench (Release), runs every benchmark and prints one Markdown
# table. `--update-readme` also writes the table between the bench markers of README.md.
# Environment: AWESOME_BENCH_BUILD (build dir, default build-bench), BENCH_RUNS (whole-process
# runs per tool, default 3), BENCH_TIMEOUT (seconds per competitor run, default 120),
# BENCH_KEYSTROKES (edits per list, default 1000), BENCH_KEYSTROKES_10MB (default the same).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${AWESOME_BENCH_BUILD:-$root/build-bench}"
runs="${BENCH_RUNS:-3}"
limit="${BENCH_TIMEOUT:-120}"
keystrokes="${BENCH_KEYSTROKES:-1000}"
keystrokes_10mb="${BENCH_KEYSTROKES_10MB:-$keystrokes}"
update_readme=0
for arg in "$@"; do
  case "$arg" in
    --update-readme) update_readme=1 ;;
    *) echo "usage: bench/run.sh [--update-readme]" >&2; exit 2 ;;
  esac
done

log() { echo "bench: $*" >&2; }

log "building in $build (Release)"
# AWESOME_PORTABLE: the binary the release artefacts ship (statically linked but for glibc).
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DAWESOME_BUILD_BENCH=ON \
  -DAWESOME_BUILD_TESTS=OFF -DAWESOME_PORTABLE=ON >/dev/null
cmake --build "$build" -j2 --target awesome-ls awesome_bench >/dev/null
server="$build/server/awesome-ls"
bench="$build/bench/awesome_bench"

work="$build/bench/workloads"
mkdir -p "$work"
cp "$root/tests/corpus/trustworthy-2021.md" "$work/2021.md"
cp "$root/tests/corpus/trustworthy-2026-readme.md" "$work/readme.md"
cp "$root/tests/corpus/trustworthy-2026-full.md" "$work/full.md"
"$bench" synth "$work/full.md" "$work/synth10.md" 10
# Ten plain copies of the full list: every entry a duplicate nine times, as after a bad merge.
for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$work/full.md"; done >"$work/copies10.md"
lists=(2021 readme full synth10)

competitors=1
if [[ ! -x "$root/bench/node_modules/.bin/awesome-lint" ||
      ! -x "$root/bench/node_modules/.bin/markdownlint-cli2" ]]; then
  log "installing awesome-lint and markdownlint-cli2 into bench/node_modules"
  (cd "$root/bench" && timeout 600 npm ci --no-audit --no-fund >/dev/null 2>&1) || competitors=0
fi
[[ $competitors == 1 ]] || log "npm install failed: competitors not measured"

results="$build/bench/results.txt"
: >"$results"

log "engine, in-process"
for w in "${lists[@]}"; do
  keys=0
  [[ $w == full ]] && keys=$keystrokes
  [[ $w == synth10 ]] && keys=$keystrokes_10mb
  "$bench" engine "$w" "$work/$w.md" --runs 9 --keystrokes "$keys" --seed 42 >>"$results"
done

log "server over stdio: keystrokes (push and pull), memory"
for w in full synth10; do
  keys=$keystrokes
  [[ $w == synth10 ]] && keys=$keystrokes_10mb
  "$bench" lsp "$w" "$server" --file "$work/$w.md" --keystrokes "$keys" --seed 42 >>"$results"
  "$bench" lsp "$w" "$server" --file "$work/$w.md" --keystrokes "$keys" --seed 42 --pull |
    grep -v -e documentSymbol -e completion -e open_ms >>"$results"
done

log "server over stdio: keystrokes on ten plain copies"
"$bench" lsp copies10 "$server" --file "$work/copies10.md" --keystrokes 200 --seed 42 |
  grep -e push_key -e push_bytes >>"$results"

log "server over stdio: edit traces"
"$bench" lsp trace_readme "$server" --trace "$root/tests/corpus/trace-readme-history.jsonl" \
  --pull | grep trace_ >>"$results"
"$bench" lsp trace_full "$server" --trace "$root/tests/corpus/trace-full-history.jsonl" \
  --pull | grep trace_ >>"$results"

# Whole-process wall time in ms, or "timeout" / "failed"; exit status 1 (findings) is success.
# Measured by awesome_bench around the process itself: no shell, `date` or `timeout` fork in it.
wall_ms() { "$bench" wall --timeout-ms "$((limit * 1000))" -- "$@"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

log "whole-process check vs competitors ($runs runs each, interleaved)"
bin="$root/bench/node_modules/.bin"
tools=(awesome_ls)
[[ $competitors == 1 ]] && tools+=(awesome_lint markdownlint)
for w in "${lists[@]}"; do
  declare -A times=() stop=()
  for ((r = 0; r < runs; r++)); do
    for tool in "${tools[@]}"; do
      [[ -n ${stop[$tool]:-} ]] && continue
      case $tool in
        awesome_ls) t=$(cd "$work" && wall_ms "$server" check "$w.md") ;;
        awesome_lint) t=$(cd "$work" && wall_ms "$bin/awesome-lint" "$w.md") ;;
        markdownlint) t=$(cd "$work" && wall_ms "$bin/markdownlint-cli2" "$w.md") ;;
      esac
      if [[ $t =~ ^[0-9]+(\.[0-9]+)?$ ]]; then times[$tool]+=" $t"; else stop[$tool]=$t; fi
    done
  done
  for tool in "${tools[@]}"; do
    if [[ -n ${stop[$tool]:-} ]]; then
      echo "$w.check_${tool}_ms=${stop[$tool]}" >>"$results"
    else
      # shellcheck disable=SC2086
      echo "$w.check_${tool}_ms=$(median ${times[$tool]})" >>"$results"
    fi
  done
  unset times stop
done

if [[ $competitors == 1 ]]; then
  log "LSP latency through one Node client: awesome-ls and vscode-markdown-languageserver"
  for w in 2021 readme full; do
    node "$root/bench/lsp_compare.mjs" "$w" "$work/$w.md" "$server" 20 >>"$results" ||
      log "lsp_compare.mjs failed on $w"
  done
fi

table="$("$bench" report "$results")"
echo "$table"

if [[ $update_readme == 1 ]]; then
  readme="$root/README.md"
  block="$(mktemp)"
  {
    echo "<!-- bench:begin -->"
    echo "Measured by \`bench/run.sh\` on $(nproc) cores ($(uname -m)); medians, µs unless noted."
    echo
    echo "$table"
    echo "<!-- bench:end -->"
  } >"$block"
  awk -v block="$block" '
    /<!-- bench:begin -->/ { while ((getline line < block) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0; next }
    !skip { print }' "$readme" >"$readme.tmp"
  mv "$readme.tmp" "$readme"
  rm -f "$block"
  log "README.md updated"
fi
