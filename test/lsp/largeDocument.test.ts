// A large rules document (over 1 MB: held in lines by the server) typed in over stdio: random
// keystrokes (typing, Enter, deletes across lines, multi-line pastes, non-ASCII), each change sent as
// the editor sends it, with completion asked right after some of them. The diagnostics of the last
// version, completion and hover then equal those of the same text opened fresh as another document.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, Hover, Position, Range } from 'vscode-languageserver-types';
import { LspClient } from './client';
import { statusesOf } from './firstPassCheck';
import { largeRules } from '../helpers/largeRules';
// A seeded generator, so a failure names a session that can be replayed.
import { seededRandom as random } from '../fuzz/mutate';

const base = { dialect: 'auto', rules: {} };

async function openComplete(client: LspClient, uri: string, text: string): Promise<void> {
  client.open(uri, 'iptables', text);
  await client.waitFor('the complete status', () => statusesOf(client, uri).find((s) => !s.partial), 120_000);
}

const sorted = (items: readonly unknown[]): string[] => items.map((d) => JSON.stringify(d)).sort();

describe('lsp: typing in a large rules document', () => {
  it('after random keystrokes the diagnostics, completion and hover equal a fresh open of the same text', async () => {
    const { client } = await LspClient.start({ settings: { cloudConfig: base }, timeout: 120_000 });
    const uri = 'file:///ws/large/rules.v4';
    const fresh = 'file:///ws/large/fresh/rules.v4';
    try {
      const text = largeRules(19_000);
      assert.ok(text.length >= 1024 * 1024, `${text.length} characters`);
      await openComplete(client, uri, text);
      const next = random(18);
      let last: Position = { line: 0, character: 0 };
      for (let k = 0; k < 24; k++) {
        const lines = client.doc(uri).getText().split('\n');
        let line = 9 + Math.floor(next() * (lines.length - 20));
        while (!(lines[line] ?? '').startsWith('-A ')) line++;
        const character = Math.floor(next() * ((lines[line] as string).length + 1));
        const at = { line, character };
        const r = next();
        let range: Range = { start: at, end: at };
        let typed = ['x', ' ', '-', '9', ' -j DROP', 'é', '😀'][Math.floor(next() * 7)] as string;
        if (r < 0.1) typed = '\n';
        else if (r < 0.15) range = { start: at, end: { line: line + 1, character: 4 } };
        else if (r < 0.2) typed = '-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -j NOWHERE\n';
        if (r >= 0.1 && r < 0.15) typed = '';
        client.change(uri, [{ range, text: typed }]);
        last = client.doc(uri).positionAt(client.doc(uri).offsetAt(range.start) + typed.length);
        if (k % 4 === 0)
          await client.request<CompletionList | null>('textDocument/completion', {
            textDocument: { uri },
            position: last,
          });
      }
      const version = client.doc(uri).version;
      const typed = await client.diagnostics(uri, { version });
      const now = client.doc(uri).getText();
      await openComplete(client, fresh, now);
      const opened = client.published.filter((p) => p.uri === fresh).pop();
      assert.ok(opened);
      const relocated = (d: unknown): unknown => JSON.parse(JSON.stringify(d).split(fresh).join(uri));
      assert.deepEqual(sorted(typed.diagnostics), sorted(opened.diagnostics.map(relocated)));
      assert.ok(typed.diagnostics.length > 0);

      for (const position of [last, { line: last.line, character: 3 }, { line: 30, character: 12 }]) {
        const ask = (u: string) =>
          Promise.all([
            client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: u }, position }),
            client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position }),
          ]);
        assert.deepEqual(await ask(uri), await ask(fresh), JSON.stringify(position));
      }
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });
});
