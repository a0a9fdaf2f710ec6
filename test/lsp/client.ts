// A small LSP client over stdio for protocol-level tests: spawns the built server, frames JSON-RPC
// messages with Content-Length headers, answers the server's own requests (workspace/configuration,
// capability registration), collects publishDiagnostics and mirrors open documents so that
// incremental edits and code-action edits can be applied and asserted on.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

/** Repository root (this file runs from out/test/lsp/). */
export const repoRoot = resolve(__dirname, '..', '..', '..');
export const serverPath = resolve(repoRoot, 'dist', 'server.js');

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface ClientOptions {
  /** Settings returned for `workspace/configuration` (keyed by section, e.g. `{ cloudConfig: {...} }`). */
  settings?: Record<string, unknown>;
  /** Advertise `workspace.configuration` (default true). */
  configurationCapability?: boolean;
  initializationOptions?: unknown;
  /** Advertise resolving completion items' documentation (as VS Code does; default false). */
  resolveCompletionDocs?: boolean;
  /** Default timeout for requests and waits, in ms. */
  timeout?: number;
  /** Answer `workspace/applyEdit` requests with `applied: true` (and record them). */
  applyEdits?: boolean;
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  /** Settings answered to `workspace/configuration`; tests may replace entries before notifying a change. */
  settings: Record<string, unknown>;
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** `window/logMessage` and `window/showMessage` notifications: `{ type, message }`. */
  readonly logs: Array<{ type: number; message: string }> = [];
  /** `window/showMessage` notifications only (what the user sees as a notification). */
  readonly shown: Array<{ type: number; message: string }> = [];
  /** Sections the server asked for through `workspace/configuration`. */
  readonly configurationRequests: string[] = [];
  /**
   * Settings per folder for `workspace/configuration` items with a `scopeUri` (resource scope): the
   * first entry whose folder URI the scope starts with answers instead of `settings`.
   */
  folderSettings: Array<[string, Record<string, unknown>]> = [];
  /** Notifications other than diagnostics and logs (e.g. `cloudConfig/status`), in arrival order. */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** `workspace/applyEdit` requests the server sent. */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** `$/logTrace` messages (only sent while the trace is on). */
  readonly traces: string[] = [];
  private readonly answerApplyEdit: boolean;
  readonly documents = new Map<string, TextDocument>();
  stderr = '';

  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }
  >();
  private waiters: Array<() => void> = [];
  private readonly timeout: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(options: ClientOptions = {}) {
    this.timeout = options.timeout ?? 10_000;
    this.answerApplyEdit = options.applyEdits ?? false;
    this.settings = options.settings ?? { cloudConfig: { dialect: 'auto', rules: {} } };
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.proc.stdin.on('error', () => {
      /* server gone: the pending requests fail below */
    });
    this.exited = new Promise((res) => {
      this.proc.on('exit', (code, signal) => {
        for (const p of this.pending.values())
          p.reject(
            new Error(`server exited (code ${code}, signal ${signal}) before answering ${p.method}\n${this.stderr}`),
          );
        this.pending.clear();
        this.wake();
        res({ code, signal });
      });
    });
  }

  /** Start the server and run the initialize handshake; returns the InitializeResult. */
  static async start(
    options: ClientOptions = {},
  ): Promise<{ client: LspClient; init: { capabilities: Record<string, unknown>; serverInfo?: { name: string } } }> {
    const client = new LspClient(options);
    const init = (await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'cloud-config-lsp-tests' },
      rootUri: null,
      workspaceFolders: null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: options.configurationCapability ?? true,
          didChangeConfiguration: { dynamicRegistration: false },
        },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
          completion: {
            completionItem: {
              snippetSupport: true,
              documentationFormat: ['markdown', 'plaintext'],
              ...(options.resolveCompletionDocs
                ? { resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } }
                : {}),
            },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { lineFoldingOnly: true },
        },
      },
    })) as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
    client.notify('initialized', {});
    return { client, init };
  }

  // ---- framing -----------------------------------------------------------------------------

  private send(msg: Message): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header from server: ${JSON.stringify(header)}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      this.answerServerRequest(msg);
    } else if (msg.method !== undefined) {
      if (msg.method === 'textDocument/publishDiagnostics') this.published.push(msg.params as PublishDiagnosticsParams);
      else if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
        this.logs.push(msg.params as { type: number; message: string });
        if (msg.method === 'window/showMessage') this.shown.push(msg.params as { type: number; message: string });
      } else if (msg.method === '$/logTrace') this.traces.push((msg.params as { message: string }).message);
      else this.notifications.push({ method: msg.method, params: msg.params });
      this.wake();
    } else if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method} failed: ${msg.error.code} ${msg.error.message}`));
      else p.resolve(msg.result ?? null);
    }
  }

  private answerServerRequest(msg: Message): void {
    const id = msg.id as number | string;
    switch (msg.method) {
      case 'workspace/configuration': {
        const items = (msg.params as { items: Array<{ section?: string; scopeUri?: string }> }).items;
        const result = items.map((item) => {
          this.configurationRequests.push(item.section ?? '');
          const scoped = item.scopeUri
            ? this.folderSettings.find(([folder]) => item.scopeUri?.startsWith(folder))?.[1]
            : undefined;
          const settings = scoped ?? this.settings;
          if (!item.section) return settings;
          let v: unknown = settings;
          for (const part of item.section.split('.'))
            v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
          return v ?? null;
        });
        this.send({ jsonrpc: '2.0', id, result });
        break;
      }
      case 'workspace/applyEdit':
        if (!this.answerApplyEdit) {
          this.send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'test client does not apply edits' } });
          break;
        }
        this.appliedEdits.push((msg.params as { edit: WorkspaceEdit }).edit);
        this.send({ jsonrpc: '2.0', id, result: { applied: true } });
        break;
      case 'client/registerCapability':
      case 'client/unregisterCapability':
      case 'window/workDoneProgress/create':
        this.send({ jsonrpc: '2.0', id, result: null });
        break;
      default:
        this.send({
          jsonrpc: '2.0',
          id,
          error: { code: -32601, message: `test client does not handle ${msg.method}` },
        });
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  // ---- requests and notifications ------------------------------------------------------------

  request<R = unknown>(method: string, params: unknown, timeout = this.timeout): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((res, rej) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        rej(new Error(`no answer to ${method} within ${timeout} ms\nserver stderr:\n${this.stderr}`));
      }, timeout);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          res(v as R);
        },
        reject: (e) => {
          clearTimeout(timer);
          rej(e);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolve once `predicate` holds (checked after every incoming message). */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeout = this.timeout): Promise<T> {
    return new Promise<T>((res, rej) => {
      const timer = setTimeout(
        () => rej(new Error(`timed out after ${timeout} ms waiting for ${what}\nserver stderr:\n${this.stderr}`)),
        timeout,
      );
      const check = (): void => {
        const v = predicate();
        if (v) {
          clearTimeout(timer);
          res(v);
          return;
        }
        if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
          clearTimeout(timer);
          rej(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
          return;
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /**
   * The first publishDiagnostics for `uri` arriving after the `after`-th notification and matching `version` when
   * given.
   */
  diagnostics(uri: string, opts: { version?: number; after?: number } = {}): Promise<PublishDiagnosticsParams> {
    const after = opts.after ?? 0;
    return this.waitFor(
      `publishDiagnostics for ${uri}${opts.version !== undefined ? ` version ${opts.version}` : ''}`,
      () =>
        this.published
          .slice(after)
          .find((p) => p.uri === uri && (opts.version === undefined || p.version === opts.version)),
    );
  }

  // ---- documents -----------------------------------------------------------------------------

  open(uri: string, languageId: string, text: string, version = 1): TextDocument {
    const doc = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, doc);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return doc;
  }

  /** Send incremental changes (applied in order, as LSP specifies) and mirror them locally. */
  change(uri: string, changes: Array<{ range: Range; text: string }>): TextDocument {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return doc;
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  doc(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`document ${uri} is not open`);
    return doc;
  }

  /** Text of `uri` with a workspace edit applied (not sent to the server). */
  applied(uri: string, edit: WorkspaceEdit | undefined): string {
    const doc = this.doc(uri);
    return applyEdits(doc.getText(), edit?.changes?.[uri] ?? documentChangeEdits(edit, uri));
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** shutdown + exit; resolves with the process exit status. */
  async stop(timeout = this.timeout): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      await this.request('shutdown', null, timeout);
      this.notify('exit', null);
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeout);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last resort in `after` hooks: kill the server if a test left it running. */
  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

function documentChangeEdits(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const dc of edit?.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  return out;
}

/** Apply LSP text edits to a text (edits must not overlap, as the protocol requires). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///apply', 'text', 0, text), [...edits]);
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const doc = TextDocument.create('file:///range', 'text', 0, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

/** Position of the `nth` occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not found (occurrence ${nth}) in test text`);
  }
  return TextDocument.create('file:///pos', 'text', 0, text).positionAt(at + delta);
}
