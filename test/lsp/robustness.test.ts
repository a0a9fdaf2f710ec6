// The server survives hostile documents and follows the LSP lifecycle (shutdown/exit codes).
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { LspClient } from './client';
import { classic, classicCodes, codesOf } from './fixtures';
import { repoRoot } from '../helpers/paths';

/** Deterministic pseudo-random numbers (so a failure can be reproduced). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomBytes(n: number, seed: number): string {
  const next = prng(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))).toString('latin1');
}

/** Random UTF-16 code units, lone surrogates included (JSON carries them as \\udxxx escapes). */
function randomCodeUnits(n: number, seed: number): string {
  const next = prng(seed);
  return String.fromCharCode(...Array.from({ length: n }, () => Math.floor(next() * 0x10000)));
}

const hostile: Array<[string, string, string]> = [
  ['random bytes', 'cloud-config', randomBytes(20_000, 1)],
  ['random bytes after the header', 'cloud-config', `#cloud-config\n${randomBytes(20_000, 2)}`],
  ['random UTF-16 code units', 'cloud-config', randomCodeUnits(5_000, 3)],
  ['NUL bytes', 'cloud-config', '\0'.repeat(10_000)],
  ['NUL bytes after the header', 'cloud-config', `#cloud-config\n${'\0'.repeat(10_000)}`],
  ['10k nested [', 'cloud-config', `#cloud-config\nruncmd: ${'['.repeat(10_000)}`],
  ['10k nested [ in a yaml document', 'yaml', `#cloud-config\n${'['.repeat(10_000)}`],
  ['10k nested {', 'cloud-config', `#cloud-config\nwrite_files: ${'{'.repeat(10_000)}`],
  [
    '3k nested block mappings',
    'cloud-config',
    `#cloud-config\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n`,
  ],
  [
    '2k nested block sequences',
    'cloud-config',
    `#cloud-config\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(2 * i)}- `).join('\n')}x\n`,
  ],
  ['one 1 MB line', 'cloud-config', `#cloud-config\nhostname: ${'a'.repeat(1_000_000)}\n`],
  // Issue 13: every YAML construct nested thousands deep (two such documents once aborted the process),
  // control characters, lone CRs, a fix-all whose fixes start at one place.
  ['3k explicit keys on one line', 'cloud-config', `#cloud-config\n${'? '.repeat(3_000)}x\n`],
  ['2k items of explicit keys', 'cloud-config', `#cloud-config\n${'- ? '.repeat(2_000)}x\n`],
  ['3k explicit keys again', 'cloud-config', `#cloud-config\n${'? '.repeat(3_000)}y\n`],
  [
    '3k keys on one line',
    'cloud-config',
    `#cloud-config\n${Array.from({ length: 3_000 }, (_, i) => `k${i}: `).join('')}x\n`,
  ],
  [
    '3k indented explicit keys',
    'cloud-config',
    `#cloud-config\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}?`).join('\n')}\n`,
  ],
  ['control characters', 'cloud-config', `#cloud-config\nhostname: a\x07\x1b\x7f\x0bb\n`],
  ['lone CRs', 'cloud-config', '#cloud-config\rhostname: web\rruncmd:\r  - ls\r'],
  ['fixes at 0:0', 'cloud-config', 'write-files:\n  - path: /x\n'],
  [
    'unterminated quotes and tabs',
    'cloud-config',
    '#cloud-config\ncoreos:\n\tunits:\n  - name: "x.service\n    content: |\n\t[Service]\n',
  ],
];

describe('lsp: robustness', () => {
  it('answers requests after hostile documents', async () => {
    const { client } = await LspClient.start({ timeout: 20_000 });
    try {
      // Open them all first (the server validates them back to back), then question each one.
      hostile.forEach(([, languageId, text], i) =>
        client.open(`file:///work/hostile/${i}/user-data`, languageId, text),
      );
      for (const [i, [name]] of hostile.entries()) {
        const uri = `file:///work/hostile/${i}/user-data`;
        const published = await client.diagnostics(uri, { version: 1 });
        assert.ok(Array.isArray(published.diagnostics), `${name}: diagnostics published`);
        for (const position of [
          { line: 0, character: 0 },
          { line: 1, character: 5 },
        ]) {
          // Any answer (null included) will do: the point is that the server answers.
          await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        }
        await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } });
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        await client.request('textDocument/foldingRange', { textDocument: { uri } });
        await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
          context: { diagnostics: published.diagnostics },
        });
      }

      // Still alive and still right on an ordinary document.
      const uri = 'file:///work/project/user-data';
      client.open(uri, 'cloud-config', classic);
      assert.deepEqual(codesOf((await client.diagnostics(uri, { version: 1 })).diagnostics), [...classicCodes]);
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 6, character: 8 },
      });
      assert.match(JSON.stringify(hover?.contents ?? ''), /\*\*enable\*\*/);
      assert.deepEqual(
        client.logs.filter((l) => l.type === 1).map((l) => l.message),
        [],
        'no handler failed',
      );
      assert.equal(client.proc.exitCode, null);
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });

  it('a bounded fuzz run over stdio finds nothing: 300 mutated documents, every request, typed keystrokes', () => {
    // scripts/fuzz.mjs --lsp: open, hover, completion and its resolve, symbols, folding, code actions,
    // three typed characters and a deleted line per document; no error answer, no logged failure, no exit.
    const run = spawnSync(
      process.execPath,
      [path.join(repoRoot(), 'scripts', 'fuzz.mjs'), '--seed', '29', '--cases', '0', '--lsp', '300'],
      { cwd: repoRoot(), encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(run.status, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
    assert.match(run.stdout, /lsp: 300 cases, \d+ requests; 0 failing/);
  });

  it('ends with exit code 0 after shutdown + exit', async () => {
    const { client } = await LspClient.start();
    const answer = await client.request('shutdown', null);
    assert.equal(answer, null);
    client.notify('exit', null);
    const { code, signal } = await client.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
  });

  it('ends with exit code 1 on exit without shutdown', async () => {
    const { client } = await LspClient.start();
    client.notify('exit', null);
    const { code } = await client.exited;
    assert.equal(code, 1);
  });

  it('ends when the client closes its end of the pipe', async () => {
    const { client } = await LspClient.start();
    client.proc.stdin.end();
    const timer = setTimeout(() => client.kill(), 5_000);
    const { signal } = await client.exited;
    clearTimeout(timer);
    assert.equal(signal, null, 'exited by itself, not killed');
  });
});
