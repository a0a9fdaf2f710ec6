/**
 * The systemd unit language: registered for `content:` of units, drop-ins and unit files written by
 * `write_files`, and for standalone unit files.
 */
import { dockerFindings, filtersDockerUser } from './rules/dockerRules';
import { registerEmbeddedLanguage, type EmbeddedContext } from '../embedded/languages';
import { completeUnit } from './complete';
import { hoverUnit } from './hover';
import { unitFolding, unitSymbols } from './outline';
import { parseUnit } from './parseUnit';
import type { UnitFile } from './unitAst';
import { unitIdentity } from './unitIdentity';
import { validateUnit } from './validate';

/**
 * Parse cache: the same text and identity is parsed once across validate/complete/hover. Compared
 * part by part: a key joining the name and the text would copy every unit's text on every call.
 */
let lastUnit: UnitFile | undefined;

export function unitOf(ctx: EmbeddedContext): UnitFile {
  const id = unitIdentity(ctx);
  const last = lastUnit;
  if (last && last.text === ctx.text && (last.unitName ?? '') === (id.unitName ?? '') && last.dropIn === id.dropIn)
    return last;
  const unit = parseUnit(ctx.text, {
    ...(id.unitName !== undefined ? { unitName: id.unitName } : {}),
    dropIn: id.dropIn,
  });
  lastUnit = unit;
  return unit;
}

registerEmbeddedLanguage('systemd', {
  validate(ctx) {
    const unit = unitOf(ctx);
    return [...validateUnit(unit), ...dockerFindings(unit, ctx)];
  },
  // A unit reads two things of the rest: whether a rules block filters DOCKER-USER (`docker/port-exposure`)
  // and the scripts written beside it that may remove a container (`docker/name-conflict`).
  crossFileFacts: (s) =>
    [
      filtersDockerUser(s) ? 'DOCKER-USER filtered' : '',
      ...s.siblings
        .filter((r) => r.origin === 'write-file' && r.language === 'other' && /\brm\b/.test(r.text))
        .map((r) => `script\t${r.path ?? ''}\t${r.text}`),
    ].join('\n'),
  complete: (ctx, offset) => completeUnit(unitOf(ctx), ctx, offset),
  hover: (ctx, offset) => hoverUnit(unitOf(ctx), ctx, offset),
  symbols: (ctx) => unitSymbols(unitOf(ctx)),
  folding: (ctx) => unitFolding(unitOf(ctx)),
});
