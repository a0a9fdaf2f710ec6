import type { RuleContext } from '../context';
import { asMap } from '../yamlNodes';

/** Go's url.ParseRequestURI accepts an absolute URL (`scheme:…`) or an absolute path. */
function isRequestUri(v: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(v) || /^\/[^\s]*$/.test(v);
}

/** `coreos.etcd.discovery` must be a URL (coreos-cloudinit checks it for etcd v0.4). */
export function checkEtcdDiscovery(ctx: RuleContext): void {
  const etcd = asMap(ctx.pair(ctx.coreos(), 'etcd')?.value);
  const pair = ctx.pair(etcd, 'discovery');
  const value = ctx.string(etcd, 'discovery');
  if (!pair || value === undefined || value === '' || isRequestUri(value)) return;
  ctx.report(
    'cloud-config/invalid-value',
    pair.value,
    `\`${value}\` is not a valid discovery URL. etcd expects a full URL such as https://discovery.etcd.io/TOKEN.`,
  );
}
