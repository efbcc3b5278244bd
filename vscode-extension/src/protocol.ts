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

/**
 * Sent as `initializationOptions`. `outline: 'papers'`: VS Code's Markdown extension already
 * lists the headings as document symbols, and VS Code shows every provider's symbols (a
 * second tree in the Outline view, each heading twice in Go to Symbol); the server then lists
 * only the papers, which that provider does not know.
 */
export const INITIALIZATION_OPTIONS = { outline: 'papers' } as const;

/** The server's own request: what it made of one open document. */
export const DOCUMENT_INFO_METHOD = 'awesome-ls/documentInfo';

/** The result of `awesome-ls/documentInfo` (null for a document the server has not open). */
export interface DocumentInfo {
  uri: string;
  version: number;
  /** Some entry links to a web page; the server checks nothing in other Markdown files. */
  paperList: boolean;
  dialect: '2021' | '2026';
  /** `configured`: pinned by `.awesome-ls.json` or the settings; else learnt from the text. */
  dialectSource: 'detected' | 'configured';
  entries: number;
  sections: number;
  findings: number;
  findingsBySeverity: { error: number; warning: number; information: number };
}
