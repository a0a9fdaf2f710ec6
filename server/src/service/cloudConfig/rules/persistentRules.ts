import { isScalar, type YAMLMap } from 'yaml';
import type { Fix, OffsetEdit } from '../../types';
import type { RuleContext } from '../context';
import { hostCommands, installedByCommands, packageNames, programOf } from '../host/hostShell';
import { asSeq, nodeRange } from '../yamlNodes';
import { appendToMap, appendToSeq, appendTopLevel } from './mapEdits';

/** Rules files of the Debian/Ubuntu and RHEL loaders, and what loads them at boot (docs/facts/hosts.md). */
const persistentFiles: ReadonlyArray<{ path: string; family: 'v4' | 'v6' }> = [
  { path: '/etc/iptables/rules.v4', family: 'v4' },
  { path: '/etc/iptables/rules.v6', family: 'v6' },
];
/** The family whose rules netfilter-persistent loads from `path` at boot (iptables-persistent's plugins), if any. */
export function netfilterPersistentFamily(path: string): 'v4' | 'v6' | undefined {
  return persistentFiles.find((f) => f.path === path)?.family;
}
const sysconfigFiles = ['/etc/sysconfig/iptables', '/etc/sysconfig/ip6tables'];

function isTrue(node: unknown): boolean {
  return isScalar(node) && (node.value === true || /^(true|yes|on)$/i.test(String(node.value)));
}

/**
 * A command that loads rules itself (`iptables-restore < file`, `systemctl start iptables`). Not
 * `netfilter-persistent start` alone: without iptables-persistent's plugins it reads no file (fact 2).
 */
function commandLoads(ctx: RuleContext, path: string): boolean {
  return (
    hostCommands(ctx).some((cmd) => {
      const p = programOf(cmd);
      const args = cmd.words.map((w) => w.value);
      if (p === 'iptables-restore' || p === 'ip6tables-restore' || p === 'iptables-apply') return true;
      if (p === 'systemctl')
        return (
          args.some((a) => /^(start|restart|reload)$/.test(a) || a === '--now') &&
          args.some((a) => /^(iptables|ip6tables)(\.service)?$/.test(a))
        );
      return args.includes(path) && /restore/.test(args.join(' '));
    }) ||
    ctx.model.regions.some(
      (r) => r.language === 'systemd' && r.text.includes('iptables-restore') && r.text.includes(path),
    )
  );
}

/** Arch's iptables.service reads these when enabled; ufw loads its own files. */
const archFiles = ['/etc/iptables/iptables.rules', '/etc/iptables/ip6tables.rules'];

/**
 * A rules-save file written to a path no boot-time loader reads (`/etc/iptables.rules`,
 * `/etc/iptables/rules`, `/root/firewall.rules`…): the loaders' own paths, Arch's and ufw's are judged elsewhere.
 */
function otherRulesFile(ctx: RuleContext, path: string): boolean {
  if (!path || persistentFiles.some((f) => f.path === path) || sysconfigFiles.includes(path)) return false;
  // ufw loads its own files; CoreOS's restore-unit paths are judged by the CoreOS check.
  if (path.startsWith('/etc/ufw/') || /^\/var\/lib\/ip6?tables\/rules-save$/.test(path)) return false;
  if (archFiles.includes(path))
    return !hostCommands(ctx).some(
      (cmd) =>
        programOf(cmd) === 'systemctl' && cmd.words.some((w) => /^(iptables|ip6tables)(\.service)?$/.test(w.value)),
    );
  return ctx.model.regions.some((r) => r.path === path && (r.language === 'iptables' || r.language === 'ip6tables'));
}

/**
 * Another file of this config that restores the path: a script, an ifupdown `pre-up` line, a
 * dispatcher hook, rc.local.
 */
function readByWrittenFile(ctx: RuleContext, path: string): boolean {
  return ctx.model.regions.some(
    (r) => r.path !== path && r.text.includes(path) && /\b(ip6?tables-restore|iptables-apply)\b/.test(r.text),
  );
}

/** The debconf preseed that keeps iptables-persistent from saving over the file. */
function preseeded(ctx: RuleContext, family: 'v4' | 'v6'): boolean {
  const apt = ctx.pair(ctx.model.root, 'apt')?.value;
  const r = nodeRange(apt);
  if (!r) return false;
  return new RegExp(`iptables-persistent/autosave_${family}[ \\t]+boolean[ \\t]+false`).test(
    ctx.text.slice(r[0], r[1]),
  );
}

