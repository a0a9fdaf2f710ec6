/**
 * The systemd unit language: registered for `content:` of units, drop-ins and unit files written by
 * `write_files`, and for standalone unit files.
 */
import { dockerFindings, dockerRules, filtersDockerUser } from '../docker/dockerRules';
import { registerEmbeddedLanguage, type EmbeddedContext } from '../embedded/languages';
import type { RuleInfo } from '../rules';
import { completeUnit } from './complete';
import { hoverUnit } from './hover';
import { unitFolding, unitSymbols } from './outline';
import { parseUnit } from './parseUnit';
import type { UnitFile } from './unitAst';
import { unitIdentity } from './unitIdentity';
import { validateUnit } from './validate';

export const systemdRules: Readonly<Record<string, RuleInfo>> = {
  'systemd/syntax': { severity: 'error', summary: 'A line systemd cannot read: not a section, Key=Value or comment; an assignment before any section; a command line it cannot use.' },
  'systemd/unknown-section': { severity: 'warning', summary: 'Section this unit type does not have; systemd ignores it with all its settings.' },
  'systemd/unknown-directive': { severity: 'warning', summary: 'Directive unknown in its section; systemd ignores the line.' },
  'systemd/misplaced-directive': { severity: 'warning', summary: 'Real directive written in the wrong section; systemd ignores it there.' },
  'systemd/invalid-value': { severity: 'warning', summary: 'Value systemd cannot parse, so the setting is ignored.' },
  'systemd/deprecated-directive': { severity: 'information', summary: 'Obsolete directive or value kept only for old unit files.' },
  'systemd/missing-exec-start': { severity: 'error', summary: 'Service without ExecStart= that systemd refuses to load.' },
  'systemd/oneshot-restart': { severity: 'error', summary: 'Type=oneshot with Restart=always or on-success, which systemd refuses.' },
  'systemd/multiple-exec-start': { severity: 'error', summary: 'Several ExecStart= commands in a service that is not a oneshot.' },
  'systemd/missing-trigger': { severity: 'error', summary: 'Socket, timer or path unit without the setting that triggers it, or a mount whose Where= does not match its name: systemd refuses to load it.' },
  'systemd/relative-exec': { severity: 'warning', summary: 'Exec command that is not an absolute path; older systemd refuses it.' },
  ...dockerRules,
};

/**
 * Parse cache: the same text and identity is parsed once across validate/complete/hover. Compared
 * part by part: a key joining the name and the text would copy every unit's text on every call.
 */
let lastUnit: UnitFile | undefined;

export function unitOf(ctx: EmbeddedContext): UnitFile {
  const id = unitIdentity(ctx);
  const last = lastUnit;
  if (last && last.text === ctx.text && (last.unitName ?? '') === (id.unitName ?? '') && last.dropIn === id.dropIn) return last;
  const unit = parseUnit(ctx.text, { ...(id.unitName !== undefined ? { unitName: id.unitName } : {}), dropIn: id.dropIn });
  lastUnit = unit;
  return unit;
}

registerEmbeddedLanguage('systemd', {
  rules: systemdRules,
  validate(ctx) {
    const unit = unitOf(ctx);
    return [...validateUnit(unit), ...dockerFindings(unit, ctx)];
  },
  // A unit reads two things of the rest: whether a rules block filters DOCKER-USER (`docker/port-exposure`)
  // and the scripts written beside it that may remove a container (`docker/name-conflict`).
  crossFileFacts: (s) => [
    filtersDockerUser(s) ? 'DOCKER-USER filtered' : '',
    ...s.siblings.filter((r) => r.origin === 'write-file' && r.language === 'other' && /\brm\b/.test(r.text)).map((r) => `script\t${r.path ?? ''}\t${r.text}`),
  ].join('\n'),
  complete: (ctx, offset) => completeUnit(unitOf(ctx), ctx, offset),
  hover: (ctx, offset) => hoverUnit(unitOf(ctx), ctx, offset),
  symbols: (ctx) => unitSymbols(unitOf(ctx)),
  folding: (ctx) => unitFolding(unitOf(ctx)),
});
