/**
 * Checks of a unit that look at what systemd does with the text itself: a backslash followed by blanks
 * at the end of a line (`systemd/broken-continuation`) and credentials spelt out in `Environment=`
 * (`systemd/credentials-in-environment`).
 */
import type { Finding } from '../../types';
import type { UnitFile } from '../unitAst';
import { splitUnitWords } from '../unitWords';
import { isSecretAssignment } from '../secretAssignment';

/**
 * A line whose last non-blank character is an unescaped backslash followed by blanks: systemd only
 * continues a line whose very last character is the backslash, so the next line becomes an entry of
 * its own (and the backslash an unknown escape).
 */
export function brokenContinuationFindings(unit: UnitFile): Finding[] {
  const out: Finding[] = [];
  const text = unit.text;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const first = text.slice(start, lineEnd).trimStart()[0];
    if (first !== '#' && first !== ';') {
      let blanks = lineEnd;
      while (blanks > start && (text[blanks - 1] === ' ' || text[blanks - 1] === '\t')) blanks--;
      let slashes = 0;
      for (let i = blanks - 1; i >= start && text[i] === '\\'; i--) slashes++;
      if (blanks < lineEnd && slashes % 2 === 1) {
        out.push({
          code: 'systemd/broken-continuation',
          message:
            'Blanks follow the backslash at the end of this line, so systemd does not continue it: the next line becomes a separate, broken entry. Remove the blanks after the backslash.',
          start: blanks - 1,
          end: lineEnd,
          fixes: [
            {
              title: 'Remove the blanks after the backslash',
              edits: [{ start: blanks, end: lineEnd, newText: '' }],
              preferred: true,
            },
          ],
        });
      }
      lineEnd = end;
    }
    start = end + 1;
  }
  return out;
}

/** The characters systemd accepts after a backslash (its C unescaping): anything else is an unknown escape. */
const knownEscape = /[abfnrtvs\\"'xuU0-7;]/;

/** The offset (in the value) of the first backslash followed by a character systemd does not unescape. */
function unknownEscapeAt(value: string): number | undefined {
  for (let i = 0; i < value.length - 1; i++) {
    if (value[i] !== '\\') continue;
    if (!knownEscape.test(value[i + 1] as string)) return i;
    i++;
  }
  return undefined;
}

/**
 * Quoting systemd cannot read in a command line or an `Environment=` value: a quote never closed in
 * Environment= (systemd drops the whole line), an unknown escape such as `\ ` (systemd keeps it verbatim
 * in a command, drops an Environment= line).
 */
export function quotingFindings(unit: UnitFile): Finding[] {
  const out: Finding[] = [];
  for (const entry of unit.entries) {
    const env = entry.key === 'Environment';
    if (!entry.section || (!env && !entry.key.startsWith('Exec'))) continue;
    const { unbalancedAt } = splitUnitWords(entry.value);
    if (env && unbalancedAt !== undefined) {
      out.push({
        code: 'systemd/invalid-value',
        message:
          'A quote in this Environment= line is never closed: systemd reports invalid syntax and ignores the whole line.',
        start: entry.valueSpan.start + unbalancedAt,
        end: entry.valueSpan.end,
      });
      continue;
    }
    const bad = unknownEscapeAt(entry.value);
    if (bad === undefined) continue;
    const seq = entry.value.slice(bad, bad + 2);
    out.push({
      code: 'systemd/invalid-value',
      message: env
        ? `\`${seq}\` is not an escape systemd knows: it reports invalid syntax and ignores this whole Environment= line. Quote the value instead ("a b").`
        : `\`${seq}\` is not an escape systemd knows: it keeps the backslash as written and warns. Quote the word instead ("a b").`,
      start: entry.valueSpan.start + bad,
      end: entry.valueSpan.start + bad + 2,
    });
  }
  return out;
}

export function credentialFindings(unit: UnitFile): Finding[] {
  const out: Finding[] = [];
  for (const entry of unit.entries) {
    if (entry.key !== 'Environment' || !entry.section) continue;
    const { words } = splitUnitWords(entry.value);
    for (const w of words) {
      const eq = w.text.indexOf('=');
      if (eq <= 0) continue;
      const name = w.text.slice(0, eq);
      // Empty values, references and specifiers carry no secret of their own.
      if (!isSecretAssignment(w.text)) continue;
      out.push({
        code: 'systemd/credentials-in-environment',
        message: `\`${name}\` is set in the unit file itself: unit files are readable by every user, and \`systemctl show\` prints the value to anyone. Move it to an EnvironmentFile= readable by root only (mode 0600).`,
        start: entry.valueSpan.start + w.start,
        end: entry.valueSpan.start + w.end,
      });
    }
  }
  return out;
}
