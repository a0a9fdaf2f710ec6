import type { RuleContext } from '../context';
import { eolOf } from '../../text/lineEnding';
import { moveWriteFilesToTopLevel } from './moveWriteFiles';

/** `cloud-config/yaml-syntax`, `cloud-config/type` on the root, `cloud-config/empty`. */
export function checkDocumentShape(ctx: RuleContext): void {
  const { model } = ctx;
  const seen = new Set<number>();
  for (const e of model.yamlErrors) {
    // The parser often reports one mistake twice at the same spot; one diagnostic is enough.
    if (seen.has(e.start)) continue;
    seen.add(e.start);
    const end = e.end > e.start ? e.end : Math.min(e.start + 1, ctx.text.length);
    ctx.reportSpan(
      'cloud-config/yaml-syntax',
      e.start,
      end,
      `YAML error: ${e.message.replace(/\.?\s*$/, '')}. The whole file is unreadable: the machine applies none of it.`,
    );
  }
  if (model.yamlErrors.length) return;
  const contents = model.doc.contents;
  if (contents === null || contents === undefined) {
    if (model.header !== 'missing') {
      const start = 0;
      ctx.reportSpan(
        'cloud-config/empty',
        start,
        Math.min(ctx.text.length, 13),
        'This cloud-config has no settings: the machine boots with defaults only.',
      );
    }
    return;
  }
  if (!model.root) {
    ctx.report(
      'cloud-config/type',
      contents,
      'A cloud-config must be a mapping of keys (`key: value` lines) at the top level.',
    );
  }
}

/** `cloud-config/missing-final-newline`. */
export function checkFinalNewline(ctx: RuleContext): void {
  const { text } = ctx;
  if (text.length === 0 || text.endsWith('\n')) return;
  const start = text.lastIndexOf('\n') + 1;
  ctx.reportSpan(
    'cloud-config/missing-final-newline',
    start,
    text.length,
    "The file does not end with a newline. Some providers' user-data fields drop an unterminated last line.",
    {
      fixes: [
        {
          title: 'Add a final newline',
          edits: [{ start: text.length, end: text.length, newText: eolOf(text) }],
          preferred: true,
        },
      ],
    },
  );
}

/** `cloud-config/write-files-under-coreos`. */
export function checkWriteFilesPlacement(ctx: RuleContext): void {
  const pair = ctx.pair(ctx.coreos(), 'write_files');
  if (!pair) return;
  const fix = moveWriteFilesToTopLevel(ctx, pair);
  ctx.report(
    'cloud-config/write-files-under-coreos',
    pair.key,
    '`write_files` under `coreos:` is ignored: no file is written. It belongs at the top level.',
    { fixes: fix ? [fix] : [] },
  );
}
