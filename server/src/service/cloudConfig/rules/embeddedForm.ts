import type { RuleContext } from '../context';

/** `cloud-config/folded-embedded`, `cloud-config/rules-strip-newline`, `cloud-config/embedded-not-analysed`. */
export function checkEmbeddedForm(ctx: RuleContext): void {
  for (const region of ctx.model.regions) {
    if (region.language === 'other') continue;
    const what = region.language === 'systemd' ? 'unit content' : 'rules file';
    const h = region.header;
    if (region.style === 'folded' && h) {
      const literal = `|${h.text.slice(1)}`;
      ctx.reportSpan(
        'cloud-config/folded-embedded',
        h.start,
        h.end,
        `\`${h.text}\` folds lines together, which breaks ${what}; use \`|\` to keep every line as written.`,
        {
          fixes: [
            {
              title: `Change \`${h.text}\` to \`${literal}\``,
              edits: [{ start: h.start, end: h.end, newText: literal }],
              preferred: true,
            },
          ],
        },
      );
      continue;
    }
    if (
      h &&
      region.style === 'literal' &&
      h.chomping === 'strip' &&
      (region.language === 'iptables' || region.language === 'ip6tables')
    ) {
      const clip = h.text.replace('-', '');
      ctx.reportSpan(
        'cloud-config/rules-strip-newline',
        h.start,
        h.end,
        `\`${h.text}\` drops the final newline, so the rules file ends right after \`COMMIT\`; iptables-restore (legacy) rejects that last line. Use \`${clip}\`.`,
        {
          fixes: [
            {
              title: `Change \`${h.text}\` to \`${clip}\``,
              edits: [{ start: h.start, end: h.end, newText: clip }],
              preferred: true,
            },
          ],
        },
      );
    }
    if (!region.mappable && region.style !== 'folded') {
      ctx.report(
        'cloud-config/embedded-not-analysed',
        region.scalar,
        `This ${what} is written as a ${region.style} scalar whose lines cannot be mapped back to the document, so it is not checked; a \`|\` block keeps it checkable.`,
      );
    }
  }
}
