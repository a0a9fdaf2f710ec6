// `cloud-config-lint --fix` as careful with files as an editor: a file is replaced whole or not at all
// (full disk, read-only, changed meanwhile), bytes outside the fixes are kept exactly (invalid UTF-8,
// CRLF, BOM), mode and owner are kept, links are followed and kept, and only regular files are read.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync, execFileSync } from 'child_process';
import { repoRoot } from '../helpers/paths';
import { writeBack, NotWritten } from '../../server/src/cli/writeBack';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
let dir = '';
const isRoot = process.getuid?.() === 0;

function lint(
  args: string[],
  timeout = 30_000,
): { code: number | null; signal: NodeJS.Signals | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

const file = (name: string): string => path.join(dir, name);
/** A user-data whose only fixable finding is the header: the fix inserts `#cloud-config` at the top. */
const noHeader = (rest = 'hostname: web-1\n'): string => rest;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cclint-fix-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--fix writes a whole file or nothing', () => {
  it('full disk: the original is untouched, no temporary file is left, exit 2 with a message', (t) => {
    // A 64 KiB tmpfs in a private mount namespace, filled up before the fix is written.
    const probe = spawnSync('unshare', ['-m', 'true']);
    if (probe.status !== 0) {
      if (process.env['CI']) assert.fail('unshare -m is needed for the full-disk test');
      t.skip(
        'unshare -m is not available here (needs root or user namespaces for the tmpfs full-disk case); CI fails instead of skipping',
      );
      return;
    }
    const mnt = file('full');
    fs.mkdirSync(mnt);
    const original = Buffer.from(`coreos:\n  units:\n${'    - name: a.service\n      command: start\n'.repeat(600)}`);
    fs.writeFileSync(file('big-user-data'), original);
    const script = [
      'set -u',
      `mount -t tmpfs -o size=64k tmpfs "${mnt}"`,
      `cp "${file('big-user-data')}" "${mnt}/user-data"`,
      `dd if=/dev/zero of="${mnt}/fill" bs=1k 2>/dev/null`,
      `"${process.execPath}" "${cli}" --fix "${mnt}/user-data" >/dev/null 2>"${file('full-err')}" </dev/null; echo "rc=$?"`,
      `cmp -s "${mnt}/user-data" "${file('big-user-data')}" && echo same`,
      `ls -A "${mnt}"`,
      `cat "${file('full-err')}"`,
    ].join('\n');
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    assert.match(r.stdout, /^rc=2$/m, r.stdout + r.stderr);
    assert.match(r.stdout, /^same$/m, 'the original is byte for byte as it was');
    assert.deepEqual(
      r.stdout
        .split('\n')
        .filter((l) => /^\.?user-data|^fill/.test(l))
        .sort(),
      ['fill', 'user-data'],
      'no temporary file left behind',
    );
    assert.match(r.stdout, /user-data: fixes not written, the file is unchanged: no space left on the device/);
  });

  it('keeps the mode (and, as root, the owner) of the file it replaces', () => {
    fs.writeFileSync(file('mode-user-data'), noHeader());
    fs.chmodSync(file('mode-user-data'), 0o640);
    if (isRoot) fs.chownSync(file('mode-user-data'), 1234, 2345);
    const r = lint(['--fix', 'mode-user-data']);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(file('mode-user-data'), 'utf8'), `#cloud-config\n${noHeader()}`);
    const st = fs.statSync(file('mode-user-data'));
    assert.equal(st.mode & 0o7777, 0o640);
    if (isRoot) assert.deepEqual([st.uid, st.gid], [1234, 2345]);
  });

  it('a read-only file is not written: unchanged, exit 2, and its findings are still reported', () => {
    fs.writeFileSync(file('ro-user-data'), noHeader());
    fs.chmodSync(file('ro-user-data'), 0o444);
    const r = lint(['--fix', 'ro-user-data']);
    assert.equal(r.code, 2);
    assert.match(r.err, /ro-user-data: fixes not written, the file is unchanged: it is read-only/);
    assert.match(r.out, /ro-user-data:1:1: error cloud-config\/header/);
    assert.equal(fs.readFileSync(file('ro-user-data'), 'utf8'), noHeader());
  });

  it('a file changed after it was read is not overwritten with the old text plus fixes', async () => {
    fs.writeFileSync(file('changed-user-data'), noHeader());
    const read = fs.statSync(file('changed-user-data'));
    const readBytes = fs.readFileSync(file('changed-user-data'));
    // Someone saves the file meanwhile (same size, so only the time and the bytes tell).
    fs.writeFileSync(file('changed-user-data'), 'hostname: web-2\n');
    fs.utimesSync(file('changed-user-data'), new Date(), new Date(Date.now() + 5_000));
    await assert.rejects(
      writeBack(file('changed-user-data'), Buffer.from('#cloud-config\nhostname: web-1\n'), read, readBytes),
      (e) => e instanceof NotWritten && /changed since it was read/.test(e.message),
    );
    assert.equal(fs.readFileSync(file('changed-user-data'), 'utf8'), 'hostname: web-2\n');
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('a file with other hard links is not replaced (that would separate them)', () => {
    fs.writeFileSync(file('linked-user-data'), noHeader());
    fs.linkSync(file('linked-user-data'), file('other-name'));
    const r = lint(['--fix', 'linked-user-data']);
    assert.equal(r.code, 2);
    assert.match(r.err, /2 hard links/);
    assert.equal(fs.readFileSync(file('other-name'), 'utf8'), noHeader());
  });
});

