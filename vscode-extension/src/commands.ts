// The extension's commands. Each one asks the server to do the work: the fix-all source
// action, or a server command over `workspace/executeCommand`.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

import type { ServerController } from './client';
import { FIX_ALL_KIND, executeCommandParams, type ServerCommand } from './protocol';

function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('awesome-ls: open a Markdown list first.');
    return undefined;
  }
  return editor;
}

export async function fixAll(): Promise<void> {
  const editor = activeMarkdownEditor();
  if (editor === undefined) {
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const kind = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND,
      1,
    )) ?? [];
  const action = actions.find((a) => a.kind !== undefined && kind.contains(a.kind));
  if (action === undefined) {
    void vscode.window.showInformationMessage('awesome-ls: nothing to fix automatically.');
    return;
  }
  if (action.edit !== undefined) {
    await vscode.workspace.applyEdit(action.edit);
  }
  if (action.command !== undefined) {
    await vscode.commands.executeCommand(
      action.command.command,
      ...((action.command.arguments ?? []) as unknown[]),
    );
  }
}

export async function runServerCommand(
  controller: ServerController,
  command: ServerCommand,
): Promise<void> {
  const editor = activeMarkdownEditor();
  if (editor === undefined) {
    return;
  }
  const client = controller.current;
  if (client?.isRunning() !== true) {
    void vscode.window.showErrorMessage(
      'awesome-ls: the server is not running. See "awesome-ls: Show Output".',
    );
    return;
  }
  const params = executeCommandParams(
    command,
    client.code2ProtocolConverter.asUri(editor.document.uri),
    client.code2ProtocolConverter.asPosition(editor.selection.active),
  );
  try {
    await client.sendRequest(ExecuteCommandRequest.type, params);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`awesome-ls: ${command} failed: ${reason}`);
  }
}
