// Compose content: completion and hover inside a Compose file written by write_files and in a
// standalone Compose file; a standalone Compose file gets the findings a written one gets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyCompletion, completeAt, diagnose, doc, fixesFor, hoverAt, service, spans } from '../helpers/service';
import { detectLanguage, languageFromEditor } from '../../server/src/service/index';

const userData = (body: string): string =>
  [
    '#cloud-config',
    'packages: [docker.io, ufw]',
    'write_files:',
    '  - path: /opt/app/compose.yaml',
    '    content: |',
    ...body.split('\n').map((l) => (l ? `      ${l}` : l)),
    'runcmd:',
    '  - ufw allow 22/tcp',
    '  - ufw --force enable',
    '',
  ].join('\n');

const compose = (service: string): string => `services:\n  db:\n    image: postgres:16\n${service}`;

for (const [where, wrap, lang] of [
  ['standalone compose.yaml', (t: string) => t, 'compose'],
  ['written by write_files', userData, 'cloud-config'],
] as const) {
  describe(`compose completion: ${where}`, () => {
    it('offers service keys where a service setting goes', () => {
      const { labels, list, text } = completeAt(wrap(compose('    res|^|\n')), {}, lang);
      assert.ok(
        labels.includes('restart') && labels.includes('ports') && labels.includes('network_mode'),
        labels.join(', '),
      );
      assert.ok(!labels.includes('services'), 'top-level keys are not offered inside a service');
      const item = list.items.find((i) => i.label === 'restart');
      assert.ok(item);
      assert.match(applyCompletion(text, item), /\n {4,}restart: \n/);
    });

    it('offers the restart policies', () => {
      const { labels, list, text } = completeAt(wrap(compose('    restart: |^|\n')), {}, lang);
      assert.deepEqual(labels, ['no', 'always', 'on-failure', 'unless-stopped']);
      const item = list.items.find((i) => i.label === 'unless-stopped');
      assert.ok(item);
      assert.match(applyCompletion(text, item), /restart: unless-stopped\n/);
    });

    it('offers the network modes', () => {
      const { labels } = completeAt(wrap(compose('    network_mode: |^|\n')), {}, lang);
      assert.deepEqual(labels, ['bridge', 'host', 'none', 'service:', 'container:']);
    });

    it('offers port forms with the loopback binding first', () => {
      const { list, text } = completeAt(wrap(compose('    ports:\n      - |^|\n')), {}, lang);
      const sorted = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      assert.equal(sorted[0]?.label, '127.0.0.1:HOST:CONTAINER');
      assert.ok(sorted[0]?.preselect);
      assert.match(applyCompletion(text, sorted[0]), /- "127\.0\.0\.1:\$\{1:8080\}:\$\{2:80\}"\n/);
      const open = list.items.find((i) => i.label === 'HOST:CONTAINER');
      assert.match(String(open?.detail), /every interface/);
    });

    it('offers port forms in a flow list and after an opening quote (no second quote)', () => {
      const flow = completeAt(wrap(compose('    ports: ["8080:80", |^|]\n')), {}, lang);
      assert.equal(flow.list.items.find((i) => i.preselect)?.label, '127.0.0.1:HOST:CONTAINER');
      const quoted = completeAt(wrap(compose('    ports:\n      - "|^|\n')), {}, lang);
      const first = quoted.list.items.find((i) => i.preselect);
      assert.ok(first);
      assert.match(applyCompletion(quoted.text, first), /- "127\.0\.0\.1:\$\{1:8080\}:\$\{2:80\}\n/);
    });

    it('offers the keys of a long-syntax port entry', () => {
      const { labels } = completeAt(wrap(compose('    ports:\n      - target: 80\n        |^|\n')), {}, lang);
      assert.ok(labels.includes('host_ip') && labels.includes('published'), labels.join(', '));
      assert.ok(!labels.includes('image'));
    });
  });

  describe(`compose hover: ${where}`, () => {
    it('says what ports does, in our words', () => {
      const { markdown, rangeText } = hoverAt(wrap(compose('    po|^|rts: ["5432:5432"]\n')), {}, lang);
      assert.equal(rangeText, 'ports');
      assert.match(String(markdown), /every interface/);
      assert.match(String(markdown), /127\.0\.0\.1:/);
    });

    it('says where a port mapping publishes and that the NAT bypasses the firewall', () => {
      const open = hoverAt(wrap(compose('    ports: ["54|^|32:5432"]\n')), {}, lang);
      assert.equal(open.rangeText, '"5432:5432"');
      assert.match(String(open.markdown), /every interface of the host/);
      assert.match(String(open.markdown), /NAT/);
      assert.match(String(open.markdown), /INPUT-chain firewall rules cannot stop them/);
      const local = hoverAt(wrap(compose('    ports: ["127.0|^|.0.1:5432:5432"]\n')), {}, lang);
      assert.match(String(local.markdown), /loopback: this machine only/);
      assert.doesNotMatch(String(local.markdown), /cannot stop them/);
    });

    it('explains restart and network_mode values', () => {
      assert.match(
        String(hoverAt(wrap(compose('    restart: unless-st|^|opped\n')), {}, lang).markdown),
        /stopped by hand/,
      );
      const host = hoverAt(wrap(compose('    network_mode: ho|^|st\n')), {}, lang);
      assert.match(String(host.markdown), /host's network stack/);
      assert.match(String(hoverAt(wrap(compose('    net|^|work_mode: bridge\n')), {}, lang).markdown), /network stack/);
      assert.match(String(hoverAt(wrap(compose('    rest|^|art: always\n')), {}, lang).markdown), /after a reboot/);
    });
  });
}

describe('standalone Compose files', () => {
  it('are recognised by name, not by content, and not when they say #cloud-config', () => {
    for (const name of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.yaml',
      'web.compose.yaml',
      'compose.override.yaml',
    ]) {
      assert.equal(detectLanguage(`/srv/app/${name}`, 'services: {}\n'), 'compose', name);
    }
    assert.equal(detectLanguage('/srv/app/app.yaml', 'services: {}\n'), undefined);
    assert.equal(detectLanguage('/srv/app/compose.yaml', '#cloud-config\nruncmd: []\n'), 'cloud-config');
    assert.equal(languageFromEditor('dockercompose', 'file:///srv/app/compose.yaml', 'services: {}\n'), 'compose');
    // Kept as plain YAML by the user: left to the YAML tools.
    assert.equal(languageFromEditor('yaml', 'file:///srv/app/compose.yaml', 'services: {}\n'), undefined);
    assert.equal(languageFromEditor('yaml', 'file:///srv/app/app.yaml', 'services: {}\n'), undefined);
  });

  it('get port-exposure (with the loopback fix) and compose-invalid, as written ones do', () => {
    const text = compose('    ports: ["5432:5432", "127.0.0.1:8080:80"]\n    port: ["80:80"]\n');
    const diags = diagnose(text, {}, 'compose', 'file:///srv/app/compose.yaml');
    assert.deepEqual(spans(text, diags).sort(), ['docker/compose-invalid: port', 'docker/port-exposure: "5432:5432"']);
    const exposure = diags.find((d) => d.code === 'docker/port-exposure');
    assert.match(String(exposure?.message), /DOCKER-USER/);
    const [[title, fixed] = ['', '']] = fixesFor(
      compose('    ports: ["5432:5432"]\n'),
      'docker/port-exposure',
      {},
      'compose',
    );
    assert.match(title, /127\.0\.0\.1/);
    assert.equal(fixed, compose('    ports: ["127.0.0.1:5432:5432"]\n'));
  });

  it('have an outline (services and their settings) and fold by indentation', () => {
    const text = compose('    ports:\n      - "127.0.0.1:5432:5432"\n    restart: always\n') + 'volumes:\n  data: {}\n';
    const d = doc(text, 'compose', 'file:///srv/app/compose.yaml');
    const symbols = service().symbols(d, 'compose');
    assert.deepEqual(
      symbols.map((s) => [s.name, (s.children ?? []).map((c) => [c.name, (c.children ?? []).map((x) => x.name)])]),
      [
        ['services', [['db', ['image', 'ports', 'restart']]]],
        ['volumes', []],
      ],
    );
    const folds = service()
      .folding(d, 'compose')
      .map((f) => [f.startLine, f.endLine]);
    // services: lines 0-5, db: 1-5, ports: 3-4, volumes: 6-7
    assert.deepEqual(folds, [
      [0, 5],
      [1, 5],
      [3, 4],
      [6, 7],
    ]);
  });

  it('a clean Compose file gets nothing', () => {
    assert.deepEqual(
      diagnose(compose('    ports: ["127.0.0.1:5432:5432"]\n    restart: unless-stopped\n'), {}, 'compose'),
      [],
    );
  });
});
