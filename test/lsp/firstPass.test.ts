// A large user-data just opened: its YAML, key and value diagnostics come first (status `partial`), the
// complete set follows for the same version and is what the user sees in the end; later publications
// (edits) are complete sets only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './client';
import { assertFirstThenComplete, statusesOf } from './firstPassCheck';
import type { DocumentStatus } from '../../server/src/editor/protocol';

/** 300 docker units (about 48 KB of unit text), every tenth with a misspelt key and an exposed port. */
function largeUserData(): string {
  const out = ['#cloud-config', '', 'coreos:', '  units:'];
  for (let i = 0; i < 300; i++) {
    const bad = i % 10 === 0;
    out.push(
      `    - name: app${i}.service`,
      `      ${bad ? 'enabled' : 'enable'}: true`,
      '      content: |',
      '        [Unit]',
      `        Description=App ${i}`,
      '        [Service]',
      `        ExecStart=/usr/bin/docker run -p ${bad ? '0.0.0.0' : '127.0.0.1'}:${10000 + i}:5000 --name app${i} example/app`,
      '        [Install]',
      '        WantedBy=multi-user.target',
    );
  }
  return `${out.join('\n')}\n`;
}

const base = { dialect: 'auto', rules: {} };

describe('lsp: first pass of a large user-data', () => {
  it('publishes the YAML and key findings first, then the complete set of the same version; an edit gets one complete set', async () => {
    const { client } = await LspClient.start({ settings: { cloudConfig: base } });
    try {
      const uri = 'file:///ws/large/user-data';
      const text = largeUserData();
      client.open(uri, 'cloud-config', text);
      const statuses = (): DocumentStatus[] => statusesOf(client, uri);
      await client.waitFor('the complete status', () => statuses().find((s) => !s.partial));
      const { first, expected } = assertFirstThenComplete(client, uri, 'cloud-config', text, base);
      assert.ok(first.length > 0);
      assert.ok(first.length < expected.length);
      assert.ok(first.every((d) => String(d.code).startsWith('cloud-config/')));

      // An edit inside a unit: one publication, complete (no finding goes away and comes back).
      const before = client.published.length;
      client.change(uri, [{ range: { start: { line: 8, character: 8 }, end: { line: 8, character: 8 } }, text: ' ' }]);
      await client.diagnostics(uri, { version: 2, after: before });
      await client.waitFor('the status of version 2', () => statuses().length >= 3 || undefined);
      const later = client.published.slice(before).filter((p) => p.uri === uri);
      assert.equal(later.length, 1);
      assert.equal(statuses()[2]?.partial, undefined);
      assert.ok(later[0]?.diagnostics.some((d) => !String(d.code).startsWith('cloud-config/')));
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });
});
