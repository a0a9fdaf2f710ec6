/**
 * What every large document just opened must show over LSP: two publications of version 1, the first
 * marked `partial` by its status, the second complete and equal to the service's single pass, every
 * finding of the first also in the second.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LspClient } from './client';
import type { DocumentStatus } from '../../server/src/editor/protocol';
import { getLanguageService } from '../../server/src/service/index';
import type { LanguageId } from '../../server/src/service/types';

export const diagnosticKey = (d: Diagnostic): string =>
  `${String(d.code)}@${d.range.start.line}:${d.range.start.character} ${d.message}`;

/** The status notifications of `uri`, in order. */
export function statusesOf(client: LspClient, uri: string): DocumentStatus[] {
  return client.notifications
    .filter((n) => n.method === 'cloudConfig/status')
    .map((n) => n.params as DocumentStatus)
    .filter((s) => s.uri === uri);
}

/** Checks the first and complete publications of `uri` (opened as `text`); gives both and the expected keys. */
export function assertFirstThenComplete(
  client: LspClient,
  uri: string,
  languageId: LanguageId,
  text: string,
  settings: object,
): { first: Diagnostic[]; complete: Diagnostic[]; expected: string[] } {
  const published = client.published.filter((p) => p.uri === uri);
  assert.equal(published.length, 2, 'a first pass, then the complete set');
  assert.deepEqual(
    statusesOf(client, uri).map((s) => s.partial ?? false),
    [true, false],
  );
  const [first, complete] = published;
  assert.equal(first?.version, 1);
  assert.equal(complete?.version, 1);
  const expected = getLanguageService(settings as never)
    .validate(TextDocument.create(uri, languageId, 1, text), languageId)
    .map(diagnosticKey);
  assert.deepEqual(complete?.diagnostics.map(diagnosticKey), expected, 'the complete set is the service’s single pass');
  const all = new Set(expected);
  for (const d of first?.diagnostics ?? [])
    assert.ok(all.has(diagnosticKey(d)), `not in the complete set: ${diagnosticKey(d)}`);
  return { first: first?.diagnostics ?? [], complete: complete?.diagnostics ?? [], expected };
}
