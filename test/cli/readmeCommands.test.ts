// What a newcomer reads first: the README's two commands, the Debian packages they need (the same list
// .ci/run installs), and the clean environment in which `npm start`/`npm test` install the VS Code host.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';

const root = repoRoot();
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const ciRun = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');

function ciPackages(): string[] {
  const m = /^packages=\(([^)]*)\)/m.exec(ciRun);
  assert.ok(m, '.ci/run has no packages=(...) line');
  return m[1].trim().split(/\s+/).sort();
}

describe('README: the two commands a newcomer runs', () => {
  it('starts with `npm ci && npm start` and `npm ci && npm test` in its first code block', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'no sh code block in the README');
    const commands = block[1]
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean);
    assert.deepEqual(commands, ['npm ci && npm start', 'npm ci && npm test']);
  });

  it('names exactly the Debian packages .ci/run installs', () => {
    const line = readme.split('\n').find((l) => /apt-get install/.test(l));
    assert.ok(line, 'the README has no apt-get install line');
    const named = line
      .replace(/.*apt-get install/, '')
      .split(/\s+/)
      .filter((w) => w && !w.startsWith('-'))
      .sort();
    assert.deepEqual(named, ciPackages(), 'README apt-get line and .ci/run packages=(...) differ: update both');
  });

  it('.ci/run runs the README commands and prepares nothing they do not', () => {
    assert.doesNotMatch(
      ciRun,
      /e2e\.mjs|--install-only/,
      '.ci/run installs the host itself instead of letting npm test do it',
    );
    assert.match(ciRun, /run npm ci\nrun npm test\n/);
    assert.match(ciRun, /git clone[^\n]*\n\(cd "\$fresh\/clone" && run npm ci && run npm start\)/);
  });
});

describe('VS Code host install: a clean environment', () => {
  it("drops npm's variables and node_modules/.bin folders, and puts the host's Node first on PATH", () => {
    const host = path.join(root, 'scripts', 'e2e', 'host.mjs');
    const probe = `import(${JSON.stringify(host)}).then((m) => process.stdout.write(JSON.stringify(m.hostEnv({ EXTRA: '1' }))))`;
    const env: NodeJS.ProcessEnv = {
      PATH: [
        path.join(root, 'node_modules', '.bin'),
        '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
        '/usr/bin',
        '/bin',
      ].join(path.delimiter),
      HOME: process.env.HOME,
      npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64',
      npm_lifecycle_event: 'start',
      NPM_CONFIG_NODEDIR: '/usr',
      INIT_CWD: root,
      NODE: '/usr/bin/node',
      KEEP_ME: 'yes',
    };
    const r = spawnSync(process.execPath, ['-e', probe], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as Record<string, string>;
    assert.deepEqual(
      Object.keys(got).filter((k) => /^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE'),
      [],
    );
    assert.equal(got.KEEP_ME, 'yes');
    assert.equal(got.EXTRA, '1');
    const dirs = got.PATH.split(path.delimiter);
    assert.equal(dirs[0], path.join(root, '.cache', 'code-server', 'node', 'package', 'bin'));
    assert.deepEqual(dirs.slice(1), ['/usr/bin', '/bin']);
  });
});
