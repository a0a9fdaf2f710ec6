// The web extension's server for real: a page served from 127.0.0.1 starts dist/web/server.js as a Web
// Worker in headless Chromium and talks LSP to it over postMessage (the transport the browser
// LanguageClient uses): it must publish diagnostics, complete and hover.
//
//   node scripts/build.mjs && node scripts/web.mjs
//
// Needs /usr/bin/chromium and playwright-core (installed with the code-server host into
// .cache/code-server, scripts/e2e/host.mjs). Outside CI a missing one skips with a printed reason.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { CHROMIUM, chromiumArgs, install, playwright, root } from './e2e/host.mjs';

const inCI = !!process.env.CI && process.env.CI !== 'false';
const log = (msg) => console.log(`[web] ${msg}`);
const fail = (msg) => {
  console.error(`[web] ✗ ${msg}`);
  process.exit(1);
};
const skipOrFail = (reason) => {
  if (inCI) fail(`${reason} (CI=true: the web tier may not skip)`);
  log(`skipped: ${reason}`);
  process.exit(0);
};

const classic = fs.readFileSync(path.join(root, 'test', 'e2e', 'fixtures', 'workspace', 'fixall', 'user-data'), 'utf8');
const files = {
  '/': ['text/html', path.join(root, 'test', 'web', 'page.html')],
  '/server.js': ['text/javascript', path.join(root, 'dist', 'web', 'server.js')],
};

async function main() {
  if (!fs.existsSync(files['/server.js'][1])) fail('dist/web/server.js missing: run `node scripts/build.mjs` first');
  if (!fs.existsSync(CHROMIUM)) skipOrFail(`${CHROMIUM} not found (Debian: apt-get install -y chromium)`);
  try {
    install();
  } catch (err) {
    skipOrFail(`playwright-core could not be installed into .cache/code-server: ${err.message}`);
  }
  const server = http.createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0] }).end(fs.readFileSync(file[1]));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const { chromium } = await playwright();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
  const started = Date.now();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    const result = await page.evaluate(async (text) => {
      const lsp = window.startServer('/server.js');
      const init = await lsp.request('initialize', {
        processId: null,
        rootUri: null,
        capabilities: { workspace: { configuration: true } },
      });
      lsp.notify('initialized', {});
      const uri = 'file:///ws/user-data';
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cloud-config', version: 1, text } });
      const published = await lsp.waitFor(
        (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri,
        15000,
      );
      const lines = text.split('\n');
      const unitLine = lines.findIndex((l) => /^\s+- name: .*\.service/.test(l));
      const column = lines[unitLine].indexOf('name');
      const completion = await lsp.request('textDocument/completion', {
        textDocument: { uri },
        position: { line: unitLine + 1, character: column },
      });
      const hoverLine = lines.findIndex((l) => /permissions:/.test(l));
      const hover = await lsp.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: hoverLine, character: lines[hoverLine].indexOf('permissions') + 2 },
      });
      const status = lsp.notifications.find((n) => n.method === 'cloudConfig/status');
      const logs = lsp.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message);
      return {
        serverInfo: init.serverInfo,
        codes: published.params.diagnostics.map((d) => `${d.source}:${d.code}`),
        completion: (completion.items ?? completion).map((i) => i.label),
        hover: hover && hover.contents && (hover.contents.value ?? JSON.stringify(hover.contents)),
        status: status && status.params,
        logs,
        errors: lsp.notifications.filter((n) => n.method === 'worker/error').map((n) => n.params.message),
      };
    }, classic);
    const problems = [];
    const want = [
      'cloud-config:cloud-config/header',
      'cloud-config:cloud-config/unknown-key',
      'cloud-config:cloud-config/unquoted-permissions',
      'cloud-config:cloud-config/firewall-not-loaded',
    ];
    for (const w of want)
      if (!result.codes.includes(w)) problems.push(`no ${w} among the diagnostics ${result.codes.join(', ')}`);
    if (!result.completion.includes('enable') || !result.completion.includes('content'))
      problems.push(`completion in a unit entry lacks enable/content: ${result.completion.join(', ')}`);
    if (!/permissions/i.test(result.hover ?? '')) problems.push(`hover on permissions: ${result.hover}`);
    if (result.status?.language !== 'cloud-config') problems.push(`status: ${JSON.stringify(result.status)}`);
    if (!result.logs.some((l) => /cloud-config-language-server .* \(web worker\)/.test(l)))
      problems.push(`no start line in the log: ${result.logs.join(' | ')}`);
    problems.push(...result.errors.map((e) => `worker error: ${e}`), ...errors.map((e) => `page error: ${e}`));
    if (problems.length) fail(problems.join('\n'));
    const size = fs.statSync(files['/server.js'][1]).size;
    log(
      `✓ ${result.serverInfo?.name} ${result.serverInfo?.version} in a Web Worker (${Math.round(size / 1024)} KiB): ${result.codes.length} diagnostics, ${result.completion.length} completions, hover "${result.hover.split('\n')[0].slice(0, 60)}" (${Date.now() - started} ms)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => fail(err.stack || String(err)));
