// A large rules document just opened: the findings of each line on its own come first (status
// `partial`), the complete set (with the whole-file checks) follows for the same version and equals the
// service's single pass; an edit gets one complete set. Above the editor's flow-check limit the flow
// checks stay off with one notice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './client';
import { assertFirstThenComplete, statusesOf } from './firstPassCheck';
import type { DocumentStatus } from '../../server/src/editor/protocol';
import { largeRules } from '../helpers/largeRules';

const base = { dialect: 'auto', rules: {} };

async function openLarge(rules: number, uri: string) {
  const { client } = await LspClient.start({ settings: { cloudConfig: base } });
  const text = largeRules(rules);
  client.open(uri, 'iptables', text);
  const statuses = (): DocumentStatus[] => statusesOf(client, uri);
  await client.waitFor('the complete status', () => statuses().find((s) => !s.partial), 60_000);
  return { client, text, statuses };
}

describe('lsp: first pass of a large rules document', () => {
  it('publishes the per-line findings first, then the complete set of the same version; an edit gets one complete set', async () => {
    const uri = 'file:///ws/large/rules.v4';
    const { client, text, statuses } = await openLarge(6_000, uri);
    try {
      const { first, complete, expected } = assertFirstThenComplete(client, uri, 'iptables', text, base);
      assert.deepEqual(
        first.map((d) => String(d.code)),
        ['iptables/unknown-option', 'iptables/invalid-port'],
      );
      assert.ok(expected.length > first.length);

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
        complete.map((d) => String(d.code)).sort(),
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
