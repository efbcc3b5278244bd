// Runs code-server (a real VS Code 1.100 workbench served over HTTP) for the e2e test, with
// every directory inside the test's own temp folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface CodeServer {
  url: string;
  /** What code-server printed so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('no port'));
        }
      });
    });
  });
}

function baseArgs(dir: string): string[] {
  return [
    '--config',
    path.join(dir, 'config.yaml'),
    '--user-data-dir',
    path.join(dir, 'user-data'),
    '--extensions-dir',
    path.join(dir, 'extensions'),
  ];
}

export interface SettingsFiles {
  /** User settings (`user-data/User/settings.json`). */
  user: string;
  /**
   * Remote settings of the code-server machine (`user-data/Machine/settings.json`): where
   * machine-scoped settings such as `awesomeLs.server.path` take effect in a remote window.
   */
  machine: string;
}

/** Writes code-server's config and the user settings; returns the settings files. */
export function prepareCodeServerDir(dir: string, settings: Record<string, unknown>): SettingsFiles {
  const files = {
    user: path.join(dir, 'user-data', 'User', 'settings.json'),
    machine: path.join(dir, 'user-data', 'Machine', 'settings.json'),
  };
  fs.mkdirSync(path.dirname(files.user), { recursive: true });
  fs.mkdirSync(path.dirname(files.machine), { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  fs.writeFileSync(files.user, JSON.stringify(settings, null, 2));
  return files;
}

export function installExtension(codeServer: string, dir: string, vsix: string): void {
  const result = spawnSync(codeServer, [...baseArgs(dir), '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${String(child.exitCode)}:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer /healthz within 60 s:\n${log()}`);
}

export async function startCodeServer(
  codeServer: string,
  dir: string,
  workspace: string,
  env: NodeJS.ProcessEnv,
): Promise<CodeServer> {
  const port = await freePort();
  const args = [
    ...baseArgs(dir),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ];
  // Its own process group, so stop() ends code-server and the extension host it started.
  const child = spawn(codeServer, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.pid !== undefined && child.exitCode === null) {
        process.kill(-child.pid, 'SIGKILL');
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, log: () => output, stop };
}