function addPackage(ctx: RuleContext, name: string): OffsetEdit | undefined {
  const pair = ctx.pair(ctx.model.root, 'packages');
  const seq = asSeq(pair?.value);
  if (seq && seq.items.length && !seq.flow) return appendToSeq(ctx.text, seq, name);
  const r = nodeRange(seq);
  if (seq && seq.flow && r) {
    const close = ctx.text.lastIndexOf(']', r[1]);
    if (close > r[0]) return { start: close, end: close, newText: seq.items.length ? `, ${name}` : name };
  }
  if (!pair && ctx.model.root && !ctx.model.root.flow)
    return appendTopLevel(ctx.text, `packages:\n  - ${name}`, ctx.model.yamlErrors.length > 0);
  return undefined;
}

/**
 * `cloud-config/firewall-not-loaded` in the cloud-init dialect: rules written to /etc/iptables/rules.v4|v6
 * while nothing installs iptables-persistent (whose netfilter-persistent plugins read them at boot) or
 * loads them from a command or unit; /etc/sysconfig/iptables without iptables-services.
 * `cloud-config/rules-overwritten`: iptables-persistent installed by `packages:` saves the live ruleset
 * over the file `write_files` wrote before packages were installed, unless the entry is deferred or
 * debconf is preseeded.
 */
export function checkPersistentRules(ctx: RuleContext): void {
  if (ctx.dialect !== 'cloud-init') return;
  const packages = packageNames(ctx);
  const installed = new Set([...packages, ...installedByCommands(ctx)]);
  const ufw = installed.has('ufw');
  for (const file of ctx.files()) {
    const path = ctx.string(file, 'path') ?? '';
    const pathNode = ctx.pair(file, 'path')?.value;
    const known = persistentFiles.find((f) => f.path === path);
    if (known) {
      if (!installed.has('iptables-persistent') && !commandLoads(ctx, path)) {
        const edit = ufw ? undefined : addPackage(ctx, 'iptables-persistent');
        const fixes: Fix[] = edit
          ? [
              {
                title: 'Install iptables-persistent (loads /etc/iptables/rules.v4 and rules.v6 at boot)',
                edits: [edit],
                preferred: true,
              },
            ]
          : [];
        ctx.report(
          'cloud-config/firewall-not-loaded',
          pathNode,
          `Rules are written to ${path} but nothing loads them: the file is read at boot by iptables-persistent's netfilter-persistent plugins, and this config neither installs iptables-persistent${installed.has('netfilter-persistent') ? ' (netfilter-persistent alone has no plugin that reads it)' : ''} nor runs iptables-restore.${ufw ? " (This host installs ufw, which cannot be installed together with iptables-persistent: put the rules in ufw's own files instead.)" : ''}`,
          { fixes },
        );
      } else if (
        packages.has('iptables-persistent') &&
        !isTrue(ctx.pair(file, 'defer')?.value) &&
        !preseeded(ctx, known.family)
      ) {
        ctx.report(
          'cloud-config/rules-overwritten',
          pathNode,
          `${path} is written before packages are installed, and installing iptables-persistent then saves the live ruleset (empty at that point) over it: the host boots without these rules. Write it after the packages (\`defer: true\`) or preseed debconf (\`iptables-persistent/autosave_${known.family} boolean false\`).`,
          {
            fixes: deferFix(ctx, file),
          },
        );
      }
    } else if (otherRulesFile(ctx, path) && !commandLoads(ctx, path) && !readByWrittenFile(ctx, path)) {
      ctx.report(
        'cloud-config/firewall-not-loaded',
        pathNode,
        `Rules are written to ${path} but nothing loads them at boot. No loader reads this path (iptables-persistent reads only /etc/iptables/rules.v4 and rules.v6, iptables-services only /etc/sysconfig/iptables), and no command, unit or script of this config restores it.`,
      );
    } else if (sysconfigFiles.includes(path) && !installed.has('iptables-services') && !commandLoads(ctx, path)) {
      const edit = addPackage(ctx, 'iptables-services');
      ctx.report(
        'cloud-config/firewall-not-loaded',
        pathNode,
        `Rules are written to ${path} but nothing loads them: the iptables-services package's iptables.service reads this file, and this config neither installs it nor runs iptables-restore.`,
        {
          fixes: edit ? [{ title: 'Install iptables-services', edits: [edit], preferred: true }] : [],
        },
      );
    }
  }
}

function deferFix(ctx: RuleContext, file: YAMLMap): Fix[] {
  const existing = ctx.pair(file, 'defer');
  const r = nodeRange(existing?.value);
  const edit = existing && r ? { start: r[0], end: r[1], newText: 'true' } : appendToMap(ctx.text, file, 'defer: true');
  return edit
    ? [{ title: 'Write the file after packages are installed (`defer: true`)', edits: [edit], preferred: true }]
    : [];
}
