/**
 * The options of `docker run` / `docker create` (and the `podman run` options people mix in), with
 * whether each takes a value, its other spellings, and our own summary. Pitfalls are written for the
 * case that matters here: a container started by a systemd unit or a boot script.
 */

export interface FlagValueChoice {
  readonly value: string;
  readonly summary: string;
}

export interface RunFlagSpec {
  /** Canonical long name without dashes. */
  readonly name: string;
  /** One-letter short form. */
  readonly short?: string;
  /** Other long names (`net` for `network`). */
  readonly aliases?: readonly string[];
  readonly takesValue: boolean;
  /** How the value looks, for completion details. */
  readonly valueHint?: string;
  readonly summary: string;
  readonly pitfall?: string;
  /** Values offered by completion. */
  readonly choices?: readonly FlagValueChoice[];
  /** Only podman knows it. */
  readonly podmanOnly?: boolean;
}

const restartChoices: readonly FlagValueChoice[] = [
  { value: 'no', summary: 'Never restart the container (the default).' },
  { value: 'on-failure', summary: 'Restart when the container exits non-zero; `on-failure:5` caps the attempts.' },
  { value: 'always', summary: 'Restart whenever it stops, and start it again when the daemon starts.' },
  { value: 'unless-stopped', summary: 'Like `always`, except after a manual `docker stop`.' },
];

const networkChoices: readonly FlagValueChoice[] = [
  { value: 'bridge', summary: 'The default bridge network: own address, ports reach the host only through `-p`.' },
  { value: 'host', summary: "Share the host's network stack: every port the container listens on is a host port." },
  { value: 'none', summary: 'Only a loopback interface, no network access.' },
  { value: 'container:', summary: "Join another container's network stack (`container:NAME`)." },
];

const logDriverChoices: readonly FlagValueChoice[] = [
  {
    value: 'json-file',
    summary: 'Docker default: JSON files under /var/lib/docker, unbounded unless `--log-opt max-size` is set.',
  },
  { value: 'local', summary: 'Compact files with rotation built in.' },
  { value: 'journald', summary: 'Send output to the systemd journal (`journalctl CONTAINER_NAME=…`).' },
  { value: 'syslog', summary: 'Send output to a syslog daemon.' },
  { value: 'none', summary: 'Discard the output; `docker logs` shows nothing.' },
  { value: 'fluentd', summary: 'Forward output to a Fluentd collector.' },
  { value: 'gelf', summary: 'Forward output as GELF (Graylog).' },
  { value: 'awslogs', summary: 'Forward output to Amazon CloudWatch Logs.' },
  { value: 'gcplogs', summary: 'Forward output to Google Cloud Logging.' },
  { value: 'splunk', summary: 'Forward output to Splunk.' },
];

const pullChoices: readonly FlagValueChoice[] = [
  { value: 'missing', summary: 'Pull only when the image is not present locally (the default).' },
  { value: 'always', summary: 'Pull on every start: the start fails while the registry is unreachable.' },
  { value: 'never', summary: 'Never pull; fail if the image is not present.' },
];

const portPitfall =
  'Without a host address the port is opened on every interface, and Docker inserts its own NAT rules ahead of the INPUT chain, so host firewall rules in INPUT do not protect it. Bind to `127.0.0.1:` or filter in the `DOCKER-USER` chain.';

