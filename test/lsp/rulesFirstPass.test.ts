// A large rules document just opened: the findings of each line on its own come first (status
// `partial`), the complete set (with the whole-file checks) follows for the same version and equals the
// service's single pass; an edit gets one complete set. Above the editor's flow-check limit the flow
// checks stay off with one notice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './client';
import type { DocumentStatus } from '../../server/src/editor/protocol';
import { getLanguageService } from '../../server/src/service/index';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * A filter table of `rules` rule lines ending in two findings of a line on its own (an unknown option,
 * a port out of range) and three of the whole file (a duplicate, an undeclared chain, DNAT in filter).
 */
function largeRules(rules: number): string {
  const lines = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':APPS - [0:0]'];
  lines.push('-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  lines.push('-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -j APPS');
  for (let i = 0; lines.length < rules; i++)
    lines.push(`-A APPS -p tcp -s 10.${(i >> 8) & 255}.${i & 255}.0/24 --dport ${1000 + (i % 60000)} -j ACCEPT`);
  lines.push(
    '-A APPS -p tcp --dport 8080 --nosuch 1 -j ACCEPT',
    '-A APPS -p tcp --dport 99999 -j ACCEPT',
    '-A APPS -p tcp -s 10.0.0.0/24 --dport 1000 -j ACCEPT',
    '-A APPS -j NOWHERE',
    '-A OUTPUT -j DNAT --to-destination 10.0.0.1',
    'COMMIT',
    '',
  );
  return lines.join('\n');
}

const key = (d: Diagnostic): string =>
  `${String(d.code)}@${d.range.start.line}:${d.range.start.character} ${d.message}`;
const base = { dialect: 'auto', rules: {} };

async function openLarge(rules: number, uri: string) {
  const { client } = await LspClient.start({ settings: { cloudConfig: base } });
  const text = largeRules(rules);
  client.open(uri, 'iptables', text);
  const statuses = (): DocumentStatus[] =>
    client.notifications
      .filter((n) => n.method === 'cloudConfig/status')
      .map((n) => n.params as DocumentStatus)
      .filter((s) => s.uri === uri);
  await client.waitFor('the complete status', () => statuses().find((s) => !s.partial), 60_000);
  return { client, text, statuses };
}

describe('lsp: first pass of a large rules document', () => {
  it('publishes the per-line findings first, then the complete set of the same version; an edit gets one complete set', async () => {
    const uri = 'file:///ws/large/rules.v4';
    const { client, text, statuses } = await openLarge(6_000, uri);
    try {
      const published = client.published.filter((p) => p.uri === uri);
      assert.equal(published.length, 2, 'a first pass, then the complete set');
      assert.deepEqual(
        statuses().map((s) => s.partial ?? false),
        [true, false],
      );
      const [first, complete] = published;
      assert.equal(first?.version, 1);
      assert.equal(complete?.version, 1);
      const expected = getLanguageService(base as never)
        .validate(TextDocument.create(uri, 'iptables', 1, text), 'iptables')
        .map(key);
      assert.deepEqual(complete?.diagnostics.map(key), expected, 'the complete set is the service’s single pass');
      assert.deepEqual(
        first?.diagnostics.map((d) => String(d.code)),
        ['iptables/unknown-option', 'iptables/invalid-port'],
      );
      const all = new Set(expected);
      for (const d of first?.diagnostics ?? []) assert.ok(all.has(key(d)), `not in the complete set: ${key(d)}`);
      assert.ok(expected.length > (first?.diagnostics.length ?? 0));

      // An edit in a rule line: one publication, complete.
      const before = client.published.length;
      client.change(uri, [
        { range: { start: { line: 20, character: 2 }, end: { line: 20, character: 2 } }, text: ' ' },
      ]);
      await client.diagnostics(uri, { version: 2, after: before });
      await client.waitFor('the status of version 2', () => statuses().length >= 3 || undefined);
      const later = client.published.slice(before).filter((p) => p.uri === uri);
      assert.equal(later.length, 1);
      assert.equal(statuses()[2]?.partial, undefined);
      assert.deepEqual(
        later[0]?.diagnostics.map((d) => String(d.code)).sort(),
        complete?.diagnostics.map((d) => String(d.code)).sort(),
      );
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });

  it('above the flow-check limit: first pass, complete set without the flow checks, one notice', async () => {
    const uri = 'file:///ws/large/kube.rules';
    const { client, statuses } = await openLarge(25_100, uri);
    try {
      const published = client.published.filter((p) => p.uri === uri);
      assert.deepEqual(
        statuses().map((s) => s.partial ?? false),
        [true, false],
      );
      assert.equal(published[0]?.diagnostics.length, 2);
      assert.equal(published[1]?.diagnostics.length, 5);
      // The notice is logged (and shown as a window message) once for the document.
      const notices = client.logs.filter((m) => m.message.includes('whole-rule-set checks'));
      assert.equal(notices.length, 1);
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });
});
