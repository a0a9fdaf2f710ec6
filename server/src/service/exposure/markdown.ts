import type { DocStep, ExposureReport, TraceReport } from './index';

/** A link to a line of the document (`uri#L12`), as VS Code's markdown preview and most viewers follow it. */
function lineLink(uri: string, s: DocStep | undefined): string {
  if (!s) return '';
  const text = s.text.replace(/\|/g, '\\|').replace(/`/g, "'");
  if (s.range) return `[line ${s.range.start.line + 1}](${uri}#L${s.range.start.line + 1}) \`${text}\``;
  return s.origin === 'docker' ? `Docker's rule \`${text}\`` : `\`${text}\``;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The exposure map as a markdown document with links to the deciding lines. */
export function exposureMarkdown(uri: string, name: string, r: ExposureReport): string {
  const out = [`# What can reach ${name}`, ''];
  for (const f of r.files) {
    out.push(
      `## ${f.name} — IPv${f.family}`,
      '',
      f.inIfaceKnown
        ? `New connections from an internet address (${f.internetSource}) arriving on ${f.inIface}.`
        : `New connections from an internet address (${f.internetSource}) arriving on an interface not named here (rules on one interface depend on it).`,
      '',
    );
    out.push('| Port | Status | Path | Decided by | Listens |', '|---|---|---|---|---|');
    for (const e of f.entries) {
      if (e.status === 'closed' && e.listeners.length === 0) continue;
      const status =
        e.status === 'some-sources'
          ? `only from ${e.sources.join(', ')}`
          : e.status === 'unknown'
            ? `unknown: ${e.reasons.join('; ')}`
            : e.status;
      out.push(
        `| ${cell(e.label)} | ${cell(status)} | ${e.viaDocker ? 'Docker (FORWARD)' : 'INPUT'} | ${lineLink(uri, e.decidedBy)} | ${cell(e.listeners.join(', ') || (r.listeners ? '—' : ''))} |`,
      );
    }
    const closed = f.entries.find((e) => e.status === 'closed' && !e.icmpType);
    out.push('');
    if (closed) out.push(`Everything else is closed: ${lineLink(uri, closed.decidedBy)}.`, '');
    for (const p of f.openNothingListens) out.push(`- Open but nothing in this user-data listens there: **${p}**`);
    for (const l of f.listensButClosed)
      out.push(`- ${l.what} listens on **${l.port}** but it is closed: ${lineLink(uri, l.decidedBy)}`);
    if (f.openNothingListens.length || f.listensButClosed.length) out.push('');
  }
  for (const u of r.unknownPorts) out.push(`- Published on a port Docker picks: ${u}`);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** One traced packet as markdown: the verdict, then each step with a link to its line. */
export function traceMarkdown(uri: string, title: string, r: TraceReport): string {
  const out = [
    `# ${title}`,
    '',
    `**Verdict: ${r.verdict}**${r.reasons.length ? ` — ${r.reasons.join('; ')}` : ''} (${r.file}, IPv${r.family})`,
    '',
  ];
  const steps = (list: readonly DocStep[]): void => {
    list.forEach((s, i) =>
      out.push(
        `${i + 1}. ${s.table}/${s.chain}: ${s.kind === 'route' ? s.text : lineLink(uri, s)}${s.assumption ? ` _(${s.assumption})_` : ''}`,
      ),
    );
  };
  steps(r.steps);
  for (const alt of r.alternatives) {
    out.push(
      '',
      `Or **${alt.verdict}** (${alt.assumptions.map((a) => (a.startsWith('not: ') ? `if a rule does not match: ${a.slice(5)}` : `if the rule matches: ${a}`)).join(', ')}):`,
      '',
    );
    steps(alt.steps);
  }
  return `${out.join('\n')}\n`;
}
