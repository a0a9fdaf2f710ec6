// End-to-end tests in a real VS Code: code-server (VS Code's workbench + Node extension host) driven by
// Debian's Chromium through playwright-core.
//
// 1. The extension's own test suite (out/test/e2e/suite/index.js, the `run()` contract of
//    @vscode/test-electron) runs inside the extension host, with the extension loaded from this folder
//    as the extension under development.
// 2. The packaged VSIX is installed into the host (`code-server --install-extension`) and the real UI
//    is checked in a window that has only the installed extension: Problems panel, hover, completion
//    (screenshots in test-results/; `--docs-images` copies them to docs/images/ for the README).
// 3. The same VSIX in a host whose settings send the extension to the browser's web worker extension
//    host (the `browser` entry, the server in a Web Worker): user-data's findings reach the Problems
//    panel and no Node server runs (scripts/e2e/webWorker.mjs, docs/web-extension.md).
//
//   node scripts/build.mjs && npx tsc -p . && node scripts/e2e.mjs [--install-only] [--keep] [--no-ui]
//        [--vsix FILE] [--docs-images] [--ui-only]
//
// Needs /usr/bin/chromium and, for the one-time install, libkrb5-dev + a C++ toolchain (Debian:
// `apt-get install -y chromium libkrb5-dev`). code-server, its Node 24 and playwright-core are
// installed once into .cache/code-server (scripts/e2e/host.mjs). Outside CI (CI unset or false) a
// missing Chromium or a failed host install (offline) skips with a printed reason; in CI it fails.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CHROMIUM,
  chromiumArgs,
  hostLayout,
  install,
  installVsix,
  listExtensions,
  logTail,
  playwright,
  root,
  startHost,
} from './e2e/host.mjs';
import { uiSmoke } from './e2e/ui.mjs';
import { webWorkerCheck } from './e2e/webWorker.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 600_000);
const suiteEntry = path.join(root, 'out', 'test', 'e2e', 'suite', 'index.js');
const fixtures = path.join(root, 'test', 'e2e', 'fixtures', 'workspace');
const resultsDir = path.join(root, 'test-results');
const docsImages = path.join(root, 'docs', 'images');

