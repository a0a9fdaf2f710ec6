// npm start: build, package the VSIX, lint examples/ with the CLI, then open examples/ in a real VS Code:
//  - the desktop `code` when it is on PATH: install the VSIX into it and open the folder;
//  - otherwise code-server (the cached host of the end-to-end tests, installed once into
//    .cache/code-server) on 127.0.0.1 with the VSIX installed and examples/ open: prints the URL and
//    serves until Ctrl-C.
// Without a terminal, with CI=true or with --no-serve it does not block: it starts the host, checks
// that it answers and has the extension installed, prints the URL, stops it, and exits 0 (1 on failure).
//
//   npm start [-- --no-serve] [-- --port 8090]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostLayout, install, installVsix, listExtensions, logTail, root, startHost } from './e2e/host.mjs';

const argv = process.argv.slice(2);
const inCI = !!process.env.CI && process.env.CI !== 'false';
const serve = !argv.includes('--no-serve') && !inCI && process.stdout.isTTY && process.stdin.isTTY;
const portArg =
  argv.indexOf('--port') >= 0
    ? Number(argv[argv.indexOf('--port') + 1])
    : Number(process.env.CLOUD_CONFIG_PORT || 8090);
const examples = path.join(root, 'examples');
const EXTENSION = 'cloud-config-tools.cloud-config-lsp';

const step = (title, cmd, args, okCodes = [0]) => {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (!okCodes.includes(r.status ?? -1)) {
    console.error(`${title} failed (exit ${r.status ?? r.signal ?? r.error?.message})`);
    process.exit(r.status || 1);
  }
  return r.status;
};

step('build + package the extension', process.execPath, ['scripts/package.mjs']);
// The examples contain deliberate mistakes: exit 1 (error findings) is the expected outcome.
const lint = step('cloud-config-lint examples/', process.execPath, ['dist/cli.js', 'examples'], [0, 1]);
console.log(
  `cloud-config-lint exit status on examples/: ${lint} (1 = error-level findings, as the broken examples intend)`,
);

const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${name}-${version}.vsix`);

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

/** Desktop VS Code: install the VSIX and open the folder (the `code` CLI returns at once). */
function openInDesktopCode() {
  console.log('\n=== open examples/ in VS Code (desktop `code` found on PATH) ===');
  step('code --install-extension', 'code', ['--install-extension', vsix, '--force']);
  if (!serve) {
    console.log(`Installed ${path.basename(vsix)}; not opening a window (no terminal, CI or --no-serve).`);
    return 0;
  }
  step('code examples/', 'code', [examples]);
  console.log('VS Code opened examples/ with the extension installed.');
  return 0;
}

/** code-server on 127.0.0.1 with the VSIX installed and examples/ open. */
async function openInCodeServer() {
  console.log('\n=== open examples/ in VS Code in the browser (code-server) ===');
  try {
    install();
  } catch (err) {
    console.error(`✗ could not install the code-server host into .cache/code-server:\n  ${err.message}`);
    console.error(
      '  (The install needs the npm registry once, and for its native modules a C++ toolchain and the Kerberos headers: Debian libkrb5-dev g++ make python3.)',
    );
    return 1;
  }
  const state = path.join(root, '.cache', 'start-host');
  fs.mkdirSync(state, { recursive: true });
  const layout = hostLayout(state);
  installVsix(layout, vsix);
  const installed = listExtensions(layout);
  if (!installed.some((e) => e.startsWith(`${EXTENSION}@${version}`))) {
    console.error(`✗ the extension is not installed in the host; it lists: ${installed.join(', ') || '(nothing)'}`);
    return 1;
  }
  let host;
  try {
    host = await startHost(layout, { folder: examples, port: portArg });
  } catch (err) {
    if (portArg) {
      console.log(`port ${portArg} not usable (${err.message}); trying a free port`);
      host = await startHost(layout, { folder: examples, port: 0 });
    } else {
      throw err;
    }
  }
  const page = await fetch(host.url).then(
    (r) => r.status,
    (e) => e.message,
  );
  if (page !== 200) {
    console.error(`✗ ${host.url} answered ${page}\n${logTail(host.logFile)}`);
    await host.stop();
    return 1;
  }
  console.log(`\nVS Code (code-server) with ${EXTENSION}@${version} and examples/ open:\n\n    ${host.url}\n`);
  if (!serve) {
    console.log(
      'Host checked (healthz, workbench page, extension installed) and stopped: no terminal, CI or --no-serve.',
    );
    await host.stop();
    return 0;
  }
  console.log('Open the URL in a browser. Ctrl-C stops the server.');
  await new Promise((resolve) => {
    const stop = () => {
      void host.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    host.proc.once('exit', (code) => {
      console.error(`code-server exited (${code}); log: ${host.logFile}`);
      resolve();
    });
  });
  return 0;
}

const code = onPath('code') ? openInDesktopCode() : await openInCodeServer();
process.exit(code);
