import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { Finding } from '../types';
import { keyName, nodeRange } from '../cloudConfig/yamlNodes';
import { closest } from '../cloudConfig/suggest';
import { composeDocument, composeServices, pairOf } from './composePorts';

/** Keys of a service in the Compose Specification (as `docker compose` reads them). */
export const serviceKeys: readonly string[] = [
  'annotations',
  'attach',
  'blkio_config',
  'build',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'command',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'depends_on',
  'deploy',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'env_file',
  'environment',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'labels',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'privileged',
  'profiles',
  'pull_policy',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'user',
  'userns_mode',
  'uts',
  'volumes',
  'volumes_from',
  'working_dir',
];
const serviceKeySet = new Set(serviceKeys);
const topKeys = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include']);
/** Keys of a long-syntax `ports:` entry. */
export const portKeys: readonly string[] = [
  'target',
  'published',
  'host_ip',
  'protocol',
  'mode',
  'name',
  'app_protocol',
];

function bad(out: Finding[], node: unknown, message: string): void {
  const r = nodeRange(node);
  if (r) out.push({ code: 'docker/compose-invalid', start: r[0], end: Math.max(r[1], r[0]), message });
}

/** `80`, `8000-8010`: a port or a range; the number of ports in it, or undefined when malformed. */
function portCount(s: string): number | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a <= 65535 && b <= 65535 && b >= a ? b - a + 1 : undefined;
}

function checkShortPort(out: Finding[], node: unknown, v: string): void {
  if (/\$/.test(v)) return;
  const slash = v.lastIndexOf('/');
  const body = slash >= 0 ? v.slice(0, slash) : v;
  const parts = body.split(':');
  const container = parts[parts.length - 1] ?? '';
  const host = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  const cn = portCount(container);
  const hn = host === '' ? undefined : portCount(host);
  if (cn === undefined || (host !== '' && hn === undefined)) {
    bad(
      out,
      node,
      `\`${v}\` is not a port publication (\`[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]\`): Compose refuses the file.`,
    );
  } else if (hn !== undefined && cn > 1 && hn !== cn) {
    bad(
      out,
      node,
      `\`${v}\` maps ${hn} host port(s) to ${cn} container port(s): the ranges must be the same size, or Compose refuses the file.`,
    );
  }
}

/**
 * What `docker compose config` refuses in a Compose file (agreed with docker-compose on the oracle
 * tier's case set): YAML errors, a service with neither `image` nor `build`, unknown service keys,
 * `ports` that are not a list or hold malformed entries. Offsets are into `text`.
 */
export function validateCompose(text: string): Finding[] {
  const out: Finding[] = [];
  const doc = composeDocument(text);
  for (const e of doc.errors)
    out.push({
      code: 'docker/compose-invalid',
      start: e.pos[0],
      end: Math.max(e.pos[1], e.pos[0] + 1),
      message: `The Compose file is not valid YAML: ${e.message.split('\n')[0]}`,
    });
  if (doc.errors.length) return out;
  if (!isMap(doc.contents)) return out;
  for (const p of doc.contents.items as Pair[]) {
    const k = keyName(p.key) ?? '';
    if (!topKeys.has(k) && !k.startsWith('x-'))
      bad(
        out,
        p.key,
        `\`${k}\` is not a top-level Compose key${closest(k, [...topKeys]) ? ` (did you mean \`${closest(k, [...topKeys])}\`?)` : ''}: Compose refuses the file.`,
      );
  }
  const services = pairOf(doc.contents, 'services');
  if (services && !isMap(services.value) && services.value !== null)
    bad(out, services.value ?? services.key, '`services` must be a mapping of service names to their settings.');
  for (const svc of composeServices(doc)) {
    if (!svc.map) continue;
    if (!pairOf(svc.map, 'image') && !pairOf(svc.map, 'build') && !pairOf(svc.map, 'extends'))
      bad(out, svc.pair.key, `Service \`${svc.name}\` has neither \`image\` nor \`build\`: Compose refuses the file.`);
    for (const p of svc.map.items as Pair[]) {
      const k = keyName(p.key) ?? '';
      if (serviceKeySet.has(k) || k.startsWith('x-')) continue;
      const near = closest(k, serviceKeys);
      bad(
        out,
        p.key,
        `\`${k}\` is not a service setting${near ? ` (did you mean \`${near}\`?)` : ''}: Compose refuses the file.`,
      );
    }
    const ports = pairOf(svc.map, 'ports');
    if (!ports) continue;
    if (!isSeq(ports.value)) {
      bad(out, ports.value ?? ports.key, '`ports` must be a list (`ports: ["8080:80"]`): Compose refuses the file.');
      continue;
    }
    for (const item of ports.value.items) {
      if (isScalar(item)) {
        const v = item.type === 'PLAIN' && typeof item.source === 'string' ? item.source : String(item.value ?? '');
        checkShortPort(out, item, v);
      } else if (isMap(item)) {
        for (const p of (item as YAMLMap).items as Pair[]) {
          const k = keyName(p.key) ?? '';
          if (!portKeys.includes(k) && !k.startsWith('x-'))
            bad(
              out,
              p.key,
              `\`${k}\` is not a key of a port entry (${portKeys.join(', ')}): Compose refuses the file.`,
            );
        }
        if (!pairOf(item, 'target')) bad(out, item, 'A long-syntax port entry needs `target` (the container port).');
      } else bad(out, item, 'A port entry is a string (`"8080:80"`) or a mapping with `target`.');
    }
  }
  return out;
}
