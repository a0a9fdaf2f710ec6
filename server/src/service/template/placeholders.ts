/**
 * Template syntax in user-data that is rendered before the machine reads it: Terraform
 * (`${expr}`, `%{ directive }`, escapes `$${` and `%%{`), Jinja (`{{ expr }}`, `{% statement %}`,
 * `{# comment #}`), Go templates (`{{ .Name }}`, `{{ if … }}`) and `%NAME%` / `@NAME@` tokens.
 *
 * The rest of the service works on a *neutralised* copy of the text of the same length: control
 * lines become blank, inline control spans become spaces and every value placeholder becomes one
 * word (`$__3$`, the span's index in base 36) that YAML reads as a plain scalar, even in flow
 * collections, and every embedded language reads as one token. Offsets stay the same, so findings,
 * hovers and fixes map back to the original text unchanged.
 */

export type TemplateSpanKind =
  | 'terraform-interpolation'
  | 'terraform-directive'
  | 'terraform-escape'
  | 'jinja-expression'
  | 'jinja-statement'
  | 'jinja-comment'
  | 'go-action'
  | 'go-control'
  | 'token';

export interface TemplateSpan {
  readonly kind: TemplateSpanKind;
  readonly start: number;
  readonly end: number;
}

/** Spans that stand for a value (unknown until rendering), as opposed to control and escapes. */
export function isValueSpan(kind: TemplateSpanKind): boolean {
  return kind === 'terraform-interpolation' || kind === 'jinja-expression' || kind === 'go-action' || kind === 'token';
}

function isControlSpan(kind: TemplateSpanKind): boolean {
  return (
    kind === 'terraform-directive' || kind === 'jinja-statement' || kind === 'jinja-comment' || kind === 'go-control'
  );
}

