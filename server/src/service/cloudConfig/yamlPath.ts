import { lineStartAt } from '../lineStart';

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
  if (body.trim() === '' || body.trimStart().startsWith('#')) return { indent: 0, dashCol: undefined, keyCol: 0, key: undefined, blank: true };
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

export function yamlContextAt(text: string, offset: number): YamlLineContext {
  const lineStart = lineStartAt(text, offset);
  const prefix = text.slice(lineStart, offset);
  const lines = text.split('\n');
  let lineNo = 0;
  for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) lineNo++;

  let keyColumn: number;
  let valueOf: string | undefined;
  let word: string;
  let newItem = false;
  const valueMatch = /^(\s*)((?:-\s+)*)([^\s:#][^:#]*?)\s*:\s+(.*)$/.exec(prefix) ?? /^(\s*)((?:-\s+)*)([^\s:#][^:#]*?)\s*:()$/.exec(prefix);
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
  for (let i = lineNo - 1; i >= 0; i--) {
    const s = shape(lines[i] as string);
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
    for (let i = lineNo + 1; i < lines.length; i++) {
      const s = shape(lines[i] as string);
      if (s.blank) continue;
      if (s.keyCol < keyColumn || (s.dashCol !== undefined && s.dashCol < keyColumn)) break;
      if (s.keyCol === keyColumn && s.key !== undefined) siblings.add(s.key);
    }
  }
  const atListLevel = !newItem && valueOf === undefined && (dashAtColumn || !keyAtColumn);
  return { path, keyColumn, valueOf, word, wordStart, newItem, atListLevel, siblings };
}
