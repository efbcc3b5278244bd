#!/bin/sh
# Runs a Lua client script (default nvim_diagnostics.lua) in headless Neovim against
# `awesome-ls serve` on a private copy of the 2021 list.
# Usage: run_nvim.sh AWESOME_BINARY CORPUS_DIR [SCRIPT]. Exits 77 (skipped) when nvim is missing.
set -eu
binary=$1
list=$2/trustworthy-2021.md
script=${3:-nvim_diagnostics.lua}
if ! command -v nvim >/dev/null 2>&1; then
  echo "SKIP: nvim not found (apt-get install -y --no-install-recommends neovim)"
  exit 77
fi
# 0-based line numbers of the places the diagnostics must point at.
heading=$(grep -n '^### Others: 2017' "$list" | head -n 1 | cut -d: -f1)
keyword=$(grep -n '^  - Key Work:' "$list" | head -n 1 | cut -d: -f1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$list" "$work/list.md"  # a private copy: the test edits the buffer
cp "$list" "$work/list-2.md"
# The documented snippets run `awesome-ls` from the PATH: one folder holds it, one does not.
mkdir "$work/bin" "$work/empty"
ln -s "$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")" "$work/bin/awesome-ls"
here=$(cd "$(dirname "$0")" && pwd)
AWESOME_BINARY=$binary LIST_FILE=$work/list.md LIST_FILE_2=$work/list-2.md \
AWESOME_BIN_DIR=$work/bin EMPTY_BIN_DIR=$work/empty DOC_FILE=$here/../../docs/editors.md \
EXPECT_HEADING_LINE=$((heading - 1)) EXPECT_KEYWORD_LINE=$((keyword - 1)) \
  timeout 120 nvim --headless -u NONE -i NONE -n \
    -c "luafile $here/$script" 2>&1
