// Packages the extension as a .vsix, offline (vsce package --no-dependencies).
//   node scripts/package.mjs                       -> awesome-ls-<version>.vsix, no server inside
//   node scripts/package.mjs --target linux-x64 [--server PATH]
//                                                  -> awesome-ls-linux-x64-<version>.vsix with the
//      server binary at server/awesome-ls; PATH defaults to $AWESOME_LS_BINARY (e.g. the CMake
//      build's server/awesome-ls).
//   ... --target linux-x64 --server PATH --share DIR
//                                                  -> also DIR (an installed share/ folder:
//      doc/awesome-ls/*.md, awesome-ls/awesome-ls.schema.json) at share/, beside server/, so the
//      extension holds the layout of every release artefact (<exe dir>/../share/...);
//      scripts/package.sh passes it.
import { spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const extensionDir = path.resolve(import.meta.dirname, '..');
const serverDir = path.join(extensionDir, 'server');
const shareDir = path.join(extensionDir, 'share');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));

/** Targets whose server binary this script can check (ELF machine of the executable). */
const TARGETS = { 'linux-x64': { elfMachine: 0x3e, exe: 'awesome-ls' } };

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function checkBinary(file, target) {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    fail(`server binary ${file} does not exist; build it (cmake --build BUILD --target awesome-ls).`);
  }
  const header = Buffer.alloc(20);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, header, 0, header.length, 0);
  fs.closeSync(fd);
  const isElf = header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  if (!isElf || header.readUInt16LE(18) !== TARGETS[target].elfMachine) {
    fail(`${file} is not a ${target} executable.`);
  }
}

const { values } = parseArgs({
  options: { target: { type: 'string' }, server: { type: 'string' }, share: { type: 'string' } },
});
const target = values.target;
fs.rmSync(serverDir, { recursive: true, force: true });
fs.rmSync(shareDir, { recursive: true, force: true });
if (values.share !== undefined && target === undefined) {
  fail('--share goes with --target (the documentation beside a shipped server).');
}
let outFile = `awesome-ls-${manifest.version}.vsix`;
const vsceArgs = [
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--skip-license',
  '--no-rewrite-relative-links',
];
if (target !== undefined) {
  if (!(target in TARGETS)) {
    fail(`unknown target ${target}; known: ${Object.keys(TARGETS).join(', ')}.`);
  }
  const binary = values.server ?? process.env.AWESOME_LS_BINARY;
  if (binary === undefined || binary === '') {
    fail(`--target ${target} needs the server binary: --server PATH or AWESOME_LS_BINARY=PATH.`);
  }
  checkBinary(binary, target);
  fs.mkdirSync(serverDir);
  const shipped = path.join(serverDir, TARGETS[target].exe);
  fs.copyFileSync(binary, shipped);
  fs.chmodSync(shipped, 0o755);
  // A RelWithDebInfo build carries ~10 MB of debug info that users do not need.
  const strip = spawnSync('strip', ['--strip-debug', shipped], { stdio: 'inherit' });
  if (strip.error !== undefined || strip.status !== 0) {
    console.warn('package: strip is not available; shipping the binary with its debug info.');
  }
  if (values.share !== undefined) {
    if (!fs.existsSync(path.join(values.share, 'doc', 'awesome-ls', 'rules.md'))) {
      fail(`${values.share} is not an installed share/ folder (no doc/awesome-ls/rules.md).`);
    }
    fs.cpSync(values.share, shareDir, { recursive: true });
  }
  outFile = `awesome-ls-${target}-${manifest.version}.vsix`;
  vsceArgs.push('--target', target);
}
vsceArgs.push('--out', outFile);

const vsce = path.join(extensionDir, 'node_modules', '.bin', 'vsce');
const result = spawnSync(vsce, vsceArgs, { cwd: extensionDir, stdio: 'inherit' });
if (result.status !== 0) {
  fail(`vsce ${vsceArgs.join(' ')} failed (exit ${String(result.status)}).`);
}
console.log(`package: ${path.join(path.basename(extensionDir), outFile)}`);
