/**
 * YAML that the `yaml` parser here accepts but PyYAML, which cloud-init loads user-data with,
 * rejects as a whole (docs/facts/templates-and-rejected-yaml.md):
 * - a tab between tokens or inside a plain value (`key:\tvalue`, `value\t# note`, `a\tb`);
 * - an alias that is not a name (`password: ******`: `*` starts an alias) or names no anchor before it;
 * - an anchor defined twice.
 * Each is a `cloud-config/yaml-syntax` error on its line saying that the whole file is dropped.
 */
import { CST, Lexer } from 'yaml';
import type { RuleContext } from '../context';

const dropped = "cloud-init's YAML reader (PyYAML) rejects the whole file, so none of it is applied.";
const validName = /^[A-Za-z0-9_-]+$/;

/** Tokens with their offsets in the text; the lexer's zero-width markers are skipped. */
function* tokens(text: string): Generator<{ type: string; source: string; offset: number }> {
  let offset = 0;
  for (const source of new Lexer().lex(text)) {
    const type = CST.tokenType(source);
    if (
      type === 'doc-mode' ||
      type === 'flow-error-end' ||
      (type === 'scalar' && source.length === 1 && source.charCodeAt(0) < 32)
    ) {
      yield { type: type ?? 'none', source: '', offset };
      continue;
    }
    yield { type: type ?? 'text', source, offset };
    offset += source.length;
  }
}

export function checkRejectedYaml(ctx: RuleContext): void {
  // coreos-cloudinit reads YAML with go-yaml, whose rules differ; these are PyYAML's.
  if (ctx.dialect !== 'cloud-init') return;
  const { model } = ctx;
  // A document too deep to read gets its one problem and nothing else.
  if (model.yamlErrors.some((e) => e.tooDeep)) return;
  const text = model.neutralText;
  if (text.length > 4_000_000) return;
  const errorLines = new Set(model.yamlErrors.map((e) => model.lineCounter.linePos(e.start).line));
  /** 1-based line of an offset. */
  const lineOf = (o: number): number => model.lineCounter.linePos(o).line;
  const anchors = new Map<string, number>();
  let afterBlockHeader = false;
  let blockContentNext = false;
  for (const t of tokens(text)) {
    if (t.source === '') {
      if (afterBlockHeader) blockContentNext = true;
      continue;
    }
    if (t.type === 'block-scalar-header') {
      afterBlockHeader = true;
      continue;
    }
    if (afterBlockHeader && t.type === 'newline') continue;
    if (blockContentNext) {
      // The content of a block scalar: tabs after its indentation are text.
      blockContentNext = false;
      afterBlockHeader = false;
      continue;
    }
    if (afterBlockHeader && t.type !== 'space' && t.type !== 'comment') afterBlockHeader = false;
    if (t.type === 'space' || t.type === 'text') {
      const tab = t.source.indexOf('\t');
      if (tab < 0) continue;
      const at = t.offset + tab;
      // A tab in indentation is already a YAML error of the parser here.
      if (errorLines.has(lineOf(at))) continue;
      ctx.reportSpan(
        'cloud-config/yaml-syntax',
        at,
        at + 1,
        `A tab character here: PyYAML accepts tabs only inside quotes, block scalars and comments. ${dropped}`,
        {
          fixes: [
            {
              title: 'Replace the tab with a space',
              edits: [{ start: at, end: at + 1, newText: ' ' }],
              preferred: true,
            },
          ],
        },
      );
      continue;
    }
    if (t.type === 'alias') {
      const name = t.source.slice(1);
      if (!validName.test(name)) {
        ctx.reportSpan(
          'cloud-config/yaml-syntax',
          t.offset,
          t.offset + t.source.length,
          `\`${t.source}\` starts with \`*\`, which makes it an alias, and \`${name}\` is not an alias name. ${dropped} Quote the value.`,
          {
            fixes: [
              {
                title: `Quote \`${t.source}\``,
                edits: [{ start: t.offset, end: t.offset + t.source.length, newText: `'${t.source}'` }],
                preferred: true,
              },
            ],
          },
        );
      } else if (!anchors.has(name)) {
        ctx.reportSpan(
          'cloud-config/yaml-syntax',
          t.offset,
          t.offset + t.source.length,
          `\`${t.source}\` is an alias, but no anchor \`&${name}\` comes before it. ${dropped} Quote the value if it is text.`,
          {
            fixes: [
              {
                title: `Quote \`${t.source}\``,
                edits: [{ start: t.offset, end: t.offset + t.source.length, newText: `'${t.source}'` }],
                preferred: true,
              },
            ],
          },
        );
      }
      continue;
    }
    if (t.type === 'anchor') {
      const name = t.source.slice(1);
      const first = anchors.get(name);
      if (!validName.test(name)) {
        ctx.reportSpan(
          'cloud-config/yaml-syntax',
          t.offset,
          t.offset + t.source.length,
          `\`${t.source}\` starts with \`&\`, which makes it an anchor, and \`${name}\` is not an anchor name. ${dropped} Quote the value.`,
        );
      } else if (first !== undefined) {
        ctx.reportSpan(
          'cloud-config/yaml-syntax',
          t.offset,
          t.offset + t.source.length,
          `The anchor \`&${name}\` is defined a second time (first on line ${lineOf(first)}). ${dropped} Rename one of them.`,
          { related: [{ start: first, end: first + t.source.length, message: `first \`&${name}\`` }] },
        );
      }
      if (first === undefined) anchors.set(name, t.offset);
    }
  }
}
