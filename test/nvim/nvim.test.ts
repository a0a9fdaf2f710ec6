// Neovim as a real LSP client: runs test/nvim/lsp_test.lua headless against the built server.
// Without `nvim` on PATH the test is skipped locally and fails in CI (CI=true).
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorAvailable, repoRoot, runScriptedEditor } from '../helpers/scriptedEditor';

const script = join(repoRoot, 'test', 'nvim', 'lsp_test.lua');
const fixture = join(repoRoot, 'test', 'nvim', 'fixtures', 'user-data');

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** The lua block of the README's Neovim section, as a user copies it. */
function readmeConfig(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Neovim'));
  const block = /```lua\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('the README has no lua block under ## Neovim');
  return block[1];
}

const expectedLines = [
  'ok fixture loaded',
  'ok README configuration given',
  'ok filetype cloud-config',
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
  'ok rules.v4 is iptables',
  'ok same server for the rules file',
  'ok diagnostics in the rules file',
  'ok same server for compose.yaml',
  'ok port-exposure in compose.yaml',
  'ok server logged no errors',
  'ok client stopped',
];

test('neovim: diagnostics, hover, completion and code actions through a real LSP client', async (t) => {
  const version = nvimVersion();
  if (!editorAvailable(t, version, 'nvim not installed: `nvim --version` failed (Debian: apt-get install neovim)'))
    return;
  t.diagnostic(version);
  await runScriptedEditor(t, {
    command: 'nvim',
    summaryPrefix: 'nvim-lsp:',
    args: (file) => ['--headless', '--clean', '-n', '-c', `luafile ${script}`, file],
    env: (home) => {
      mkdirSync(join(home, 'run'), { mode: 0o700 });
      const config = join(home, 'cloud-config.lua');
      writeFileSync(config, readmeConfig());
      return {
        XDG_RUNTIME_DIR: join(home, 'run'),
        NVIM_LOG_FILE: join(home, 'nvim.log'),
        CLOUD_CONFIG_NVIM_CONFIG: config,
        // `cloud-config-language-server` as the README's cmd names it: the repository's bin/.
        PATH: `${join(repoRoot, 'bin')}:${process.env['PATH'] ?? ''}`,
      };
    },
    fixture,
    expectedLines,
    timeoutMs: 60_000,
  });
});
