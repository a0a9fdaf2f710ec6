import type { Finding, Fix } from '../../types';
import type { EmbeddedContext } from '../../embedded/languages';
import type { EmbeddedRegion } from '../../embedded/region';
import type { UnitEntry, UnitFile } from '../unitAst';
import { sourceOfText, type Word } from '../../docker/commandWords';
import { dockerInvocations, type DockerInvocation } from '../../docker/dockerInvocation';
import { entrySource } from '../../docker/findRunCommands';
import { flagIsOn, parseRunCommand, type ParsedRunCommand } from '../../docker/parseRunCommand';
import { publishedOnEveryInterface, type ParsedRunFlag } from '../../docker/portPublication';
import { addToUnitSection, insertLinesBefore, removeWord } from '../unitEdits';

interface ExecCall {
  readonly entry: UnitEntry;
  readonly inv: DockerInvocation;
  readonly run: ParsedRunCommand | undefined;
}

function execCalls(unit: UnitFile): ExecCall[] {
  const out: ExecCall[] = [];
  for (const entry of unit.entries) {
    if (entry.section?.name !== 'Service' || !entry.key.startsWith('Exec')) continue;
    for (const inv of dockerInvocations(entrySource(unit.text, entry), 'exec')) {
      out.push({ entry, inv, run: parseRunCommand(unit.text, inv) });
    }
  }
  return out;
}

/** The value of the last `Key=` in a section. */
function lastValue(unit: UnitFile, section: string, key: string): string | undefined {
  return [...unit.entries].reverse().find((e) => e.section?.name === section && e.key === key)?.value;
}

/** The non-option words after the sub-command (`docker rm -f web` → `web`). */
function operands(inv: DockerInvocation): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < inv.rest.length; i++) {
    const v = (inv.rest[i] as Word).value;
    if (/^(-s|--signal|-t|--time|--timeout)$/.test(v)) i++;
    else if (!v.startsWith('-')) out.push(inv.rest[i] as Word);
  }
  return out;
}

/** A one-letter flag inside a bundle (`d` of `-dit`). */
function isBundledLetter(f: ParsedRunFlag): boolean {
  return !f.flag.value.startsWith('--') && f.flag.value.length > 2 && f.start !== f.flag.start;
}

function detached(unit: UnitFile, calls: readonly ExecCall[], out: Finding[]): void {
  const type = lastValue(unit, 'Service', 'Type');
  const remain = /^(1|yes|y|true|t|on)$/i.test(lastValue(unit, 'Service', 'RemainAfterExit') ?? '');
  // A oneshot that remains active is the deliberate "start it and leave it to Docker" pattern.
  if (type === 'oneshot' && remain) return;
  for (const { entry, run } of calls) {
    const d = run?.detach;
    if (!d || entry.key !== 'ExecStart') continue;
    const bundled = isBundledLetter(d);
    const range = bundled ? d.flag : d;
    out.push({
      code: 'docker/detached',
      start: range.start,
      end: range.end,
      message: `\`${d.flag.raw}\` detaches the container, so systemd takes the service as ended. The ${run.engine} client exits as soon as the container is started; systemd stops supervising the container, runs any \`ExecStop=\`, and \`Restart=\` can start it over and over.`,
      fixes: [
        {
          title: bundled
            ? `Remove the \`d\` from \`${d.flag.raw}\` (keep the client in the foreground)`
            : `Remove \`${unit.text.slice(d.start, d.end)}\` (keep the client in the foreground)`,
          edits: [bundled ? { start: d.start, end: d.end, newText: '' } : removeWord(unit.text, d.start, d.end)],
          preferred: true,
        },
      ],
    });
  }
}

/**
 * The answer per list of regions: every unit of a user-data asks about the same list, and scanning it
 * (and the rules texts) once per unit made validation quadratic in the number of units.
 */
const dockerUserFiltered = new WeakMap<readonly EmbeddedRegion[], boolean>();

