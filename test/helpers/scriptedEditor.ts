// A real editor (Neovim, Emacs) driven by a test script against the built server: the script prints
// `ok …` / `FAIL …` lines and a summary; the run happens in a throw-away home on a copy of the fixture.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
const server = join(repoRoot, 'dist', 'server.js');

/** Skip (with the reason printed) when the editor is missing; in CI a missing editor fails instead. */
export function editorAvailable(t: TestContext, version: string | undefined, reason: string): version is string {
  if (version) return true;
  if (process.env['CI'] === 'true') assert.fail(`${reason}; CI=true requires it`);
  console.log(`skipping: ${reason}`);
  t.skip(reason);
  return false;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      rej(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal, stdout, stderr, timedOut });
    });
  });
}

export interface ScriptedEditor {
  /** Program name, also the prefix of the script's summary line (`nvim-lsp:`, `emacs-eglot:`). */
  readonly command: string;
  readonly summaryPrefix: string;
  /** Arguments, given the copy of the fixture to open. */
  readonly args: (file: string) => string[];
  /** Extra environment, given the throw-away home. */
  readonly env?: (home: string) => NodeJS.ProcessEnv;
  readonly fixture: string;
  readonly expectedLines: readonly string[];
  readonly timeoutMs: number;
}

/** Run the editor's script; every expected `ok` line must appear in order, no `FAIL`, exit 0. */
export async function runScriptedEditor(t: TestContext, editor: ScriptedEditor): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), `cloud-config-${editor.command}-`));
  try {
    const work = join(home, 'work');
    mkdirSync(work);
    // A copy: the script edits the buffer, and nothing may touch the fixture in the repository.
    const file = join(work, 'user-data');
    copyFileSync(editor.fixture, file);
    const original = readFileSync(editor.fixture, 'utf8');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CACHE_HOME: join(home, 'cache'),
      NODE: process.execPath,
      CLOUD_CONFIG_SERVER: server,
      ...editor.env?.(home),
    };
    const started = Date.now();
    const r = await run(editor.command, editor.args(file), env, work, editor.timeoutMs);
    const marker = new RegExp(`^(ok|FAIL|${editor.summaryPrefix})`);
    const lines = r.stdout
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => marker.test(l));
    const took = Date.now() - started;
    const report = `${editor.command} exited ${r.code ?? r.signal}${r.timedOut ? ` (killed after ${editor.timeoutMs} ms)` : ''} in ${took} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    t.diagnostic(`${editor.command} run: ${took} ms`);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('FAIL')),
      [],
      report,
    );
    assert.equal(r.code, 0, report);
    assert.deepEqual(
      lines,
      [...editor.expectedLines, `${editor.summaryPrefix} ${editor.expectedLines.length} passed, 0 failed`],
      report,
    );
    assert.equal(readFileSync(editor.fixture, 'utf8'), original, 'fixture untouched');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
