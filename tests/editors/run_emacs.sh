#!/bin/sh
# Runs emacs_eglot.el in batch Emacs with eglot against `awesome-ls serve` on a private copy of
# the 2021 list, inside a fresh Git repository (eglot wants a project).
# Usage: run_emacs.sh AWESOME_BINARY CORPUS_DIR. Exits 77 (skipped) when emacs or eglot is missing.
set -eu
binary=$1
list=$2/trustworthy-2021.md
if ! command -v emacs >/dev/null 2>&1; then
  echo "SKIP: emacs not found (apt-get install -y --no-install-recommends emacs-nox elpa-eglot)"
  exit 77
fi
if ! emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; then
  echo "SKIP: eglot not found (Emacs 28: apt-get install -y --no-install-recommends elpa-eglot)"
  exit 77
fi
if ! command -v git >/dev/null 2>&1; then
  echo "SKIP: git not found (eglot needs a project)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/project" "$work/home"
ln -s "$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")" "$work/bin/awesome-ls"
git init -q "$work/project"
cp "$list" "$work/project/list.md"
HOME=$work/home PATH=$work/bin:$PATH LIST_FILE=$work/project/list.md \
  timeout 120 emacs --batch -l "$here/emacs_eglot.el" 2>&1
