#!/usr/bin/env bash
# Installs what building and testing awesome-ls needs on Debian 12 (run as root).
# Idempotent: packages already installed are skipped, and apt-get update runs only if needed.
set -euo pipefail

packages=(cmake g++ make pkg-config nlohmann-json3-dev libboost-dev libre2-dev doctest-dev)
if [[ "${1:-}" == "--tests" ]]; then
  # clang builds the sanitizer tree and the libFuzzer targets; libclang-rt-14-dev holds the
  # sanitizer and libFuzzer runtimes (only recommended by clang, so named here).
  # neovim, emacs-nox and elpa-eglot are the real editor clients of the editors.* tests.
  packages+=(neovim emacs-nox elpa-eglot patch clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
