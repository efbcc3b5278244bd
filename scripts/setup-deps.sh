#!/usr/bin/env bash
# Installs what building and testing awesome-ls needs on Debian 12 (run as root).
#   --tests: also what scripts/test.sh needs; --package: what scripts/package.sh needs;
#   --package-tests: what tests/packaging/run.sh needs.
# Idempotent: packages already installed are skipped, and apt-get update runs only if needed.
set -euo pipefail

# libexpat1-dev parses the Atom answers of arXiv, libssl-dev is TLS for https; openssl makes the
# tests' self-signed certificate and python3 runs their local arXiv server.
packages=(cmake g++ make pkg-config nlohmann-json3-dev libboost-dev libre2-dev doctest-dev
  libexpat1-dev libssl-dev openssl python3)
mode=${1:-}
if [[ "$mode" == --tests || "$mode" == --package || "$mode" == --package-tests ]]; then
  # scripts/package.sh: help2man writes the man page; binutils strips and inspects the binary.
  packages+=(help2man binutils)
fi
if [[ "$mode" == --tests || "$mode" == --package-tests ]]; then
  # tests/packaging/run.sh commits through pre-commit, reads the GitHub workflows with
  # python3-yaml, looks the installed man page up with man-db, lists the .vsix with unzip and
  # finds the launcher's child with ps (procps).
  packages+=(pre-commit python3-yaml man-db unzip procps)
fi
if [[ "$mode" == --tests ]]; then
  # clang builds the sanitizer tree and the libFuzzer targets; libclang-rt-14-dev holds the
  # sanitizer and libFuzzer runtimes (only recommended by clang, so named here).
  # neovim, emacs-nox and elpa-eglot are the real editor clients of the editors.* tests.
  # clang-format and clang-tidy check the code (scripts/lint.sh); ninja-build runs the builds.
  packages+=(neovim emacs-nox elpa-eglot patch clang libclang-rt-14-dev clang-format clang-tidy
    ninja-build)
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
