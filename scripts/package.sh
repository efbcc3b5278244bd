#!/usr/bin/env bash
# Builds every release artefact of awesome-ls into OUTDIR, all from one portable binary:
#   awesome-ls_<version>_amd64.deb          Debian package (CPack, packaging/CMakeLists.txt)
#   awesome-ls-<version>-linux-x64.tar.gz   portable archive
#   awesome-ls-<version>.tgz                npm package `awesome-ls` (the launcher)
#   awesome-ls-linux-x64-<version>.tgz      npm package `@awesome-ls/linux-x64` (the binary)
#   awesome-ls-linux-x64-<version>.vsix     VS Code extension with the binary
#   SHA256SUMS
#
#   bash scripts/package.sh OUTDIR [BINARY]
#
# BINARY is an awesome-ls built with -DAWESOME_PORTABLE=ON (scripts/test.sh builds one in
# build/server/awesome-ls); it is used as is, nothing is compiled. Without it, a Release
# portable build is made in build-portable/ first. Every artefact holds the same layout:
# bin/awesome-ls, share/doc/awesome-ls/*.md, share/awesome-ls/awesome-ls.schema.json.
# AWESOME_PACKAGE_NO_VSIX=1 leaves out the .vsix (it needs the extension's npm dependencies).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash scripts/package.sh OUTDIR [BINARY]" >&2
  exit 2
fi
out=$(realpath -m "$1")
binary=${2:-}
[[ -n "$binary" ]] && binary=$(realpath "$binary")
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup-deps.sh --package
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "package: the npm packages and the .vsix need Node (18 or later) and npm on the PATH" >&2
  exit 1
fi
if [[ -z "$binary" ]]; then
  cmake -S . -B build-portable -DCMAKE_BUILD_TYPE=Release -DAWESOME_PORTABLE=ON \
    -DAWESOME_BUILD_TESTS=OFF >/dev/null
  cmake --build build-portable -j"$(nproc)" --target awesome-ls
  binary=$root/build-portable/server/awesome-ls
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The layout, the stripped binary, the man page and the .deb (checks the binary's version and
# that it needs nothing but glibc).
# The last commit's time dates the man page (help2man reads SOURCE_DATE_EPOCH) and the archive.
mtime=$(git log -1 --format=%ct 2>/dev/null || date +%s)
cmake -S packaging -B "$work/cmake" -DAWESOME_LS_BINARY="$binary" >/dev/null
SOURCE_DATE_EPOCH=$mtime cmake --build "$work/cmake" >/dev/null
version=$(sed -n 's/^version=//p' "$work/cmake/package-info.sh")
glibc_min=$(sed -n 's/^glibc_min=//p' "$work/cmake/package-info.sh")
(cd "$work/cmake" && cpack -G DEB >/dev/null)
made=("awesome-ls_${version}_amd64.deb")
cp "$work/cmake/dist/${made[0]}" "$out/"

# Every package manifest carries the project's version.
manifest_version() { node -p "require('$1').version"; }
for manifest in package.json npm/linux-x64/package.json vscode-extension/package.json; do
  if [[ "$(manifest_version "$root/$manifest")" != "$version" ]]; then
    echo "package: $manifest has version $(manifest_version "$root/$manifest"), CMakeLists.txt $version" >&2
    exit 1
  fi
done
launcher_dep=$(node -p "require('$root/package.json').optionalDependencies['@awesome-ls/linux-x64']")
if [[ "$launcher_dep" != "$version" ]]; then
  echo "package: package.json wants @awesome-ls/linux-x64 $launcher_dep, not $version" >&2
  exit 1
fi

# The archive: the installed layout under one folder, with the README and the notices on top.
# Entries are sorted and owned by root, with the last commit's time, so a rebuild is identical.
name=awesome-ls-$version-linux-x64
stage=$work/stage/$name
cmake --install "$work/cmake" --prefix "$stage" >/dev/null
cp README.md "$stage/README.md"
cp packaging/copyright "$stage/COPYRIGHT"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
  -C "$work/stage" -cf - "$name" | gzip -9n >"$out/$name.tar.gz"
made+=("$name.tar.gz")

# npm: the platform package gets the same layout; the launcher is the repository root.
platform=$work/npm-linux-x64
mkdir -p "$platform"
cp npm/linux-x64/package.json npm/linux-x64/README.md "$platform/"
cp -r "$stage/bin" "$stage/share" "$platform/"
(cd "$platform" && npm pack --silent --pack-destination "$out" >/dev/null)
npm pack --silent --pack-destination "$out" >/dev/null
made+=("awesome-ls-linux-x64-$version.tgz" "awesome-ls-$version.tgz")

if [[ "${AWESOME_PACKAGE_NO_VSIX:-}" != 1 ]]; then
  (
    cd vscode-extension
    [[ -x node_modules/.bin/vsce ]] || npm ci --no-fund --no-audit
    node scripts/package.mjs --target linux-x64 --server "$stage/bin/awesome-ls" --share "$stage/share"
  ) >/dev/null
  mv "vscode-extension/awesome-ls-linux-x64-$version.vsix" "$out/"
  made+=("awesome-ls-linux-x64-$version.vsix")
fi

(cd "$out" && sha256sum -- "${made[@]}" >SHA256SUMS)
echo "package: awesome-ls $version (needs glibc >= $glibc_min) in $out:"
for file in "${made[@]}"; do
  printf '  %9d  %s\n' "$(stat -c %s "$out/$file")" "$file"
done
