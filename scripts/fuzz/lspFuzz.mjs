// Drive the built server over stdio with mutated documents: every request must be answered (no error
// response, no timeout), no handler may log a failure, and the server must stay alive throughout.
import { join } from 'node:path';
import { LspSession } from '../bench/lspSession.mjs';

const pick = (r, n) => Math.floor(r() * n);

export async function fuzzServer({ root, seeds, seed, cases, first, makeCase }) {
  const session = new LspSession(process.execPath, [join(root, 'dist/server.js'), '--stdio'], {
    settings: { cloudConfig: { dialect: 'auto', rules: {} } },
    timeoutMs: 30_000,
  });
  const failures = [];
  const failedLogs = [];
  session.listeners.push((m) => {
    if (m.method === 'window/logMessage' && m.params.type === 1) failedLogs.push(m.params.message.split('\n')[0]);
  });
  let requests = 0,
    slowestMs = 0,
    done = 0;
  await session.initialize('file:///fuzz');
  for (let i = first; i < first + cases; i++) {
    const c = makeCase(seeds, seed, i);
    const uri = `file:///fuzz/${i}/${c.lang === 'cloud-config' ? 'user-data' : c.lang === 'systemd' ? 'app.service' : 'rules-save'}`;
    const languageId = c.lang === 'cloud-config' && i % 2 ? 'yaml' : c.lang;
    let x = (seed ^ i) >>> 0;
    const r = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const lines = c.text.split('\n');
    const position = () => {
      const line = pick(r, lines.length + 1);
      return { line, character: pick(r, (lines[line]?.length ?? 0) + 2) };
    };
    try {
      const published = session.nextDiagnostics(uri);
      session.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: c.text } });
      const diagnostics = await published;
      const asks = [
        ['textDocument/hover', { textDocument: { uri }, position: position() }],
        ['textDocument/completion', { textDocument: { uri }, position: position() }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/foldingRange', { textDocument: { uri } }],
        [
          'textDocument/codeAction',
          { textDocument: { uri }, range: { start: position(), end: position() }, context: { diagnostics } },
        ],
      ];
      const ask = async (method, params) => {
        const t = performance.now();
        const answer = await session.request(method, params);
        slowestMs = Math.max(slowestMs, performance.now() - t);
        requests++;
        return answer;
      };
      let completion;
      for (const [method, params] of asks) {
        const answer = await ask(method, params);
        if (method === 'textDocument/completion') completion = answer;
      }
      // The documentation of a completion item, as VS Code asks for it.
      const item = (Array.isArray(completion) ? completion : (completion?.items ?? []))[0];
      if (item) await ask('completionItem/resolve', item);
      // Three characters typed at one place (inside a block the models are carried over), then an edit
      // that deletes a random line, then close.
      let version = 1;
      const at = position();
      for (let k = 0; k < 3; k++) {
        const typed = session.nextDiagnostics(uri, ++version);
        const where = { line: at.line, character: at.character + k };
        session.notify('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: where, end: where }, text: ['x', ' ', '-', ':', '"', '\t'][pick(r, 6)] }],
        });
        await typed;
      }
      // A burst: twenty keystrokes sent without waiting, then a hover: the hover is answered and the
      // diagnostics come for the last version.
      const burstAt = position();
      const burst = session.nextDiagnostics(uri, version + 20);
      for (let k = 0; k < 20; k++) {
        session.notify('textDocument/didChange', {
          textDocument: { uri, version: ++version },
          contentChanges: [{ range: { start: burstAt, end: burstAt }, text: 'x' }],
        });
      }
      await ask('textDocument/hover', { textDocument: { uri }, position: burstAt });
      await burst;
      const line = pick(r, lines.length);
      const edited = session.nextDiagnostics(uri, ++version);
      session.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }],
      });
      await edited;
      session.notify('textDocument/didClose', { textDocument: { uri } });
    } catch (err) {
      failures.push(`case ${i} (${c.seed} as ${c.lang} after ${c.applied.join(', ')}): ${err.message}`);
      if (session.child.exitCode !== null) break;
    }
    for (const log of failedLogs.splice(0))
      failures.push(`case ${i} (${c.seed} as ${c.lang} after ${c.applied.join(', ')}): server logged ${log}`);
    done++;
  }
  if (session.child.exitCode !== null) failures.push(`server exited with code ${session.child.exitCode}`);
  await session.close().catch(() => {});
  return { cases: done, requests, failures, slowestMs };
}