/** Rules in a sibling rules file that drop or reject traffic in `DOCKER-USER`. */
export function filtersDockerUser(ctx: Pick<EmbeddedContext, 'siblings'>): boolean {
  const known = dockerUserFiltered.get(ctx.siblings);
  if (known !== undefined) return known;
  const filtered = ctx.siblings.some(
    (r) =>
      (r.language === 'iptables' || r.language === 'ip6tables') &&
      r.text.includes('DOCKER-USER') &&
      /^[ \t]*-[AI][ \t]+DOCKER-USER\b[^\n]*-j[ \t]+(DROP|REJECT)\b/m.test(r.text),
  );
  dockerUserFiltered.set(ctx.siblings, filtered);
  return filtered;
}

function portExposure(calls: readonly ExecCall[], ctx: EmbeddedContext, out: Finding[]): void {
  if (filtersDockerUser(ctx)) return;
  for (const { run } of calls) {
    for (const pub of run?.publications ?? []) {
      if (!publishedOnEveryInterface(pub)) continue;
      const where =
        pub.kind === 'publish-all'
          ? 'publishes every port the image exposes on random host ports of every interface'
          : `publishes ${pub.hostPort ? `host port ${pub.hostPort}` : 'a random host port'} on every interface${pub.hostIp ? ` (${pub.hostIp})` : ''}`;
      const fixes: Fix[] = [];
      if (pub.bindEdit)
        fixes.push({
          title: 'Bind to 127.0.0.1 (reachable from this machine only)',
          edits: [{ ...pub.bindEdit }],
          preferred: true,
        });
      out.push({
        code: 'docker/port-exposure',
        start: pub.start,
        end: pub.end,
        message: `\`${pub.text}\` ${where}. ${run?.engine === 'podman' ? 'Podman forwards it with its own NAT rules, which INPUT-chain firewall rules never see; bind it to 127.0.0.1.' : 'Docker forwards it with its own NAT rules, which INPUT-chain firewall rules never see; bind it to 127.0.0.1 or filter it in the DOCKER-USER chain.'}`,
        fixes,
      });
    }
  }
}

/** Docker calls of the scripts this user-data writes that a unit's Exec lines run (`ExecStop=/opt/bin/stop-web`). */
function wrapperCalls(unit: UnitFile, ctx: EmbeddedContext): DockerInvocation[] {
  if (!ctx.siblings.length) return [];
  const out: DockerInvocation[] = [];
  for (const entry of unit.entries) {
    if (entry.section?.name !== 'Service' || !entry.key.startsWith('Exec')) continue;
    const program = /^[-@:+!]*\s*(\/\S+)/.exec(entry.value)?.[1];
    const script = program && ctx.siblings.find((r) => r.origin === 'write-file' && r.path === program && !r.encoded);
    if (script) out.push(...dockerInvocations(sourceOfText(script.text), 'shell'));
  }
  return out;
}

/** The first `pull` among the pre-steps before `entry`: stopping and removing the old container come before it. */
function firstPull(pre: readonly ExecCall[], entry: UnitEntry): UnitEntry | undefined {
  return pre.find((c) => c.inv.action === 'pull' && c.entry.span.start < entry.span.start)?.entry;
}

