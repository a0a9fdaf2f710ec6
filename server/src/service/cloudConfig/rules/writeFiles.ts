import { isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Fix } from '../../types';
import type { RuleContext } from '../context';
import { asScalar, nodeRange, scalarText } from '../yamlNodes';
import { yamlKind } from '../valueKind';
import { appendToMap } from './mapEdits';
import { decodeProblem } from './contentEncoding';
import { readableContent, secretOf } from './secretFiles';
import { restorePlaceholders } from '../../template/placeholders';

/** Normalised four-digit octal text for a permissions value, or undefined if it is not an octal mode. */
export function normalisedMode(raw: string): string | undefined {
  const m = /^(?:0o?)?([0-7]{3,4})$/.exec(raw);
  if (!m) return undefined;
  const digits = m[1] as string;
  return digits.length === 3 ? `0${digits}` : digits;
}

/** Mode number as the machine will apply it, for permission checks. */
function effectiveMode(node: Scalar | undefined, dialect: RuleContext['dialect']): number | undefined {
  if (!node) return 0o644;
  const kind = yamlKind(node, dialect);
  const raw = node.source ?? String(node.value);
  if (kind === 'int' && dialect === 'cloud-init' && typeof node.value === 'number') return node.value;
  const norm = normalisedMode(typeof node.value === 'string' ? node.value : raw);
  return norm === undefined ? undefined : parseInt(norm, 8);
}

function quoteFix(node: Scalar, mode: string): Fix[] {
  const r = nodeRange(node);
  return r
    ? [{ title: `Quote as "${mode}"`, edits: [{ start: r[0], end: r[1], newText: `"${mode}"` }], preferred: true }]
    : [];
}

export function checkWriteFiles(ctx: RuleContext): void {
  const seen = new Map<string, Pair>();
  for (const file of ctx.files()) {
    const pathPair = ctx.pair(file, 'path');
    const path = scalarText(pathPair?.value);
    const permsPair = ctx.pair(file, 'permissions');
    const perms = asScalar(permsPair?.value);
    checkPermissions(ctx, perms);
    checkOwner(ctx, ctx.pair(file, 'owner'));
    checkEncoding(ctx, file);
    if (!pathPair || path === undefined) continue;
    if (!path.startsWith('/')) {
      ctx.report(
        'cloud-config/relative-path',
        pathPair.value,
        `\`${path}\` is not an absolute path; write_files needs a path starting with \`/\`.`,
      );
    } else if (ctx.dialect === 'coreos' && isUnderUsr(path)) {
      ctx.report(
        'cloud-config/read-only-path',
        pathPair.value,
        `\`${path}\` is under /usr, which is read-only on Container Linux: the write fails. Use /etc or /opt.`,
      );
    }
    const append = ctx.pair(file, 'append');
    const appends = isScalar(append?.value) && (append?.value as Scalar).value === true;
    const first = seen.get(path);
    if (first && !appends) {
      const fr = nodeRange(first.value);
      ctx.report(
        'cloud-config/duplicate-file',
        pathPair.value,
        `\`${path}\` is written twice; the later entry replaces the earlier one.`,
        {
          related: fr ? [{ start: fr[0], end: fr[1], message: 'first entry for this path' }] : [],
        },
      );
    } else if (!first) {
      seen.set(path, pathPair);
    }
    checkSecret(ctx, file, path, perms, pathPair);
  }
}

function isUnderUsr(path: string): boolean {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  parts.pop();
  return `/${parts.join('/')}`.startsWith('/usr');
}

function checkPermissions(ctx: RuleContext, perms: Scalar | undefined): void {
  if (!perms || perms.value === null) return;
  const raw = ctx.text.slice(...(nodeRange(perms) ?? [0, 0]));
  const kind = yamlKind(perms, ctx.dialect);
  if (perms.type === 'PLAIN' && (kind === 'int' || kind === 'float')) {
    const mode = normalisedMode(raw);
    if (mode) {
      const why = /^0/.test(raw)
        ? `YAML reads unquoted \`${raw}\` as the number ${Number(perms.value)}. cloud-init's schema rejects it and YAML 1.2 tools read it as decimal.`
        : `unquoted \`${raw}\` is the decimal number ${raw}. cloud-init applies it as mode 0${Number(raw).toString(8)}, not 0${raw}.`;
      if (ctx.dialect === 'coreos') {
        // coreos-cloudinit keeps the raw text of a string field and parses it as octal (FACTS §1.2,
        // §1.3.11): `0644` and `644` both work there as written.
        ctx.report(
          'cloud-config/unquoted-permissions',
          perms,
          `coreos-cloudinit reads unquoted \`${raw}\` as the text "${raw}", so the mode ${mode} is right here. Quote it to keep the file portable (cloud-init's schema rejects a number and YAML 1.2 tools read it as decimal).`,
          { fixes: quoteFix(perms, mode), severity: 'hint' },
        );
        return;
      }
      ctx.report('cloud-config/unquoted-permissions', perms, `Quote permissions: ${why}`, {
        fixes: quoteFix(perms, mode),
      });
      return;
    }
  }
  const text = typeof perms.value === 'string' ? perms.value : raw;
  const valid = ctx.dialect === 'coreos' ? /^0?[0-7]{3,4}$/.test(text) : normalisedMode(text) !== undefined;
  if (!valid) {
    const mode = normalisedMode(text);
    ctx.report(
      'cloud-config/invalid-value',
      perms,
      `\`${text}\` is not a valid file mode; write it as an octal string such as "0644"${ctx.dialect === 'coreos' ? ' (coreos-cloudinit accepts 3 or 4 octal digits with an optional leading 0)' : ''}.`,
      { fixes: mode ? quoteFix(perms, mode) : [] },
    );
  }
}

