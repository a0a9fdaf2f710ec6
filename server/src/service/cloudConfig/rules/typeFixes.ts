import type { Scalar } from 'yaml';
import type { ValueType } from '../../data/keySpec';
import type { Fix } from '../../types';
import type { RuleContext } from '../context';
import type { YamlKind } from '../valueKind';
import { asScalar, nodeRange } from '../yamlNodes';
import { eolOf } from '../../text/lineEnding';
import { lineStartAt } from '../../text/lines';

function accepts(type: ValueType, kind: ValueType['kind']): boolean {
  return type.kind === kind || (type.kind === 'oneOf' && type.options.some((o) => accepts(o, kind)));
}

const trueWords = /^(true|yes|on|y)$/i;
const falseWords = /^(false|no|off|n)$/i;

/** Conversions that are unambiguous: quoted booleans/numbers unquoted, scalars quoted, a lone string into a list. */
export function typeFixes(ctx: RuleContext, node: unknown, kind: YamlKind, type: ValueType, secret = false): Fix[] {
  const r = nodeRange(node);
  const scalar: Scalar | undefined = asScalar(node);
  if (!r || !scalar) return [];
  const replace = (title: string, newText: string): Fix[] => [
    { title, edits: [{ start: r[0], end: r[1], newText }], preferred: true },
  ];
  const value = scalar.value;
  // Unquoted, the value would run on into a more indented line below it (only in a file whose YAML is
  // already broken there): it would stay a string.
  if (kind === 'string' && typeof value === 'string' && scalar.type !== 'PLAIN' && joinsNextLine(ctx.text, r[0], r[1]))
    return [];
  if (kind === 'string' && typeof value === 'string') {
    if (accepts(type, 'bool')) {
      if (trueWords.test(value)) return replace('Change to boolean `true`', 'true');
      if (falseWords.test(value)) return replace('Change to boolean `false`', 'false');
    }
    if (accepts(type, 'int') && /^[-+]?\d+$/.test(value)) return replace(`Change to number ${value}`, value);
    if (accepts(type, 'float') && /^[-+]?\d+(\.\d+)?$/.test(value)) return replace(`Change to number ${value}`, value);
    if (type.kind === 'list' && scalar.type !== 'BLOCK_LITERAL' && scalar.type !== 'BLOCK_FOLDED') {
      const raw = ctx.text.slice(r[0], r[1]);
      const indent = keyColumn(ctx.text, r[0]) + 2;
      const colon = ctx.text.lastIndexOf(':', r[0]) + 1;
      const start = colon > 0 && ctx.text.slice(colon, r[0]).trim() === '' ? colon : r[0];
      const newText = `${eolOf(ctx.text)}${' '.repeat(indent)}- ${raw}`;
      return [{ title: 'Make it a one-item list', edits: [{ start, end: r[1], newText }], preferred: true }];
    }
  }
  if ((kind === 'int' || kind === 'float' || kind === 'bool') && accepts(type, 'string')) {
    const raw = ctx.text.slice(r[0], r[1]);
    // A fix title is shown in the editor and may be logged: a secret's value is not in it.
    return replace(secret ? 'Quote it as a string' : `Quote as "${raw}"`, `"${raw}"`);
  }
  return [];
}

/**
 * A plain scalar written over [start, end) would take in more text: something other than a comment
 * follows it on its line, or the next line with content is indented more than the line the value
 * starts on (a plain scalar continues on such lines).
 */
function joinsNextLine(text: string, start: number, end: number): boolean {
  const lineStart = lineStartAt(text, start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0].length ?? 0;
  const rest = /[^\r\n]*/y;
  rest.lastIndex = end;
  const tail = rest.exec(text)?.[0] ?? '';
  if (tail.trim() !== '' && !/^[ \t]+#/.test(tail)) return true;
  const next = /(?:\r\n|\r|\n)([ \t]*)([^\r\n]*)/y;
  next.lastIndex = end + tail.length;
  for (let m = next.exec(text); m; m = next.exec(text)) {
    const content = m[2] ?? '';
    if (content.trim() === '') continue;
    return (m[1] ?? '').length > indent && !content.startsWith('#');
  }
  return false;
}

/** Column of the mapping key on the line holding `offset` (skipping `- ` list markers). */
function keyColumn(text: string, offset: number): number {
  const start = lineStartAt(text, offset);
  const m = /^[ ]*(?:-[ ]+)*/.exec(text.slice(start, offset));
  return m ? m[0].length : 0;
}
