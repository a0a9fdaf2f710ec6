// Every snippet we ship, expanded the way VS Code inserts it when the user accepts each default
// (placeholders → their default text, choices → the first or a chosen option, mirrors → the value of
// their placeholder), is linted by our own language service: no error and no warning. Snippets that
// are list items are linted in the document they belong in, stated per case below.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LanguageId } from '../../server/src/service/index';
import { doc, service } from '../helpers/service';
import { acceptCompletion, expandSnippet } from '../helpers/snippetExpand';
import { documentSnippets } from '../../server/src/service/cloudConfig/documentSnippets';

const root = resolve(__dirname, '..', '..', '..');

interface SnippetDef {
  readonly prefix: string;
  readonly body: readonly string[];
  readonly description?: string;
}

function loadSnippets(file: string): Map<string, SnippetDef> {
  const json = JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, SnippetDef>;
  return new Map(Object.values(json).map((s) => [s.prefix, s]));
}

const files = {
  'cloud-config': loadSnippets('cloud-config.code-snippets'),
  iptables: loadSnippets('iptables.code-snippets'),
  systemd: loadSnippets('systemd.code-snippets'),
} as const;
type Scope = keyof typeof files;

function snippet(scope: Scope, prefix: string): SnippetDef {
  const s = files[scope].get(prefix);
  assert.ok(s, `no ${scope} snippet with prefix ${prefix}`);
  return s;
}

