// Entry point: the output channel, the server and the palette commands.
import * as vscode from 'vscode';

import { Server } from './client';
import { runServerCommand } from './commands';
import { SERVER_COMMANDS } from './protocol';
import { SERVER_PATH_SETTING } from './serverBinary';

const RESTART = 'awesomeLs.restartServer';
const SHOW_OUTPUT = 'awesomeLs.showOutput';

let server: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('awesome-ls', { log: true });
  const current = new Server(context.extensionPath, output);
  server = current;
  context.subscriptions.push(
    output,
    current,
    ...Object.entries({
      'awesomeLs.fixAll': SERVER_COMMANDS.fixAll,
      'awesomeLs.sortSection': SERVER_COMMANDS.sortSection,
      'awesomeLs.updateToc': SERVER_COMMANDS.updateToc,
    }).map(([id, command]) => vscode.commands.registerCommand(id, () => runServerCommand(command))),
    vscode.commands.registerCommand(RESTART, () => current.restart()),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => {
      output.show();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SERVER_PATH_SETTING)) {
        void current.restart();
      }
    }),
  );
  await current.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
