#!/usr/bin/env bash
# Tests the release artefacts the way a contributor without a compiler uses them:
#   bash tests/packaging/run.sh BINARY
# BINARY is a portable build (-DAWESOME_PORTABLE=ON; scripts/test.sh passes its GCC build).
# scripts/package.sh packages it (no compiling); then: the binary needs only glibc, whose
# minimum version the docs and the .deb's Depends state; the .deb is installed with apt, run,
# its man page looked up, and removed; the archive is unpacked into an empty folder and run;
# the npm tarballs are installed offline into an empty project and run with npx (same output
# as the binary, a clear message without the platform package, signals passed on); the
# pre-commit hooks (installed binary and npm) block real commits of a defect on a real list;
# the GitHub workflows parse and run only commands tested here. Needs root (apt).
set -euo pipefail

if [[ $# -ne 1 || ! -x "$1" ]]; then
  echo "usage: bash tests/packaging/run.sh BINARY (a build with -DAWESOME_PORTABLE=ON)" >&2
  exit 2
fi
binary=$(realpath "$1")
cd "$(dirname "$0")/../.."
root=$PWD
bash scripts/setup-deps.sh --package-tests

tmp=$(mktemp -d)
deb_installed_here=0
cleanup() {
  if ((deb_installed_here)); then apt-get remove -y -qq awesome-ls >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
step() { printf -- '-- [%ss] %s\n' "$SECONDS" "$*"; }
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
expect_eq() { # what expected actual
  [[ "$2" == "$3" ]] || fail "$1: expected '$2', got '$3'"
}
# Runs a command, records its stdout and exit status in $tmp/<name>.out and $tmp/<name>.status.
record() {
  local name=$1
  shift
  local status=0
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
  echo "$status" >"$tmp/$name.status"
}

version=$(sed -n 's/^project(awesome_ls VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
list=tests/corpus/trustworthy-2021.md # a real list, 2021 dialect
# What the built binary says about the list: every artefact must say the same.
record reference "$binary" check "$list"
expect_eq "the built binary's check exit status (error-level findings)" 1 "$(cat "$tmp/reference.status")"
grep -q "^$list:[0-9]*:[0-9]*: error: " "$tmp/reference.out" || fail "the built binary reports no error on $list"

step "scripts/package.sh"
out=$tmp/dist
bash scripts/package.sh "$out" "$binary" | tee "$tmp/package.log"
deb=$out/awesome-ls_${version}_amd64.deb
archive=$out/awesome-ls-$version-linux-x64.tar.gz
npm_launcher=$out/awesome-ls-$version.tgz
npm_platform=$out/awesome-ls-linux-x64-$version.tgz
vsix=$out/awesome-ls-linux-x64-$version.vsix
for artefact in "$deb" "$archive" "$npm_launcher" "$npm_platform"; do
  [[ -s "$artefact" ]] || fail "package.sh did not write $artefact"
done
shipped=$tmp/shipped # the .deb's files
mkdir -p "$shipped"
dpkg-deb -x "$deb" "$shipped"
if [[ "${AWESOME_PACKAGE_NO_VSIX:-}" != 1 ]]; then
  [[ -s "$vsix" ]] || fail "package.sh did not write $vsix"
  vsix_files=$(unzip -l "$vsix")
  for file in server/awesome-ls share/doc/awesome-ls/rules.md share/awesome-ls/awesome-ls.schema.json; do
    grep -q " extension/$file\$" <<<"$vsix_files" || fail "the .vsix has no $file"
  done
  unzip -p "$vsix" extension/server/awesome-ls >"$tmp/vsix-server"
  cmp -s "$tmp/vsix-server" "$shipped/usr/bin/awesome-ls" || fail "the .vsix ships another binary than the .deb"
fi
(cd "$out" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the artefacts"
# A second run makes the same archive and npm packages, byte for byte.
AWESOME_PACKAGE_NO_VSIX=1 bash scripts/package.sh "$tmp/again" "$binary" >/dev/null 2>&1
for artefact in "$archive" "$npm_platform" "$npm_launcher"; do
  cmp -s "$artefact" "$tmp/again/$(basename "$artefact")" || fail "$(basename "$artefact") differs when made again"
done

step "the binary needs nothing but glibc"
for elf in "$binary" "$shipped/usr/bin/awesome-ls"; do
  needed=$(readelf -d "$elf" | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
  [[ -n "$needed" ]] || fail "readelf finds no NEEDED entry in $elf (not a dynamic executable?)"
  for library in $needed; do
    [[ "$library" =~ ^(libc|libm|libpthread|libdl|librt)\.so\.[0-9]+$|^ld-linux-x86-64\.so\.2$ ]] ||
      fail "$elf needs $library, which is not part of glibc"
  done
done
echo "NEEDED: $needed"
if grep -q -E '\.debug_info|\.symtab' <<<"$(readelf -S "$shipped/usr/bin/awesome-ls")"; then
  fail "the packaged binary is not stripped"
fi
glibc_min=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
echo "minimum glibc: $glibc_min"
expect_eq ".deb Depends" "libc6 (>= $glibc_min)" "$(dpkg-deb -f "$deb" Depends)"
grep -q "glibc $glibc_min or later" docs/install.md ||
  fail "docs/install.md does not say 'glibc $glibc_min or later' (the binary's minimum)"

step "the .deb with apt"
expect_eq ".deb Package" awesome-ls "$(dpkg-deb -f "$deb" Package)"
expect_eq ".deb Version" "$version" "$(dpkg-deb -f "$deb" Version)"
expect_eq ".deb Architecture" amd64 "$(dpkg-deb -f "$deb" Architecture)"
layout=(bin/awesome-ls share/doc/awesome-ls/rules.md share/doc/awesome-ls/cli.md
  share/doc/awesome-ls/editors.md share/doc/awesome-ls/format.md share/doc/awesome-ls/install.md
  share/doc/awesome-ls/README.md share/doc/awesome-ls/copyright
  share/awesome-ls/awesome-ls.schema.json share/man/man1/awesome-ls.1.gz)
for file in "${layout[@]}"; do
  [[ -f "$shipped/usr/$file" ]] || fail ".deb has no /usr/$file"
done
cmp -s docs/rules.md "$shipped/usr/share/doc/awesome-ls/rules.md" || fail ".deb rules.md differs from docs/"
if [[ "$(dpkg-query -W -f='${Status}' awesome-ls 2>/dev/null)" == "install ok installed" ]]; then
  fail "awesome-ls is already installed as a Debian package; remove it before this test"
else
  # apt resolves Depends from the package's own control data; a wrong Depends fails here.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
  deb_installed_here=1
  expect_eq "dpkg -S /usr/bin/awesome-ls" "awesome-ls: /usr/bin/awesome-ls" "$(dpkg -S /usr/bin/awesome-ls)"
  expect_eq "installed --version" "awesome-ls $version" "$(/usr/bin/awesome-ls --version)"
  expect_eq "man -w awesome-ls" /usr/share/man/man1/awesome-ls.1.gz "$(man -w awesome-ls)"
  man_page=$(zcat /usr/share/man/man1/awesome-ls.1.gz)
  grep -q '^\.TH AWESOME-LS "1"' <<<"$man_page" || fail "the man page has no .TH header"
  grep -q 'conventions' <<<"$man_page" || fail "the man page does not carry the commands of --help"
  grep -q 'stdin-filename NAME' <<<"$man_page" || fail "the man page does not carry check --help"
  record deb /usr/bin/awesome-ls check "$list"
  cmp -s "$tmp/reference.out" "$tmp/deb.out" || fail "the installed binary's check output differs"
  expect_eq "installed check exit status" "$(cat "$tmp/reference.status")" "$(cat "$tmp/deb.status")"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq awesome-ls >/dev/null
  deb_installed_here=0
  [[ ! -e /usr/bin/awesome-ls ]] || fail "apt-get remove left /usr/bin/awesome-ls"
fi

step "the archive"
unpacked=$tmp/archive
mkdir -p "$unpacked"
tar -xzf "$archive" -C "$unpacked"
expect_eq "archive top folder" "awesome-ls-$version-linux-x64" "$(ls "$unpacked")"
top=$unpacked/awesome-ls-$version-linux-x64
for file in "${layout[@]}" README.md COPYRIGHT; do
  [[ -f "$top/$file" ]] || fail "the archive has no $file"
done
cmp -s "$top/bin/awesome-ls" "$shipped/usr/bin/awesome-ls" || fail "the archive and the .deb ship different binaries"
[[ -z "$(tar -tvzf "$archive" | awk '$2 != "0/0"')" ]] || fail "archive entries not owned by 0/0 (root)"
# Run from an unrelated folder with a bare environment: nothing but the archive.
cp "$list" "$tmp/README.md"
record archive env -i PATH=/usr/bin:/bin "$top/bin/awesome-ls" check "$tmp/README.md"
sed "s|$tmp/README.md|$list|" "$tmp/archive.out" | cmp -s "$tmp/reference.out" - ||
  fail "the archive's binary gives another output"
expect_eq "archive check exit status" "$(cat "$tmp/reference.status")" "$(cat "$tmp/archive.status")"

step "npm: the tarballs, offline, in an empty project"
project=$tmp/npm-project
mkdir -p "$project"
cp "$list" "$project/README.md"
export npm_config_cache=$tmp/npm-cache npm_config_offline=true npm_config_audit=false \
  npm_config_fund=false npm_config_update_notifier=false
pushd "$project" >/dev/null
echo '{"private": true}' >package.json
npm install --silent "$npm_platform" "$npm_launcher"
record npx npx awesome-ls check README.md
sed "s|^README.md|$list|" "$tmp/npx.out" | cmp -s "$tmp/reference.out" - || fail "npx awesome-ls check gives another output"
expect_eq "npx check exit status" "$(cat "$tmp/reference.status")" "$(cat "$tmp/npx.status")"
expect_eq "npx --version" "awesome-ls $version" "$(npx awesome-ls --version)"
cmp -s node_modules/@awesome-ls/linux-x64/bin/awesome-ls "$shipped/usr/bin/awesome-ls" ||
  fail "the npm package ships another binary than the .deb"
[[ -f node_modules/@awesome-ls/linux-x64/share/doc/awesome-ls/rules.md ]] || fail "npm package has no share/doc"

# The GitHub workflow of docs/examples, its commands as written (npx finds the installed
# awesome-ls@version, offline): annotations, and a SARIF report despite exit status 1.
python3 - "$root/docs/examples/github-workflow.yml" >"$tmp/workflow-commands" <<'EOF'
import sys, yaml
workflow = yaml.safe_load(open(sys.argv[1]))
for step in workflow["jobs"]["check"]["steps"]:
    if "run" in step:
        print(step["run"])
EOF
expect_eq "workflow commands" 2 "$(grep -c "npx --yes awesome-ls@$version check --format" "$tmp/workflow-commands")"
sed -i 's|\[\[paper\]\](https://arxiv.org/abs/2010.09515)|[paper](https://arxiv.org/abs/2010.09515)|' README.md
while read -r command; do
  status=0
  bash -c "$command" >"$tmp/workflow.out" 2>&1 </dev/null || status=$?
  case $command in
    *"--format github"*)
      expect_eq "workflow annotations exit status" 1 "$status"
      grep -q '^::error file=README.md,line=28,.*link-syntax' "$tmp/workflow.out" ||
        fail "no ::error annotation for the link defect: $(head -c 600 "$tmp/workflow.out")" ;;
    *"--format sarif"*)
      expect_eq "workflow SARIF step exit status" 0 "$status"
      python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; sys.exit(not any(x["ruleId"]=="link-syntax" for x in r))' \
        awesome-ls.sarif || fail "awesome-ls.sarif has no link-syntax result" ;;
    *) fail "a workflow command this test does not know: $command" ;;
  esac
done <"$tmp/workflow-commands"

# A signal sent to the launcher reaches the binary, and the launcher ends by it.
mkfifo "$tmp/serve-in"
node_modules/.bin/awesome-ls serve <"$tmp/serve-in" >/dev/null &
launcher_pid=$!
exec 3>"$tmp/serve-in"
server_pid=
for _ in $(seq 50); do
  server_pid=$(ps -o pid= --ppid "$launcher_pid" | tr -d ' ' || true)
  [[ -n "$server_pid" ]] && break
  sleep 0.1
done
[[ -n "$server_pid" ]] || fail "the launcher started no server"
kill -TERM "$launcher_pid"
status=0
wait "$launcher_pid" || status=$?
exec 3>&-
expect_eq "launcher status after SIGTERM" 143 "$status"
if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
  fail "the server outlived the launcher's SIGTERM"
  kill "$server_pid"
fi

# On a platform without a binary (here: the launcher told it runs on arm64): a message.
record unsupported node -e "Object.defineProperty(process, 'arch', {value: 'arm64'});
  require('./node_modules/awesome-ls/npm/awesome-ls.js')"
expect_eq "exit status on an unsupported platform" 2 "$(cat "$tmp/unsupported.status")"
grep -q 'no prebuilt binary for this platform (linux-arm64)' "$tmp/unsupported.err" ||
  fail "no clear message on an unsupported platform: $(cat "$tmp/unsupported.err")"

# Without the platform package: a message that names the platform and the package.
rm -rf node_modules/@awesome-ls/linux-x64
record missing npx awesome-ls check README.md
expect_eq "exit status without the platform package" 2 "$(cat "$tmp/missing.status")"
grep -q 'linux-x64.*@awesome-ls/linux-x64' "$tmp/missing.err" ||
  fail "no clear message without the platform package: $(cat "$tmp/missing.err")"
popd >/dev/null
echo "npx awesome-ls check: same output as the binary; missing platform: $(cat "$tmp/missing.err")"

step "pre-commit hooks on real commits (pre-commit $(pre-commit --version | cut -d' ' -f2))"
# The hook repository as pre-commit clones it: this tree's hook definitions and npm launcher.
hooks=$tmp/hook-repo
mkdir -p "$hooks/npm"
cp .pre-commit-hooks.yaml package.json README.md "$hooks/"
cp npm/awesome-ls.js "$hooks/npm/"
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" -c user.name=test -c user.email=test@example.org commit -q -m hooks
hooks_rev=$(git -C "$hooks" rev-parse HEAD)
export PRE_COMMIT_HOME=$tmp/pre-commit-home

# A list repository as a curator keeps it after adopting awesome-ls: the real list, fixed once
# with --fix, and an .awesome-ls.json that makes its two remaining errors (a digest over two
# lines, a year section under another category) warnings. The hooks must let it through.
baseline=$tmp/baseline.md
cp "$list" "$baseline"
"$top/bin/awesome-ls" check --fix "$baseline" >/dev/null 2>&1 || true
baseline_config='{"rules": {"entry-shape": "warning", "heading-hierarchy": "warning"}}'
defect_line=$(grep -n 'arxiv.org/abs/2010.09515' "$baseline" | cut -d: -f1)
add_defect() { # a paper link written [paper](url): a link-syntax error with a safe fix
  sed 's|\[\[paper\]\](https://arxiv.org/abs/2010.09515)|[paper](https://arxiv.org/abs/2010.09515)|' "$1"
}

# One run per hook: commit the list (passes), a Markdown file that is not a list with the
# defect (not looked at), then the defect in the list (blocked; the fix hook repairs it).
try_hook() { # hook-id kind(check|fix) PATH [additional dependency]
  local hook=$1 kind=$2 path=$3 dependency=${4:-}
  local repo=$tmp/list-$hook head status=0
  mkdir -p "$repo"
  git -C "$repo" init -q
  git -C "$repo" config user.name test
  git -C "$repo" config user.email test@example.org
  cp "$baseline" "$repo/README.md"
  echo "$baseline_config" >"$repo/.awesome-ls.json"
  {
    echo "repos:"
    echo "  - repo: $hooks"
    echo "    rev: $hooks_rev"
    echo "    hooks:"
    echo "      - id: $hook"
    [[ -n "$dependency" ]] && echo "        additional_dependencies: ['$dependency']"
  } >"$repo/.pre-commit-config.yaml"
  (cd "$repo" && PATH=$path pre-commit install >/dev/null)
  git -C "$repo" add -A
  PATH=$path git -C "$repo" commit -q -m "the list" >"$tmp/$hook-0.log" 2>&1 ||
    fail "$hook: the clean list was not committed: $(cat "$tmp/$hook-0.log")"
  add_defect "$baseline" >"$repo/CONTRIBUTING.md"
  git -C "$repo" add CONTRIBUTING.md
  PATH=$path git -C "$repo" commit -q -m "not a list" >"$tmp/$hook-1.log" 2>&1 ||
    fail "$hook: a commit of CONTRIBUTING.md (not a list file) was blocked: $(cat "$tmp/$hook-1.log")"
  cp "$repo/CONTRIBUTING.md" "$repo/README.md"
  git -C "$repo" add README.md
  head=$(git -C "$repo" rev-parse HEAD)
  PATH=$path git -C "$repo" commit -q -m "a defect" >"$tmp/$hook-2.log" 2>&1 || status=$?
  ((status != 0)) || fail "$hook: the commit of a defect went through"
  expect_eq "$hook: HEAD after a blocked commit" "$head" "$(git -C "$repo" rev-parse HEAD)"
  if [[ $kind == check ]]; then
    grep -q "README.md:$defect_line:.*link-syntax" "$tmp/$hook-2.log" ||
      fail "$hook: no link-syntax finding: $(cat "$tmp/$hook-2.log")"
    cmp -s "$repo/CONTRIBUTING.md" "$repo/README.md" || fail "$hook: the check hook changed README.md"
  else
    grep -q 'files were modified by this hook' "$tmp/$hook-2.log" ||
      fail "$hook: pre-commit did not report the fix: $(cat "$tmp/$hook-2.log")"
    cmp -s "$baseline" "$repo/README.md" || fail "$hook: README.md is not the list without the defect"
    # Staging the fix undoes the whole change: nothing is left to commit.
    git -C "$repo" add README.md
    git -C "$repo" diff --cached --quiet || fail "$hook: the staged fix differs from the committed list"
  fi
  echo "$hook: let the list through, blocked the defect ($kind)"
}
# The system hooks find awesome-ls on PATH (here: the unpacked archive); the node hooks get it
# from npm (the unpublished platform package as a tarball), with awesome-ls not on PATH.
try_hook awesome-ls check "$top/bin:$PATH"
try_hook awesome-ls-fix fix "$top/bin:$PATH"
try_hook awesome-ls-node check "$PATH" "$npm_platform"
try_hook awesome-ls-fix-node fix "$PATH" "$npm_platform"

step "GitHub workflows"
python3 - .github/workflows/release.yml docs/examples/github-workflow.yml <<'EOF' >"$tmp/release-commands" ||
import sys, yaml
for name in sys.argv[1:]:
    workflow = yaml.safe_load(open(name))
    assert workflow["jobs"], name
    # YAML 1.1 reads the key `on` as True.
    assert workflow.get("on", workflow.get(True)), f"{name}: no trigger"
release = yaml.safe_load(open(sys.argv[1]))
for step in release["jobs"]["package"]["steps"]:
    if "run" in step:
        print(step["run"])
EOF
  fail "the workflows do not parse"
grep -q '^bash scripts/package.sh dist$' "$tmp/release-commands" || fail "release.yml does not run scripts/package.sh"
grep -q '^bash tests/packaging/run.sh build-portable/server/awesome-ls$' "$tmp/release-commands" ||
  fail "release.yml does not test its packages"

if ((failures)); then
  echo "packaging tests: $failures failures" >&2
  exit 1
fi
echo "packaging tests passed in ${SECONDS}s"
