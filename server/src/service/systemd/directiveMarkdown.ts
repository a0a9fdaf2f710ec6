/**
 * The markdown that describes one directive (hover and completion documentation): where it belongs,
 * what its value looks like, what it does, the usual mistake, and its successor when deprecated.
 */
import { directiveDoc } from '../data/systemd/directiveDocs';
import { directivesNamed, type DirectiveSpec, type ValueKind } from '../data/systemd/directives';

const kindLabels: Readonly<Record<ValueKind, string>> = {
  boolean: 'boolean (`yes`/`no`)',
  timespan: 'time span (`90`, `5s`, `1min 30s`, `infinity`)',
  calendar: 'calendar expression (`daily`, `Mon *-*-* 02:00`)',
  unit: 'unit name',
  'unit-list': 'unit names, space-separated',
  enum: 'one of a fixed set of values',
  command: 'command line (absolute path + arguments)',
  path: 'absolute path',
  string: 'text',
  url: 'URIs, space-separated',
  integer: 'number',
  weight: 'weight (number in a fixed range)',
  bytes: 'size (`512M`, `2G`, `20%`, `infinity`)',
  limit: 'limit (number, `soft:hard`, `infinity`)',
  signal: 'signal (`SIGTERM`, `SIGINT`, `9`)',
  environment: '`NAME=value` assignments',
  mode: 'octal file mode (`0755`)',
  condition: 'check argument (`!` negates, `|` makes it one of several)',
  socket: 'listen address (`8080`, `127.0.0.1:8080`, `/run/x.sock`)',
  other: 'value',
};

/** Short description of a value kind (completion `detail`). */
export function kindLabel(kind: ValueKind): string {
  return kindLabels[kind];
}

/** The spec for `name` in `section`, else any spec of that name (for a directive in the wrong section). */
export function specFor(
  section: string | undefined,
  name: string,
): { spec: DirectiveSpec | undefined; inSection: boolean } {
  const all = directivesNamed(name);
  const own = section === undefined ? undefined : all.find((d) => d.sections.includes(section));
  return { spec: own ?? all[0], inSection: own !== undefined };
}

/**
 * Markdown for `name=` as written in `section` (undefined when the name is unknown everywhere). Built
 * once per section and name: completion in a [Service] section documents some 300 directives per request.
 */
const written = new Map<string, string | undefined>();
const writtenLimit = 8192;

export function directiveMarkdown(section: string | undefined, name: string): string | undefined {
  const key = `${section ?? ''}\u0000${name}`;
  if (written.has(key)) return written.get(key);
  const markdown = buildMarkdown(section, name);
  if (written.size < writtenLimit) written.set(key, markdown);
  return markdown;
}

function buildMarkdown(section: string | undefined, name: string): string | undefined {
  const { spec, inSection } = specFor(section, name);
  const doc = directiveDoc(inSection ? section : spec?.sections[0], name);
  if (!spec && !doc) return undefined;
  const lines: string[] = [];
  const sections = [...new Set(directivesNamed(name).flatMap((d) => d.sections))];
  const where = sections.map((s) => `[${s}]`).join(' ');
  lines.push(`**${name}=** ${where ? `· ${where}` : ''}${spec ? ` · ${kindLabel(spec.kind)}` : ''}`.trim());
  if (spec && section !== undefined && !inSection) {
    lines.push('', `Not valid in [${section}]: systemd ignores it there. It belongs in ${where}.`);
  }
  if (doc) lines.push('', doc.summary);
  if (spec?.values && spec.values.length > 0) {
    lines.push(
      '',
      `Values: ${spec.values.map((v) => `\`${v}\``).join(', ')}${spec.booleanToo ? ', or a boolean' : ''}`,
    );
  }
  if (doc?.pitfall) lines.push('', `**Pitfall:** ${doc.pitfall}`);
  // Removed directives already say so in their one-line doc.
  if (spec?.deprecated && !spec.removed) {
    const note = spec.deprecated.note.replace(/\.$/, '');
    const next = spec.deprecated.successor;
    const successor = next && !note.includes(`${next}=`) ? ` Use \`${next}=\` instead.` : '';
    lines.push('', `**Deprecated:** ${note}.${successor}`);
  }
  return lines.join('\n');
}
