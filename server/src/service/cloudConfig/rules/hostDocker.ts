import type { Finding, Fix, OffsetEdit } from '../../types';
import type { RuleContext } from '../context';
import type { PortPublication } from '../../docker/runModel';
import { runCommandsInCommandList } from '../../docker/commandListRuns';
import { dockerInvocations } from '../../docker/dockerInvocation';
import { runCommandsOf } from '../../docker/findRunCommands';
import { publishedOnEveryInterface } from '../../docker/portPublication';
import { composeOnEveryInterface, composePublications, isComposePath } from '../../compose/composePorts';
import { validateCompose } from '../../compose/composeValidate';
import { mapFindingToDocument } from '../../embedded/mapFindings';
import { hostFirewall, type HostFirewallKind } from '../host/hostFirewall';
import { isShellScript, scriptSource } from '../host/hostShell';
import { asSeq } from '../yamlNodes';
import { appendToSeq } from './mapEdits';

/** What the message says about the host's firewall, per kind. */
function bypassText(kind: HostFirewallKind): string {
  switch (kind) {
    case 'ufw':
      return "ufw never sees it: Docker DNATs published ports in nat PREROUTING and accepts them in FORWARD before ufw's chains, so `ufw allow`/`deny` do not apply. Bind it to 127.0.0.1, or drop published ports in DOCKER-USER from /etc/ufw/after.rules.";
    case 'firewalld':
      return "firewalld's zones do not filter it: Docker forwards published ports through its own NAT and FORWARD rules. Bind it to 127.0.0.1, or filter it in the DOCKER-USER chain.";
    case 'nftables':
      return 'The nftables input chain never sees it: Docker forwards published ports through its own NAT and FORWARD rules. Bind it to 127.0.0.1, or filter it in the DOCKER-USER chain.';
    case 'iptables':
      return 'INPUT-chain rules never see it: Docker forwards published ports through its own NAT and FORWARD rules. Bind it to 127.0.0.1, or filter it in the DOCKER-USER chain of the rules this host loads.';
  }
}

/** The ufw recipe (docs/facts/hosts.md, facts 6 and 7): connections to published ports from elsewhere are dropped. */
export const ufwDockerUserRecipe = [
  '*filter',
  ':DOCKER-USER - [0:0]',
  '-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
  '-A DOCKER-USER -m conntrack --ctstate DNAT -j DROP',
  '-A DOCKER-USER -j RETURN',
  'COMMIT',
];

function ufwRecipeFix(ctx: RuleContext): Fix | undefined {
  const item = [
    'path: /etc/ufw/after.rules',
    'append: true',
    'defer: true',
    'content: |',
    ...ufwDockerUserRecipe.map((l) => `  ${l}`),
  ].join('\n');
  const seq = asSeq(ctx.pair(ctx.model.root, 'write_files')?.value);
  let edit: OffsetEdit | undefined;
  if (seq && seq.items.length) edit = appendToSeq(ctx.text, seq, item);
  else if (!seq && ctx.model.root && !ctx.model.root.flow) {
    const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
    const lead = ctx.text.endsWith('\n') ? '' : eol;
    edit = {
      start: ctx.text.length,
      end: ctx.text.length,
      newText: `${lead}write_files:${eol}${item
        .split('\n')
        .map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))
        .join(eol)}${eol}`,
    };
  }
  return edit
    ? {
        title: 'Drop published container ports from outside in DOCKER-USER (append to /etc/ufw/after.rules)',
        edits: [edit],
      }
    : undefined;
}

function exposureFinding(pub: PortPublication, kind: HostFirewallKind, engine: string): Finding {
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
  const text =
    engine === 'podman'
      ? 'Podman forwards it with its own NAT rules, which the host firewall never sees; bind it to 127.0.0.1.'
      : bypassText(kind);
  return {
    code: 'docker/port-exposure',
    start: pub.start,
    end: pub.end,
    message: `\`${pub.text}\` ${where}. ${text}`,
    fixes,
  };
}

/**
 * `docker/port-exposure` for containers started outside units: `docker run` in `runcmd`/`bootcmd`,
 * in shell scripts the user-data writes, and `ports:` of Compose files it writes. Reported when the
 * host has a firewall these ports bypass (without one, `cloud-config/no-firewall` speaks) and no
 * DOCKER-USER filter is loaded.
 */
export function checkHostDocker(ctx: RuleContext): void {
  checkComposeFiles(ctx);
  const fw = hostFirewall(ctx);
  if (!fw.kind || fw.filtersDockerUser) return;
  const kind = fw.kind;
  // Rules blocks of this user-data already get `iptables/docker-bypass`, naming these ports, with the
  // DOCKER-USER fix in the rules themselves: one finding for one problem.
  if (kind === 'iptables' && ctx.model.regions.some((r) => r.language === 'iptables' || r.language === 'ip6tables'))
    return;
  const found: Finding[] = [];
  for (const key of ['bootcmd', 'runcmd']) {
    for (const run of runCommandsInCommandList(ctx.text, ctx.pair(ctx.model.hostRoot, key)?.value)) {
      for (const pub of run.publications)
        if (publishedOnEveryInterface(pub)) found.push(exposureFinding(pub, kind, run.engine));
    }
  }
  for (const region of ctx.model.regions) {
    if (isShellScript(region)) {
      for (const run of runCommandsOf(ctx.text, dockerInvocations(scriptSource(ctx, region), 'shell'))) {
        for (const pub of run.publications)
          if (publishedOnEveryInterface(pub)) found.push(exposureFinding(pub, kind, run.engine));
      }
    } else if (region.origin === 'write-file' && region.mappable && isComposePath(region.path)) {
      for (const pub of composePublications(region.text)) {
        if (composeOnEveryInterface(pub))
          found.push(mapFindingToDocument(region, exposureFinding(pub, kind, 'docker')));
      }
    }
  }
  if (!found.length) return;
  if (kind === 'ufw') {
    const recipe = ufwRecipeFix(ctx);
    if (recipe) for (const f of found) f.fixes = [...(f.fixes ?? []), recipe];
  }
  ctx.findings.push(...found);
}

/** `docker/compose-invalid` in the Compose files the user-data writes. */
function checkComposeFiles(ctx: RuleContext): void {
  for (const region of ctx.model.regions) {
    if (region.origin !== 'write-file' || !region.mappable || !isComposePath(region.path)) continue;
    for (const f of validateCompose(region.text)) ctx.findings.push(mapFindingToDocument(region, f));
  }
}
