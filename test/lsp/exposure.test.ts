// The exposure map and the packet tracer over LSP: the custom requests `cloudConfig/exposure` and
// `cloudConfig/trace`, and the code lenses on the first line of a user-data and on `*filter` lines.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-types';
import * as fs from 'fs';
import * as path from 'path';
import { LspClient } from './client';
import { repoRoot } from '../helpers/paths';
import { largeRules } from '../helpers/largeRules';

const uri = 'file:///work/project/user-data';
const rulesUri = 'file:///work/project/rules.v4';

const userData = [
  '#cloud-config',
  'write_files:',
  '  - path: /etc/iptables/rules.v4',
  '    content: |',
  '      *filter',
  '      :INPUT DROP [0:0]',
  '      :FORWARD DROP [0:0]',
  '      :OUTPUT ACCEPT [0:0]',
  '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '      -A INPUT -p tcp --dport 22 -j ACCEPT',
  '      -A INPUT -p tcp --dport 80 -j ACCEPT',
  '      COMMIT',
  '  - path: /etc/iptables/rules.v6',
  '    content: |',
  '      *filter',
  '      :INPUT DROP [0:0]',
  '      -A INPUT -p tcp --dport 22 -j ACCEPT',
  '      COMMIT',
  'runcmd:',
  '  - docker run -d -p 5432:5432 postgres:16',
  '',
].join('\n');

interface Entry {
  label: string;
  status: string;
  viaDocker: boolean;
  decidedBy?: { text: string; range?: { start: { line: number } } };
}
interface Exposure {
  files: Array<{ name: string; family: number; entries: Entry[] }>;
  markdown: string;
}
interface Trace {
  verdict: string;
  reasons: string[];
  steps: Array<{ table: string; chain: string; kind: string; text: string; range?: { start: { line: number } } }>;
  markdown: string;
}

