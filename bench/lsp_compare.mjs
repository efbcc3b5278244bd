// Editing latency of awesome-ls and of vscode-markdown-languageserver (the server behind VS
// Code's own Markdown support) through one client written with vscode-jsonrpc, side by side in
// one run: didOpen then a pull of diagnostics, `edits` single-character insertions at seeded
// random places inside entries, each followed by a pull (`textDocument/diagnostic`), and
// documentSymbol requests. vscode-markdown-languageserver asks its client to parse Markdown
// (`markdown/parse`), as VS Code does with markdown-it; this client answers the same way, so
// its latency includes that parse, as it does in VS Code.
//
//   node bench/lsp_compare.mjs NAME FILE AWESOME_LS_BINARY [EDITS]
// Prints `NAME.<key>=<value>` lines for `awesome_bench report`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import MarkdownIt from 'markdown-it';

const [name, file, binary, editsArg] = process.argv.slice(2);
if (!name || !file || !binary) {
  console.error('usage: node bench/lsp_compare.mjs NAME FILE AWESOME_LS_BINARY [EDITS]');
  process.exit(2);
}
const edits = Number(editsArg ?? 30);
const text = readFileSync(file, 'utf8');
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const markdownServer = require.resolve('vscode-markdown-languageserver');

/** A seeded generator (mulberry32), so both servers get the same edits. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Insertion points inside entry lines: [line, character]. */
function editPlan(count) {
  const lines = text.split('\n');
  const entryLines = [];
  lines.forEach((l, i) => {
    if ((l.startsWith('- ') || l.startsWith('  - ')) && l.length > 10) entryLines.push(i);
  });
  const next = random(42);
  return Array.from({ length: count }, () => {
    const line = entryLines[Math.floor(next() * entryLines.length)];
    const character = 2 + Math.floor(next() * Math.min(lines[line].length - 2, 60));
    return { line, character };
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(key, samplesMs) {
  const us = samplesMs.map((ms) => ms * 1000).sort((a, b) => a - b);
  for (const [label, value] of [
    ['p50', percentile(us, 50)],
    ['p95', percentile(us, 95)],
    ['p99', percentile(us, 99)],
    ['max', us[us.length - 1]],
  ]) {
    console.log(`${name}.${key}_${label}_us=${value.toFixed(0)}`);
  }
}

async function measure(key, command, args) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  let current = text;
  const markdown = new MarkdownIt({ html: true });
  connection.onRequest('markdown/parse', (params) => markdown.parse(params.text ?? current, {}));
  connection.onRequest('workspace/configuration', (params) =>
    params.items.map(() => ({ validate: { enabled: true } })),
  );
  connection.onRequest(() => null);  // file watchers and other client services: not needed
  connection.onNotification(() => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true },
      textDocument: { diagnostic: {}, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  // VS Code's Markdown validation, every check on (awesome-ls ignores this section).
  const on = 'warning';
  await connection.sendNotification('workspace/didChangeConfiguration', {
    settings: {
      markdown: {
        validate: {
          enabled: true,
          referenceLinks: { enabled: on },
          fragmentLinks: { enabled: on },
          fileLinks: { enabled: on, markdownFragmentLinks: on },
          ignoredLinks: [],
          unusedLinkDefinitions: { enabled: on },
          duplicateLinkDefinitions: { enabled: on },
        },
      },
    },
  });
  const uri = 'file:///bench/list.md';
  const pull = () => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

  let start = performance.now();
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  await pull();
  console.log(`${name}.${key}_open_ms=${(performance.now() - start).toFixed(1)}`);

  const lines = text.split('\n');
  const samples = [];
  let version = 1;
  for (const { line, character } of editPlan(edits)) {
    lines[line] = lines[line].slice(0, character) + 'x' + lines[line].slice(character);
    current = lines.join('\n');
    start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
    await pull();
    samples.push(performance.now() - start);
  }
  report(`${key}_key`, samples);

  const symbols = [];
  for (let i = 0; i < 5; ++i) {
    start = performance.now();
    await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    symbols.push(performance.now() - start);
  }
  report(`${key}_symbol`, symbols);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
}

await measure('node_awesome_ls', binary, ['serve']);
await measure('node_mdls', process.execPath, [markdownServer, '--stdio']);
process.exit(0);
