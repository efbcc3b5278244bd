#!/usr/bin/env node
// The `awesome-ls` command of the npm package: runs the native binary of this platform, which
// ships in its own package (@awesome-ls/<platform>), an optional dependency that npm installs
// only where its os/cpu/libc fields match. Arguments, standard streams, the exit code and
// signals pass through unchanged.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');

/** `${process.platform}-${process.arch}` -> the package holding bin/awesome-ls for it. */
const PLATFORM_PACKAGES = { 'linux-x64': '@awesome-ls/linux-x64' };

function fail(message) {
  process.stderr.write(`awesome-ls: ${message}\n`);
  process.exit(2);
}

function glibcMissing() {
  if (process.platform !== 'linux') return false;
  const header = process.report?.getReport?.().header;
  return header !== undefined && header.glibcVersionRuntime === undefined;
}

function binaryPath() {
  const platform = `${process.platform}-${process.arch}`;
  const pkg = PLATFORM_PACKAGES[platform];
  const fromSource = 'build it from source (https://github.com/awesome-ls/awesome-ls)';
  if (pkg === undefined) {
    fail(
      `there is no prebuilt binary for this platform (${platform}); prebuilt: ` +
        `${Object.keys(PLATFORM_PACKAGES).join(', ')}. Use a binary you built instead: ${fromSource}.`,
    );
  }
  let manifest;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    const version = require('../package.json').optionalDependencies[pkg];
    const libc = glibcMissing()
      ? ` It needs glibc, and this system's C library is not glibc (musl?): ${fromSource}.`
      : '';
    fail(
      `the binary for ${platform} comes in the package ${pkg}, an optional dependency of ` +
        `awesome-ls, and it is not installed (npm leaves it out with --omit=optional or ` +
        `when it cannot download it). Install it with \`npm install ${pkg}@${version}\`.${libc}`,
    );
  }
  return path.join(path.dirname(manifest), 'bin', 'awesome-ls');
}

const binary = binaryPath();
const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });

// Signals sent to this process go to the binary; this process then ends as the binary did.
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
const forward = (signal) => {
  child.kill(signal);
};
for (const signal of forwarded) process.on(signal, forward);

child.on('error', (error) => {
  fail(`cannot run ${binary}: ${error.message}`);
});
child.on('exit', (code, signal) => {
  for (const name of forwarded) process.off(name, forward);
  if (signal !== null) {
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 2);
});
