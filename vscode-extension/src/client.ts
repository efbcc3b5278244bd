// Owns the language client: resolves the server binary, starts `awesome-ls serve` over stdio
// for Markdown documents, keeps the server's configuration in sync with the settings, and
// restarts on request. All checking happens in the server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { SECTION, answerConfigurationItems, didChangeConfigurationParams } from './protocol';
import {
  openSettingCommand,
  resolveServerBinary,
  type PathSettingValues,
  type Resolution,
} from './serverBinary';
import { settingsToConfig, type ServerConfig } from './settings';

const OPEN_SETTINGS = 'Open Settings';

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathSetting(): PathSettingValues | undefined {
  return vscode.workspace.getConfiguration(SECTION).inspect('server.path');
}

/** The only value of the machine-scoped path setting that counts (see resolveServerBinary). */
function userServerPath(): unknown {
  return pathSetting()?.globalValue;
}

export function findServerBinary(extensionPath: string): Resolution {
  return resolveServerBinary(pathSetting(), {
    extensionPath,
    pathEnv: process.env.PATH,
    platform: process.platform,
    homeDir: os.homedir(),
    isExecutableFile,
  });
}

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private lastProblems = '';
  /** Start, stop and restart run one at a time, in the order asked. */
  private queue: Promise<void> = Promise.resolve();
  /** The user value of the path setting that the current server was resolved with. */
  private startedWithPath: unknown;

  constructor(
    private readonly extensionPath: string,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** The running client, if the server could be started. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** The server configuration from the current settings; reports ignored values once. */
  readConfig(): ServerConfig {
    const settings = vscode.workspace.getConfiguration(SECTION);
    const { config, problems } = settingsToConfig((key) => settings.get(key));
    const text = problems.join('\n');
    if (text !== this.lastProblems) {
      this.lastProblems = text;
      for (const problem of problems) {
        this.output.warn(problem);
      }
      if (problems.length > 0) {
        void vscode.window.showWarningMessage(`awesome-ls: ${problems[0] ?? ''}`);
      }
    }
    return config;
  }

  /** Reacts to a settings change: a new server path restarts, the rest is pushed. */
  async configurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!event.affectsConfiguration(SECTION)) {
      return;
    }
    if (userServerPath() !== this.startedWithPath) {
      await this.restart();
      return;
    }
    const client = this.client;
    if (client?.isRunning() === true) {
      await client.sendNotification(
        DidChangeConfigurationNotification.type,
        didChangeConfigurationParams(this.readConfig()),
      );
    }
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  dispose(): void {
    void this.stop();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async doStart(): Promise<void> {
    this.startedWithPath = userServerPath();
    const resolution = findServerBinary(this.extensionPath);
    if (!resolution.ok) {
      this.output.error(`${resolution.message} Tried: ${resolution.tried.join(', ')}`);
      void this.showMissingBinary(resolution.message);
      return;
    }
    this.output.info(`Starting ${resolution.path} serve (found via ${resolution.source})`);
    const client = this.createClient(resolution.path);
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.output.error(`The awesome-ls server failed to start: ${String(error)}`);
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    try {
      if (client.isRunning()) {
        await client.stop(5000);
      }
    } catch (error) {
      this.output.warn(`Stopping the server: ${String(error)}`);
    }
    await client.dispose();
  }

  private async showMissingBinary(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`awesome-ls: ${message}`, OPEN_SETTINGS);
    if (choice === OPEN_SETTINGS) {
      const { command, args } = openSettingCommand(vscode.env.remoteName);
      await vscode.commands.executeCommand(command, args);
    }
  }

  private createClient(command: string): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { command, args: ['serve'] },
      debug: { command, args: ['serve'] },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
      ],
      outputChannel: this.output,
      initializationOptions: () => this.readConfig(),
      middleware: {
        workspace: {
          // workspace/configuration for section awesomeLs: the mapped config, not raw settings.
          configuration: async (params, token, next) => {
            const fallback = await next(params, token);
            if (!Array.isArray(fallback)) {
              return fallback;
            }
            return answerConfigurationItems(params.items, fallback, this.readConfig());
          },
        },
      },
    };
    return new LanguageClient(SECTION, 'awesome-ls', serverOptions, clientOptions);
  }
}
