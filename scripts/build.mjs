// Bundle the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The web extension: the client for VS Code's browser extension host, and the same server.ts in a Web
// Worker, with the Node-only modules it names replaced (the connection, crypto's hash, Buffer).
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  conditions: ['browser'],
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  esbuild.build({
    ...web,
    format: 'cjs',
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/web/client.js',
    external: ['vscode'],
  }),
  esbuild.build({
    ...web,
    format: 'iife',
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/web/server.js',
    alias: {
      'vscode-languageserver/node': './server/src/browser/connectionShim.ts',
      'node:crypto': './server/src/browser/cryptoShim.ts',
    },
    inject: ['./server/src/browser/bufferShim.ts'],
  }),
]);
console.log(
  `built dist/client.js, dist/server.js, dist/cli.js, dist/web/client.js, dist/web/server.js${production ? ' (production)' : ''}`,
);
