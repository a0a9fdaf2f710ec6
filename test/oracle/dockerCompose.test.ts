// Parity with `docker-compose config` (Debian 12's docker-compose 1.29.2): each Compose file below is
// written to a temporary folder and checked for real. The file is refused ⇔ the user-data writing it
// gets `docker/compose-invalid`. One known difference is listed with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diagnose, withCode } from '../helpers/service';

const svc = (body: string): string => `services:\n  web:\n    image: nginx\n${body}`;

export const composeCases: Readonly<Record<string, string>> = {
  'short ports': svc(
    '    ports: ["5432:5432", "127.0.0.1:8080:80", "9000-9005:9000-9005", "53:53/udp", "3000", "[::1]:6000:6000"]\n',
  ),
  'plain and number ports': svc('    ports:\n      - 8080:80\n      - 80\n      - 443\n'),
  'long ports': svc(
    '    ports:\n      - target: 80\n        published: 8080\n        protocol: tcp\n        mode: host\n      - target: 443\n        published: "8443"\n',
  ),
  'long ports, unknown key': svc('    ports:\n      - target: 80\n        publish: 8080\n'),
  'long ports, mode bridge': svc('    ports:\n      - target: 80\n        mode: bridge\n'),
  'long ports, host_ip': svc('    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n'),
  'ports not a list': svc('    ports: "80:80"\n'),
  'range sizes differ': svc('    ports: ["8000-8010:80-81"]\n'),
  'range to one port': svc('    ports: ["8000-8010:80"]\n'),
  'too many colons': svc('    ports: ["80:80:80:80"]\n'),
  'port not a number': svc('    ports: ["http:80"]\n'),
  'bad address accepted by config': svc('    ports: ["300.1.1.1:80:80"]\n'),
  'network_mode host with ports': svc('    network_mode: host\n    ports: ["80:80"]\n'),
  expose: svc('    expose: ["80", "443/tcp"]\n'),
  'restart unless-stopped': svc('    restart: unless-stopped\n'),
  'restart made up (accepted by config)': svc('    restart: sometimes\n'),
  'unknown service key': svc('    port: ["80:80"]\n'),
  'misspelt environment': svc('    enviroment:\n      A: b\n'),
  'x- extension key': svc('    x-note: hi\n'),
  'version 3.8': `version: "3.8"\n${svc('    ports: ["80:80"]\n')}`,
  'no image nor build': 'services:\n  web:\n    ports: ["80:80"]\n',
  'build only': 'services:\n  web:\n    build: .\n',
  'unknown top-level key': `servics:\n  web:\n    image: nginx\n`,
  'YAML error': 'services:\n  web:\n    image: nginx\n   ports: ["80:80"]\n',
  variables: svc('    ports: ["${PORT:-8080}:80"]\n'),
};

/** docker-compose 1.29 predates `host_ip` in the long syntax; Compose v2 (`docker compose`) accepts it. */
const knownDifferences: Readonly<Record<string, string>> = {
  'long ports, host_ip': 'docker-compose 1.29 refuses host_ip; Compose v2 accepts it (we follow v2)',
};

test('docker-compose config and docker/compose-invalid agree on every case', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-'));
  const disagreements: string[] = [];
  let refused = 0;
  try {
    for (const [name, text] of Object.entries(composeCases)) {
      const sub = fs.mkdtempSync(path.join(dir, 'c-'));
      fs.writeFileSync(path.join(sub, 'compose.yaml'), text);
      const r = spawnSync('docker-compose', ['-f', 'compose.yaml', 'config', '-q'], {
        cwd: sub,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, PORT: '' },
      });
      assert.ok(r.status === 0 || r.status === 1, `docker-compose ran on ${name}: ${r.error ?? r.stderr}`);
      const accepted = r.status === 0;
      if (!accepted) refused++;
      const userData = `#cloud-config\nwrite_files:\n  - path: /opt/app/compose.yaml\n    content: |\n${text
        .trimEnd()
        .split('\n')
        .map((l) => `      ${l}`)
        .join('\n')}\n`;
      const ours = withCode(diagnose(userData), 'docker/compose-invalid').length === 0;
      if (ours !== accepted && !knownDifferences[name])
        disagreements.push(
          `${name}: docker-compose ${accepted ? 'accepts' : `refuses (${r.stderr.trim().split('\n').pop()})`}, we ${ours ? 'accept' : 'refuse'}`,
        );
      if (ours === accepted && knownDifferences[name])
        disagreements.push(`${name}: listed as a difference but we now agree`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const total = Object.keys(composeCases).length;
  console.log(
    `docker-compose config: ${total - disagreements.length - Object.keys(knownDifferences).length}/${total} agree, ${Object.keys(knownDifferences).length} known difference (${refused} refused by docker-compose)`,
  );
  assert.deepEqual(disagreements, []);
});
