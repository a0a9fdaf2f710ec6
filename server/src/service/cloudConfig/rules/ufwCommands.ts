import { isScalar, isSeq, type Node } from 'yaml';
import type { RuleContext } from '../context';
import { hostCommands, programOf, type HostCommand } from '../host/hostShell';
import { allowsSsh, parseUfw } from '../host/ufwCommand';
import { nodeRange } from '../yamlNodes';
import { lineStartAt } from '../../text/lines';
import { eolOf } from '../../text/lineEnding';

/** The ports sshd listens on: 22, or the `Port` lines this user-data writes or sets with sed. */
function sshPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const m of text.matchAll(/(?:^|[\s'"/])Port[ \t]+(\d{1,5})\b/gm)) ports.add(Number(m[1]));
  if (ports.size === 0) ports.add(22);
  return [...ports];
}

function span(cmd: HostCommand): [number, number] {
  const first = cmd.words[0];
  const last = cmd.words[cmd.words.length - 1];
  return [first?.start ?? 0, last?.end ?? 0];
}

/** Edit inserting a `runcmd`/`bootcmd` item before a block-sequence item. */
function insertItemBefore(
  ctx: RuleContext,
  item: Node | undefined,
  line: string,
): { start: number; end: number; newText: string } | undefined {
  const r = nodeRange(item);
  if (!r || !isScalar(item)) return undefined;
  const dash = ctx.text.lastIndexOf('-', r[0]);
  const ls = lineStartAt(ctx.text, r[0]);
  if (dash < ls || !/^[ \t]*$/.test(ctx.text.slice(ls, dash))) return undefined;
  return { start: dash, end: dash, newText: `- ${line}${eolOf(ctx.text)}${ctx.text.slice(ls, dash)}` };
}

/**
 * `ufw` in `bootcmd`/`runcmd` and written scripts. `cloud-config/ufw-lockout`: `ufw enable` while no rule
 * allows SSH and the incoming default stays deny (ufw's own default): SSH is cut off at first boot.
 * `cloud-config/ufw-command`: a command ufw refuses (agreed with `ufw --dry-run` in the oracle tier).
 * `ufw enable` without `--force` is not reported: it asks only under an sshd process (fact 5).
 */
export function checkUfwCommands(ctx: RuleContext): void {
  const cmds = hostCommands(ctx)
    .filter((c) => programOf(c) === 'ufw')
    .map((c) => ({ c, u: parseUfw(c.words) }));
  if (!cmds.length) return;
  // ufw numbers its rules from 1; `insert N` needs N existing rules (a fresh ufw has none).
  let rules = 0;
  for (const { c, u } of cmds) {
    const error =
      u.error ?? (u.insertAt !== undefined && u.insertAt > rules ? `Invalid position '${u.insertAt}'` : undefined);
    if (u.rule && !u.error && !u.rule.delete && !u.rule.route && error === undefined) rules++;
    if (!error) continue;
    const [s, e] = span(c);
    ctx.reportSpan(
      'cloud-config/ufw-command',
      s,
      e,
      `ufw refuses this command ("${error}"), so the rule is not added.${/multiple ports/.test(error) ? ' Add `/tcp` or `/udp` (or `proto tcp`).' : error === "Need 'to' or 'from' clause" ? ' An application profile name with spaces must be quoted.' : /^Invalid position/.test(error) ? ` ufw has ${rules} rule(s) at this point.` : ''}`,
    );
  }
  const enable = cmds.find(({ u }) => u.verb === 'enable');
  if (!enable) return;
  const incoming = cmds.filter(({ u }) => u.verb === 'default' && u.policy?.direction === 'incoming' && !u.error).pop();
  if (incoming?.u.policy?.value === 'allow') return;
  const ports = sshPorts(ctx.text);
  if (cmds.some(({ u }) => u.rule && allowsSsh(u.rule, ports))) return;
  const [s, e] = span(enable.c);
  const line = `ufw allow ${ports[0] ?? 22}/tcp`;
  const edit =
    enable.c.origin !== 'script' && isSeq(ctx.pair(ctx.model.root, enable.c.origin)?.value)
      ? insertItemBefore(ctx, enable.c.item, line)
      : undefined;
  ctx.reportSpan(
    'cloud-config/ufw-lockout',
    s,
    e,
    `SSH to this machine is cut off from first boot on. \`ufw enable\` turns on a firewall whose incoming default is deny${incoming ? ` (\`${incoming.c.words.map((w) => w.value).join(' ')}\`)` : " (ufw's default)"}, and no ufw rule allows SSH (port ${ports.join(', ')}).`,
    {
      fixes: edit ? [{ title: `Allow SSH first (\`${line}\`)`, edits: [edit], preferred: true }] : [],
    },
  );
}