/** Go template actions that steer rendering rather than yield a value. */
const goControl = /^\{\{-?\s*(?:if|else|end|range|with|define|template|block|break|continue)\b|^\{\{-?\s*\/\*/;
/** What makes `{{ … }}` a Go action rather than Jinja: a leading `.`, `$` variable or a Go keyword. */
const goValue = /^\{\{-?\s*(?:\.|\$)/;

/** The end of a bracketed span that closes with `close` on the same line, honouring nested braces. */
function closeOnLine(text: string, from: number, close: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') return undefined;
    if (quote) {
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"') {
      quote = c;
      continue;
    }
    if (depth === 0 && text.startsWith(close, i)) return i + close.length;
    if (c === '{' || c === '[' || c === '(') depth++;
    else if ((c === '}' || c === ']' || c === ')') && depth > 0) depth--;
  }
  return undefined;
}

const tokenPattern = /^(?:%[A-Z_][A-Z0-9_]+%|@[A-Z_][A-Z0-9_]+@)/;

/** Every template span in `text`, in order. Never throws; spans never overlap. */
export function findTemplateSpans(text: string): TemplateSpan[] {
  const spans: TemplateSpan[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // '$', '%', '{', '@' start every form.
    if (c !== 36 && c !== 37 && c !== 123 && c !== 64) continue;
    const two = text.slice(i, i + 3);
    if (two.startsWith('$${') || two.startsWith('%%{')) {
      spans.push({ kind: 'terraform-escape', start: i, end: i + 3 });
      i += 2;
      continue;
    }
    if (two.startsWith('${') || two.startsWith('%{')) {
      const end = closeOnLine(text, i + 2, '}');
      if (end !== undefined) {
        spans.push({ kind: two.startsWith('$') ? 'terraform-interpolation' : 'terraform-directive', start: i, end });
        i = end - 1;
      }
      continue;
    }
    if (two.startsWith('{{') || two.startsWith('{%') || two.startsWith('{#')) {
      const close = two.startsWith('{{') ? '}}' : two.startsWith('{%') ? '%}' : '#}';
      const end = two.startsWith('{{') ? closeOnLine(text, i + 2, close) : text.indexOf(close, i + 2) + close.length;
      if (end === undefined || end < i + 4) continue;
      if (two.startsWith('{{') || text.slice(i, end).indexOf('\n') < 0) {
        const body = text.slice(i, end);
        const kind: TemplateSpanKind = two.startsWith('{%')
          ? 'jinja-statement'
          : two.startsWith('{#')
            ? 'jinja-comment'
            : goControl.test(body)
              ? 'go-control'
              : goValue.test(body)
                ? 'go-action'
                : 'jinja-expression';
        spans.push({ kind, start: i, end });
        i = end - 1;
      }
      continue;
    }
    if (c === 37 || c === 64) {
      const m = tokenPattern.exec(text.slice(i, i + 80));
      if (m) {
        spans.push({ kind: 'token', start: i, end: i + m[0].length });
        i += m[0].length - 1;
      }
    }
  }
  return spans;
}

/** The word a value placeholder becomes: `$`, the span's index in base 36 padded with `_`, `$`. */
function markerFor(index: number, length: number): string {
  const id = index.toString(36);
  const inner = length - 2;
  return inner >= id.length ? `$${id.padStart(inner, '_')}$` : `$${'_'.repeat(Math.max(inner, 0))}$`.slice(0, length);
}

/** A marker inside neutralised text (see `markerFor`). */
export const markerPattern = /\$_*([0-9a-z]+)\$/g;

/** Whether a word of neutralised text holds a placeholder marker. */
export function holdsPlaceholder(word: string): boolean {
  return /\$_*[0-9a-z]+\$|\$_+\$/.test(word);
}

export interface Neutralised {
  /** Same length as the original; see the module comment. */
  readonly text: string;
  readonly spans: readonly TemplateSpan[];
}

const controlLine = /^(?:%\{.*\}|\{%.*%\}|\{#.*#\}|\{\{-?\s*(?:if|else|end|range|with)\b.*\}\})$/;

/** Indentation of the nearest line before `lineStart` that is neither blank nor a control line. */
function previousIndent(text: string, lineStart: number): number | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    const body = line.trim();
    if (body !== '' && !controlLine.test(body)) return line.length - line.trimStart().length;
    end = start - 1;
  }
  return undefined;
}

/**
 * The text with control lines blanked and placeholders replaced by markers; same length.
 * - A line holding nothing but control spans (`%{ for … }`, `{% if %}`) is blanked whole.
 * - A line holding nothing but one value placeholder, less indented than the line before it or at
 *   column 0, is blanked too: it splices in rendered text whose structure is unknown.
 * - Any other span becomes a marker word, so that the value holding it is unknown (an inline
 *   `%{ if }0755%{ else }0644%{ endif }` makes the whole value unknown).
 */
export function neutraliseTemplates(
  text: string,
  spans: readonly TemplateSpan[] = findTemplateSpans(text),
): Neutralised {
  if (spans.length === 0) return { text, spans };
  const parts: string[] = [];
  let at = 0;
  const copyTo = (from: number): void => {
    parts.push(text.slice(at, from));
    at = from;
  };
  spans.forEach((span, index) => {
    if (span.start < at || span.kind === 'terraform-escape') return;
    const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
    let lineEnd = text.indexOf('\n', span.end);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(lineStart, span.start);
    const after = text.slice(span.end, lineEnd).replace(/\r$/, '');
    const alone = lineStart >= at && before.trim() === '' && after.trim() === '';
    if (alone && isControlSpan(span.kind)) {
      copyTo(lineStart);
      parts.push(text.slice(lineStart, lineEnd).replace(/[^\r\n]/g, ' '));
      at = lineEnd;
      return;
    }
    if (alone && isValueSpan(span.kind)) {
      copyTo(lineStart);
      const indent = before.length;
      const prev = previousIndent(text, lineStart);
      if (indent === 0 || (prev !== undefined && indent < prev)) {
        parts.push(text.slice(lineStart, lineEnd).replace(/[^\r\n]/g, ' '));
        at = lineEnd;
        return;
      }
    }
    copyTo(span.start);
    const length = span.end - span.start;
    parts.push(length >= 3 ? markerFor(index, length) : ' '.repeat(length));
    at = span.end;
  });
  parts.push(text.slice(at));
  return { text: parts.join(''), spans };
}

/** Put the original template text back for the markers in a message or an edit. */
export function restorePlaceholders(s: string, original: string, spans: readonly TemplateSpan[]): string {
  if (!s.includes('$')) return s;
  return s.replace(markerPattern, (m: string, id: string) => {
    const span = spans[parseInt(id, 36)];
    if (!span || span.end - span.start !== m.length) return m;
    return original.slice(span.start, span.end);
  });
}

/** The span containing the offset, if any. */
export function spanAt(spans: readonly TemplateSpan[], offset: number): TemplateSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as TemplateSpan;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Whether neutralised text between two offsets holds a marker (a value unknown until rendering). */
export function holdsMarker(neutral: string, start: number, end: number): boolean {
  const slice = neutral.slice(start, Math.max(end, start + 1));
  return slice.includes('$') && holdsPlaceholder(slice);
}

/** Whether any value span overlaps [start, end). */
export function overlapsValueSpan(spans: readonly TemplateSpan[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as TemplateSpan).end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length; i++) {
    const s = spans[i] as TemplateSpan;
    if (s.start >= Math.max(end, start + 1)) break;
    if (isValueSpan(s.kind)) return true;
  }
  return false;
}