function checkOwner(ctx: RuleContext, owner: Pair | undefined): void {
  const node = asScalar(owner?.value);
  if (!node || typeof node.value !== 'string') return;
  const v = node.value;
  const name = '([a-z_][a-z0-9_.-]*\\$?|\\d+)';
  if (new RegExp(`^${name}(:${name})?$`, 'i').test(v) && !/^[a-z_][a-z0-9_-]*\.[a-z_][a-z0-9_-]*$/i.test(v)) return;
  const dotted = /^([a-z_][a-z0-9_-]*)\.([a-z_][a-z0-9_-]*)$/i.exec(v);
  const r = nodeRange(node);
  ctx.report('cloud-config/owner', node, `\`${v}\` is not \`user\` or \`user:group\`; chown may reject it.`, {
    fixes:
      dotted && r
        ? [
            {
              title: `Change to \`${dotted[1]}:${dotted[2]}\``,
              edits: [{ start: r[0], end: r[1], newText: `${dotted[1]}:${dotted[2]}` }],
              preferred: true,
            },
          ]
        : [],
  });
}

function checkEncoding(ctx: RuleContext, file: YAMLMap): void {
  const enc = scalarText(ctx.pair(file, 'encoding')?.value);
  const content = ctx.pair(file, 'content');
  if (!enc || !content) return;
  const problem = decodeProblem(enc, content.value);
  if (problem) ctx.report('cloud-config/invalid-value', content.value ?? content.key, problem);
}

function checkSecret(ctx: RuleContext, file: YAMLMap, path: string, perms: Scalar | undefined, pathPair: Pair): void {
  const contentNode = asScalar(ctx.pair(file, 'content')?.value);
  // The YAML was read with placeholders as markers: put the template text back so that a content that
  // is only a placeholder is unknown, and the placeholder's own name (`${etcd_key}`) can be judged.
  const value =
    typeof contentNode?.value === 'string' && ctx.model.templateSpans.length
      ? restorePlaceholders(contentNode.value, ctx.model.text, ctx.model.templateSpans)
      : contentNode?.value;
  const content = readableContent(value, scalarText(ctx.pair(file, 'encoding')?.value));
  const raw = typeof value === 'string' ? value : undefined;
  const secret = secretOf(path, content, content === undefined ? raw : undefined);
  if (!secret) return;
  const mode = effectiveMode(perms, ctx.dialect);
  if (mode !== undefined && (mode & secret.forbidden) === 0) return;
  const shown = perms ? ctx.text.slice(...(nodeRange(perms) ?? [0, 0])) : 'the default mode 0644';
  const safe = secret.kind === 'shadow' ? '0640' : '0600';
  let fix: Fix | undefined;
  const pr = nodeRange(perms);
  if (perms && pr)
    fix = {
      title: `Set permissions to "${safe}"`,
      edits: [{ start: pr[0], end: pr[1], newText: `"${safe}"` }],
      preferred: true,
    };
  else {
    const edit = appendToMap(ctx.text, file, `permissions: "${safe}"`);
    if (edit) fix = { title: `Add permissions: "${safe}"`, edits: [edit], preferred: true };
  }
  const who =
    mode !== undefined && (mode & 0o007) !== 0 ? 'readable by every user on the machine' : 'readable by its group';
  ctx.report(
    'cloud-config/secret-permissions',
    perms ?? pathPair.value,
    `Credentials ${who}: ${shown} on \`${path}\`. It ${secret.why}; use "${safe}".`,
    { fixes: fix ? [fix] : [] },
  );
}
