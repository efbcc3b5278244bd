// Entry point: the output channel, the server, the palette commands and the language status
// items of Markdown files.
import * as vscode from 'vscode';

import { Server } from './client';
import { runServerCommand } from './commands';
import { DIAGNOSTIC_SOURCE, SERVER_COMMANDS } from './protocol';
import { SERVER_PATH_SETTING } from './serverBinary';
import { findingsDetail, findingsText, serverStatusView, type ServerStatus } from './status';
import type { DocumentInfo } from './protocol';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };
const RESTART = 'awesomeLs.restartServer';
const SHOW_OUTPUT = 'awesomeLs.showOutput';

let server: Server | undefined;

/**
 * The server's state with the dialect of the active list (command Restart), and the findings
 * in it by severity (command Show Output). The server says what it made of the list in
 * answer to `awesome-ls/documentInfo`, asked again whenever the list's findings change.
 */
function statusItems(current: Server): vscode.Disposable {
  const state = vscode.languages.createLanguageStatusItem('awesomeLs.server', MARKDOWN);
  state.name = 'awesome-ls server';
  state.command = { title: 'Restart', command: RESTART };
  const findings = vscode.languages.createLanguageStatusItem('awesomeLs.findings', MARKDOWN);
  findings.name = 'awesome-ls findings';
  findings.command = { title: 'Show Output', command: SHOW_OUTPUT };

  let status: ServerStatus = { state: 'starting' };
  let info: DocumentInfo | undefined;
  const render = (): void => {
    const view = serverStatusView(status, info);
    state.text = view.text;
    state.detail = view.detail;
    state.busy = view.busy;
    state.severity = view.isError
      ? vscode.LanguageStatusSeverity.Error
      : vscode.LanguageStatusSeverity.Information;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const own = uri ? vscode.languages.getDiagnostics(uri) : [];
    findings.text = findingsText(own.filter((d) => d.source === DIAGNOSTIC_SOURCE).length);
    findings.detail = info ? findingsDetail(info) : '';
  };

  let asked = 0; // answers to older questions are dropped
  const refresh = async (): Promise<void> => {
    const question = ++asked;
    const document = vscode.window.activeTextEditor?.document;
    const answer =
      document?.languageId === 'markdown' && status.state === 'running'
        ? await current.documentInfo(document.uri)
        : undefined;
    if (question === asked) {
      info = answer;
      render();
    }
  };
  render();

  return vscode.Disposable.from(
    state,
    findings,
    current.onDidChangeStatus((changed) => {
      status = changed;
      info = undefined;
      render();
      void refresh();
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      if (event.uris.some((u) => u.toString() === uri)) {
        void refresh();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('awesome-ls', { log: true });
  const current = new Server(context.extensionPath, output);
  server = current;
  context.subscriptions.push(
    output,
    current,
    statusItems(current),
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