const argv = process.argv.slice(2);
const args = new Set(argv);
const optionValue = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const inCI = !!process.env.CI && process.env.CI !== 'false';
const t0 = Date.now();
const secs = (since = t0) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e] ${msg}`);

function fail(msg, code = 1) {
  console.error(`[e2e] ✗ ${msg}`);
  process.exit(code);
}

function skipOrFail(reason) {
  if (inCI) fail(`${reason} (CI=true: the end-to-end tier may not skip)`);
  log(`skipped: ${reason}`);
  process.exit(0);
}

/** The VSIX to install: --vsix FILE, else ours, (re)packaged when older than the bundles or manifest. */
function freshVsix() {
  const given = optionValue('--vsix');
  if (given) return path.resolve(given);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `${name}-${version}.vsix`);
  const inputs = ['package.json', 'README.md', 'dist/client.js', 'dist/server.js']
    .map((f) => path.join(root, f))
    .filter((f) => fs.existsSync(f));
  const newest = Math.max(
    ...inputs.map((f) => fs.statSync(f).mtimeMs),
    ...fs.readdirSync(path.join(root, 'snippets')).map((f) => fs.statSync(path.join(root, 'snippets', f)).mtimeMs),
  );
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < newest) {
    log('packaging the VSIX (scripts/package.mjs)');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) fail(`scripts/package.mjs failed (exit ${r.status ?? r.signal})`);
  }
  return vsix;
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
    if (skipCss > 0 && i > 0) {
      skipCss--;
      return;
    }
    if (typeof v === 'string') {
      skipCss += (v.match(/%c/g) || []).length;
      out.push(v.replace(/%c/g, ''));
    } else {
      out.push(typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  });
  return out.join(' ').replace(/\s+$/, '');
}

// Workbench console noise that says nothing about our extension (offline gallery, sockets, ...).
const NOISE = [
  /Failed to load resource/,
  /marketplace|gallery|ERR_CONNECTION_REFUSED|ERR_NAME_NOT_RESOLVED/i,
  /Service worker/i,
  /\[Extension Host\] \(node:\d+\) \[DEP/,
  /INFO (Resolving|Resolved) connection token|INFO Creating a socket|INFO \[(reconnection-grace-time|AgentHost|AccountPolicyGate)\]/,
  /^\s*ERR \{"name":"(Error|Failed)"\}$/,
  /web worker extension host|allow-scripts and allow-same-origin|Updating additional builtin extensions cache/,
];

/** Run the extension's test suite in a development window; resolves to the failures (strings). */
async function runSuite(context, authority, workspace, reportFile) {
  const page = context.pages()[0] ?? (await context.newPage());
  let resolveExit;
  const exited = new Promise((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationExit', (c) => {
    resolveExit(Number(c));
  });
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
  const started = Date.now();
  log(`running the extension test suite (${path.relative(root, suiteEntry)}) in the extension host`);
  // A multi-root workspace (the fixtures and a second folder with its own settings): resource-scoped
  // settings are checked across folders.
  await page.goto(
    `http://${authority}/?workspace=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS))]);
  if (!sawSuiteOutput && fs.existsSync(reportFile)) {
    console.log('[e2e] suite report (written by the extension host):');
    console.log(fs.readFileSync(reportFile, 'utf8').trimEnd().replace(/^/gm, '  | '));
  }
  await page.close().catch(() => {});
  if (code === 'timeout') return [`suite: no exit code after ${SUITE_TIMEOUT_MS / 1000} s`];
  if (code !== 0) return [`suite: exit code ${code}`];
  log(`✓ extension test suite passed in ${secs(started)}`);
  return [];
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) skipOrFail(`${CHROMIUM} not found (Debian: apt-get install -y chromium libkrb5-dev)`);
  try {
    install();
  } catch (err) {
    skipOrFail(`the code-server host could not be installed into .cache/code-server: ${err.message}`);
  }
  if (args.has('--install-only')) return 0;
  for (const f of [path.join(root, 'dist', 'client.js'), path.join(root, 'dist', 'server.js'), suiteEntry]) {
    if (!fs.existsSync(f))
      fail(`${path.relative(root, f)} missing: run \`node scripts/build.mjs && npx tsc -p .\` first`);
  }
  const vsix = args.has('--no-ui') ? undefined : freshVsix();

  const runStart = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-config-e2e-'));
  const layout = hostLayout(tmp);
  const workspace = path.join(tmp, 'workspace');
  const suiteWorkspace = path.join(tmp, 'suite.code-workspace');
  // The UI check opens its own copy: the suite's window leaves its (fixed, unsaved) editors behind in
  // hot-exit backups, which a window on the same folder would restore.
  const uiWorkspace = path.join(tmp, 'ui-workspace');
  fs.cpSync(fixtures, workspace, { recursive: true });
  fs.cpSync(path.join(fixtures, '..', 'folder-b'), path.join(tmp, 'folder-b'), { recursive: true });
  fs.copyFileSync(path.join(fixtures, '..', 'suite.code-workspace'), suiteWorkspace);
  fs.cpSync(fixtures, uiWorkspace, { recursive: true });
  // The example whose exposure lens and map the UI check shows (and --docs-images keeps for the README).
  fs.mkdirSync(path.join(uiWorkspace, 'examples', 'ubuntu-docker-ufw'), { recursive: true });
  fs.copyFileSync(
    path.join(root, 'examples', 'ubuntu-docker-ufw', 'user-data'),
    path.join(uiWorkspace, 'examples', 'ubuntu-docker-ufw', 'user-data'),
  );
  const reportFile = path.join(tmp, 'suite-report.txt');
  layout.env.CLOUD_CONFIG_E2E_REPORT = reportFile; // the suite writes its report here too

  const failures = [];
  let host;
  let context;
  const cleanup = async () => {
    try {
      await context?.close();
    } catch {
      /* already gone */
    }
    await host?.stop();
  };
  const onSignal = (sig) => {
    void cleanup().then(() => process.exit(128 + (sig === 'SIGINT' ? 2 : 15)));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (vsix) {
      installVsix(layout, vsix);
      const installed = listExtensions(layout);
      if (!installed.some((e) => e.startsWith('cloud-config-tools.cloud-config-lsp@'))) {
        throw new Error(`after --install-extension the host lists: ${installed.join(', ') || '(nothing)'}`);
      }
      log(`✓ VSIX installed: ${installed.join(', ')}`);
    }
    host = await startHost(layout, { folder: workspace, smokeTestDriver: true });
    const { chromium } = await playwright();
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: chromiumArgs,
    });

    // --ui-only: the UI checks alone (when working on them; the tier always runs the suite).
    if (!args.has('--ui-only')) failures.push(...(await runSuite(context, host.authority, suiteWorkspace, reportFile)));

    if (vsix && !failures.length) {
      const uiStart = Date.now();
      try {
        // No extensionDevelopmentPath: this window runs the extension installed from the VSIX.
        // The installed extension's language servers: processes running its server bundle.
        const serverProcesses = () =>
          spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
            .stdout.split('\n')
            .filter((l) => l.includes(layout.dirs.extensions) && /cloud-config-lsp[^/]*\/dist\/server\.js/.test(l))
            .map((l) => l.trim());
        const shots = await uiSmoke(
          context,
          `http://${host.authority}/?folder=${encodeURIComponent(uiWorkspace)}`,
          resultsDir,
          log,
          { serverProcesses },
        );
        log(
          `✓ UI with the installed VSIX (${secs(uiStart)}); screenshots: ${shots.map((s) => path.relative(root, s)).join(', ')}`,
        );
        if (args.has('--docs-images')) {
          fs.mkdirSync(docsImages, { recursive: true });
          for (const s of shots) fs.copyFileSync(s, path.join(docsImages, path.basename(s).replace(/^e2e-/, '')));
          log(`copied the screenshots to ${path.relative(root, docsImages)}/`);
        }
      } catch (err) {
        failures.push(`ui: ${err.message}`);
      }
    }
    if (vsix && !failures.length) {
      // The web extension (browser entry, server in a Web Worker) in code-server's web worker
      // extension host, in a host of its own (scripts/e2e/webWorker.mjs).
      const webStart = Date.now();
      try {
        const r = await webWorkerCheck({ vsix, fixtures, resultsDir, log });
        if (!r.ok)
          throw new Error(
            `no findings in the Problems panel with the web worker server:\n${r.problems}\n${r.console.filter((l) => /cloud-config|Activating|worker/i.test(l)).join('\n')}`,
          );
        if (r.servers.length)
          throw new Error(`the web extension started a Node language server:\n${r.servers.join('\n')}`);
        if (r.workersBeforeServed.length)
          throw new Error(`the server's worker ran before a served document opened: ${r.workersBeforeServed}`);
        if (r.workers.length !== 1) throw new Error(`${r.workers.length} server workers with user-data open`);
        log(
          `✓ web extension in the web worker extension host: findings in Problems, no Node server, the server's worker started with user-data and not for plain YAML (${secs(webStart)})`,
        );
      } catch (err) {
        failures.push(`web worker: ${err.message}`);
      }
    }
  } catch (err) {
    failures.push(err.stack || String(err));
  } finally {
    await cleanup();
  }

  if (failures.length) {
    for (const f of failures) console.error(`[e2e] ✗ ${f}`);
    if (host) console.error(`[e2e] code-server log (last 40 lines of ${host.logFile}):\n${logTail(host.logFile)}`);
    console.error(`[e2e] temp folder kept for inspection: ${tmp}`);
    return 1;
  }
  if (args.has('--keep')) log(`temp folder kept: ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
  log(`all end-to-end checks passed (run ${secs(runStart)}, total ${secs()})`);
  return 0;
}

main().then(
  (c) => process.exit(c),
  (err) => fail(err.stack || String(err)),
);
