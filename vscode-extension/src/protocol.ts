// The names and message shapes this client shares with the awesome-ls server. Pure data and
// functions (no `vscode` import) so they are unit-tested in plain node.
import type { ServerConfig } from './settings';

/** The settings section, also the language client id (so `awesomeLs.trace.server` works). */
export const SECTION = 'awesomeLs';

/** The code action kind of the server's "fix all" source action. */
export const FIX_ALL_KIND = 'source.fixAll.awesome-ls';

/** Server-side commands run through `workspace/executeCommand`. */
export const SERVER_COMMANDS = {
  sortSection: 'awesome-ls.sortSection',
  updateToc: 'awesome-ls.updateToc',
} as const;
export type ServerCommand = (typeof SERVER_COMMANDS)[keyof typeof SERVER_COMMANDS];

export interface Position {
  line: number;
  character: number;
}

export interface ExecuteCommandParams {
  command: ServerCommand;
  arguments: [{ uri: string; position: Position }];
}

export function executeCommandParams(
  command: ServerCommand,
  uri: string,
  position: Position,
): ExecuteCommandParams {
  return { command, arguments: [{ uri, position }] };
}

/** The `workspace/didChangeConfiguration` params: the config under the section name. */
export function didChangeConfigurationParams(config: ServerConfig): {
  settings: { [SECTION]: ServerConfig };
} {
  return { settings: { [SECTION]: config } };
}

export interface ConfigurationItem {
  section?: string;
  scopeUri?: string;
}

/**
 * Answers a `workspace/configuration` request: items asking for the `awesomeLs` section get
 * the server config; every other item keeps the answer VS Code gave (`fallback`).
 */
export function answerConfigurationItems(
  items: readonly ConfigurationItem[],
  fallback: readonly unknown[],
  config: ServerConfig,
): unknown[] {
  return items.map((item, index) => (item.section === SECTION ? config : (fallback[index] ?? null)));
}
