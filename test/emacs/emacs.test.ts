// Emacs (eglot) as a real LSP client: runs test/emacs/eglot_test.el in batch mode against the built
// server. Without `emacs` (or without eglot) the test is skipped locally and fails in CI (CI=true).
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { editorAvailable, repoRoot, runScriptedEditor } from '../helpers/scriptedEditor';

const script = join(repoRoot, 'test', 'emacs', 'eglot_test.el');
const fixture = join(repoRoot, 'test', 'emacs', 'fixtures', 'user-data');

/** The Emacs version line when Emacs runs and can load eglot, else the reason it cannot. */
function emacsWithEglot(): { version?: string; reason: string } {
  const v = spawnSync('emacs', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (v.status !== 0)
    return { reason: 'emacs not installed: `emacs --version` failed (Debian: apt-get install emacs-nox elpa-eglot)' };
  const probe = spawnSync(
    'emacs',
    [
      '--batch',
      '-Q',
      '--eval',
      "(progn (require 'package) (add-to-list 'package-directory-list \"/usr/share/emacs/site-lisp/elpa\") (package-initialize) (require 'eglot))",
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (probe.status !== 0)
    return {
      reason: `emacs cannot load eglot (Debian: apt-get install elpa-eglot): ${probe.stderr.trim().split('\n').pop() ?? ''}`,
    };
  return { version: v.stdout.split('\n')[0] ?? 'emacs', reason: '' };
}

const expectedLines = [
  'ok fixture loaded',
  'ok server started',
  'ok diagnostics arrived',
  'ok diagnostic cloud-config/header',
  'ok diagnostic cloud-config/unknown-key',
  'ok diagnostic cloud-config/unquoted-permissions',
  'ok diagnostic cloud-config/firewall-not-loaded',
  "ok unknown-key range is `enabled'",
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
  if (!editorAvailable(t, version, reason)) return;
  t.diagnostic(version);
  await runScriptedEditor(t, {
    command: 'emacs',
    summaryPrefix: 'emacs-eglot:',
    args: (file) => ['--batch', '-Q', '-l', script, file],
    fixture,
    expectedLines,
    timeoutMs: 120_000,
  });
});
