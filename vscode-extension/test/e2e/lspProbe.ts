// A minimal LSP client that asks `awesome-ls serve` directly what it can do and what it reports
// for one file: the e2e test compares the editor against this and skips checks of features
// the server does not advertise yet.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface ProbeResult {
  capabilities: Record<string, unknown>;
  diagnostics: LspDiagnostic[];
}

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** Splits a Content-Length framed byte stream into JSON messages. */
class Framer {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Message[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: Message[] = [];
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        return messages;
      }
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/content-length:\s*(\d+)/i.exec(header)?.[1] ?? NaN);
      if (Number.isNaN(length)) {
        throw new Error(`bad LSP header: ${header}`);
      }
      if (this.buffer.length < headerEnd + 4 + length) {
        return messages;
      }
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      messages.push(JSON.parse(body) as Message);
    }
  }
}

/** Starts `binary serve`, opens `file`, and returns the capabilities and its diagnostics. */
export function probeServer(binary: string, file: string, timeoutMs = 20_000): Promise<ProbeResult> {
  const child = spawn(binary, ['serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const uri = pathToFileURL(file).href;
  const framer = new Framer();
  let stderr = '';
  let capabilities: Record<string, unknown> = {};

  const send = (message: object): void => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };

  return new Promise<ProbeResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${binary} serve: no diagnostics for ${file} within ${timeoutMs} ms. ${stderr}`));
    }, timeoutMs);
    const finish = (diagnostics: LspDiagnostic[]): void => {
      clearTimeout(timer);
      send({ id: 2, method: 'shutdown', params: null });
      setTimeout(() => {
        send({ method: 'exit', params: null });
        child.stdin.end();
      }, 100);
      resolve({ capabilities, diagnostics });
    };
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      for (const message of framer.push(chunk)) {
        if (message.id === 1 && message.method === undefined) {
          if (message.error !== undefined) {
            reject(new Error(`initialize failed: ${message.error.message}`));
            return;
          }
          const result = message.result as { capabilities?: Record<string, unknown> };
          capabilities = result.capabilities ?? {};
          send({ method: 'initialized', params: {} });
          const text = fs.readFileSync(file, 'utf8');
          send({
            method: 'textDocument/didOpen',
            params: { textDocument: { uri, languageId: 'markdown', version: 1, text } },
          });
        } else if (message.method !== undefined && message.id !== undefined) {
          // A request from the server (configuration, registrations): answer with nothing.
          const items = (message.params as { items?: unknown[] } | undefined)?.items;
          send({ id: message.id, result: items ? items.map(() => null) : null });
        } else if (message.method === 'textDocument/publishDiagnostics') {
          const params = message.params as { uri: string; diagnostics: LspDiagnostic[] };
          if (params.uri === uri) {
            finish(params.diagnostics);
          }
        }
      }
    });
    send({
      id: 1,
      method: 'initialize',
      params: {
        processId: process.pid,
        rootUri: pathToFileURL(path.dirname(file)).href,
        capabilities: { textDocument: { publishDiagnostics: {} } },
        initializationOptions: {},
      },
    });
  });
}
