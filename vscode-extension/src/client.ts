// Owns the language client: finds the server binary, starts `awesome-ls serve` over stdio for
// Markdown documents and reshapes the settings the server pulls. All checking, and checking of
// the settings, happens in the server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, State, type LanguageClientOptions } from 'vscode-languageclient/node';

import {
  DOCUMENT_INFO_METHOD,
  INITIALIZATION_OPTIONS,
  SECTION,
  answerConfigurationItems,
  type DocumentInfo,
} from './protocol';
import { openSettingCommand, resolveServerBinary, type Resolution } from './serverBinary';
import type { ServerState, ServerStatus } from './status';

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
  return resolveServerBinary(vscode.workspace.getConfiguration(SECTION).inspect('server.path'), {
    extensionPath,
    pathEnv: process.env.PATH,
    platform: process.platform,
    homeDir: os.homedir(),
    isExecutableFile,
  });
}

function clientOptions(output: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel: output,
    initializationOptions: INITIALIZATION_OPTIONS,
    middleware: {
      workspace: {
        // The server pulls the awesomeLs section; it gets it in the shape of .awesome-ls.json.
        configuration: async (params, token, next) => {
          const settings = await next(params, token);
          return Array.isArray(settings) ? answerConfigurationItems(params.items, settings) : settings;
        },
      },
    },
  };
}

const STATES: Partial<Record<State, ServerState>> = {
  [State.Starting]: 'starting',
  [State.Running]: 'running',
  [State.Stopped]: 'stopped',
};

async function showMissingBinary(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(`awesome-ls: ${message}`, OPEN_SETTINGS);
  if (choice === OPEN_SETTINGS) {
    const { command, args } = openSettingCommand(vscode.env.remoteName);
    await vscode.commands.executeCommand(command, args);
  }
}

export class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** The binary the client runs. */
  private binary = '';
  private readonly statusChanged = new vscode.EventEmitter<ServerStatus>();
  readonly onDidChangeStatus = this.statusChanged.event;

  constructor(
    private readonly extensionPath: string,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Restarts the running server, or starts a new client when the binary to run changed. */
  async restart(): Promise<void> {
    const found = findServerBinary(this.extensionPath);
    if (this.client?.isRunning() === true && found.ok && found.path === this.binary) {
      await this.client.restart();
      return;
    }
    await this.stop();
    await this.start(found);
  }

  async start(found = findServerBinary(this.extensionPath)): Promise<void> {
    if (!found.ok) {
      this.output.error(`${found.message} Tried: ${found.tried.join(', ')}`);
      this.statusChanged.fire({ state: 'stopped', error: found.message });
      void showMissingBinary(found.message);
      return;
    }
    this.output.info(`Starting ${found.path} serve (found via ${found.source})`);
    const client = new LanguageClient(
      SECTION,
      'awesome-ls',
      { command: found.path, args: ['serve'] },
      clientOptions(this.output),
    );
    this.client = client;
    this.binary = found.path;
    client.onDidChangeState(({ newState }) => {
      const state = STATES[newState];
      if (state !== undefined) {
        this.statusChanged.fire({ state });
      }
    });
    try {
      await client.start();
    } catch (error) {
      // The client has logged and shown the error.
      this.statusChanged.fire({ state: 'stopped', error: String(error) });
    }
  }

  /** What the running server made of an open document; undefined when it cannot say. */
  async documentInfo(uri: vscode.Uri): Promise<DocumentInfo | undefined> {
    const client = this.client;
    if (client?.isRunning() !== true) {
      return undefined;
    }
    try {
      const info = await client.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_METHOD, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(uri) },
      });
      return info ?? undefined;
    } catch (error) {
      this.output.warn(`${DOCUMENT_INFO_METHOD}: ${String(error)}`);
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.binary = '';
    if (client === undefined) {
      return;
    }
    try {
      if (client.state === State.Starting) {
        await client.start(); // a starting client cannot be stopped yet
      }
      await client.dispose();
    } catch (error) {
      this.output.warn(`Stopping the server: ${String(error)}`);
    }
  }

  dispose(): void {
    void this.stop();
    this.statusChanged.dispose();
  }
}
