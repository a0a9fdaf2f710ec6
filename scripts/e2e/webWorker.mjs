// The web extension (package.json `browser`, dist/web/*) inside code-server: the VSIX installed into
// the host, and the extension told to run in the browser's web worker extension host instead of the
// Node one with the user settings
//   "extensions.webWorker": true,
//   "remote.extensionKind": { "cloud-config-tools.cloud-config-lsp": ["web"] }
// (VS Code picks the web worker host for an extension whose kinds are only "web", installed locally
// or on the remote). Then user-data is opened and its findings must reach the Problems panel, with
// no Node language server process started: the server runs in a Web Worker of the page.
//
//   node scripts/e2e/webWorker.mjs [--vsix FILE]      (also a step of scripts/e2e.mjs)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, chromiumArgs, hostLayout, installVsix, playwright, root, startHost } from './host.mjs';
import { quickOpen } from './ui.mjs';

const EXTENSION_ID = 'cloud-config-tools.cloud-config-lsp';
const CODES = ['cloud-config/header', 'cloud-config/unknown-key'];
/** The name of the server's Web Worker (client/src/browserExtension.ts). */
const SERVER_WORKER = 'cloud-config-language-server';

/** Processes running the installed extension's Node server bundle. */
function nodeServers(layout) {
  return spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l.includes(layout.dirs.extensions) && /dist\/server\.js/.test(l))
    .map((l) => l.trim());
}

/**
 * Start a host of its own with the web-worker settings, open user-data, wait for the findings in the
 * Problems panel. Resolves to what was seen; throws when the findings do not arrive.
 */
export async function webWorkerCheck({ vsix, fixtures, resultsDir }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-config-webworker-'));
  const layout = hostLayout(tmp);
  const settingsFile = path.join(layout.dirs.userData, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  settings['extensions.webWorker'] = true;
  settings['remote.extensionKind'] = { [EXTENSION_ID]: ['web'] };
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(fixtures, workspace, { recursive: true });
  installVsix(layout, vsix);
  const host = await startHost(layout, { folder: workspace });
  const { chromium } = await playwright();
  const context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs,
  });
  const consoleLines = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    const pageWorkers = [];
    page.on('worker', (w) => {
      pageWorkers.push(w);
      consoleLines.push(`[worker] ${w.url()}`);
    });
    // The language server's workers alive now, told apart by the name the client gives them.
    const serverWorkers = async () =>
      (await Promise.all(pageWorkers.map((w) => w.evaluate(() => globalThis.name).catch(() => '')))).filter((n) =>
        String(n).includes(SERVER_WORKER),
      );
    await page.goto(host.url, { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // A plain YAML file first: it activates the extension (onLanguage:yaml) but serves nothing, so
    // no server worker may start yet.
    await quickOpen(page, 'other.yaml');
    await page.waitForTimeout(5000);
    const workersBeforeServed = await serverWorkers();
    await quickOpen(page, 'user-data');
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 30_000 });
    const deadline = Date.now() + 60_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await panel.innerText().catch(() => '');
      if (CODES.every((c) => text.includes(c))) break;
      await page.waitForTimeout(500);
    }
    if (resultsDir) await page.screenshot({ path: path.join(resultsDir, 'e2e-web-worker.png') });
    // Where the extension runs: the Running Extensions view names the web worker host.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Developer: Show Running Extensions');
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    const view = page.locator('.runtime-extensions-editor').first();
    await view.waitFor({ timeout: 30_000 }).catch(() => {});
    const running = await view.innerText().catch(() => '(no Running Extensions view)');
    const servers = nodeServers(layout);
    const workers = await serverWorkers();
    const ok = CODES.every((c) => text.includes(c));
    return { ok, problems: text, running, servers, workers, workersBeforeServed, console: consoleLines };
  } finally {
    await context.close().catch(() => {});
    await host.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--vsix');
  const vsix =
    i > 0
      ? path.resolve(process.argv[i + 1])
      : path.join(
          root,
          `cloud-config-lsp-${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}.vsix`,
        );
  const log = (m) => console.log(`[web-worker] ${m}`);
  const r = await webWorkerCheck({
    vsix,
    fixtures: path.join(root, 'test', 'e2e', 'fixtures', 'workspace'),
    resultsDir: path.join(root, 'test-results'),
    log,
  });
  console.log(
    `findings in Problems: ${r.ok}\n--- Problems panel\n${r.problems}\n--- Running Extensions\n${r.running}\n--- Node server processes\n${r.servers.join('\n') || '(none)'}\n--- server workers\n${r.workers.join('\n') || '(none)'}\n--- server workers before a served document\n${r.workersBeforeServed.join('\n') || '(none)'}`,
  );
  if (process.argv.includes('--console')) console.log(`--- console\n${r.console.join('\n')}`);
  process.exit(r.ok ? 0 : 1);
}
