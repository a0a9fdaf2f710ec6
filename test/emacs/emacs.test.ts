// Emacs (eglot) as a real LSP client: runs test/emacs/eglot_test.el in batch mode against the built
// server. Without `emacs` (or without eglot) the test is skipped locally and fails in CI (CI=true).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const script = join(root, 'test', 'emacs', 'eglot_test.el');
const fixture = join(root, 'test', 'emacs', 'fixtures', 'user-data');
const server = join(root, 'dist', 'server.js');
const timeoutMs = 120_000;

/** The Emacs version line when Emacs runs and can load eglot, else the reason it cannot. */
function emacsWithEglot(): { version?: string; reason?: string } {
  const v = spawnSync('emacs', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (v.status !== 0) return { reason: 'emacs not installed: `emacs --version` failed (Debian: apt-get install emacs-nox elpa-eglot)' };
  const probe = spawnSync('emacs', ['--batch', '-Q', '--eval',
    '(progn (require \'package) (add-to-list \'package-directory-list "/usr/share/emacs/site-lisp/elpa") (package-initialize) (require \'eglot))'],
  { encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0) return { reason: `emacs cannot load eglot (Debian: apt-get install elpa-eglot): ${probe.stderr.trim().split('\n').pop() ?? ''}` };
  return { version: v.stdout.split('\n')[0] ?? 'emacs' };
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
  'ok server started',
  'ok diagnostics arrived',
  'ok diagnostic cloud-config/header',
  'ok diagnostic cloud-config/unknown-key',
  'ok diagnostic cloud-config/unquoted-permissions',
  'ok diagnostic cloud-config/firewall-not-loaded',
  'ok unknown-key range is `enabled\'',
  'ok hover on enable',
  'ok completion offers content',
  'ok completion omits the present command',
  'ok code action for enabled',
  'ok code action applied',
  'ok unknown-key gone after the fix',
  'ok fix-all action',
  'ok header inserted',
  'ok permissions quoted',
  'ok iptables-restore.service added',
  'ok no classic findings after fix-all',
  'ok server shut down',
];

test('emacs/eglot: diagnostics, hover, completion and code actions through a real LSP client', async (t) => {
  const { version, reason } = emacsWithEglot();
  if (!version) {
    if (process.env['CI'] === 'true') assert.fail(`${reason}; CI=true requires it`);
    console.log(`skipping: ${reason}`);
    t.skip(reason);
    return;
  }
  t.diagnostic(version);

  const home = mkdtempSync(join(tmpdir(), 'cloud-config-emacs-'));
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
      NODE: process.execPath,
      CLOUD_CONFIG_SERVER: server,
    };
    const started = Date.now();
    const r = await run('emacs', ['--batch', '-Q', '-l', script, file], env, work);
    const lines = r.stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^(ok|FAIL|emacs-eglot:)/.test(l));
    const report = `emacs exited ${r.code ?? r.signal}${r.timedOut ? ` (killed after ${timeoutMs} ms)` : ''} in ${Date.now() - started} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    t.diagnostic(`emacs run: ${Date.now() - started} ms`);
    assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), [], report);
    assert.equal(r.code, 0, report);
    assert.deepEqual(lines, [...expectedLines, `emacs-eglot: ${expectedLines.length} passed, 0 failed`], report);
    assert.equal(readFileSync(fixture, 'utf8').startsWith('coreos:'), true, 'fixture untouched');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
