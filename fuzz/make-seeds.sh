#!/usr/bin/env bash
# Regenerates the committed seed corpora fuzz/seeds/<target>/ from tests/corpus/: ~4 KB slices
# of the three real lists, the first version of each edit trace (cut to 8 KB slices when big)
# and, for fuzz_framing, a few framed LSP messages.
#   fuzz/make-seeds.sh              rewrite fuzz/seeds/ (small, committed)
#   fuzz/make-seeds.sh --lists DIR  copy the three whole lists into DIR/<target>/ (run time)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=tests/corpus
lists=("$corpus/trustworthy-2021.md" "$corpus/trustworthy-2026-readme.md"
       "$corpus/trustworthy-2026-full.md")
text_targets=(fuzz_rules fuzz_incremental fuzz_fix)

if [[ ${1:-} == --lists ]]; then
  for t in "${text_targets[@]}"; do
    mkdir -p "$2/$t"
    for f in "${lists[@]}"; do cp "$f" "$2/$t/list-$(basename "$f")"; done
  done
  exit 0
fi

rm -rf fuzz/seeds
for t in "${text_targets[@]}" fuzz_framing; do mkdir -p "fuzz/seeds/$t"; done

python3 - "$corpus" "${text_targets[@]}" <<'PY'
import json, os, sys

corpus, targets = sys.argv[1], sys.argv[2:]

def slices(data, size, count):
    """`count` slices of about `size` bytes spread over `data`, cut at line starts."""
    out = []
    step = max(1, (len(data) - size) // max(1, count - 1))
    for i in range(count):
        start = min(i * step, max(0, len(data) - size))
        start = data.rfind(b"\n", 0, start) + 1 if start else 0
        end = data.find(b"\n", start + size)
        piece = data[start:] if end < 0 else data[start:end + 1]
        if piece and piece not in out:
            out.append(piece)
    return out

seeds = {}
for name, count in (("trustworthy-2021.md", 8), ("trustworthy-2026-readme.md", 8),
                    ("trustworthy-2026-full.md", 12)):
    with open(os.path.join(corpus, name), "rb") as f:
        data = f.read()
    for i, piece in enumerate(slices(data, 4096, count)):
        seeds[f"slice-{name[:-3]}-{i:02d}.md"] = piece
for name in ("trace-readme-history.jsonl", "trace-full-history.jsonl"):
    with open(os.path.join(corpus, name), encoding="utf-8") as f:
        first = json.loads(f.readline())["text"].encode()
    stem = name[:-len(".jsonl")]
    if len(first) <= 40000:
        seeds[f"{stem}-first.md"] = first
    else:
        for i, piece in enumerate(slices(first, 8192, 3)):
            seeds[f"{stem}-first-{i}.md"] = piece
for t in targets:
    for name, data in seeds.items():
        with open(os.path.join("fuzz/seeds", t, name), "wb") as f:
            f.write(data)

# fuzz_framing: framed LSP messages, alone and as short sessions.
def frame(msg):
    body = msg if isinstance(msg, bytes) else json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

uri = "file:///fuzz/README.md"
small_list = b"".join(seeds.values())[:600].decode("utf-8", "replace")
open_doc = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                        "text": small_list}}}
change = {"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": 2},
                     "contentChanges": [{"range": {"start": {"line": 2, "character": 0},
                                                   "end": {"line": 3, "character": 4}},
                                         "text": "- [Paper](https://arxiv.org/abs/2101.00001)\n"}]}}
pull = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/diagnostic",
        "params": {"textDocument": {"uri": uri}}}
framing = {
    "open-change-pull.bin": frame(open_doc) + frame(change) + frame(pull),
    "shutdown-exit.bin": frame({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}) +
                         frame({"jsonrpc": "2.0", "method": "exit"}),
    "cancel.bin": frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 9}}) +
                  frame({"jsonrpc": "2.0", "id": 9, "method": "textDocument/diagnostic",
                         "params": {"textDocument": {"uri": uri}}}),
    "config.bin": frame({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
                         "params": {"settings": {"awesome": {"keywords": {"min": 2}}}}}) +
                  frame({"jsonrpc": "2.0", "id": 1, "result": [{"rules": {}}]}),
    "unknown-and-invalid.bin": frame({"jsonrpc": "2.0", "id": "x", "method": "foo/bar"}) +
                               frame(b"{not json") + frame(b"[]") +
                               frame({"jsonrpc": "1.0", "id": 3, "method": "shutdown"}),
    "huge-length.bin": b"Content-Length: 99999999999999\r\n\r\n{}" + frame(pull),
    "bad-headers.bin": b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" +
                       b"garbageContent-Length: 2\r\n\r\n{}" +
                       b"Content-Type: x\n\n" + frame(pull)[:30],
}
for name, data in framing.items():
    with open(os.path.join("fuzz/seeds/fuzz_framing", name), "wb") as f:
        f.write(data)
PY
du -sh fuzz/seeds