function nameConflict(unit: UnitFile, calls: readonly ExecCall[], ctx: EmbeddedContext, out: Finding[]): void {
  const pre = calls.filter((c) => c.entry.key === 'ExecStartPre');
  const handled = (name: string, actions: readonly string[]): boolean =>
    pre.some((c) => actions.includes(c.inv.action) && operands(c.inv).some((w) => w.value === name));
  // Any Exec line (ExecStartPre, ExecStop, ExecStopPost, the ExecStart script itself) or a script of the
  // same user-data that runs `docker rm NAME` frees the name for the next start.
  let wrappers: DockerInvocation[] | undefined;
  const freed = (name: string): boolean => {
    const removes = (inv: DockerInvocation): boolean =>
      inv.action === 'rm' && operands(inv).some((w) => w.value === name || w.value === `/${name}`);
    if (calls.some((c) => removes(c.inv))) return true;
    wrappers ??= wrapperCalls(unit, ctx);
    return wrappers.some(removes);
  };
  for (const { entry, run } of calls) {
    const nameFlag = run?.name;
    const name = nameFlag?.value?.value;
    if (!run || !nameFlag || !name || entry.key !== 'ExecStart' || run.rm) continue;
    if (flagIsOn(run.flags.find((f) => f.name === 'replace'))) continue;
    if (freed(name)) continue;
    const program = run.program.value.startsWith('/') ? run.program.value : `/usr/bin/${run.engine}`;
    const written = nameFlag.value?.raw ?? name;
    const lines: string[] = [];
    if (!handled(name, ['kill', 'stop'])) lines.push(`ExecStartPre=-${program} kill ${written}`);
    lines.push(`ExecStartPre=-${program} rm ${written}`);
    out.push({
      code: 'docker/name-conflict',
      start: nameFlag.start,
      end: nameFlag.end,
      message: `The next start fails: the container name \`${name}\` is still taken. It is not removed when it stops (no \`--rm\`) nor before the next start.`,
      fixes: [
        {
          title: `Remove an old \`${name}\` container before starting (ExecStartPre=-… rm)`,
          edits: [insertLinesBefore(unit, firstPull(pre, entry) ?? entry, lines)],
          preferred: true,
        },
      ],
    });
  }
}

function pullNotOptional(calls: readonly ExecCall[], out: Finding[]): void {
  for (const { entry, inv } of calls) {
    if (entry.key !== 'ExecStartPre' || inv.action !== 'pull' || inv.viaShell || inv.execPrefix.includes('-')) continue;
    const last = inv.rest[inv.rest.length - 1] ?? inv.subcommand;
    out.push({
      code: 'docker/pull-not-optional',
      start: entry.valueSpan.start,
      end: last.end,
      message:
        'Without the registry this pull fails, and the whole unit with it. The image may already be on the machine: a leading `-` lets the unit start with the local image.',
      fixes: [
        {
          title: 'Make the pull optional (`-` prefix)',
          edits: [{ start: entry.valueSpan.start, end: entry.valueSpan.start, newText: '-' }],
          preferred: true,
        },
      ],
    });
  }
}

/** The daemon units a docker client can depend on (Container Linux also ran an early-docker daemon). */
const dockerUnit = /^(early-)?docker\.(service|socket)$/;

function namesDocker(unit: UnitFile, keys: readonly string[]): boolean {
  return unit.entries.some(
    (e) => e.section?.name === 'Unit' && keys.includes(e.key) && e.value.split(/\s+/).some((u) => dockerUnit.test(u)),
  );
}

function missingDependency(unit: UnitFile, calls: readonly ExecCall[], out: Finding[]): void {
  if (unit.dropIn || dockerUnit.test(unit.unitName ?? '')) return;
  const first = calls.find((c) => c.inv.engine === 'docker');
  if (!first || namesDocker(unit, ['After'])) return;
  const required = namesDocker(unit, ['Requires', 'Wants', 'BindsTo', 'Requisite']);
  const lines = required ? ['After=docker.service'] : ['After=docker.service', 'Requires=docker.service'];
  const edit = addToUnitSection(unit, lines);
  out.push({
    code: 'docker/missing-dependency',
    start: first.inv.program.start,
    end: first.inv.subcommand.end,
    message: required
      ? 'The unit requires docker.service but is not ordered after it. Both start at the same time and the docker client can fail to reach the daemon.'
      : 'The unit runs docker but does not depend on docker.service. At boot it can start before the daemon is ready, and the docker client fails to connect.',
    fixes: edit ? [{ title: `Add ${lines.join(' and ')} to [Unit]`, edits: [edit], preferred: true }] : [],
  });
}

/** Container pitfalls of a unit that runs `docker run` (codes `docker/*`). Offsets are into `unit.text`. */
export function dockerFindings(unit: UnitFile, ctx: EmbeddedContext): Finding[] {
  const calls = execCalls(unit);
  if (!calls.length) return [];
  const out: Finding[] = [];
  detached(unit, calls, out);
  portExposure(calls, ctx, out);
  nameConflict(unit, calls, ctx, out);
  pullNotOptional(calls, out);
  missingDependency(unit, calls, out);
  return out.sort((a, b) => a.start - b.start);
}
