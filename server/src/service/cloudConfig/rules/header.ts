import type { RuleContext } from '../context';
import { lineEndAt, nextLineStart } from '../../text/lines';
import { eolOf } from '../../text/lineEnding';

/** `cloud-config/header`: line 1 must be exactly `#cloud-config` (scripts are not cloud-config and never get here). */
export function checkHeader(ctx: RuleContext): void {
  const { text, model } = ctx;
  if (model.header === 'cloud-config' || model.header === 'jinja') return;
  // cloud-init's schema only tests the prefix; coreos-cloudinit wants the line to be exactly the marker.
  if (ctx.dialect === 'cloud-init' && text.startsWith('#cloud-config')) return;
  const eol = eolOf(text);
  const firstEnd = lineEndAt(text, 0);
  const first = text.slice(0, firstEnd);
  const insert = {
    title: 'Insert `#cloud-config` as line 1',
    edits: [{ start: 0, end: 0, newText: `#cloud-config${eol}` }],
    preferred: true,
  };
  if (text.length === 0) {
    ctx.reportSpan(
      'cloud-config/header',
      0,
      0,
      'Empty user-data: a cloud-config starts with the line `#cloud-config`.',
      { fixes: [insert] },
    );
    return;
  }
  const end = Math.max(firstEnd, 1);
  // The exact marker (trailing whitespace allowed) returned above: `#cloud-config` followed by anything else is wrong.
  if (/^\s*#\s*cloud-config\s*$/i.test(first) || /^#cloud-config/.test(first)) {
    ctx.reportSpan(
      'cloud-config/header',
      0,
      end,
      `Line 1 must be exactly \`#cloud-config\`, not \`${first}\`. Lower case, no space after #, nothing before it; otherwise the file is not read as cloud-config.`,
      {
        fixes: [
          {
            title: 'Replace line 1 with `#cloud-config`',
            edits: [{ start: 0, end: firstEnd, newText: '#cloud-config' }],
            preferred: true,
          },
        ],
      },
    );
    return;
  }
  const markerLine = /^#cloud-config[ \t]*$/m.exec(text);
  if (markerLine && text.slice(0, markerLine.index).trim() === '') {
    ctx.reportSpan(
      'cloud-config/header',
      0,
      end,
      '`#cloud-config` must be on line 1: blank lines or spaces before it make the file unrecognised.',
      {
        fixes: [
          {
            title: 'Remove what precedes `#cloud-config`',
            edits: [{ start: 0, end: markerLine.index, newText: '' }],
            preferred: true,
          },
        ],
      },
    );
    return;
  }
  if (markerLine) {
    const markerEnd = nextLineStart(text, markerLine.index);
    ctx.reportSpan(
      'cloud-config/header',
      0,
      end,
      '`#cloud-config` must be the very first line; here something comes before it, so the file is not read as cloud-config.',
      {
        fixes: [
          {
            title: 'Move `#cloud-config` to line 1',
            edits: [
              { start: markerLine.index, end: markerEnd, newText: '' },
              { start: 0, end: 0, newText: `#cloud-config${eol}` },
            ],
            preferred: true,
          },
          insert,
        ],
      },
    );
    return;
  }
  ctx.reportSpan(
    'cloud-config/header',
    0,
    end,
    'Missing `#cloud-config` on line 1. Without it the machine treats this user-data as an unknown format and ignores it.',
    { fixes: [insert] },
  );
}
