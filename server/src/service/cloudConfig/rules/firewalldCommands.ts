import { isSeq } from 'yaml';
import type { Fix, OffsetEdit } from '../../types';
import type { RuleContext } from '../context';
import { hostCommands, programOf, type HostCommand } from '../host/hostShell';
import { firewalldServices, firewalldZones } from '../../data/firewalld';
import { nodeRange } from '../yamlNodes';
import { portValid, richRuleError } from '../host/firewalldRichRule';
import { appendToSeq } from './mapEdits';

const changing =
  /^--(add|remove)-(port|service|source|interface|rich-rule|masquerade|forward-port|protocol|source-port|icmp-block)\b|^--(set-default-zone|change-interface|change-zone|change-source|new-zone|set-target)\b/;

function span(cmd: HostCommand): [number, number] {
  return [cmd.words[0]?.start ?? 0, cmd.words[cmd.words.length - 1]?.end ?? 0];
}

function optionValue(arg: string): string | undefined {
  const eq = arg.indexOf('=');
  return eq < 0 ? undefined : arg.slice(eq + 1);
}

/** What `firewall-cmd` refuses among the port, service and zone forms (agreed with firewall-offline-cmd). */
function argumentError(args: readonly string[]): string | undefined {
  for (const a of args) {
    const v = optionValue(a);
    if (v === undefined) continue;
    if (/^--(add|remove|query)-port=/.test(a)) {
      const slash = v.lastIndexOf('/');
      if (slash < 0)
        return portValid(v)
          ? `\`${a}\`: a port needs its protocol (\`${v}/tcp\` or \`${v}/udp\`)`
          : `\`${a}\`: not a port (\`PORT[-PORT]/PROTOCOL\`)`;
      if (!portValid(v.slice(0, slash)))
        return /^\d+(-\d*)?$/.test(v.slice(0, slash))
          ? `\`${a}\`: port out of range (0-65535)`
          : `\`${a}\`: not a port (\`PORT[-PORT]/PROTOCOL\`)`;
      if (!/^(tcp|udp|sctp|dccp)$/.test(v.slice(slash + 1)))
        return `\`${a}\`: the protocol is tcp, udp, sctp or dccp (lower case)`;
    } else if (/^--(add|remove|query)-service=/.test(a) && !firewalldServices.has(v)) {
      return `\`${a}\`: firewalld has no service \`${v}\` (its services are in /usr/lib/firewalld/services)`;
    } else if (/^--(add|remove|query)-rich-rule=/.test(a)) {
      const e = richRuleError(v);
      if (e) return `rich rule: ${e}`;
    } else if (/^--zone=/.test(a) && !firewalldZones.has(v) && !args.some((x) => x === `--new-zone=${v}`)) {
      return `\`${a}\`: firewalld has no zone \`${v}\` (${[...firewalldZones].join(', ')})`;
    }
  }
  return undefined;
}

/**
 * `firewall-cmd` in `bootcmd`/`runcmd` and written scripts (docs/facts/hosts.md, fact 9):
 * `cloud-config/firewalld-runtime-only` — a change without `--permanent` (and no `--runtime-to-permanent`
 * after it) is lost at the next reload or boot; `cloud-config/firewalld-not-reloaded` — `--permanent`
 * changes with no `--reload` after them are not active until the next reload or boot;
 * `cloud-config/firewalld-command` — port, service and zone forms firewalld refuses.
 */
