// The names and message shapes this client shares with the awesome-ls server. Pure data and
// functions (no `vscode` import) so they are unit-tested in plain node.
import { toServerSettings } from './settings';

/** The settings section, also the language client id (so `awesomeLs.trace.server` works). */
export const SECTION = 'awesomeLs';

/** The diagnostics' `source`. */
export const DIAGNOSTIC_SOURCE = 'awesome-ls';

/** Server-side commands run through `workspace/executeCommand`. */
export const SERVER_COMMANDS = {
  fixAll: 'awesome-ls.fixAll',
  sortSection: 'awesome-ls.sortSection',
  updateToc: 'awesome-ls.updateToc',
} as const;
export type ServerCommand = (typeof SERVER_COMMANDS)[keyof typeof SERVER_COMMANDS];

export interface ConfigurationItem {
  section?: string;
  scopeUri?: string;
}

/**
 * Answers a `workspace/configuration` request from VS Code's answer (`settings`): the
 * `awesomeLs` section reshaped for the server, every other item as VS Code gave it.
 */
export function answerConfigurationItems(
  items: readonly ConfigurationItem[],
  settings: readonly unknown[],
): unknown[] {
  return items.map((item, index) => {
    const value = settings[index] ?? null;
    return item.section === SECTION ? toServerSettings(value) : value;
  });
}
