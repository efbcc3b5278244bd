// Finds the awesome-ls executable: the `awesomeLs.server.path` user setting, else the binary
// shipped in the extension (`server/awesome-ls`), else `awesome-ls` on PATH. Pure apart from
// the injected file check, so the order is unit-tested without VS Code or a real file system.
import * as path from 'node:path';

export const SERVER_PATH_SETTING = 'awesomeLs.server.path';

/** What `WorkspaceConfiguration.inspect('server.path')` returns, reduced to what is read. */
export interface PathSettingValues {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface BinaryEnvironment {
  /** The extension's install folder. */
  extensionPath: string;
  /** The PATH environment variable of the extension host. */
  pathEnv: string | undefined;
  platform: NodeJS.Platform;
  homeDir: string;
  /** True when `file` exists, is a regular file and may be executed. */
  isExecutableFile(file: string): boolean;
}

/**
 * The command (and its argument) that shows the path setting where it takes effect: in a
 * remote window, such as code-server, machine-scoped settings live in the remote settings.
 */
export function openSettingCommand(remoteName: string | undefined): {
  command: string;
  args: { query: string };
} {
  const command =
    remoteName === undefined ? 'workbench.action.openSettings' : 'workbench.action.openRemoteSettings';
  return { command, args: { query: SERVER_PATH_SETTING } };
}

export type BinarySource = 'setting' | 'bundled' | 'path';

export type Resolution =
  | { ok: true; path: string; source: BinarySource }
  | { ok: false; message: string; tried: string[] };

export function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'awesome-ls.exe' : 'awesome-ls';
}

/** The path of the binary that a platform-specific package ships, relative to the extension. */
export function bundledRelativePath(platform: NodeJS.Platform): string {
  return `server/${executableName(platform)}`;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function fromSetting(value: string, env: BinaryEnvironment): Resolution {
  const p = pathApi(env.platform);
  let file = value.trim();
  if (file === '~' || file.startsWith('~/')) {
    file = p.join(env.homeDir, file.slice(1));
  }
  if (!p.isAbsolute(file)) {
    return {
      ok: false,
      message: `${SERVER_PATH_SETTING} must be an absolute path to the awesome-ls executable, not "${value}".`,
      tried: [value],
    };
  }
  if (!env.isExecutableFile(file)) {
    return {
      ok: false,
      message: `${SERVER_PATH_SETTING} is "${value}", which is not an executable file.`,
      tried: [file],
    };
  }
  return { ok: true, path: file, source: 'setting' };
}

function searchPath(env: BinaryEnvironment): string[] {
  const p = pathApi(env.platform);
  return (env.pathEnv ?? '')
    .split(p.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => p.join(dir, executableName(env.platform)));
}

/**
 * Resolves the server binary. Only the user (machine) value of the path setting counts: a
 * workspace or folder value is ignored even if present, so a cloned repository cannot choose
 * the program the editor runs. A set but unusable path is an error, not a silent fallback.
 */
export function resolveServerBinary(
  setting: PathSettingValues | undefined,
  env: BinaryEnvironment,
): Resolution {
  const configured = setting?.globalValue;
  if (typeof configured === 'string' && configured.trim() !== '') {
    return fromSetting(configured, env);
  }
  const tried: string[] = [];
  const bundled = pathApi(env.platform).join(env.extensionPath, bundledRelativePath(env.platform));
  tried.push(bundled);
  if (env.isExecutableFile(bundled)) {
    return { ok: true, path: bundled, source: 'bundled' };
  }
  for (const candidate of searchPath(env)) {
    tried.push(candidate);
    if (env.isExecutableFile(candidate)) {
      return { ok: true, path: candidate, source: 'path' };
    }
  }
  return {
    ok: false,
    message:
      `Cannot find the awesome-ls server: set ${SERVER_PATH_SETTING} to the awesome-ls ` +
      'executable, or put awesome-ls on PATH.',
    tried,
  };
}
