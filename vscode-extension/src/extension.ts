// Entry point: creates the output channel, the server controller and the commands.
import * as vscode from 'vscode';

import { ServerController } from './client';
import { fixAll, runServerCommand } from './commands';
import { SERVER_COMMANDS } from './protocol';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('awesome-ls', { log: true });
  const servers = new ServerController(context.extensionPath, output);
  controller = servers;
  context.subscriptions.push(
    output,
    servers,
    vscode.commands.registerCommand('awesomeLs.fixAll', fixAll),
    vscode.commands.registerCommand('awesomeLs.sortSection', () =>
      runServerCommand(servers, SERVER_COMMANDS.sortSection),
    ),
    vscode.commands.registerCommand('awesomeLs.updateToc', () =>
      runServerCommand(servers, SERVER_COMMANDS.updateToc),
    ),
    vscode.commands.registerCommand('awesomeLs.restartServer', () => servers.restart()),
    vscode.commands.registerCommand('awesomeLs.showOutput', () => {
      output.show();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      void servers.configurationChanged(event);
    }),
  );
  await servers.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
