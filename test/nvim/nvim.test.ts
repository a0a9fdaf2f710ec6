// Neovim as a real LSP client: runs test/nvim/lsp_test.lua headless against the built server.
// Without `nvim` on PATH the test is skipped locally and fails in CI (CI=true).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const script = join(root, 'test', 'nvim', 'lsp_test.lua');
const fixture = join(root, 'test', 'nvim', 'fixtures', 'user-data');
const server = join(root, 'dist', 'server.js');
const timeoutMs = 60_000;

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); rej(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); res({ code, signal, stdout, stderr, timedOut }); });
  });
}

const expectedLines = [
  'ok fixture loaded',
  'ok client started',
  'ok buffer attached',
  'ok diagnostics arrived',
  'ok diagnostic cloud-config/header',
  'ok diagnostic cloud-config/unknown-key',
  'ok diagnostic cloud-config/unquoted-permissions',
  'ok diagnostic cloud-config/firewall-not-loaded',
  'ok unknown-key range is `enabled`',
  'ok hover on enable',
  'ok completion offers enable',
  'ok completion offers command',
  'ok completion omits the present name',
  'ok code action for enabled',
  'ok code action applied',
  'ok unknown-key gone after the fix',
  'ok fix-all action',
  'ok header inserted',
  'ok permissions quoted',
  'ok iptables-restore.service added',
  'ok no diagnostics after fix-all',
  'ok server logged no errors',
  'ok client stopped',
];

test('neovim: diagnostics, hover, completion and code actions through a real LSP client', async (t) => {
  const version = nvimVersion();
  if (!version) {
    const reason = 'nvim not installed: `nvim --version` failed (Debian: apt-get install neovim)';
    if (process.env['CI'] === 'true') assert.fail(`${reason}; CI=true requires it`);
    console.log(`skipping: ${reason}`);
    t.skip(reason);
    return;
  }
  t.diagnostic(version);

  const home = mkdtempSync(join(tmpdir(), 'cloud-config-nvim-'));
  try {
    const work = join(home, 'work');
    mkdirSync(work);
    // A copy: the script edits the buffer, and nothing may touch the fixture in the repository.
    const file = join(work, 'user-data');
    copyFileSync(fixture, file);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_RUNTIME_DIR: join(home, 'run'),
      NVIM_LOG_FILE: join(home, 'nvim.log'),
      NODE: process.execPath,
      CLOUD_CONFIG_SERVER: server,
    };
    mkdirSync(join(home, 'run'), { mode: 0o700 });
    const started = Date.now();
    const r = await run('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${script}`, file], env, work);
    const lines = r.stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^(ok|FAIL|nvim-lsp:)/.test(l));
    const report = `nvim exited ${r.code ?? r.signal}${r.timedOut ? ` (killed after ${timeoutMs} ms)` : ''} in ${Date.now() - started} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    t.diagnostic(`nvim run: ${Date.now() - started} ms`);
    assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), [], report);
    assert.equal(r.code, 0, report);
    assert.deepEqual(lines, [...expectedLines, `nvim-lsp: ${expectedLines.length} passed, 0 failed`], report);
    assert.equal(readFileSync(fixture, 'utf8').startsWith('coreos:'), true, 'fixture untouched');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
