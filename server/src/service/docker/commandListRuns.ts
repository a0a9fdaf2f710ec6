import { isScalar, isSeq, type Scalar } from 'yaml';
import { sourceOfText, type Word } from './commandWords';
import { dockerInvocations } from './dockerInvocation';
import { runCommandsInWords, runCommandsOf } from './findRunCommands';
import type { RunCommand } from './runModel';

/** The part of the document a scalar's characters come from (quotes left out). */
export function innerRange(s: Scalar): [number, number] | undefined {
  const r = s.range;
  if (!r) return undefined;
  const quoted = s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE';
  return quoted ? [r[0] + 1, Math.max(r[0] + 1, r[1] - 1)] : [r[0], r[1]];
}

/** A list item of an argv-style command as a word (offsets of the scalar's text in the document). */
export function wordOf(text: string, node: unknown): Word | undefined {
  if (!isScalar(node)) return undefined;
  const r = innerRange(node);
  if (!r || node.value === null || node.value === undefined) return undefined;
  // Plain scalars as written (YAML 1.1 would read `8080:80` as a base-60 number).
  const value = node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : String(node.value);
  const written = text.slice(r[0], r[1]);
  const map: number[] = [];
  // Escaped quoted scalars do not map character for character: fall back to the scalar's start.
  for (let i = 0; i < value.length; i++) map.push(written === value ? r[0] + i : r[0]);
  map.push(r[1]);
  const whole = node.range ?? [r[0], r[1]];
  return { start: whole[0], end: whole[1], raw: text.slice(whole[0], whole[1]), value, map };
}

/**
 * Container commands in a cloud-config command list (`runcmd`, `bootcmd`): string items are shell
 * lines (block scalars are scripts), list items are argument vectors. Offsets are document offsets.
 */
export function runCommandsInCommandList(text: string, node: unknown): RunCommand[] {
  if (!isSeq(node)) return [];
  const out: RunCommand[] = [];
  for (const item of node.items) {
    if (isSeq(item)) {
      const words = item.items.map((w) => wordOf(text, w)).filter((w): w is Word => w !== undefined);
      if (words.length === item.items.length) out.push(...runCommandsInWords(text, words));
    } else if (isScalar(item) && typeof item.value === 'string') {
      const r = innerRange(item);
      if (!r) continue;
      out.push(...runCommandsOf(text, dockerInvocations(sourceOfText(text, r[0], r[1]), 'shell')));
    }
  }
  return out;
}
