#!/usr/bin/env bash
# Installs what the end-to-end test needs on a fresh Debian 12, as root, idempotently:
#   apt: chromium, ripgrep, libkrb5-dev, build-essential, python3
#   npm: code-server@4.100.3 into $AWESOME_LS_E2E_CACHE (default: vscode-extension/.e2e-cache)
# playwright-core is a devDependency of the extension (installed by `npm ci`).
# Only Debian's apt and the npm registry are used; nothing else is downloaded.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep as pinned by code-server 4.100.3, and the archive name its postinstall looks for.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

ext_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${AWESOME_LS_E2E_CACHE:-$ext_dir/.e2e-cache}"

log() { printf 'e2e-setup: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
apt_packages=(chromium ripgrep libkrb5-dev build-essential python3)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" \
    || { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; }
else
  log "apt packages present"
fi

# --- code-server from npm --------------------------------------------------------------------
code_server="$cache/code-server/node_modules/.bin/code-server"
installed_version() {
  node -p "require(process.argv[1]).version" \
    "$cache/code-server/node_modules/code-server/package.json" 2>/dev/null || true
}
if [[ -x "$code_server" && "$(installed_version)" == "$CODE_SERVER_VERSION" ]]; then
  log "code-server $CODE_SERVER_VERSION present in $cache"
else
  # @vscode/ripgrep's postinstall downloads a binary: seed its cache with Debian's rg instead.
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [[ ! -f "$rg_cache/$RIPGREP_ARCHIVE" ]]; then
    log "seeding ripgrep cache $rg_cache from /usr/bin/rg"
    tmp="$(mktemp -d)"
    mkdir -p "$rg_cache"
    cp /usr/bin/rg "$tmp/rg"
    tar czf "$rg_cache/$RIPGREP_ARCHIVE" -C "$tmp" rg
    rm -rf "$tmp"
  fi
  log "npm install code-server@$CODE_SERVER_VERSION into $cache/code-server (about 2 minutes)"
  rm -rf "$cache/code-server"
  mkdir -p "$cache/code-server"
  printf '{"name":"awesome-ls-e2e-cache","private":true}\n' >"$cache/code-server/package.json"
  # Root installs: allow install scripts; node-pty's postinstall runs `npx node-gyp`.
  (cd "$cache/code-server" &&
    npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
      npm install --no-save --foreground-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [[ "$(installed_version)" == "$CODE_SERVER_VERSION" ]] || { log "code-server did not install"; exit 1; }
fi
log "done"
