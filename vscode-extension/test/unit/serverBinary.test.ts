import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  openSettingCommand,
  resolveServerBinary,
  type BinaryEnvironment,
  type PathSettingValues,
  type Resolution,
} from '../../src/serverBinary';

/** Asserts that resolution failed and returns the failure. */
function failure(result: Resolution): { message: string; tried: string[] } {
  if (result.ok) {
    assert.fail(`expected no binary, got ${result.path} (${result.source})`);
  }
  return result;
}

function environment(executables: string[], overrides: Partial<BinaryEnvironment> = {}) {
  const checked: string[] = [];
  const env: BinaryEnvironment = {
    extensionPath: '/ext',
    pathEnv: '/usr/local/bin:/usr/bin',
    platform: 'linux',
    homeDir: '/home/me',
    isExecutableFile: (file) => {
      checked.push(file);
      return executables.includes(file);
    },
    ...overrides,
  };
  return { env, checked };
}

const bundled = '/ext/server/awesome-ls';
const onPath = '/usr/bin/awesome-ls';
const custom = '/opt/awesome-ls/bin/awesome-ls';

describe('resolveServerBinary', () => {
  it('prefers the user setting over the bundled binary and PATH', () => {
    const { env } = environment([custom, bundled, onPath]);
    assert.deepEqual(resolveServerBinary({ globalValue: custom }, env), {
      ok: true,
      path: custom,
      source: 'setting',
    });
  });

  it('uses the bundled binary when the setting is empty', () => {
    const { env } = environment([bundled, onPath]);
    assert.deepEqual(resolveServerBinary({ globalValue: '  ' }, env), {
      ok: true,
      path: bundled,
      source: 'bundled',
    });
  });

  it('falls back to the first awesome-ls on PATH', () => {
    const { env, checked } = environment([onPath]);
    assert.deepEqual(resolveServerBinary(undefined, env), {
      ok: true,
      path: onPath,
      source: 'path',
    });
    assert.deepEqual(checked, [bundled, '/usr/local/bin/awesome-ls', onPath]);
  });

  it('ignores workspace and folder values of the machine-scoped setting', () => {
    const evil = '/tmp/cloned-repo/evil';
    const { env, checked } = environment([evil, bundled]);
    const setting: PathSettingValues = { workspaceValue: evil, workspaceFolderValue: evil };
    assert.deepEqual(resolveServerBinary(setting, env), {
      ok: true,
      path: bundled,
      source: 'bundled',
    });
    assert.ok(!checked.includes(evil), 'the workspace path is never even looked at');
  });

  it('reports a set but missing path instead of silently using another binary', () => {
    const { env } = environment([bundled, onPath]);
    const { message, tried } = failure(
      resolveServerBinary({ globalValue: '/nowhere/awesome-ls' }, env),
    );
    assert.match(message, /awesomeLs\.server\.path is "\/nowhere\/awesome-ls", which is not an executable/);
    assert.deepEqual(tried, ['/nowhere/awesome-ls']);
  });

  it('rejects a relative setting and expands ~', () => {
    const { env } = environment(['/home/me/bin/awesome-ls']);
    const relative = resolveServerBinary({ globalValue: 'bin/awesome-ls' }, env);
    assert.ok(!relative.ok && relative.message.includes('absolute path'));
    assert.deepEqual(resolveServerBinary({ globalValue: '~/bin/awesome-ls' }, env), {
      ok: true,
      path: '/home/me/bin/awesome-ls',
      source: 'setting',
    });
  });

  it('says how to fix it and what was tried when nothing is found', () => {
    const { env } = environment([], { pathEnv: '/a::/b' });
    const { message, tried } = failure(resolveServerBinary({ globalValue: '' }, env));
    assert.match(message, /Cannot find the awesome-ls server/);
    assert.match(message, /awesomeLs\.server\.path/);
    assert.match(message, /PATH/);
    assert.deepEqual(tried, [bundled, '/a/awesome-ls', '/b/awesome-ls']);
  });

  it('handles an unset PATH', () => {
    const { env } = environment([], { pathEnv: undefined });
    assert.deepEqual(failure(resolveServerBinary(undefined, env)).tried, [bundled]);
  });

  it('uses .exe names and ; separators on Windows', () => {
    const { env, checked } = environment(['C:\\tools\\awesome-ls.exe'], {
      platform: 'win32',
      extensionPath: 'C:\\ext',
      pathEnv: 'C:\\tools;C:\\Windows',
    });
    assert.deepEqual(resolveServerBinary(undefined, env), {
      ok: true,
      path: 'C:\\tools\\awesome-ls.exe',
      source: 'path',
    });
    assert.deepEqual(checked, ['C:\\ext\\server\\awesome-ls.exe', 'C:\\tools\\awesome-ls.exe']);
  });
});

describe('openSettingCommand', () => {
  it('opens the remote settings in a remote window, where machine settings apply', () => {
    const query = { query: 'awesomeLs.server.path' };
    assert.deepEqual(openSettingCommand(undefined), {
      command: 'workbench.action.openSettings',
      args: query,
    });
    assert.deepEqual(openSettingCommand('ssh-remote'), {
      command: 'workbench.action.openRemoteSettings',
      args: query,
    });
  });
});
