#!/usr/bin/env node
// Cold and warm opens of the 256 KB bench user-data in one run: one or more builds of our server
// (e.g. a build of another commit) and the peer (yaml-language-server with cloud-init's schema), in
// turn, `--runs` fresh servers each; prints the medians of wall time and server CPU time, first and
// complete diagnostics, and the ratios to the peer. Steadier than separate runs on a shared machine.
// usage: node scripts/bench/compareOpens.mjs [--runs 5] [SERVER.js …]   (default: dist/server.js)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureServer, percentile } from './measure.mjs';
import { userData } from './generate.mjs';

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt < 0 ? 5 : Number(argv[runsAt + 1]);
const builds = argv.filter((a, i) => a !== '--runs' && i !== runsAt + 1);
if (!builds.length) builds.push(join(root, 'dist', 'server.js'));

const listed = spawnSync('dpkg', ['-L', 'cloud-init'], { encoding: 'utf8' }).stdout ?? '';
const schema = listed.split('\n').find((l) => l.endsWith('/schema-cloud-config-v1.json'));
const peerBin = join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const settings = { cloudConfig: { dialect: 'auto', rules: {} } };
const servers = builds.map((path) => ({
  name: path,
  server: { command: process.execPath, args: [resolve(path), '--stdio'], settings, status: 'cloudConfig/status' },
  languageId: 'cloud-config',
}));
if (schema && existsSync(peerBin))
  servers.push({
    name: 'peer',
    server: {
      command: process.execPath,
      args: [peerBin, '--stdio'],
      settings: {
        yaml: { validate: true, schemaStore: { enable: false }, schemas: { [pathToFileURL(schema).href]: '*.yaml' } },
      },
    },
    languageId: 'yaml',
  });

const dir = join(tmpdir(), 'cloud-config-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'userdata-256k.yaml');
const text = userData(250, 2000, { defects: true });
writeFileSync(file, text);

const results = new Map(servers.map((s) => [s.name, []]));
for (let i = 0; i < runs; i++) {
  for (const s of servers) {
    results
      .get(s.name)
      .push(await measureServer(s.server, { file, text, languageId: s.languageId, positions: {} }, { openOnly: true }));
    process.stderr.write(`${i + 1}/${runs} ${s.name === 'peer' ? 'peer' : 'ours'} … `);
  }
}
process.stderr.write('\n');

const fields = ['openMs', 'openCpuMs', 'openCompleteMs', 'openCompleteCpuMs', 'warmOpenMs', 'warmOpenCpuMs'];
const medians = new Map(
  [...results].map(([name, list]) => [
    name,
    Object.fromEntries(
      fields.map((f) => [
        f,
        percentile(
          list.map((r) => r[f]).filter((v) => v != null),
          50,
        ),
      ]),
    ),
  ]),
);
const peer = medians.get('peer');
const x = (p, o) => (p && o ? `${(p / o).toFixed(2)}×` : '—');
console.log(`256 KB user-data, medians of ${runs} servers each (wall / server CPU, ms; ratio: peer ÷ ours)\n`);
console.log('| server | cold: first diagnostics | cold: complete | warm: first = complete |');
console.log('|---|---|---|---|');
for (const [name, m] of medians) {
  const cell = (wall, cpu) =>
    `${Math.round(m[wall])} / ${Math.round(m[cpu])}${name === 'peer' || !peer ? '' : ` (${x(peer[wall], m[wall])} / ${x(peer[cpu], m[cpu])})`}`;
  console.log(
    `| ${name} | ${cell('openMs', 'openCpuMs')} | ${cell('openCompleteMs', 'openCompleteCpuMs')} | ${cell('warmOpenMs', 'warmOpenCpuMs')} |`,
  );
}
