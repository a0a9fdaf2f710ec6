// In the web extension the server runs in a Web Worker: this module stands in for
// `vscode-languageserver/node` (an esbuild alias in scripts/build.mjs), so server.ts is the same
// program in both. The connection talks to the extension through the worker's postMessage.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  ProposedFeatures,
  createConnection as createBrowserConnection,
  type Connection,
} from 'vscode-languageserver/browser';

export * from 'vscode-languageserver/browser';

export function createConnection(_features?: unknown): Connection {
  // The worker's global scope posts and receives messages as a Worker object does on the other side.
  const port = self as unknown as Worker;
  return createBrowserConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
}