describe('lsp: exposure map, packet trace, code lenses', () => {
  let client: LspClient;

  before(async () => {
    let init;
    ({ client, init } = await LspClient.start());
    assert.ok(init.capabilities.codeLensProvider, 'the server announces code lenses');
    client.open(uri, 'cloud-config', userData);
    client.open(
      rulesUri,
      'iptables',
      [
        '*filter',
        ':INPUT DROP [0:0]',
        '-A INPUT -p udp --dport 51820 -j ACCEPT',
        '-A INPUT -p tcp --dport 22 -m set --match-set admins src -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
    );
    await client.diagnostics(uri);
  });

  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  it('code lenses: the first line sums up both families, each *filter line its own file', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const shown = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
    assert.deepEqual(shown, [
      '0: Reachable from the internet: 22/tcp, 80/tcp (IPv4 only) · via Docker: 5432/tcp',
      '4: IPv4 reachable from the internet: 22/tcp, 80/tcp · via Docker: 5432/tcp',
      '14: IPv6 reachable from the internet: 22/tcp',
    ]);
    assert.equal(lenses[0]?.command?.command, 'cloudConfig.showExposure');
    assert.deepEqual(lenses[0]?.command?.arguments, [uri]);
  });

  it('cloudConfig/exposure: entries with the deciding line, and a markdown view linking to it', async () => {
    const r = await client.request<Exposure>('cloudConfig/exposure', { textDocument: { uri } });
    const v4 = r.files.find((f) => f.family === 4);
    const ssh = v4?.entries.find((e) => e.label === '22/tcp');
    assert.equal(ssh?.status, 'open');
    assert.equal(ssh?.decidedBy?.range?.start.line, 9);
    assert.equal(v4?.entries.find((e) => e.label === '5432/tcp')?.viaDocker, true);
    assert.match(r.markdown, /^# What can reach user-data\n/);
    assert.match(
      r.markdown,
      /\| 22\/tcp \| open \| INPUT \| \[line 10\]\(file:\/\/\/work\/project\/user-data#L10\) `-A INPUT -p tcp --dport 22 -j ACCEPT` \|/,
    );
  });

  it('cloudConfig/exposure on a rules file: an ipset makes a port unknown, with the set named', async () => {
    const r = await client.request<Exposure>('cloudConfig/exposure', { textDocument: { uri: rulesUri } });
    const ssh = r.files[0]?.entries.find((e) => e.label === '22/tcp');
    assert.equal(ssh?.status, 'unknown');
    assert.match(r.markdown, /unknown: depends on set `admins`/);
  });

  it("a user-data enabling ufw: lenses from ufw's rules, on its default line; Compose ports via Docker", async () => {
    const ufwUri = 'file:///work/project/ubuntu-docker-ufw/user-data';
    const text = fs.readFileSync(path.join(repoRoot(), 'examples/ubuntu-docker-ufw/user-data'), 'utf8');
    client.open(ufwUri, 'cloud-config', text);
    await client.diagnostics(ufwUri);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: ufwUri } });
    assert.deepEqual(
      lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`),
      [
        '0: Reachable from the internet: 443/tcp, icmp echo-request (IPv4 only), icmpv6 echo-request (IPv6 only) · via Docker: 5432/tcp, 8080/tcp',
        '17: IPv4 reachable from the internet: 443/tcp, icmp echo-request · via Docker: 5432/tcp, 8080/tcp',
        '17: IPv6 reachable from the internet: 443/tcp, icmpv6 echo-request',
      ],
    );
    const r = await client.request<Exposure>('cloudConfig/exposure', { textDocument: { uri: ufwUri } });
    const https = r.files.find((f) => f.family === 4)?.entries.find((e) => e.label === '443/tcp');
    assert.equal(https?.decidedBy?.range?.start.line, 18);
    assert.match(
      r.markdown,
      /\[line 19\]\(file:\/\/\/work\/project\/ubuntu-docker-ufw\/user-data#L19\) `ufw allow 443\/tcp`/,
    );
  });

  it('cloudConfig/trace: verdict and path with ranges; a published port goes DNAT → FORWARD', async () => {
    const ok = await client.request<Trace>('cloudConfig/trace', {
      textDocument: { uri },
      proto: 'tcp',
      dport: 80,
      src: '203.0.113.5',
    });
    assert.equal(ok.verdict, 'accept');
    assert.equal(ok.steps.at(-1)?.range?.start.line, 10);
    const dropped = await client.request<Trace>('cloudConfig/trace', {
      textDocument: { uri },
      proto: 'tcp',
      dport: 3306,
      src: '203.0.113.5',
    });
    assert.equal(dropped.verdict, 'drop');
    assert.equal(dropped.steps.at(-1)?.text, ':INPUT DROP');
    const docker = await client.request<Trace>('cloudConfig/trace', {
      textDocument: { uri },
      proto: 'tcp',
      dport: 5432,
      src: '203.0.113.5',
    });
    assert.deepEqual(
      docker.steps.filter((s) => s.kind === 'nat' || s.kind === 'route').map((s) => `${s.table}/${s.chain}`),
      ['nat/DOCKER', 'routing/FORWARD'],
    );
    assert.match(docker.markdown, /\*\*Verdict: accept\*\*/);
    const v6 = await client.request<Trace>('cloudConfig/trace', {
      textDocument: { uri },
      proto: 'tcp',
      dport: 80,
      src: '2001:db8::5',
    });
    assert.equal(v6.verdict, 'drop');
  });

  it('cloudConfig/trace: a bad request is an InvalidParams error, the server goes on', async () => {
    await assert.rejects(
      client.request('cloudConfig/trace', { textDocument: { uri }, proto: 'tcp', dport: 22, src: 'not-an-address' }),
      /not a host address/,
    );
    await assert.rejects(
      client.request('cloudConfig/exposure', { textDocument: { uri: 'file:///not/open' } }),
      /not an open user-data/,
    );
    const again = await client.request<Trace>('cloudConfig/trace', {
      textDocument: { uri },
      proto: 'tcp',
      dport: 22,
      src: '198.51.100.1',
    });
    assert.equal(again.verdict, 'accept');
  });
  it('a rules file over 2,000 lines: one lens that maps on click, the map for that version, then on click again', async () => {
    const bigUri = 'file:///work/project/big.rules';
    const text = largeRules(2_500);
    client.open(bigUri, 'iptables', text);
    await client.diagnostics(bigUri);
    const lensTitles = async (): Promise<string[]> =>
      (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: bigUri } })).map(
        (l) => `${l.range.start.line}: ${l.command?.title} -> ${l.command?.command} ${String(l.command?.arguments)}`,
      );
    const onDemand = `0: Exposure map: click to compute (2,507 lines, not redone while typing) -> cloudConfig.showExposure ${bigUri}`;
    assert.deepEqual(await lensTitles(), [onDemand]);
    // The click asks for the map; the lenses of that version then sum it up on *filter.
    const r = await client.request<Exposure>('cloudConfig/exposure', { textDocument: { uri: bigUri } });
    assert.equal(r.files[0]?.entries.find((e) => e.label === '22/tcp')?.status, 'open');
    const mapped = await lensTitles();
    assert.equal(mapped.length, 1, mapped.join('\n'));
    assert.match(
      mapped[0] ?? '',
      /^0: IPv4 reachable from the internet: 22\/tcp · unknown: 1-21\/tcp, .* -> cloudConfig\.showExposure /,
    );
    // A keystroke: the map is not made again until asked.
    const at = { line: 7, character: 0 };
    client.change(bigUri, [{ range: { start: at, end: at }, text: ' ' }]);
    await client.diagnostics(bigUri, { version: 2 });
    assert.deepEqual(await lensTitles(), [onDemand]);
    client.close(bigUri);
  });
});
