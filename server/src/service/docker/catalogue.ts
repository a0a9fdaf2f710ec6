/**
 * The docker rule catalogue: every `docker/*` code (docker command lines in units), its default
 * severity and its documentation. Codes are public: never rename one.
 *
 * To add a rule:
 *   1. add its entry here (every field; `bad` must be reported by this code and by nothing else,
 *      `good` must not be reported by it; both are linted by test/service/catalogue.test.ts);
 *   2. report it from its rule file (docker command lines in units: systemd/rules/dockerRules.ts, on
 *      the command-line model of this folder; `{ code: 'docker/<code>', … }`: `Finding.code` is
 *      typed, a misspelt or uncatalogued code does not compile);
 *   3. test it (test/service/docker*.test.ts);
 *   4. run `npm run docs:rules` to regenerate docs/rules/, the README tables and the settings schema
 *      (a test fails while they are stale).
 */
import { lines, type RuleEntry } from '../ruleEntry';

const head = ['[Unit]', 'After=docker.service', 'Requires=docker.service', '', '[Service]'];
const unit = (...service: string[]) => ({ file: 'web.service', text: lines(...head, ...service) });

export const dockerCatalogue = {
  'docker/detached': {
    severity: 'warning',
    summary: 'docker run -d in ExecStart: the client exits at once and systemd loses the container.',
    why: 'With `-d` the docker client returns as soon as the container starts: systemd sees the service end, stops tracking the container and `Restart=` loops.',
    bad: unit('ExecStart=/usr/bin/docker run -d --rm --name web nginx'),
    good: unit('ExecStart=/usr/bin/docker run --rm --name web nginx'),
    fix: 'Remove `-d`/`--detach` so the client stays in the foreground; the quick fix removes the flag.',
    realTool:
      '`docker run -d` prints the container id and exits 0; a `Type=simple` service whose main process exited is inactive.',
  },
  'docker/port-exposure': {
    severity: 'warning',
    summary: 'A container port is published on every interface, past INPUT-chain firewall rules.',
    why: "`-p 80:80` listens on every address of the machine, and Docker's own NAT rules send the traffic past the INPUT chain: the firewall you wrote does not apply.",
    bad: unit('ExecStart=/usr/bin/docker run --rm --name web -p 8080:80 nginx'),
    good: unit('ExecStart=/usr/bin/docker run --rm --name web -p 127.0.0.1:8080:80 nginx'),
    fix: 'Bind to one address (`-p 127.0.0.1:8080:80`; the quick fix does), or filter the port in the DOCKER-USER chain.',
    realTool:
      'Docker DNATs published ports in nat PREROUTING and accepts them in FORWARD; INPUT never sees those packets.',
  },
  'docker/name-conflict': {
    severity: 'warning',
    summary: 'A named container is not removed, so the next start fails on the taken name.',
    why: 'A stopped container keeps its name: the next `docker run --name web` fails with "name already in use", and the service never comes back.',
    bad: unit('ExecStart=/usr/bin/docker run --name web nginx'),
    good: unit('ExecStartPre=-/usr/bin/docker rm -f web', 'ExecStart=/usr/bin/docker run --name web nginx'),
    fix: 'Add `--rm`, or remove the old container first (`ExecStartPre=-/usr/bin/docker rm -f web`); the quick fix inserts the pre-steps.',
    realTool:
      'docker refuses to create a container whose name exists: "Conflict. The container name \\"/web\\" is already in use".',
  },
  'docker/pull-not-optional': {
    severity: 'information',
    summary: 'An image pull without the - prefix fails the unit whenever the registry is unreachable.',
    why: 'Without `-` a failed pull fails the whole start, even when the image is already on the machine.',
    bad: unit('ExecStartPre=/usr/bin/docker pull nginx', 'ExecStart=/usr/bin/docker run --rm --name web nginx'),
    good: unit('ExecStartPre=-/usr/bin/docker pull nginx', 'ExecStart=/usr/bin/docker run --rm --name web nginx'),
    fix: 'Prefix the pull with `-`; the quick fix adds it.',
    realTool:
      'systemd fails a start when an `ExecStartPre=` command exits non-zero, unless the command has the `-` prefix.',
  },
  'docker/missing-dependency': {
    severity: 'warning',
    summary: 'The unit runs docker without ordering itself after docker.service.',
    why: 'At boot the unit may start before the Docker daemon is up: `docker run` fails with "Cannot connect to the Docker daemon".',
    bad: { file: 'web.service', text: lines('[Service]', 'ExecStart=/usr/bin/docker run --rm --name web nginx') },
    good: unit('ExecStart=/usr/bin/docker run --rm --name web nginx'),
    fix: 'Add `After=docker.service` and `Requires=docker.service` to `[Unit]`; the quick fix adds them.',
    realTool: 'systemd starts units in parallel unless `After=` orders them; `Requires=` alone does not order.',
  },
  'docker/compose-invalid': {
    severity: 'error',
    summary: 'A Compose file that docker compose refuses.',
    why: 'Compose reads the whole file before it starts anything: one unknown service setting, a malformed port or a service without an image stops every container of the file.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /opt/app/compose.yaml',
        '    content: |',
        '      services:',
        '        web:',
        '          image: nginx',
        '          port: ["127.0.0.1:8080:80"]',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /opt/app/compose.yaml',
        '    content: |',
        '      services:',
        '        web:',
        '          image: nginx',
        '          ports: ["127.0.0.1:8080:80"]',
      ),
    },
    fix: 'Use the settings of the Compose Specification (the message suggests the closest), give each service an `image` or a `build`, write `ports` as a list of `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` strings or `target:` mappings.',
    realTool:
      "`docker-compose config` (1.29.2) exits 1 with \"Unsupported config option for services.web: 'port' (did you mean 'ports'?)\"; the oracle tier compares its verdicts case by case.",
  },
} as const satisfies Record<`docker/${string}`, RuleEntry>;

export type DockerCode = keyof typeof dockerCatalogue;
