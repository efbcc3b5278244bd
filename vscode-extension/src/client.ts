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
import { SERVER_PATH_SETTING, resolveServerBinary, type Resolution } from './serverBinary';
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

export function findServerBinary(extensionPath: string): Resolution {
  const setting = vscode.workspace.getConfiguration(SECTION).inspect<string>('server.path');
  return resolveServerBinary(setting, {
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
      problems.forEach((problem) => { this.output.warn(problem); });
      if (problems.length > 0) {
        void vscode.window.showWarningMessage(`awesome-ls: ${problems[0] ?? ''}`);
      }
    }
    return config;
  }

  /** Pushes the config to the running server after a settings change. */
  async configurationChanged(): Promise<void> {
    const client = this.client;
    if (client?.isRunning() === true) {
      await client.sendNotification(
        DidChangeConfigurationNotification.type,
        didChangeConfigurationParams(this.readConfig()),
      );
    }
  }

  async start(): Promise<void> {
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

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.warn(`Stopping the server: ${String(error)}`);
      }
      await client.dispose();
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
  }

  private async showMissingBinary(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`awesome-ls: ${message}`, OPEN_SETTINGS);
    if (choice === OPEN_SETTINGS) {
      await vscode.commands.executeCommand('workbench.action.openSettings', SERVER_PATH_SETTING);
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