describe('--fix keeps every byte outside the fixes', () => {
  it('invalid UTF-8 (a Latin-1 comment) is written back as it was, not as U+FFFD', () => {
    const latin1 = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(' cr'),
      Buffer.from([0xe8, 0x6d, 0x65]),
      Buffer.from('\ncoreos:\n  units:\n    - name: a.service\n      enabled: true\n'),
    ]);
    fs.writeFileSync(file('latin1-user-data'), Buffer.concat([Buffer.from('#cloud-config\n'), latin1]));
    const r = lint(['--fix', 'latin1-user-data']);
    assert.equal(r.code, 0, r.err + r.out);
    const expected = Buffer.from(
      Buffer.concat([Buffer.from('#cloud-config\n'), latin1])
        .toString('latin1')
        .replace('enabled: true', 'enable: true'),
      'latin1',
    );
    assert.deepEqual(fs.readFileSync(file('latin1-user-data')), expected);
  });

  it('a CRLF rules file gets CRLF lines from its fixes; a BOM stays', () => {
    const rules = '\ufeff*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 22 -j ACCEPT\r\n';
    fs.writeFileSync(file('crlf.rules'), rules);
    lint(['--fix', '--language', 'iptables', 'crlf.rules']);
    const fixed = fs.readFileSync(file('crlf.rules'), 'utf8');
    assert.notEqual(fixed, rules, 'something was fixed');
    assert.ok(fixed.startsWith('\ufeff*filter\r\n'), JSON.stringify(fixed));
    assert.deepEqual(fixed.match(/(?<!\r)\n/g) ?? [], [], `a bare LF in ${JSON.stringify(fixed)}`);
  });

  it('a CRLF user-data stays CRLF', () => {
    const text = 'coreos:\r\n  units:\r\n    - name: a.service\r\n      enabled: true\r\n';
    fs.writeFileSync(file('crlf-user-data'), text);
    lint(['--fix', 'crlf-user-data']);
    assert.equal(
      fs.readFileSync(file('crlf-user-data'), 'utf8'),
      `#cloud-config\r\n${text.replace('enabled', 'enable')}`,
    );
  });
});

describe('only regular files, of a bounded size', () => {
  it('/dev/zero is refused at once, not read without end', () => {
    const r = lint(['/dev/zero'], 10_000);
    assert.equal(r.signal, null, 'ended by itself');
    assert.equal(r.code, 2);
    assert.match(r.err, /\/dev\/zero is a character device: only regular files are checked/);
  });

  it('a FIFO is refused without blocking, with or without --fix', () => {
    execFileSync('mkfifo', [file('fifo-user-data')]);
    for (const args of [['fifo-user-data'], ['--fix', 'fifo-user-data']]) {
      const r = lint(args, 10_000);
      assert.equal(r.signal, null, `${args.join(' ')}: ended by itself`);
      assert.equal(r.code, 2);
      assert.match(r.err, /fifo-user-data is a FIFO: only regular files are checked/);
    }
  });

  it('a file over the size limit is refused with a message naming --max-size, which raises it', () => {
    fs.writeFileSync(file('huge.cloud-config.yaml'), `#cloud-config\n${'# padding\n'.repeat(6_800_000)}`);
    const r = lint(['huge.cloud-config.yaml']);
    assert.equal(r.code, 2, r.err);
    assert.match(
      r.err,
      /huge\.cloud-config\.yaml is 68000014 bytes, over the 67108864-byte limit: not checked \(raise it with --max-size\)/,
    );
    fs.writeFileSync(file('mid.cloud-config.yaml'), `#cloud-config\n${'# padding\n'.repeat(2_000)}`);
    const low = lint(['--max-size', '10k', 'mid.cloud-config.yaml']);
    assert.equal(low.code, 2, low.err);
    assert.match(low.err, /over the 10240-byte limit/);
    const raised = lint(['--max-size', '30k', 'mid.cloud-config.yaml']);
    assert.equal(raised.code, 0, raised.err);
    assert.match(raised.out, /1 file checked/);
  });
});

describe('symbolic links', () => {
  it('a linked file in a folder is checked; a link loop is reported by name; a linked argument keeps the link', () => {
    const site = file('site');
    fs.mkdirSync(path.join(site, 'sub'), { recursive: true });
    fs.writeFileSync(file('real-user-data'), noHeader());
    fs.symlinkSync(file('real-user-data'), path.join(site, 'user-data'));
    fs.symlinkSync(site, path.join(site, 'sub', 'loop'));
    fs.symlinkSync('self-a', path.join(site, 'self-b.yaml'));
    fs.symlinkSync('self-b.yaml', path.join(site, 'self-a'));
    const r = lint(['site']);
    assert.match(r.out, /site\/user-data:1:1: error cloud-config\/header/);
    assert.match(r.err, /site\/sub\/loop: symbolic link loop/);
    assert.match(r.err, /site\/self-a: symbolic link loop/);
    assert.equal(r.code, 2);
    const fixed = lint(['--fix', 'site/user-data']);
    assert.equal(fixed.code, 0, fixed.err);
    assert.ok(fs.lstatSync(path.join(site, 'user-data')).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(file('real-user-data'), 'utf8'), `#cloud-config\n${noHeader()}`);
  });
});
