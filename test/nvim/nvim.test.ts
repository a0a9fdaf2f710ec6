// Neovim as a real LSP client: runs test/nvim/lsp_test.lua headless against the built server.
// Without `nvim` on PATH the test is skipped locally and fails in CI (CI=true).
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { editorAvailable, repoRoot, runScriptedEditor } from '../helpers/scriptedEditor';

const script = join(repoRoot, 'test', 'nvim', 'lsp_test.lua');
const fixture = join(repoRoot, 'test', 'nvim', 'fixtures', 'user-data');

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
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
  'ok exposure: 22/tcp open by its rule',
  'ok trace: tcp/3306 dropped by the policy',
  'ok code lens on line 1',
  'ok server logged no errors',
  'ok client stopped',
];

test('neovim: diagnostics, hover, completion and code actions through a real LSP client', async (t) => {
  const version = nvimVersion();
  if (!editorAvailable(t, version, 'nvim not installed: `nvim --version` failed (Debian: apt-get install neovim)')) return;
  t.diagnostic(version);
  await runScriptedEditor(t, {
    command: 'nvim',
    summaryPrefix: 'nvim-lsp:',
    args: (file) => ['--headless', '--clean', '-n', '-c', `luafile ${script}`, file],
    env: (home) => {
      mkdirSync(join(home, 'run'), { mode: 0o700 });
      return { XDG_RUNTIME_DIR: join(home, 'run'), NVIM_LOG_FILE: join(home, 'nvim.log') };
    },
    fixture,
    expectedLines,
    timeoutMs: 60_000,
  });
});
