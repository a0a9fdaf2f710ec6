import type { Connection } from 'vscode-languageserver';
import type { EditorSettings } from './editorSettings';
import { serverVersion } from '../version';

/**
 * What the server writes to the editor's output channel: its version at start, the effective
 * settings when they are read, the dialect of each document when it is chosen or changes (and why),
 * and, at the `trace` level only (`cloudConfig.trace.server`), how long each request took.
 */
export class ServerLog {
  private readonly dialects = new Map<string, string>();
  private lastSettings = '';

  constructor(private readonly connection: Connection) {}

  started(client: { name: string; version?: string } | undefined): void {
    const runtime =
      typeof process !== 'undefined' && process.versions?.node ? `Node ${process.versions.node}` : 'web worker';
    const by = client ? `, client ${client.name}${client.version ? ` ${client.version}` : ''}` : '';
    this.connection.console.info(`cloud-config-language-server ${serverVersion} (${runtime}${by})`);
  }

  settings(global: EditorSettings, perDocument: ReadonlyArray<readonly [string, EditorSettings]>): void {
    const globalText = JSON.stringify(global);
    const lines = [`settings: ${globalText}`];
    for (const [uri, s] of perDocument) {
      const text = JSON.stringify(s);
      if (text !== globalText) lines.push(`settings for ${uri}: ${text}`);
    }
    const all = lines.join('\n');
    if (all === this.lastSettings) return;
    this.lastSettings = all;
    this.connection.console.info(all);
  }

  /** Log a document's dialect when it is first chosen or changes. */
  dialect(uri: string, described: string): void {
    if (this.dialects.get(uri) === described) return;
    this.dialects.set(uri, described);
    this.connection.console.info(`${uri}: dialect ${described}`);
  }

  forget(uri: string): void {
    this.dialects.delete(uri);
  }

  /** A timing, sent only when the client asked for a trace ($/logTrace is dropped otherwise). */
  timing(what: string, uri: string | undefined, ms: number): void {
    this.connection.tracer.log(`${what}${uri ? ` ${uri}` : ''}: ${ms} ms`);
  }
}