export const runFlagSpecs: readonly RunFlagSpec[] = [
  {
    name: 'detach',
    short: 'd',
    takesValue: false,
    summary: 'Start the container in the background and print its ID; the client exits at once.',
    pitfall:
      'In a unit\'s `ExecStart=` the service then "finishes" immediately: systemd no longer watches the container, and `Restart=` starts duplicates or loops. Leave it out so the client stays in the foreground.',
  },
  { name: 'interactive', short: 'i', takesValue: false, summary: "Keep the container's standard input open." },
  {
    name: 'tty',
    short: 't',
    takesValue: false,
    summary: 'Give the container a pseudo-terminal.',
    pitfall:
      'A unit has no terminal; with `-t` output gets terminal control codes in the journal. Usually not wanted under systemd.',
  },
  {
    name: 'rm',
    takesValue: false,
    summary: 'Delete the container (and its anonymous volumes) when it exits.',
    pitfall:
      'Together with `--name` this keeps restarts working, because the name is free again after exit — unless the machine lost power, so keep an `ExecStartPre=-… rm NAME` too.',
  },
  {
    name: 'name',
    takesValue: true,
    valueHint: 'NAME',
    summary: 'Give the container a fixed name.',
    pitfall:
      'A stopped container keeps its name: without `--rm` or an `ExecStartPre=-/usr/bin/docker rm NAME` the next start fails with "name already in use".',
  },
  {
    name: 'publish',
    short: 'p',
    takesValue: true,
    valueHint: '[IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]',
    summary: 'Map a container port to a host port.',
    pitfall: portPitfall,
  },
  {
    name: 'publish-all',
    short: 'P',
    takesValue: false,
    summary: 'Map every port the image declares (`EXPOSE`) to random host ports on every interface.',
    pitfall: portPitfall,
  },
  {
    name: 'network',
    aliases: ['net'],
    takesValue: true,
    valueHint: 'NETWORK',
    summary: 'Connect the container to a network (`bridge`, `host`, `none`, a user-defined network, `container:NAME`).',
    choices: networkChoices,
    pitfall:
      "With `host` the container uses the host's ports directly: everything it listens on is reachable like a host service (INPUT rules do apply), and `-p` is ignored.",
  },
  {
    name: 'network-alias',
    aliases: ['net-alias'],
    takesValue: true,
    valueHint: 'ALIAS',
    summary: 'Extra DNS name of the container on its network.',
  },
  {
    name: 'env',
    short: 'e',
    takesValue: true,
    valueHint: 'KEY=VALUE',
    summary: 'Set an environment variable in the container (`KEY` alone copies it from the client).',
    pitfall:
      'In a unit, `$VAR` is expanded by systemd before Docker sees it; secrets here appear in `ps` and `docker inspect`.',
  },
  {
    name: 'env-file',
    takesValue: true,
    valueHint: 'FILE',
    summary: 'Read environment variables from a file, one `KEY=VALUE` per line.',
    pitfall: 'Quotes in the file are kept literally, unlike a shell or systemd `EnvironmentFile=`.',
  },
  {
    name: 'volume',
    short: 'v',
    takesValue: true,
    valueHint: 'HOST_PATH:CONTAINER_PATH[:ro]',
    summary: 'Mount a host path or a named volume into the container.',
    pitfall: 'A missing host path is created as an empty root-owned directory instead of failing.',
  },
  {
    name: 'mount',
    takesValue: true,
    valueHint: 'type=bind,source=…,target=…',
    summary: 'Mount a bind, volume or tmpfs with explicit key=value options.',
  },
  {
    name: 'restart',
    takesValue: true,
    valueHint: 'POLICY',
    summary: 'Let the Docker daemon restart the container (`no`, `on-failure[:N]`, `always`, `unless-stopped`).',
    choices: restartChoices,
    pitfall:
      'Under systemd let `Restart=` restart the service instead: two supervisors fight, and the daemon may bring back a container the unit has stopped.',
  },
  {
    name: 'user',
    short: 'u',
    takesValue: true,
    valueHint: 'USER[:GROUP]',
    summary: 'Run the container process as this user (name or UID).',
  },
  {
    name: 'workdir',
    short: 'w',
    takesValue: true,
    valueHint: 'DIR',
    summary: 'Working directory inside the container.',
  },
  {
    name: 'entrypoint',
    takesValue: true,
    valueHint: 'COMMAND',
    summary: "Replace the image's entrypoint (a single program; its arguments go after the image).",
  },
  { name: 'hostname', short: 'h', takesValue: true, valueHint: 'NAME', summary: "The container's host name." },
  { name: 'domainname', takesValue: true, valueHint: 'NAME', summary: "The container's NIS domain name." },
  { name: 'add-host', takesValue: true, valueHint: 'HOST:IP', summary: "Add a line to the container's /etc/hosts." },
  { name: 'dns', takesValue: true, valueHint: 'IP', summary: 'DNS server for the container.' },
  {
    name: 'dns-option',
    aliases: ['dns-opt'],
    takesValue: true,
    valueHint: 'OPTION',
    summary: 'resolv.conf option for the container.',
  },
  { name: 'dns-search', takesValue: true, valueHint: 'DOMAIN', summary: 'DNS search domain for the container.' },
  { name: 'label', short: 'l', takesValue: true, valueHint: 'KEY=VALUE', summary: 'Attach metadata to the container.' },
  { name: 'label-file', takesValue: true, valueHint: 'FILE', summary: 'Read labels from a file.' },
  { name: 'annotation', takesValue: true, valueHint: 'KEY=VALUE', summary: 'OCI annotation passed to the runtime.' },
  {
    name: 'log-driver',
    takesValue: true,
    valueHint: 'DRIVER',
    summary: "Where the container's output goes (`json-file`, `journald`, `local`, …).",
    choices: logDriverChoices,
    pitfall:
      "With the default `json-file` driver logs grow without limit; under systemd `journald` puts them next to the unit's own.",
  },
  {
    name: 'log-opt',
    takesValue: true,
    valueHint: 'KEY=VALUE',
    summary: 'Option for the log driver (`max-size=10m`, `tag=…`).',
  },
  {
    name: 'privileged',
    takesValue: false,
    summary: 'Give the container almost all host privileges and devices.',
    pitfall: 'Equivalent to root on the host: avoid unless the container manages the host.',
  },
  {
    name: 'cap-add',
    takesValue: true,
    valueHint: 'CAPABILITY',
    summary: 'Add a Linux capability (`NET_ADMIN`, `SYS_TIME`, `ALL`).',
  },
  {
    name: 'cap-drop',
    takesValue: true,
    valueHint: 'CAPABILITY',
    summary: 'Remove a Linux capability (`ALL` then add back what is needed).',
  },
  {
    name: 'memory',
    short: 'm',
    takesValue: true,
    valueHint: 'SIZE',
    summary: 'Hard memory limit (`512m`, `2g`); the container is killed when it goes over.',
  },
  {
    name: 'memory-reservation',
    takesValue: true,
    valueHint: 'SIZE',
    summary: 'Soft memory limit applied when the host runs short.',
  },
  {
    name: 'memory-swap',
    takesValue: true,
    valueHint: 'SIZE',
    summary: 'Memory plus swap limit (`-1` for unlimited swap).',
  },
  {
    name: 'memory-swappiness',
    takesValue: true,
    valueHint: '0-100',
    summary: "How readily the container's pages are swapped.",
  },
  {
    name: 'kernel-memory',
    takesValue: true,
    valueHint: 'SIZE',
    summary: 'Kernel memory limit (ignored by current kernels).',
  },
  {
    name: 'oom-kill-disable',
    takesValue: false,
    summary: 'Do not OOM-kill the container.',
    pitfall: 'Without a `--memory` limit this can hang the whole host.',
  },
  {
    name: 'oom-score-adj',
    takesValue: true,
    valueHint: '-1000..1000',
    summary: "Adjust the container's OOM-killer preference.",
  },
  { name: 'cpus', takesValue: true, valueHint: 'NUMBER', summary: 'CPU limit in cores (`1.5`).' },
  {
    name: 'cpu-shares',
    short: 'c',
    takesValue: true,
    valueHint: 'WEIGHT',
    summary: 'Relative CPU weight under contention (default 1024).',
  },
  { name: 'cpu-period', takesValue: true, valueHint: 'MICROSECONDS', summary: 'CFS scheduler period.' },
  { name: 'cpu-quota', takesValue: true, valueHint: 'MICROSECONDS', summary: 'CFS scheduler quota per period.' },
  { name: 'cpu-rt-period', takesValue: true, valueHint: 'MICROSECONDS', summary: 'Real-time scheduler period.' },
  { name: 'cpu-rt-runtime', takesValue: true, valueHint: 'MICROSECONDS', summary: 'Real-time scheduler runtime.' },
  { name: 'cpuset-cpus', takesValue: true, valueHint: '0-3,5', summary: 'CPUs the container may run on.' },
  { name: 'cpuset-mems', takesValue: true, valueHint: '0-1', summary: 'Memory nodes the container may use.' },
  { name: 'blkio-weight', takesValue: true, valueHint: '10-1000', summary: 'Relative block I/O weight.' },
  {
    name: 'blkio-weight-device',
    takesValue: true,
    valueHint: 'DEVICE:WEIGHT',
    summary: 'Block I/O weight for one device.',
  },
  { name: 'device-read-bps', takesValue: true, valueHint: 'DEVICE:RATE', summary: 'Read rate limit for a device.' },
  {
    name: 'device-read-iops',
    takesValue: true,
    valueHint: 'DEVICE:RATE',
    summary: 'Read operations limit for a device.',
  },
  { name: 'device-write-bps', takesValue: true, valueHint: 'DEVICE:RATE', summary: 'Write rate limit for a device.' },
  {
    name: 'device-write-iops',
    takesValue: true,
    valueHint: 'DEVICE:RATE',
    summary: 'Write operations limit for a device.',
  },
  {
    name: 'pids-limit',
    takesValue: true,
    valueHint: 'NUMBER',
    summary: 'Maximum number of processes in the container.',
  },
  {
    name: 'pid',
    takesValue: true,
    valueHint: 'host|container:NAME',
    summary: 'PID namespace to use (`host` shows every host process).',
  },
  {
    name: 'ipc',
    takesValue: true,
    valueHint: 'MODE',
    summary: 'IPC namespace (`private`, `shareable`, `host`, `container:NAME`).',
  },
  { name: 'uts', takesValue: true, valueHint: 'host', summary: 'UTS namespace (`host` shares the host name).' },
  { name: 'userns', takesValue: true, valueHint: 'MODE', summary: 'User namespace mode (`host` turns off remapping).' },
  { name: 'cgroupns', takesValue: true, valueHint: 'host|private', summary: 'Cgroup namespace mode.' },
  { name: 'cgroup-parent', takesValue: true, valueHint: 'CGROUP', summary: 'Parent cgroup for the container.' },
  {
    name: 'volumes-from',
    takesValue: true,
    valueHint: 'CONTAINER[:ro]',
    summary: 'Mount every volume of another container.',
  },
  { name: 'volume-driver', takesValue: true, valueHint: 'DRIVER', summary: 'Volume driver for `-v` named volumes.' },
  {
    name: 'link',
    takesValue: true,
    valueHint: 'CONTAINER[:ALIAS]',
    summary: 'Legacy link to another container on the default bridge.',
    pitfall:
      'Deprecated; the linked container must already run, so the units need ordering. Use a user-defined network instead.',
  },
  { name: 'link-local-ip', takesValue: true, valueHint: 'IP', summary: 'Link-local address for the container.' },
  { name: 'ip', takesValue: true, valueHint: 'IPv4', summary: 'Fixed IPv4 address on a user-defined network.' },
  { name: 'ip6', takesValue: true, valueHint: 'IPv6', summary: 'Fixed IPv6 address on a user-defined network.' },
  { name: 'mac-address', takesValue: true, valueHint: 'MAC', summary: 'Fixed MAC address.' },
  {
    name: 'expose',
    takesValue: true,
    valueHint: 'PORT[/PROTO]',
    summary: 'Declare a port as exposed; it is not published unless `-P` is used too.',
  },
  { name: 'init', takesValue: false, summary: 'Run a tiny init as PID 1 that reaps zombies and forwards signals.' },
  { name: 'read-only', takesValue: false, summary: "Mount the container's root filesystem read-only." },
  { name: 'tmpfs', takesValue: true, valueHint: 'PATH[:OPTIONS]', summary: 'Mount a tmpfs inside the container.' },
  {
    name: 'device',
    takesValue: true,
    valueHint: 'HOST_DEV[:CONTAINER_DEV]',
    summary: 'Give the container a host device.',
  },
  { name: 'device-cgroup-rule', takesValue: true, valueHint: 'RULE', summary: 'Allow device access by cgroup rule.' },
  {
    name: 'gpus',
    takesValue: true,
    valueHint: 'all|N',
    summary: 'Give the container GPUs (needs the NVIDIA container toolkit).',
  },
  { name: 'group-add', takesValue: true, valueHint: 'GROUP', summary: 'Additional group for the container process.' },
  {
    name: 'health-cmd',
    takesValue: true,
    valueHint: 'COMMAND',
    summary: 'Command that checks the container is healthy.',
  },
  { name: 'health-interval', takesValue: true, valueHint: 'DURATION', summary: 'Time between health checks.' },
  {
    name: 'health-retries',
    takesValue: true,
    valueHint: 'N',
    summary: 'Failures before the container counts as unhealthy.',
  },
  {
    name: 'health-start-period',
    takesValue: true,
    valueHint: 'DURATION',
    summary: 'Grace period before failures count.',
  },
  {
    name: 'health-start-interval',
    takesValue: true,
    valueHint: 'DURATION',
    summary: 'Check interval during the start period.',
  },
  { name: 'health-timeout', takesValue: true, valueHint: 'DURATION', summary: 'Time limit for one health check.' },
  { name: 'no-healthcheck', takesValue: false, summary: "Turn off the image's health check." },
  {
    name: 'stop-timeout',
    takesValue: true,
    valueHint: 'SECONDS',
    summary: 'Seconds between the stop signal and SIGKILL.',
    pitfall: "Keep it below the unit's `TimeoutStopSec=`, or systemd kills the client first.",
  },
  {
    name: 'stop-signal',
    takesValue: true,
    valueHint: 'SIGNAL',
    summary: 'Signal that stops the container (default SIGTERM).',
  },
  {
    name: 'pull',
    takesValue: true,
    valueHint: 'POLICY',
    summary: 'When to pull the image before starting (`missing`, `always`, `never`).',
    choices: pullChoices,
    pitfall:
      'With `always` the unit cannot start while the registry is down; an optional `ExecStartPre=-… pull` is gentler.',
  },
  {
    name: 'platform',
    takesValue: true,
    valueHint: 'OS/ARCH',
    summary: 'Image platform to use (`linux/amd64`, `linux/arm64`).',
  },
  {
    name: 'ulimit',
    takesValue: true,
    valueHint: 'NAME=SOFT[:HARD]',
    summary: 'Resource limit inside the container (`nofile=65536:65536`).',
  },
  {
    name: 'security-opt',
    takesValue: true,
    valueHint: 'OPTION',
    summary: 'Security option (`no-new-privileges`, `seccomp=…`, `apparmor=…`, `label=…`).',
  },
  {
    name: 'sysctl',
    takesValue: true,
    valueHint: 'KEY=VALUE',
    summary: 'Namespaced kernel parameter for the container.',
  },
  { name: 'shm-size', takesValue: true, valueHint: 'SIZE', summary: 'Size of /dev/shm (default 64m).' },
  {
    name: 'storage-opt',
    takesValue: true,
    valueHint: 'KEY=VALUE',
    summary: 'Storage driver option for the container.',
  },
  { name: 'runtime', takesValue: true, valueHint: 'RUNTIME', summary: 'OCI runtime to use.' },
  { name: 'isolation', takesValue: true, valueHint: 'MODE', summary: 'Isolation technology (Windows hosts).' },
  {
    name: 'attach',
    short: 'a',
    takesValue: true,
    valueHint: 'stdin|stdout|stderr',
    summary: 'Attach to the given streams only.',
  },
  {
    name: 'cidfile',
    takesValue: true,
    valueHint: 'FILE',
    summary: 'Write the container ID to a file.',
    pitfall: 'Fails if the file already exists, so a restart fails unless it is removed first.',
  },
  {
    name: 'detach-keys',
    takesValue: true,
    valueHint: 'KEYS',
    summary: 'Key sequence that detaches from the container.',
  },
  {
    name: 'sig-proxy',
    takesValue: false,
    summary: 'Forward signals the client receives to the container (on by default).',
  },
  { name: 'disable-content-trust', takesValue: false, summary: 'Skip image signature verification.' },
  { name: 'quiet', short: 'q', takesValue: false, summary: 'Do not print pull progress.' },
  {
    name: 'replace',
    takesValue: false,
    podmanOnly: true,
    summary: 'Podman: remove an existing container with the same name first.',
  },
  { name: 'pod', takesValue: true, valueHint: 'POD', podmanOnly: true, summary: 'Podman: run the container in a pod.' },
  {
    name: 'systemd',
    takesValue: true,
    valueHint: 'true|false|always',
    podmanOnly: true,
    summary: 'Podman: run systemd inside the container.',
  },
  {
    name: 'sdnotify',
    takesValue: true,
    valueHint: 'container|conmon|ignore',
    podmanOnly: true,
    summary: 'Podman: who sends the systemd readiness notification.',
  },
  {
    name: 'secret',
    takesValue: true,
    valueHint: 'SECRET',
    podmanOnly: true,
    summary: 'Podman: give the container a secret.',
  },
  { name: 'uidmap', takesValue: true, valueHint: 'MAPPING', podmanOnly: true, summary: 'Podman: user ID mapping.' },
  { name: 'gidmap', takesValue: true, valueHint: 'MAPPING', podmanOnly: true, summary: 'Podman: group ID mapping.' },
  {
    name: 'conmon-pidfile',
    takesValue: true,
    valueHint: 'FILE',
    podmanOnly: true,
    summary: 'Podman: write the monitor process ID to a file (for `Type=forking`).',
  },
  {
    name: 'cgroups',
    takesValue: true,
    valueHint: 'MODE',
    podmanOnly: true,
    summary: 'Podman: cgroup mode (`enabled`, `disabled`, `no-conmon`, `split`).',
  },
  {
    name: 'log-level',
    takesValue: true,
    valueHint: 'LEVEL',
    podmanOnly: true,
    summary: 'Podman: log level of podman itself.',
  },
];

const byLong = new Map<string, RunFlagSpec>();
const byShort = new Map<string, RunFlagSpec>();
for (const spec of runFlagSpecs) {
  byLong.set(spec.name, spec);
  for (const a of spec.aliases ?? []) byLong.set(a, spec);
  if (spec.short) byShort.set(spec.short, spec);
}

/** The spec of a long option name (without dashes), aliases included. */
export function longRunFlag(name: string): RunFlagSpec | undefined {
  return byLong.get(name);
}

/** The spec of a one-letter option. */
export function shortRunFlag(letter: string): RunFlagSpec | undefined {
  return byShort.get(letter);
}
