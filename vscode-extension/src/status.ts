// What the language status items of Markdown files say. Pure (no `vscode` import) so the
// texts are unit-tested in plain node; src/client.ts puts them on the items.

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

export function serverStatusView({ state, error }: ServerStatus): StatusView {
  return {
    text: `awesome-ls: ${state}`,
    detail: error ?? '',
    busy: state === 'starting',
    isError: error !== undefined,
  };
}

/** "No findings", "1 finding", "12 findings" in the active list. */
export function findingsText(count: number): string {
  if (count === 0) {
    return 'No findings';
  }
  return count === 1 ? '1 finding' : `${count} findings`;
}
