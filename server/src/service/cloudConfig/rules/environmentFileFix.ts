/**
 * The fix of `systemd/credentials-in-environment` inside a user-data: the unit loads its secrets from
 * an `EnvironmentFile=` instead, and the same user-data writes that file with mode 0600. One fix per
 * unit moves every secret assignment of it (each finding of the unit offers the same edits), so that
 * applying it clears all of them and writes the file once.
 *
 * A standalone unit file gets no fix: the edit would point the unit at a file that does not exist yet,
 * and systemd refuses to start a unit whose EnvironmentFile= is missing; the message says what to do.
 */
import type { Finding, Fix, OffsetEdit } from '../../types';
import type { RuleContext } from '../context';
import type { EmbeddedRegion } from '../../embedded/region';
import { mapFindingToDocument } from '../../embedded/mapFindings';
import { splitUnitWords } from '../../systemd/unitWords';
import { isSecretAssignment } from '../../systemd/secretAssignment';
import { asSeq } from '../yamlNodes';
import { appendToSeq, appendTopLevel } from './mapEdits';

const code = 'systemd/credentials-in-environment';

/** Where the secrets go: `/etc/<unit name without its suffix>.env`. */
function environmentFilePath(region: EmbeddedRegion): string | undefined {
  const name = region.origin === 'write-file' ? region.path?.split('/').pop() : region.name;
  const stem = name?.replace(/\.[A-Za-z]+$/, '');
  return stem && /^[\w@.:-]+$/.test(stem) ? `/etc/${stem}.env` : undefined;
}

/** An assignment as a line of an environment file (quoted when it holds blanks, quotes or backslashes). */
function fileLine(word: string): string {
  const eq = word.indexOf('=');
  const value = word.slice(eq + 1);
  return /[\s"'\\$#]/.test(value) ? `${word.slice(0, eq)}="${value.replace(/[\\"$`]/g, '\\$&')}"` : word;
}

/** The unit edits (region offsets) and the environment file's lines, or undefined when nothing moves. */
function unitEdits(text: string, path: string): { edits: OffsetEdit[]; lines: string[] } | undefined {
  const edits: OffsetEdit[] = [];
  const lines: string[] = [];
  let placed = false;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    const m = /^([ \t]*)Environment[ \t]*=/.exec(text.slice(start, lineEnd));
    if (m) {
      const valueStart = start + m[0].length;
      const { words, unbalancedAt } = splitUnitWords(text.slice(valueStart, lineEnd));
      const secret = unbalancedAt === undefined ? words.filter((w) => isSecretAssignment(w.text)) : [];
      if (secret.length) {
        lines.push(...secret.map((w) => fileLine(w.text)));
        const kept = words.filter((w) => !secret.includes(w)).map((w) => w.raw);
        const reference = placed ? [] : [`${m[1]}EnvironmentFile=${path}`];
        placed = true;
        const replacement = [...(kept.length ? [`${m[1]}Environment=${kept.join(' ')}`] : []), ...reference];
        if (replacement.length) edits.push({ start, end: lineEnd, newText: replacement.join('\n') });
        else edits.push({ start, end: Math.min(end + 1, text.length), newText: '' });
      }
    }
    start = end + 1;
  }
  return lines.length ? { edits, lines } : undefined;
}

/** The edit adding the environment file to write_files (a new write_files key when there is none). */
function writeFileEdit(ctx: RuleContext, path: string, lines: readonly string[]): OffsetEdit | undefined {
  const item = [`path: ${path}`, "permissions: '0600'", 'content: |', ...lines.map((l) => `  ${l}`)].join('\n');
  const pair = ctx.pair(ctx.model.root, 'write_files');
  const seq = asSeq(pair?.value);
  if (seq && seq.items.length) return appendToSeq(ctx.text, seq, item);
  if (pair || !ctx.model.root || ctx.model.root.flow) return undefined;
  return appendTopLevel(
    ctx.text,
    `write_files:\n${item
      .split('\n')
      .map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))
      .join('\n')}`,
    ctx.model.yamlErrors.length > 0,
  );
}

/** The region's mapped findings with the EnvironmentFile= fix added to its credential findings. */
export function withEnvironmentFileFix(
  ctx: RuleContext,
  region: EmbeddedRegion,
  findings: readonly Finding[],
): readonly Finding[] {
  if (region.language !== 'systemd' || !findings.some((f) => f.code === code && !f.fixes?.length)) return findings;
  const path = environmentFilePath(region);
  const moved = path ? unitEdits(region.text, path) : undefined;
  const fileEdit = path && moved ? writeFileEdit(ctx, path, moved.lines) : undefined;
  if (!path || !moved || !fileEdit) return findings;
  const unitFix: Fix = {
    title: `Move the secrets to ${path} (mode 0600) and load it with EnvironmentFile=`,
    edits: moved.edits,
  };
  const mapped = mapFindingToDocument(region, { code, message: '', start: 0, end: 0, fixes: [unitFix] }).fixes?.[0];
  if (!mapped) return findings;
  const fix: Fix = { ...mapped, edits: [...mapped.edits, fileEdit] };
  return findings.map((f) => (f.code === code && !f.fixes?.length ? { ...f, fixes: [fix] } : f));
}
