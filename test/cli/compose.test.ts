// Compose files by name: found in a folder, linted as Compose with the findings a written one gets,
// and `--fix` binding the port to 127.0.0.1 on disk. Other YAML in the folder is left alone.
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
  diagnostics: Array<{ code: string; message: string }>;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
}

const exposed = 'services:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cclint-compose-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), exposed);
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n    port: ["80:80"]\n');
  fs.writeFileSync(
    path.join(dir, 'web.compose.yaml'),
    'services:\n  web:\n    image: nginx\n    ports: ["127.0.0.1:8080:80"]\n',
  );
  fs.writeFileSync(path.join(dir, 'values.yaml'), exposed);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli: Compose files', () => {
  it('finds them in a folder by name and reports what Compose files written by write_files get', () => {
    const r = run(['--format', 'json', '.']);
    assert.equal(r.status, 1, r.stderr);
    const reports = (JSON.parse(r.stdout) as Report[]).map((x) => [
      path.basename(x.file),
      x.language,
      x.diagnostics.map((d) => d.code),
    ]);
    assert.deepEqual(reports.sort(), [
      ['compose.yaml', 'compose', ['docker/port-exposure']],
      ['docker-compose.yml', 'compose', ['docker/compose-invalid']],
      ['web.compose.yaml', 'compose', []],
    ]);
  });

  it('--fix binds the published port to 127.0.0.1', () => {
    const r = run(['--fix', 'compose.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(
      fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'),
      exposed.replace('"5432:5432"', '"127.0.0.1:5432:5432"'),
    );
  });
});
