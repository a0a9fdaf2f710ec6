import type { RuleContext } from '../context';
import { hostCommands, installedByCommands, packageNames, programOf } from './hostShell';

/** The firewall a host runs, as the user-data sets it up. */
export type HostFirewallKind = 'ufw' | 'firewalld' | 'nftables' | 'iptables';

export interface HostFirewall {
  readonly kind: HostFirewallKind | undefined;
  /** Rules that drop or reject in DOCKER-USER are loaded (an iptables rules file, ufw's after.rules). */
  readonly filtersDockerUser: boolean;
}

const cache = new WeakMap<object, HostFirewall>();

/** Does a rules text drop or reject something in DOCKER-USER? */
export function dropsInDockerUser(text: string): boolean {
  return (
    text.includes('DOCKER-USER') &&
    /^[ \t]*-[AI][ \t]+DOCKER-USER\b[^\n]*-j[ \t]+(DROP|REJECT|ufw-[\w-]+)\b/m.test(text)
  );
}

/**
 * Which firewall this host has at the end of first boot: ufw when something runs `ufw enable`,
 * firewalld when it is installed or `firewall-cmd` is run, nftables for `nft` or /etc/nftables.conf,
 * iptables for rules files or `iptables` commands. Undefined when the user-data sets up none.
 */
export function hostFirewall(ctx: RuleContext): HostFirewall {
  const known = cache.get(ctx.model);
  if (known) return known;
  const packages = new Set([...packageNames(ctx), ...installedByCommands(ctx)]);
  const programs = new Map<string, string[][]>();
  for (const cmd of hostCommands(ctx)) {
    const p = programOf(cmd);
    const list = programs.get(p) ?? [];
    list.push(cmd.words.map((w) => w.value));
    programs.set(p, list);
  }
  const ran = (p: string, pred: (args: string[]) => boolean = () => true): boolean =>
    (programs.get(p) ?? []).some(pred);
  const systemctl = (unit: RegExp): boolean =>
    ran('systemctl', (a) => a.some((w) => /^(enable|start|restart)$/.test(w)) && a.some((w) => unit.test(w)));
  const paths = ctx.files().map((f) => ctx.string(f, 'path') ?? '');
  let kind: HostFirewallKind | undefined;
  if (ran('ufw', (a) => a.includes('enable')) || paths.some((p) => p === '/etc/ufw/ufw.conf')) kind = 'ufw';
  else if (
    ran('firewall-cmd') ||
    ran('firewall-offline-cmd') ||
    packages.has('firewalld') ||
    systemctl(/^firewalld(\.service)?$/)
  )
    kind = 'firewalld';
  else if (ran('nft') || paths.includes('/etc/nftables.conf') || systemctl(/^nftables(\.service)?$/)) kind = 'nftables';
  else if (
    ran('iptables') ||
    ran('iptables-restore') ||
    ran('ip6tables') ||
    ran('netfilter-persistent') ||
    packages.has('iptables-persistent') ||
    ctx.model.regions.some((r) => r.language === 'iptables' || r.language === 'ip6tables')
  )
    kind = 'iptables';
  const filtersDockerUser =
    ctx.model.regions.some(
      (r) => (r.language === 'iptables' || r.language === 'ip6tables') && dropsInDockerUser(r.text),
    ) || ran('iptables', (a) => a.includes('DOCKER-USER') && a.some((w) => w === 'DROP' || w === 'REJECT'));
  const model = { kind, filtersDockerUser };
  cache.set(ctx.model, model);
  return model;
}
