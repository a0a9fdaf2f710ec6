import { lineStartAt } from '../text/lines';

/**
 * Line-based YAML context at a position, robust to the half-typed lines completion sees.
 * List levels are transparent: `path` names mapping keys only (as the key tables do).
 */
export interface YamlLineContext {
  /** Keys of the enclosing mappings, outermost first. */
  readonly path: string[];
  /** Column where keys of the current mapping start. */
  readonly keyColumn: number;
  /** `key` when the cursor is in the value after `key:` on this line. */
  readonly valueOf: string | undefined;
  /** Text typed so far for the key or value under the cursor. */
  readonly word: string;
  /** Offset where `word` starts. */
  readonly wordStart: number;
  /** The line is `- ` (optionally followed by a partial key): a new list item starts here. */
  readonly newItem: boolean;
  /** The cursor sits where items of a list start (under `units:` or beside an earlier `- `), with no dash typed. */
  readonly atListLevel: boolean;
  /** Keys already present in the current mapping. */
  readonly siblings: Set<string>;
}

interface LineShape {
  indent: number;
  dashCol: number | undefined;
  keyCol: number;
  key: string | undefined;
  blank: boolean;
}

const keyLine = /^(\s*)((?:-\s+)*)([^\s:#'"\-[{][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)/;

function shape(line: string): LineShape {
  const body = line.replace(/\r$/, '');
  if (body.trim() === '' || body.trimStart().startsWith('#'))
    return { indent: 0, dashCol: undefined, keyCol: 0, key: undefined, blank: true };
  const indent = body.length - body.trimStart().length;
  const dash = /^(\s*)(-\s+)+/.exec(body);
  const dashCol = dash ? indent : undefined;
  const m = keyLine.exec(body);
  if (m) {
    const keyCol = (m[1] as string).length + (m[2] as string).length;
    return { indent, dashCol, keyCol, key: (m[3] as string).replace(/^["']|["']$/g, ''), blank: false };
  }
  return { indent, dashCol, keyCol: dash ? (dash[0] as string).length : indent, key: undefined, blank: false };
}

/** Spaces and tabs a line starts with (never more than the indentation `shape` finds). */
function leadingBlanks(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** The lines above the line starting at `lineStart`, nearest first (as `text.split('\n')` has them). */
function* linesAbove(text: string, lineStart: number): Generator<string> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    yield text.slice(start, end);
    end = start - 1;
  }
}

/** The lines below the line holding `offset`, in order. */
function* linesBelow(text: string, offset: number): Generator<string> {
  let nl = text.indexOf('\n', offset);
  while (nl >= 0) {
    const next = text.indexOf('\n', nl + 1);
    yield text.slice(nl + 1, next < 0 ? text.length : next);
    nl = next;
  }
}

export function yamlContextAt(text: string, offset: number): YamlLineContext {
  const lineStart = lineStartAt(text, offset);
  const prefix = text.slice(lineStart, offset);

  let keyColumn: number;
  let valueOf: string | undefined;
  let word: string;
  let newItem = false;
  const valueMatch =
    /^(\s*)((?:-\s+)*)([^\s:#][^:#]*?)\s*:\s+(.*)$/.exec(prefix) ??
    /^(\s*)((?:-\s+)*)([^\s:#][^:#]*?)\s*:()$/.exec(prefix);
  if (valueMatch) {
    keyColumn = (valueMatch[1] as string).length + (valueMatch[2] as string).length;
    valueOf = (valueMatch[3] as string).replace(/^["']|["']$/g, '');
    word = (valueMatch[4] as string).replace(/^["']/, '');
  } else {
    const km = /^(\s*)((?:-\s*)*)(\S*)$/.exec(prefix);
    keyColumn = km ? (km[1] as string).length + (km[2] as string).length : prefix.length;
    newItem = !!km && (km[2] as string).length > 0;
    word = km ? (km[3] as string) : '';
  }
  const wordStart = offset - word.length;

  // Walk up to collect the enclosing keys.
  const path: string[] = [];
  let col = keyColumn;
  const siblings = new Set<string>();
  let sameMap = !newItem;
  let dashAtColumn = false;
  let keyAtColumn = false;
  for (const line of linesAbove(text, lineStart)) {
    // Once the path reaches a top-level key, nothing above can change the answer.
    if (col === 0 && path.length > 0) break;
    // Lines indented deeper than the current level (the content of other entries) change nothing;
    // at the level itself only keys of the same mapping count.
    const indent = leadingBlanks(line);
    if (indent > col || (indent === col && path.length > 0 && !sameMap)) continue;
    const s = shape(line);
    if (s.blank) continue;
    if (path.length === 0) {
      if (s.dashCol === keyColumn) dashAtColumn = true;
      else if (s.keyCol === keyColumn && s.key !== undefined) keyAtColumn = true;
    }
    if (s.keyCol === col && s.key !== undefined && sameMap) siblings.add(s.key);
    if (s.dashCol !== undefined && s.dashCol < col && s.keyCol >= col) sameMap = false;
    if (s.keyCol < col && s.key !== undefined) {
      path.unshift(s.key);
      col = s.keyCol;
      sameMap = false;
      if (s.dashCol !== undefined) col = s.dashCol + 0.5;
    } else if (s.indent < col && s.key === undefined && s.dashCol === undefined) {
      break;
    }
  }
  // Siblings below the cursor, up to the end of this mapping.
  if (!newItem) {
    for (const line of linesBelow(text, offset)) {
      if (leadingBlanks(line) > keyColumn) continue;
      const s = shape(line);
      if (s.blank) continue;
      if (s.keyCol < keyColumn || (s.dashCol !== undefined && s.dashCol < keyColumn)) break;
      if (s.keyCol === keyColumn && s.key !== undefined) siblings.add(s.key);
    }
  }
  const atListLevel = !newItem && valueOf === undefined && (dashAtColumn || !keyAtColumn);
  return { path, keyColumn, valueOf, word, wordStart, newItem, atListLevel, siblings };
}
