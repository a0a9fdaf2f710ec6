// Drive one language server over stdio on one document, as an editor would, and time each step.
import { pathToFileURL } from 'node:url';
import { dirname } from 'node:path';
import { LspSession, now } from './lspSession.mjs';

export function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * server: { command, args, settings }; doc: { file, text, languageId, positions: {name: {line, character}} }.
 * Returns milliseconds and MB. Requests repeat `reps` times or until `budgetMs` is spent per position.
 */
/**
 * Resolves when `uri` has its complete diagnostics: for a server that names a status notification
 * (`server.status`), the first status of `uri` not marked `partial` (a first pass of a large document
 * is followed by the complete set); otherwise the first publishDiagnostics. Gives the diagnostics.
 */
function completeDiagnostics(session, server, uri, first) {
  if (!server.status) return first;
  return session
    .nextNotification(server.status, (p) => p.uri === uri && !p.partial)
    .then(() => session.published.get(uri));
}

/** With `openOnly`, only the cold and warm opens are measured (the repeated runs of the bench). */
export async function measureServer(server, doc, { edits = 20, reps = 100, budgetMs = 15_000, openOnly = false } = {}) {
  const session = new LspSession(server.command, server.args, {
    settings: server.settings ?? {},
    exitMs: server.exitMs,
  });
  const uri = pathToFileURL(doc.file).href;
  const out = { positions: {} };
  try {
    let t = now();
    await session.initialize(pathToFileURL(dirname(doc.file)).href);
    out.initializeMs = now() - t;

    t = now();
    let cpu = session.cpuMs();
    const first = session.nextDiagnostics(uri);
    const complete = completeDiagnostics(session, server, uri, first);
    session.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: doc.languageId, version: 1, text: doc.text },
    });
    out.firstDiagnostics = (await first).length;
    const firstAt = now();
    out.openMs = firstAt - t;
    out.openCpuMs = session.cpuMs() - cpu;
    out.activationMs = firstAt - session.spawnedAt;
    out.diagnostics = (await complete).length;
    out.openCompleteMs = now() - t;
    out.openCompleteCpuMs = session.cpuMs() - cpu;

    // Warm open: a second document with the same content (another URI, one character different so no
    // cache answers it whole) opened in the running server.
    {
      const uri2 = uri.replace(/(\.[a-z]+)?$/, (ext) => `-second${ext}`);
      const t2 = now();
      cpu = session.cpuMs();
      const second = session.nextDiagnostics(uri2);
      const secondComplete = completeDiagnostics(session, server, uri2, second);
      session.notify('textDocument/didOpen', {
        textDocument: { uri: uri2, languageId: doc.languageId, version: 1, text: `${doc.text}\n` },
      });
      await second;
      out.warmOpenMs = now() - t2;
      out.warmOpenCpuMs = session.cpuMs() - cpu;
      await secondComplete;
      out.warmOpenCompleteMs = now() - t2;
      out.warmOpenCompleteCpuMs = session.cpuMs() - cpu;
      session.notify('textDocument/didClose', { textDocument: { uri: uri2 } });
    }
    if (openOnly) {
      out.peakRssMb = session.peakRssMb();
      return out;
    }

    // Type spaces at each edit place (default: the start of the middle line), one keystroke per edit:
    // every version is new text, as when typing, so no cache can answer an edit it saw before.
    const places = doc.edits ?? [{ name: 'middle', line: Math.floor(doc.text.split('\n').length / 2), character: 0 }];
    let version = 1;
    // A server that needs many seconds per analysis gets a few edits only (the table says how many).
    const editCount = out.openMs > 5_000 ? Math.min(edits, 2) : edits;
    out.edits = editCount;
    out.editsAt = {};
    for (const { name, line, character } of places) {
      const editTimes = [];
      for (let i = 0; i < editCount; i++) {
        const change = { range: { start: { line, character }, end: { line, character } }, text: ' ' };
        version++;
        t = now();
        const published = session.nextDiagnostics(uri, version);
        session.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        await published;
        editTimes.push(now() - t);
      }
      out.editsAt[name] = { p50: percentile(editTimes, 50), p99: percentile(editTimes, 99) };
    }
    // The first place is the headline edit.
    const headline = out.editsAt[places[0].name];
    out.editP50 = headline.p50;
    out.editP99 = headline.p99;

    // As when typing: a keystroke and at once a completion request on the new version (the request waits
    // for whatever the server does first with the change). Timed from the change to the completion answer.
    if (doc.typingCompletion) {
      const [name, position] = Object.entries(doc.positions).find(([, p]) => p) ?? [];
      const { line, character } = places[0];
      const times = [];
      for (let i = 0; i < Math.min(editCount, 40); i++) {
        const at = { line, character: character + editCount + i };
        version++;
        const published = session.nextDiagnostics(uri, version);
        t = now();
        session.notify('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: at, end: at }, text: ' ' }],
        });
        await session.request('textDocument/completion', { textDocument: { uri }, position });
        times.push(now() - t);
        await published;
      }
      out.typingCompletion = { at: name, p50: percentile(times, 50), p99: percentile(times, 99), n: times.length };
    }

    for (const [name, position] of Object.entries(doc.positions)) {
      if (!position) continue;
      const entry = {};
      for (const method of ['completion', 'hover']) {
        const times = [];
        let result;
        const started = now();
        for (let i = 0; i < reps && (i < 5 || now() - started < budgetMs); i++) {
          t = now();
          result = await session.request(`textDocument/${method}`, { textDocument: { uri }, position });
          times.push(now() - t);
        }
        entry[method] = { p50: percentile(times, 50), p99: percentile(times, 99), n: times.length };
        if (method === 'completion') {
          entry.completionItems = (Array.isArray(result) ? result : (result?.items ?? [])).length;
          entry.completionIncomplete = Boolean(result?.isIncomplete);
          entry.completionBytes = JSON.stringify(result ?? null).length;
        } else entry.hoverChars = result?.contents ? JSON.stringify(result.contents).length : 0;
      }
      out.positions[name] = entry;
    }
    out.peakRssMb = session.peakRssMb();
  } catch (err) {
    out.error = `${err instanceof Error ? err.message : String(err)}`;
    out.peakRssMb ??= session.peakRssMb();
  } finally {
    await session.close().catch(() => {});
  }
  return out;
}
