import type { Finding, Fix } from '../types';
import type { PortPublication } from '../docker/runModel';
import { registerEmbeddedLanguage } from '../embedded/languages';
import { composeOnEveryInterface, composePublications } from './composePorts';
import { validateCompose } from './composeValidate';
import { completeCompose, hoverCompose } from './composeAssist';
import { composeFolding, composeSymbols } from './composeOutline';

/**
 * `docker/port-exposure` in a standalone Compose file. The host it runs on is unknown here (inside a
 * user-data the message names the host's firewall, cloudConfig/rules/hostDocker.ts), so the message
 * says what every Linux firewall shares: Docker's NAT forwards the port before the filter sees it.
 */
function exposure(pub: PortPublication): Finding {
  const fixes: Fix[] = pub.bindEdit
    ? [{ title: 'Bind to 127.0.0.1 (reachable from this machine only)', edits: [{ ...pub.bindEdit }], preferred: true }]
    : [];
  const where = `publishes ${pub.hostPort ? `host port ${pub.hostPort}` : 'a random host port'} on every interface${pub.hostIp ? ` (${pub.hostIp})` : ''}`;
  return {
    code: 'docker/port-exposure',
    start: pub.start,
    end: pub.end,
    fixes,
    message: `\`${pub.text}\` ${where}. Docker forwards it with its own NAT and FORWARD rules, which come before the host firewall (ufw, firewalld, INPUT rules): bind it to 127.0.0.1, or filter it in the DOCKER-USER chain.`,
  };
}

registerEmbeddedLanguage('compose', {
  validate(ctx) {
    // Inside a user-data the cloud-config checks report these, with the host's firewall in the message.
    if (ctx.region) return [];
    return [
      ...validateCompose(ctx.text),
      ...composePublications(ctx.text).filter(composeOnEveryInterface).map(exposure),
    ];
  },
  complete: (ctx, offset) => completeCompose(ctx.text, offset),
  hover: (ctx, offset) => hoverCompose(ctx.text, offset),
  // Standalone only: inside a user-data the cloud-config outline and folding cover the file's entry.
  symbols: (ctx) => (ctx.region ? [] : composeSymbols(ctx.text)),
  folding: (ctx) => (ctx.region ? [] : composeFolding(ctx.text)),
});
