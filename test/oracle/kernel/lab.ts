// Network namespaces for the kernel oracle: a "host" that loads a rules file with the real
// iptables-restore, a "client" joined to it by a veth pair that probes it from documentation
// addresses, and (for published containers) a "container" behind a veth named docker0.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../helpers/paths';

export type Backend = 'legacy' | 'nft';

export const addresses = {
  host4: '192.0.2.1',
  client4: '192.0.2.2',
  sources4: ['192.0.2.2', '198.51.100.7', '203.0.113.5'],
  host6: '2001:db8::1',
  client6: '2001:db8::2',
  sources6: ['2001:db8::2', '2001:db8:1::5', '2001:db8:2::7'],
  bridge: { subnet: '198.51.100.128/25', iface: 'docker0' },
  bridgeHost: '198.51.100.129',
  container: '198.51.100.130',
} as const;

export interface Lab {
  readonly host: string;
  readonly client: string;
  readonly container: string | undefined;
}

function ip(args: string[], input?: string): string {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 20_000, ...(input !== undefined ? { input } : {}) });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim() || r.error?.message}`);
  return r.stdout;
}

/** Several `ip` commands in one process (`ip -batch`), optionally inside a namespace. */
function batch(ns: string | undefined, lines: readonly string[]): void {
  ip([...(ns ? ['-n', ns] : []), '-batch', '-'], `${lines.join('\n')}\n`);
}

const macHost = '02:00:00:00:00:01';
const macClient = '02:00:00:00:00:02';

/** Python without a version-manager shim in front (a shim costs seconds per start on a busy machine). */
export const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => fs.existsSync(p)) ?? 'python3';

let serial = 0;

/** How many container addresses the container namespace holds (publications of one case). */
export const containerAddresses = 12;

function bumped(address: string, by: number): string {
  const parts = address.split('.').map(Number);
  parts[3] = (parts[3] ?? 0) + by;
  return parts.join('.');
}

/** Build the namespaces; on any failure, whatever was made is removed again. */
export function createLab(withContainer: boolean): Lab {
  const tag = `${process.pid}-${++serial}`;
  const lab: Lab = {
    host: `ccl-h-${tag}`,
    client: `ccl-c-${tag}`,
    container: withContainer ? `ccl-d-${tag}` : undefined,
  };
  try {
    const { host: H, client: C, container: D } = lab;
    batch(
      undefined,
      [H, C, ...(D ? [D] : [])].map((ns) => `netns add ${ns}`),
    );
    batch(H, [
      `link add eth0 address ${macHost} type veth peer name eth0 address ${macClient} netns ${C}`,
      'link set lo up',
      `addr add ${addresses.host4}/24 dev eth0`,
      `addr add ${addresses.host6}/64 dev eth0 nodad`,
      'link set eth0 up',
      // Static neighbours: rules that drop ICMPv6 neighbour discovery must not hide the probes.
      `neigh replace ${addresses.client4} lladdr ${macClient} dev eth0 nud permanent`,
      `neigh replace ${addresses.client6} lladdr ${macClient} dev eth0 nud permanent`,
      `route add 198.51.100.0/25 via ${addresses.client4}`,
      `route add 203.0.113.0/24 via ${addresses.client4}`,
      `route add 2001:db8:1::/48 via ${addresses.client6}`,
      `route add 2001:db8:2::/48 via ${addresses.client6}`,
      ...(D
        ? [
            `link add docker0 type veth peer name eth0 netns ${D}`,
            `addr add ${addresses.bridgeHost}/25 dev docker0`,
            'link set docker0 up',
          ]
        : []),
    ]);
    batch(C, [
      'link set lo up',
      `addr add ${addresses.client4}/24 dev eth0`,
      ...addresses.sources4.slice(1).map((a) => `addr add ${a}/32 dev eth0`),
      `addr add ${addresses.client6}/64 dev eth0 nodad`,
      ...addresses.sources6.slice(1).map((a) => `addr add ${a}/128 dev eth0 nodad`),
      'link set eth0 up',
      `neigh replace ${addresses.host4} lladdr ${macHost} dev eth0 nud permanent`,
      `neigh replace ${addresses.host6} lladdr ${macHost} dev eth0 nud permanent`,
      `route add default via ${addresses.host4}`,
      `route add ::/0 via ${addresses.host6}`,
    ]);
    if (D) {
      // One container answers for every address Docker would give the containers of a case.
      const more = Array.from(
        { length: containerAddresses - 1 },
        (_, i) => `addr add ${bumped(addresses.container, i + 1)}/25 dev eth0`,
      );
      batch(D, [
        'link set lo up',
        `addr add ${addresses.container}/25 dev eth0`,
        ...more,
        'link set eth0 up',
        `route add default via ${addresses.bridgeHost}`,
      ]);
    }
    // Forwarding for containers; no rate limit on the ICMP errors REJECT and routing send (probes come
    // in bursts). `ratelimit=0` ends only the per-peer limit: an error type in `ratemask` still draws on
    // the namespace's global budget (`icmp_msgs_burst`, 50), which a case with many REJECTs used up
    // for the next case's net-unreachable errors. An empty mask exempts every type from both limits.
    const sys = spawnSync(
      'ip',
      [
        'netns',
        'exec',
        H,
        'sysctl',
        '-qw',
        'net.ipv4.ip_forward=1',
        'net.ipv4.icmp_ratelimit=0',
        'net.ipv6.icmp.ratelimit=0',
        'net.ipv4.icmp_ratemask=0',
        'net.ipv6.icmp.ratemask=',
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
    if (sys.status !== 0) throw new Error(`sysctl: ${sys.stderr}`);
    return lab;
  } catch (e) {
    destroyLab(lab);
    throw e;
  }
}

export function destroyLab(lab: Lab): void {
  const names = [lab.host, lab.client, lab.container].filter((n): n is string => n !== undefined);
  // -force: go on past a namespace that was never made.
  spawnSync('ip', ['-force', '-batch', '-'], {
    input: `${names.map((n) => `netns del ${n}`).join('\n')}\n`,
    timeout: 20_000,
  });
}

/** Load a rules file with the real iptables-restore of a backend; the tool's error when it refuses. */
export function loadRules(
  lab: Lab,
  family: 4 | 6,
  backend: Backend,
  text: string,
  noflush = false,
): string | undefined {
  const tool = `${family === 4 ? 'iptables' : 'ip6tables'}-${backend}-restore`;
  const r = spawnSync('ip', ['netns', 'exec', lab.host, tool, ...(noflush ? ['--noflush'] : [])], {
    input: text,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return r.status === 0 ? undefined : (r.stderr.trim().split('\n')[0] ?? `exit ${r.status}`);
}

const script = (): string => path.join(repoRoot(), 'test', 'oracle', 'kernel', 'probe.py');

/** A long-running helper in a namespace that answers each request line with lines up to a terminator. */
export class Helper {
  private buffer = '';
  private waiting: ((line: string) => void) | undefined;
  private readonly lines: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(ns: string, mode: 'serve' | 'probe', spec: object) {
    this.child = spawn('ip', ['netns', 'exec', ns, python, script(), mode, JSON.stringify(spec)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w(line);
        } else {
          this.lines.push(line);
        }
      }
    });
    this.child.stderr.on('data', () => undefined);
  }

  private next(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error('helper did not answer in time'));
      }, timeoutMs);
      this.waiting = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
  }

  /** Wait for the helper's first line ("ready"). */
  async ready(): Promise<void> {
    const line = await this.next(30_000);
    if (line !== 'ready') throw new Error(`helper said ${line}`);
  }

  /** Send one request; collect lines up to `end`. */
  async request(body: object, end: string, timeoutMs = 60_000): Promise<string[]> {
    this.child.stdin.write(`${JSON.stringify(body)}\n`);
    const out: string[] = [];
    for (;;) {
      const line = await this.next(timeoutMs);
      if (line === end) return out;
      out.push(line);
    }
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill('SIGKILL');
  }
}

export interface ProbeSpec {
  readonly id: number;
  readonly proto: 'tcp' | 'udp' | 'icmp' | 'icmpv6';
  readonly src: string;
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
}

export type Outcome = 'accept' | 'drop' | 'reject' | 'error';

/** Run probes from the client namespace (in parallel in the prober, each bounded by a time-out). */
export async function runProbes(
  prober: Helper,
  probes: readonly ProbeSpec[],
): Promise<Map<number, { outcome: Outcome; detail: string }>> {
  const results = new Map<number, { outcome: Outcome; detail: string }>();
  for (const line of await prober.request({ probes }, 'done')) {
    const o = JSON.parse(line) as { id: number; outcome: Outcome; detail: string };
    results.set(o.id, { outcome: o.outcome, detail: o.detail });
  }
  return results;
}

const emptyTables: Readonly<Record<string, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** Every table empty with ACCEPT policies (user chains deleted): the state between two cases. */
export function resetRules(lab: Lab, family: 4 | 6, backend: Backend): void {
  const text = Object.entries(emptyTables)
    .map(([t, chains]) => [`*${t}`, ...chains.map((c) => `:${c} ACCEPT [0:0]`), 'COMMIT'].join('\n'))
    .join('\n');
  const refused = loadRules(lab, family, backend, `${text}\n`);
  if (refused) throw new Error(`cannot reset the ${backend} IPv${family} tables: ${refused}`);
}
