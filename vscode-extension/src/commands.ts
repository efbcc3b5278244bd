// The palette commands behind the server's own: each sends the active Markdown document and
// the cursor to a server command (`workspace/executeCommand`, registered by the language
// client), which computes the edit and asks VS Code to apply it.
import * as vscode from 'vscode';

import type { ServerCommand } from './protocol';

export async function runServerCommand(command: ServerCommand): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('awesome-ls: open a Markdown list first.');
    return;
  }
  const { line, character } = editor.selection.active;
  await vscode.commands.executeCommand(command, {
    uri: editor.document.uri.toString(),
    position: { line, character },
  });
}
