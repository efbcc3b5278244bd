// What the language status items of Markdown files say. Pure (no `vscode` import) so the
// texts are unit-tested in plain node; src/extension.ts puts them on the items.
import type { DocumentInfo } from './protocol';

export type ServerState = 'starting' | 'running' | 'stopped';

export interface ServerStatus {
  state: ServerState;
  /** Why the server is stopped, when it did not stop on request. */
  error?: string;
}

export interface StatusView {
  text: string;
  detail: string;
  busy: boolean;
  isError: boolean;
}

/**
 * The server item: its state, and while it runs what it made of the active list (`info`,
 * from `awesome-ls/documentInfo`; undefined before the answer or for another file).
 */
export function serverStatusView({ state, error }: ServerStatus, info?: DocumentInfo): StatusView {
  const running = state === 'running' && info !== undefined;
  return {
    text: `awesome-ls: ${state}`,
    detail: error ?? (running ? documentInfoText(info) : ''),
    busy: state === 'starting',
    isError: error !== undefined,
  };
}

/** "2021 dialect (detected) · 98 papers", or why nothing is checked. */
export function documentInfoText(info: DocumentInfo): string {
  if (!info.paperList) {
    return 'not a paper list: nothing checked';
  }
  const papers = info.entries === 1 ? '1 paper' : `${info.entries} papers`;
  return `${info.dialect} dialect (${info.dialectSource}) · ${papers}`;
}

/** "No findings", "1 finding", "12 findings" in the active list. */
export function findingsText(count: number): string {
  if (count === 0) {
    return 'No findings';
  }
  return count === 1 ? '1 finding' : `${count} findings`;
}

/** "2 warnings · 5 information": the findings by severity, the empty ones left out. */
export function findingsDetail(info: DocumentInfo): string {
  const { error, warning, information } = info.findingsBySeverity;
  const parts: string[] = [];
  if (error > 0) {
    parts.push(error === 1 ? '1 error' : `${error} errors`);
  }
  if (warning > 0) {
    parts.push(warning === 1 ? '1 warning' : `${warning} warnings`);
  }
  if (information > 0) {
    parts.push(`${information} information`);
  }
  return parts.join(' · ');
}
