import type { Scalar } from 'yaml';
import type { BlockHeader, Chomping, EmbeddedLine, ScalarStyle } from '../embedded/region';

interface BlockScalarToken {
  type: 'block-scalar';
  offset: number;
  indent: number;
  props: Array<{ type: string; offset: number; source: string }>;
  source: string;
}

export interface ScalarMapping {
  style: ScalarStyle;
  header: BlockHeader | undefined;
  text: string;
  lines: EmbeddedLine[];
  mappable: boolean;
  /** Column of the content's first character on each line. */
  indent: number;
}

function styleOf(scalar: Scalar): ScalarStyle {
  switch (scalar.type) {
    case 'BLOCK_LITERAL':
      return 'literal';
    case 'BLOCK_FOLDED':
      return 'folded';
    case 'QUOTE_SINGLE':
      return 'single-quoted';
    case 'QUOTE_DOUBLE':
      return 'double-quoted';
    default:
      return 'plain';
  }
}

function isBlockToken(token: unknown): token is BlockScalarToken {
  return !!token && typeof token === 'object' && (token as { type?: unknown }).type === 'block-scalar';
}

function parseHeader(token: BlockScalarToken): BlockHeader | undefined {
  const head = token.props.find((p) => p.type === 'block-scalar-header');
  if (!head) return undefined;
  const m = /^[|>]([1-9])?([+-])?([1-9])?/.exec(head.source);
  const digit = m?.[1] ?? m?.[3];
  const sign = m?.[2];
  const chomping: Chomping = sign === '-' ? 'strip' : sign === '+' ? 'keep' : 'clip';
  return {
    start: head.offset,
    end: head.offset + head.source.length,
    text: head.source,
    chomping,
    indentIndicator: digit ? Number(digit) : undefined,
  };
}

/** Spaces (not tabs) a line starts with: a block scalar's indentation. */
export function leadingSpaces(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

/** Map each line of a literal block scalar to its document offset. */
function mapLiteral(
  token: BlockScalarToken,
  header: BlockHeader,
  value: string,
): { lines: EmbeddedLine[]; mappable: boolean; indent: number } {
  const last = token.props[token.props.length - 1];
  const sourceStart = last ? last.offset + last.source.length : token.offset;
  const rawLines = token.source.split('\n');
  let contentIndent: number;
  if (header.indentIndicator !== undefined) {
    contentIndent = token.indent + header.indentIndicator;
  } else {
    const firstContent = rawLines.find((l) => l.replace(/\r$/, '').trim() !== '');
    contentIndent = firstContent === undefined ? 0 : leadingSpaces(firstContent);
  }
  const valueLines = value.split('\n');
  const lines: EmbeddedLine[] = [];
  let lineStart = sourceStart;
  let embOffset = 0;
  let mappable = true;
  for (let i = 0; i < valueLines.length; i++) {
    const expected = valueLines[i] as string;
    const raw = rawLines[i];
    if (raw === undefined) {
      // The empty remainder after the final newline: it sits where the block ends.
      lines.push({ docOffset: lineStart, embOffset, length: expected.length });
      if (expected.length > 0) mappable = false;
      break;
    }
    const bodyLength = raw.endsWith('\r') ? raw.length - 1 : raw.length;
    const docOffset = lineStart + Math.min(contentIndent, bodyLength);
    // The line's content after the indentation must be the value's line (compared in place, no slice).
    const same =
      bodyLength >= contentIndent
        ? bodyLength - contentIndent === expected.length && raw.startsWith(expected, contentIndent)
        : expected === '';
    if (!same) mappable = false;
    lines.push({ docOffset, embOffset, length: expected.length });
    embOffset += expected.length + 1;
    lineStart += raw.length + 1;
  }
  return { lines, mappable, indent: contentIndent };
}

/** Work out how a content scalar's text relates to the document. */
export function mapScalar(scalar: Scalar, docText: string): ScalarMapping {
  const style = styleOf(scalar);
  const value = typeof scalar.value === 'string' ? scalar.value : String(scalar.value ?? '');
  const token: unknown = scalar.srcToken;
  if ((style === 'literal' || style === 'folded') && isBlockToken(token)) {
    const header = parseHeader(token);
    if (!header) return { style, header, text: value, lines: [], mappable: false, indent: 0 };
    if (style === 'folded') return { style, header, text: value, lines: [], mappable: false, indent: 0 };
    const { lines, mappable, indent } = mapLiteral(token, header, value);
    return { style, header, text: value, lines, mappable, indent };
  }
  // Flow scalars: only a single line whose value is its source text (no escapes, no folding) maps.
  const range = scalar.range;
  if (!range) return { style, header: undefined, text: value, lines: [], mappable: false, indent: 0 };
  const innerStart = style === 'plain' ? range[0] : range[0] + 1;
  const innerEnd = style === 'plain' ? range[1] : range[1] - 1;
  const raw = docText.slice(innerStart, Math.max(innerStart, innerEnd));
  const mappable = raw === value && !value.includes('\n');
  const lines: EmbeddedLine[] = mappable ? [{ docOffset: innerStart, embOffset: 0, length: value.length }] : [];
  const indent = innerStart - (docText.lastIndexOf('\n', innerStart - 1) + 1);
  return { style, header: undefined, text: value, lines, mappable, indent };
}
