import type { Finding } from '../../types';
import type { UnitFile } from '../unitAst';

/**
 * systemd reads a unit line by line with a limit of 1 MiB: a line of 1,048,576 bytes or more makes
 * the whole unit fail to load ("No buffer space available" from systemd-analyze verify, systemd 252;
 * docs/facts/parity.md); 1,048,575 loads.
 */
export const maxLineBytes = 1024 * 1024 - 1;

export function lineLengthFindings(unit: UnitFile): Finding[] {
  const text = unit.text;
  if (text.length <= maxLineBytes / 4) return [];
  const out: Finding[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if ((stop - start) * 3 > maxLineBytes) {
      const bytes = Buffer.byteLength(text.slice(start, stop), 'utf8');
      if (bytes > maxLineBytes) {
        const cut = Math.min(stop, start + 200);
        out.push({
          code: 'systemd/syntax',
          start,
          end: cut,
          message: `A line of ${bytes.toLocaleString('en')} bytes: systemd reads lines of at most ${maxLineBytes.toLocaleString('en')} and does not load the unit at all ("No buffer space available").`,
        });
      }
    }
    start = end + 1;
  }
  return out;
}