export function checkFirewalldCommands(ctx: RuleContext): void {
  const cmds = hostCommands(ctx).filter(
    (c) => programOf(c) === 'firewall-cmd' || programOf(c) === 'firewall-offline-cmd',
  );
  if (!cmds.length) return;
  const reloadsAfter = (i: number): boolean =>
    cmds.slice(i + 1).some((c) => c.words.some((w) => w.value === '--reload' || w.value === '--complete-reload')) ||
    hostCommands(ctx).some(
      (c) =>
        programOf(c) === 'systemctl' &&
        c.words.some((w) => /^(restart|reload)$/.test(w.value)) &&
        c.words.some((w) => /^firewalld(\.service)?$/.test(w.value)),
    );
  let lastPermanent: { cmd: HostCommand; index: number } | undefined;
  cmds.forEach((cmd, index) => {
    const args = cmd.words.slice(1).map((w) => w.value);
    const [s, e] = span(cmd);
    const error = argumentError(args);
    if (error) ctx.reportSpan('cloud-config/firewalld-command', s, e, `firewalld refuses this command: ${error}.`);
    if (programOf(cmd) !== 'firewall-cmd' || !args.some((a) => changing.test(a))) return;
    const permanent = args.includes('--permanent');
    if (permanent) {
      lastPermanent = { cmd, index };
      return;
    }
    const samePermanent = cmds.some(
      (o) =>
        o !== cmd &&
        o.words.some((w) => w.value === '--permanent') &&
        o.words
          .slice(1)
          .map((w) => w.value)
          .filter((v) => v !== '--permanent')
          .join(' ') === args.join(' '),
    );
    const saved = cmds.slice(index + 1).some((o) => o.words.some((w) => w.value === '--runtime-to-permanent'));
    if (samePermanent || saved) return;
    const at = cmd.words[0]?.end ?? e;
    const fixes: Fix[] = [
      {
        title: 'Make it permanent (`--permanent`; add `firewall-cmd --reload` to apply it now)',
        edits: withReload(ctx, cmds, index, [{ start: at, end: at, newText: ' --permanent' }]),
        preferred: true,
      },
    ];
    ctx.reportSpan(
      'cloud-config/firewalld-runtime-only',
      s,
      e,
      "Without `--permanent` this change is only in firewalld's runtime configuration: it is gone at the next `firewall-cmd --reload`, firewalld restart or reboot.",
      { fixes },
    );
  });
  if (lastPermanent && !reloadsAfter(lastPermanent.index)) {
    const [s, e] = span(lastPermanent.cmd);
    const edits = withReload(ctx, cmds, lastPermanent.index, []);
    ctx.reportSpan(
      'cloud-config/firewalld-not-reloaded',
      s,
      e,
      "`--permanent` changes are written to firewalld's configuration but are not active until firewalld reloads: nothing runs `firewall-cmd --reload` after this, so the running firewall stays as it was until the next reboot.",
      {
        fixes: edits.length
          ? [{ title: 'Apply the permanent configuration now (`firewall-cmd --reload`)', edits, preferred: true }]
          : [],
      },
    );
  }
}

/**
 * The edits plus a `firewall-cmd --reload` item after the last firewall-cmd item of the same list (when there is no
 * reload yet).
 */
function withReload(ctx: RuleContext, cmds: readonly HostCommand[], index: number, edits: OffsetEdit[]): OffsetEdit[] {
  const later = cmds
    .slice(index + 1)
    .some((c) => c.words.some((w) => w.value === '--reload' || w.value === '--complete-reload'));
  const cmd = cmds[index];
  if (later || !cmd || cmd.origin === 'script') return edits;
  const seq = ctx.pair(ctx.model.root, cmd.origin)?.value;
  if (!isSeq(seq)) return edits;
  const lastItem = [...cmds].reverse().find((c) => c.origin === cmd.origin && c.item)?.item;
  const r = nodeRange(lastItem);
  if (!r) return edits;
  const itemIndex = seq.items.indexOf(lastItem as never);
  if (itemIndex === seq.items.length - 1) {
    const e = appendToSeq(ctx.text, seq, 'firewall-cmd --reload');
    return e ? [...edits, e] : edits;
  }
  const next = nodeRange(seq.items[itemIndex + 1]);
  if (!next) return edits;
  const dash = ctx.text.lastIndexOf('-', next[0]);
  const ls = ctx.text.lastIndexOf('\n', dash) + 1;
  const pad = ctx.text.slice(ls, dash);
  if (!/^[ \t]*$/.test(pad)) return edits;
  return [
    ...edits,
    { start: dash, end: dash, newText: `- firewall-cmd --reload${ctx.text.includes('\r\n') ? '\r\n' : '\n'}${pad}` },
  ];
}