/** The snippet expanded with defaults, each line indented by `indent` spaces (as inserted at that column). */
function expand(scope: Scope, prefix: string, indent = 0, choices: Record<number, number> = {}, final = ''): string {
  const text = expandSnippet(snippet(scope, prefix).body.join('\n'), choices, final);
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/**
 * A whole user-data snippet (offered by the server's completion) accepted with its defaults at
 * `line` of `text`, where the prefix has not been typed yet: the document afterwards.
 */
function acceptWhole(prefix: string, text = '', line = 0): string {
  const list = service().complete(doc(text), 'cloud-config', { line, character: 0 });
  const item = list.items.find((i) => i.label === prefix);
  assert.ok(
    item,
    `${prefix} not offered at line ${line + 1} of ${JSON.stringify(text)}: ${list.items.map((i) => i.label).join(', ')}`,
  );
  return acceptCompletion(text, item);
}

const covered = new Set<string>();

function lint(text: string, lang: LanguageId, uri: string): Diagnostic[] {
  return service().validate(doc(text, lang, uri), lang);
}

function assertClean(text: string, lang: LanguageId, uri = 'file:///test/user-data'): void {
  const bad = lint(text, lang, uri).filter(
    (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
  );
  const where = (d: Diagnostic) =>
    `${d.range.start.line + 1}: ${String(d.code)} ${d.message}\n    ${text.split('\n')[d.range.start.line] ?? ''}`;
  assert.deepEqual(bad.map(where), [], `expansion:\n${text}`);
}

function use(scope: Scope | 'document', ...prefixes: string[]): void {
  for (const p of prefixes) covered.add(`${scope}:${p}`);
}

const units = (items: string) => `#cloud-config\nhostname: host-01\n\ncoreos:\n  units:\n${items}\n`;

describe('cloud-config snippets lint clean', () => {
  test('cloud-config: the whole-file skeleton', () => {
    use('document', 'cloud-config');
    const text = acceptWhole('cloud-config');
    assert.ok(text.startsWith('#cloud-config\n'));
    assertClean(text, 'cloud-config');
  });

  test('cloud-config-firewall: IPv4 and IPv6 rules, both restore units enabled and started', () => {
    use('document', 'cloud-config-firewall');
    const text = acceptWhole('cloud-config-firewall');
    for (const must of [
      '/var/lib/iptables/rules-save',
      '/var/lib/ip6tables/rules-save',
      'name: iptables-restore.service',
      'name: ip6tables-restore.service',
      '-p ipv6-icmp',
    ]) {
      assert.ok(text.includes(must), `lacks ${must}`);
    }
    assert.equal(text.match(/^ {6}COMMIT$/gm)?.length, 2);
    assert.equal(
      text.match(/--dport 22 -j ACCEPT/g)?.length,
      2,
      'the SSH port placeholder is mirrored into the IPv6 rules',
    );
    assertClean(text, 'cloud-config');
  });

  test('docker-firewall: DOCKER-USER filtered by an ipset the config creates before the rules load', () => {
    use('document', 'docker-firewall');
    const text = acceptWhole('docker-firewall');
    assert.match(text, /^ {6}:DOCKER-USER - \[0:0\]$/m);
    assert.match(text, /-A DOCKER-USER -i eth0 -m set --match-set docker-allow src -j RETURN/);
    assert.match(text, /ipset -exist create docker-allow hash:net/);
    assert.match(text, /Before=iptables-restore\.service/);
    assertClean(text, 'cloud-config');
  });

  test('whole user-data snippets write exactly one #cloud-config header, on line 1', () => {
    for (const { prefix } of documentSnippets) {
      const cases: Array<[string, string, number]> = [
        ['an empty document', '', 0],
        ['below an existing header', '#cloud-config\n', 1],
        ['below a header and a blank line', '#cloud-config\n\n', 2],
        ['below the jinja template line and the header', '## template: jinja\n#cloud-config\n', 2],
        ['in a document without a header (the header goes on line 1)', 'manage_etc_hosts: localhost\n\n', 2],
      ];
      for (const [where, before, line] of cases) {
        const text = acceptWhole(prefix, before, line);
        assert.equal(text.match(/^#cloud-config$/gm)?.length, 1, `${prefix} ${where}:\n${text}`);
        assert.ok(
          /^(## template: jinja\n)?#cloud-config\n/.test(text),
          `${prefix} ${where}: header on line 1\n${text}`,
        );
        assertClean(text, 'cloud-config');
      }
    }
  });

  test('a whole user-data snippet is not offered where it would repeat a top-level key', () => {
    const list = service().complete(doc('#cloud-config\nwrite_files: []\n\n'), 'cloud-config', {
      line: 3,
      character: 0,
    });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('cloud-config'), labels.join(', '));
    assert.ok(!labels.includes('cloud-config-firewall') && !labels.includes('docker-firewall'), labels.join(', '));
  });

  test('unit, docker-unit and drop-in as coreos.units items', () => {
    use('cloud-config', 'unit', 'docker-unit', 'drop-in');
    const docker = expand('cloud-config', 'docker-unit', 4);
    assert.match(docker, /-p 127\.0\.0\.1:8080:80 /, 'the port is published on 127.0.0.1 only');
    assert.doesNotMatch(docker, / -d | --detach /);
    for (const step of [
      '-/usr/bin/docker kill web',
      '-/usr/bin/docker rm web',
      '-/usr/bin/docker pull nginx:1.27',
      'ExecStop=/usr/bin/docker stop web',
      'WantedBy=multi-user.target',
    ]) {
      assert.ok(docker.includes(step), `docker-unit lacks ${step}`);
    }
    assertClean(
      units([expand('cloud-config', 'unit', 4), docker, expand('cloud-config', 'drop-in', 4)].join('\n')),
      'cloud-config',
    );
  });

  test('firewall (write_files item) with iptables-restore-unit (first choice)', () => {
    use('cloud-config', 'firewall', 'iptables-restore-unit');
    const rules = expand('cloud-config', 'firewall', 2);
    for (const must of ['-i lo -j ACCEPT', '--ctstate RELATED,ESTABLISHED -j ACCEPT', '--dport 22 -j ACCEPT'])
      assert.ok(rules.includes(must), `lacks ${must}`);
    assert.match(rules, /^ {6}COMMIT$/m);
    assertClean(
      `${units(expand('cloud-config', 'iptables-restore-unit', 4))}\nwrite_files:\n${rules}\n`,
      'cloud-config',
    );
  });

  test('firewall6 (write_files item) with iptables-restore-unit (ip6tables choice)', () => {
    use('cloud-config', 'firewall6');
    const rules = expand('cloud-config', 'firewall6', 2);
    assert.ok(rules.includes('/var/lib/ip6tables/rules-save'));
    const unit = expand('cloud-config', 'iptables-restore-unit', 4, { 1: 1 });
    assert.ok(unit.includes('ip6tables-restore.service'));
    assertClean(`${units(unit)}\nwrite_files:\n${rules}\n`, 'cloud-config');
  });

  test('write-file and registry-auth as write_files items; credentials readable by the owner only', () => {
    use('cloud-config', 'write-file', 'registry-auth');
    const auth = expand('cloud-config', 'registry-auth', 2);
    assert.match(auth, /^ {4}permissions: "0600"$/m);
    assert.match(auth, /\.docker\/config\.json$/m);
    assertClean(
      `#cloud-config\nhostname: host-01\n\nwrite_files:\n${expand('cloud-config', 'write-file', 2, {}, 'motd')}\n${auth}\n`,
      'cloud-config',
    );
  });
});

describe('iptables snippets lint clean', () => {
  test('filter (IPv4 rules-save file)', () => {
    use('iptables', 'filter');
    const text = expand('iptables', 'filter');
    assert.ok(text.endsWith('COMMIT\n'), 'the file ends with COMMIT and a newline');
    assertClean(text, 'iptables', 'file:///test/rules.v4');
  });

  test('filter6 (IPv6 rules-save file)', () => {
    use('iptables', 'filter6');
    assertClean(expand('iptables', 'filter6'), 'ip6tables', 'file:///test/rules.v6');
  });

  test('rule-accept-port and docker-user inside the filter table', () => {
    use('iptables', 'rule-accept-port', 'docker-user');
    const inner = `${expand('iptables', 'rule-accept-port')}\n${expand('iptables', 'docker-user')}`;
    const text = expand('iptables', 'filter', 0, {}, inner);
    assert.match(text, /^:DOCKER-USER - \[0:0\]$/m);
    assertClean(text, 'iptables', 'file:///test/rules.v4');
  });
});

describe('systemd snippets lint clean', () => {
  test('docker-service: kill/rm/pull/run/stop, 127.0.0.1, no -d, [Install]', () => {
    use('systemd', 'docker-service');
    const text = expand('systemd', 'docker-service');
    assert.match(text, /^After=docker\.service$/m);
    assert.match(text, /^Requires=docker\.service$/m);
    assert.match(text, /^ExecStart=\/usr\/bin\/docker run --rm --name web -p 127\.0\.0\.1:8080:80 nginx:1\.27$/m);
    assert.match(text, /^\[Install\]$/m);
    assertClean(text, 'systemd', 'file:///test/web.service');
  });

  test('service: a plain unit', () => {
    use('systemd', 'service');
    assertClean(expand('systemd', 'service'), 'systemd', 'file:///test/app.service');
  });
});

describe('snippet files', () => {
  test('every snippet parses and has a lint case above', () => {
    for (const [scope, snippets] of Object.entries(files)) {
      for (const [prefix, s] of snippets) {
        assert.doesNotThrow(() => expandSnippet(s.body.join('\n')), `${scope}:${prefix}`);
        assert.ok(s.description && s.description.length > 20, `${scope}:${prefix} needs a description`);
      }
    }
    for (const s of documentSnippets) {
      assert.doesNotThrow(() => expandSnippet(s.body.join('\n')), `document:${s.prefix}`);
      assert.ok(
        !s.body.some((l) => l.startsWith('#cloud-config')),
        `document:${s.prefix}: the server adds the header where it is missing`,
      );
    }
    const all = [
      ...Object.entries(files).flatMap(([scope, snippets]) => [...snippets.keys()].map((p) => `${scope}:${p}`)),
      ...documentSnippets.map((s) => `document:${s.prefix}`),
    ];
    assert.deepEqual(
      all.filter((k) => !covered.has(k)),
      [],
      'snippets without a lint case',
    );
  });

  test('the expansion follows VS Code: mirrors take their placeholder default, choices their option', () => {
    assert.equal(expandSnippet('${1} x ${1:web} ${2|a,b|} $0', { 2: 1 }, 'END'), 'web x web b END');
    assert.equal(expandSnippet('a \\$1 ${1:x${2:y}}'), 'a $1 xy');
    assert.throws(() => expandSnippet('${1:open'));
  });
});
