/**
 * Where the cursor is in a Compose file, read from the lines above it (the file is usually half
 * written while completing, so the YAML parser cannot be trusted here): the keys of the enclosing
 * mappings (`[]` for a list item) and what is being typed.
 */
export interface ComposePlace {
  /** Keys from the top: `['services', 'web', 'ports', '[]']`. */
  readonly path: readonly string[];
  /** A key of the mapping at `path`, the value of `key`, or an item of the list `path` ends in. */
  readonly kind: 'key' | 'value' | 'item';
  /** For `value`: the key whose value is typed. */
  readonly key?: string;
  /** Where the word being typed starts (after an opening quote). */
  readonly wordStart: number;
  /** True when the word is inside quotes the user opened. */
  readonly quoted: boolean;
}

interface LineInfo {
  /** Column of the first character (a `-` for list items). */
  readonly indent: number;
  /** Column of the key, after `- ` for a list item. */
  readonly keyIndent: number;
  readonly dash: boolean;
  readonly key: string | undefined;
}

const keyPattern = /^([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;

function lineInfo(line: string): LineInfo | undefined {
  const trimmed = line.trimStart();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---') return undefined;
  const indent = line.length - trimmed.length;
  const dash = /^-(?:[ \t]|$)/.test(trimmed);
  const rest = dash ? trimmed.slice(1).trimStart() : trimmed;
  const keyIndent = line.length - rest.length;
  const m = keyPattern.exec(rest);
  return { indent, keyIndent, dash, key: m ? (m[1] as string).replace(/^["']|["']$/g, '') : undefined };
}

/**
 * The enclosing keys of a position at column `column` on the line starting at `lineStart`. For a list
 * item (`item`), the list's key may stand at the item's own column (`ports:\n- 80`) and the items above
 * at that column are its siblings.
 */
function pathAbove(text: string, lineStart: number, column: number, item = false): string[] {
  const path: string[] = [];
  let limit = column;
  let first = item;
  let end = lineStart - 1;
  while (end > 0 && limit > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const info = lineInfo(text.slice(start, end).replace(/\r$/, ''));
    end = start - 1;
    if (!info) continue;
    if (first) {
      if (info.dash && info.indent === column) continue;
      first = false;
      if (!info.dash && info.indent === column && info.key !== undefined) {
        path.unshift(info.key);
        limit = info.indent;
        continue;
      }
    }
    if (info.dash) {
      if (info.key !== undefined && info.keyIndent < limit) {
        // `- name:` with its value below: the key of a list item.
        path.unshift('[]', info.key);
        limit = info.indent;
      } else if (info.indent < limit) {
        path.unshift('[]');
        limit = info.indent;
      }
    } else if (info.indent < limit && info.key !== undefined) {
      path.unshift(info.key);
      limit = info.indent;
    }
  }
  return path;
}

/** The place of `offset` in `text`, or undefined in a comment or where nothing is completed. */
export function composePlace(text: string, offset: number): ComposePlace | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before)) return undefined;
  let m = /^([ \t]*)([\w.-]*)$/.exec(before);
  if (m) {
    const column = (m[1] as string).length;
    return { path: pathAbove(text, lineStart, column), kind: 'key', wordStart: lineStart + column, quoted: false };
  }
  // `- 80`, `- "127.0.0.1:`: an item of the list above.
  m = /^([ \t]*)-[ \t]+(["']?)([^"'#]*)$/.exec(before);
  if (m && !/:\s/.test(m[3] as string)) {
    const column = (m[1] as string).length;
    const path = pathAbove(text, lineStart, column, true);
    const word = (m[3] as string).length;
    return { path, kind: 'item', wordStart: offset - word, quoted: (m[2] as string) !== '' };
  }
  // `- target: 80` inside a list item, or `key: value`.
  m = /^([ \t]*)(-[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(.*)$/.exec(before);
  if (m) {
    const keyColumn = (m[1] as string).length + (m[2]?.length ?? 0);
    const path = pathAbove(text, lineStart, keyColumn);
    if (m[2]) path.push('[]');
    const value = m[4] as string;
    // `ports: ["8080:80", "` — an item of a flow list.
    const flow = /\[(?:[^\]]*,)?[ \t]*(["']?)([^,"'\]]*)$/.exec(value);
    if (flow && value.trimStart().startsWith('[')) {
      return {
        path: [...path, m[3] as string],
        kind: 'item',
        wordStart: offset - (flow[2] as string).length,
        quoted: (flow[1] as string) !== '',
      };
    }
    const q = /^(["']?)([^"']*)$/.exec(value);
    if (!q) return undefined;
    return {
      path,
      kind: 'value',
      key: m[3] as string,
      wordStart: offset - (q[2] as string).length,
      quoted: (q[1] as string) !== '',
    };
  }
  return undefined;
}
