// The CLI's text, JSON and SARIF output quote no secret value (issue 13 item 9): every rule on, in both
// dialects, on documents full of passwords, hashes, private keys, tokens and base64 content.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';
import { allRules } from '../../server/src/service/rules';
import { secretDocs, secrets } from '../helpers/secretDocs';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
let dir = '';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cclint-secrets-'));
  for (const [name, , text] of secretDocs) fs.writeFileSync(path.join(dir, name), text);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cloud-config-lint output quotes no secret', () => {
  const everyRule = allRules().flatMap(([code]) => ['--rule', `${code}=warning`]);
  for (const format of ['text', 'json', 'sarif']) {
    for (const dialect of ['coreos', 'cloud-init']) {
      it(`--format ${format} --dialect ${dialect}`, () => {
        const r = spawnSync(
          process.execPath,
          [cli, '--format', format, '--dialect', dialect, ...everyRule, ...secretDocs.map(([name]) => name)],
          { cwd: dir, encoding: 'utf8', timeout: 60_000 },
        );
        assert.ok(r.status === 0 || r.status === 1, `exit ${String(r.status)}: ${r.stderr}`);
        const out = `${r.stdout}\n${r.stderr}`;
        // Findings were reported for every file, next to the secrets.
        for (const [name] of secretDocs) assert.ok(out.includes(name), `${name} not in the output`);
        for (const code of [
          'systemd/invalid-value',
          'systemd/credentials-in-environment',
          'iptables/syntax',
          'cloud-config/secret-permissions',
        ])
          assert.ok(out.includes(code), `no ${code}`);
        for (const s of secrets)
          assert.ok(
            !out.includes(s),
            `"${s}" is in the ${format} output:\n${out
              .split('\n')
              .filter((l) => l.includes(s))
              .join('\n')}`,
          );
      });
    }
  }
});
