// cloud-config-lint on hostile files: one file can never take the run down, and the others are
// still checked and reported.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
let dir = '';

function lint(args: string[]): { code: number | null; signal: NodeJS.Signals | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cclint-hostile-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cloud-config-lint on hostile YAML', () => {
  const deep: Array<[string, string]> = [
    ['explicit-keys', `${'? '.repeat(3000)}x`],
    ['items-of-explicit-keys', `${'- ? '.repeat(2000)}x`],
    ['keys-on-one-line', Array.from({ length: 3000 }, (_, i) => `k${i}: `).join('')],
  ];
  for (const [name, body] of deep) {
    it(`${name}: two files 3,000 levels deep in one folder are both reported, then a normal file`, () => {
      const sub = path.join(dir, name);
      fs.mkdirSync(sub);
      fs.writeFileSync(path.join(sub, 'a.cloud-config.yaml'), `#cloud-config\n${body}\n`);
      fs.writeFileSync(path.join(sub, 'b.cloud-config.yaml'), `#cloud-config\n${body}\n`);
      fs.writeFileSync(path.join(sub, 'c.cloud-config.yaml'), '#cloud-config\nhostname: web-1\n');
      const r = lint([name]);
      assert.equal(r.signal, null, r.err.slice(0, 400));
      assert.equal(r.code, 1, r.err.slice(0, 400));
      const lines = r.out.trimEnd().split('\n');
      for (const f of ['a', 'b']) {
        assert.ok(
          lines.some(
            (l) =>
              l.startsWith(path.join(name, `${f}.cloud-config.yaml`)) &&
              /yaml-syntax .*nests more than 200 levels/.test(l),
          ),
          r.out,
        );
      }
      assert.match(lines[lines.length - 1] ?? '', /^3 files checked: 2 errors/);
    });
  }
});

describe('cloud-config-lint --fix', () => {
  it('fixes a file whose rename and header insertion both start at 0:0 (was "internal error: Overlapping edit", exit 2)', () => {
    fs.writeFileSync(path.join(dir, 'overlap.yaml'), 'write-files:\n  - path: /x\n');
    fs.writeFileSync(path.join(dir, 'later.yaml'), 'write-files:\n  - path: /y\n');
    const r = lint(['--fix', '--language', 'cloud-config', 'overlap.yaml', 'later.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      fs.readFileSync(path.join(dir, 'overlap.yaml'), 'utf8'),
      '#cloud-config\nwrite_files:\n  - path: /x\n',
    );
    assert.equal(fs.readFileSync(path.join(dir, 'later.yaml'), 'utf8'), '#cloud-config\nwrite_files:\n  - path: /y\n');
  });
});
