// Rules files by their real names and content, files the CLI cannot place, and `--language` fixing the family.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
let dir = '';

interface Report {
  file: string;
  language: string;
  diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number } } }>;
}

function lintJson(args: string[]): Report[] {
  const r = spawnSync(process.execPath, [cli, '--format', 'json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report[];
}

const rules4 =
  '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n';
const v6Source = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 2001:db8::/32 -j DROP\nCOMMIT\n';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cclint-rules-'));
  fs.mkdirSync(path.join(dir, 'etc', 'sysconfig'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'arch'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'etc', 'sysconfig', 'iptables'), rules4);
  fs.writeFileSync(path.join(dir, 'etc', 'sysconfig', 'ip6tables'), rules4);
  fs.writeFileSync(path.join(dir, 'arch', 'iptables.rules'), rules4);
  fs.writeFileSync(path.join(dir, 'arch', 'ip6tables.rules'), rules4);
  fs.writeFileSync(path.join(dir, 'iptables.save'), rules4);
  fs.writeFileSync(path.join(dir, 'host.iptables-save'), rules4);
  // No table line first and no telling name: the content alone says it.
  fs.writeFileSync(
    path.join(dir, 'saved.conf'),
    '# saved by hand\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j DROP\nCOMMIT\n',
  );
  fs.writeFileSync(path.join(dir, 'firewall'), rules4);
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'remember the milk\n');
  fs.writeFileSync(path.join(dir, 'v6.conf'), v6Source);
  // A script named like a rules file is not one.
  fs.writeFileSync(path.join(dir, 'iptables'), '#!/bin/sh\nexec /sbin/iptables-restore < /etc/iptables.rules\n');
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rules files by their real names and content', () => {
  it('Arch, RHEL, iptables.save and *.iptables-save names are rules files of the right family, never cloud-config', () => {
    const got = Object.fromEntries(
      lintJson(['etc', 'arch', 'iptables.save', 'host.iptables-save']).map((r) => [r.file, r.language]),
    );
    assert.deepEqual(got, {
      [path.join('etc', 'sysconfig', 'iptables')]: 'iptables',
      [path.join('etc', 'sysconfig', 'ip6tables')]: 'ip6tables',
      [path.join('arch', 'iptables.rules')]: 'iptables',
      [path.join('arch', 'ip6tables.rules')]: 'ip6tables',
      'iptables.save': 'iptables',
      'host.iptables-save': 'iptables',
    });
  });

  it('content that is clearly iptables-save is a rules file, named on the command line or found in a folder', () => {
    for (const args of [['saved.conf'], ['firewall'], ['.']]) {
      const reports = lintJson(args).filter((r) => r.file === 'saved.conf' || r.file === 'firewall');
      assert.ok(reports.length > 0, args.join(' '));
      for (const r of reports) {
        assert.equal(r.language, 'iptables', r.file);
        assert.ok(
          !r.diagnostics.some((d) => d.code.startsWith('cloud-config/')),
          `${r.file}: ${r.diagnostics.map((d) => d.code).join(', ')}`,
        );
      }
    }
  });

  it('a file the CLI cannot place gets one hint saying so, not a missing-header error', () => {
    const [r] = lintJson(['notes.txt']);
    assert.equal(r?.language, 'unknown');
    assert.deepEqual(
      r?.diagnostics.map((d) => [d.code, d.severity]),
      [['cloud-config-lint/unrecognised-file', 'hint']],
    );
    assert.match(r?.diagnostics[0]?.message ?? '', /--language/);
  });

  it('a script named iptables is not linted as rules', () => {
    const [r] = lintJson(['iptables']);
    assert.equal(r?.language, 'unknown');
  });
});

describe('--language fixes the address family', () => {
  it('--language iptables reports an IPv6 source (the content does not flip the family)', () => {
    const [r] = lintJson(['--language', 'iptables', 'v6.conf']);
    const bad = r?.diagnostics.filter((d) => d.code === 'iptables/invalid-address') ?? [];
    assert.equal(bad.length, 1);
    assert.equal(bad[0]?.range.start.line, 2);
    assert.match(bad[0]?.message ?? '', /IPv6/);
  });

  it('without --language the same file is read as ip6tables by its addresses and the source is fine', () => {
    const [r] = lintJson(['v6.conf']);
    assert.equal(r?.diagnostics.filter((d) => d.code === 'iptables/invalid-address').length, 0);
  });
});
