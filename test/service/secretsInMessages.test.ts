// No finding message, related note or fix title quotes a secret value (issue 13 item 9): they reach
// the CLI's text, JSON and SARIF output. Nor does the outline (symbol names and details) or a hover.
// Every rule on, every dialect; the documents put passwords, hashes, private and public keys, tokens,
// URL credentials and base64 content where users put them.
import { test } from 'node:test';
import type { DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-types';
import assert from 'node:assert/strict';
import { allRules } from '../../server/src/service/rules';
import type { DialectSetting } from '../../server/src/service/types';
import { doc, service } from '../helpers/service';
import { secretDocs, secrets } from '../helpers/secretDocs';
import { redactSecrets } from '../../server/src/service/secretValue';

const messageText = (m: string | MarkupContent): string => (typeof m === 'string' ? m : m.value);
const everyRule = Object.fromEntries(allRules().map(([code]) => [code, 'warning' as const]));

for (const dialect of ['auto', 'coreos', 'cloud-init'] as const satisfies readonly DialectSetting[]) {
  test(`messages, related notes and fix titles quote no secret (dialect ${dialect})`, () => {
    const svc = service({ dialect, rules: everyRule });
    const seenCodes = new Set<string>();
    for (const [name, lang, text] of secretDocs) {
      const d = doc(text, lang, `file:///secrets/${name}`);
      const shown: string[] = [];
      for (const diag of svc.validate(d, lang)) {
        seenCodes.add(String(diag.code));
        shown.push(messageText(diag.message), ...(diag.relatedInformation ?? []).map((r) => r.message));
        shown.push(...svc.codeActions(d, lang, diag.range).map((a) => a.title));
      }
      const all = shown.join('\n');
      for (const s of secrets)
        assert.ok(!all.includes(s), `${name}: "${s}" is shown in\n${shown.filter((m) => m.includes(s)).join('\n')}`);
    }
    // The documents do reach the rules that quote values near secrets.
    for (const code of [
      'systemd/invalid-value',
      'systemd/credentials-in-environment',
      'iptables/syntax',
      'cloud-config/secret-permissions',
      'docker/port-exposure',
    ]) {
      assert.ok(seenCodes.has(code), `no ${code} finding: ${[...seenCodes].join(', ')}`);
    }
    if (dialect === 'cloud-init') assert.ok(seenCodes.has('cloud-config/type'));
  });
}

test('an invalid Environment= word is named without its value', () => {
  const svc = service();
  const text =
    '[Service]\nEnvironment="DB-PASSWORD=HyphenNamePw" "=NamelessValue" StrayPasswordWord\nExecStart=/bin/true\n';
  const messages = svc
    .validate(doc(text, 'systemd'), 'systemd')
    .filter((x) => x.code === 'systemd/invalid-value')
    .map((x) => messageText(x.message));
  assert.deepEqual(
    messages.map((m) => m.split(' is not')[0]),
    ["'DB-PASSWORD=…'", 'An assignment with no name', "A word without '='"],
  );
});

test('quoting a number under a secret-named key: the fix title does not repeat the number', () => {
  const svc = service({ dialect: 'cloud-init' });
  const d = doc('#cloud-config\nusers:\n  - name: db\n    plain_text_passwd: 9988776655\n    gecos: 12345\n');
  const titles = svc
    .validate(d, 'cloud-config')
    .filter((x) => x.code === 'cloud-config/type')
    .flatMap((x) => svc.codeActions(d, 'cloud-config', x.range, ['quickfix']).map((a) => a.title));
  assert.deepEqual(titles.sort(), ['Quote as "12345"', 'Quote it as a string']);
});

test('redactSecrets hides secret-named assignments, key blocks and crypt hashes, and nothing else', () => {
  assert.equal(
    redactSecrets('\'DB_PASSWORD=x1\' and `API_TOKEN="a b"` and MODE=prod'),
    '\'DB_PASSWORD=••••••\' and `API_TOKEN="••••••"` and MODE=prod',
  );
  assert.equal(
    redactSecrets('line -----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY----- end'),
    'line •••••• end',
  );
  assert.equal(redactSecrets('hash $6$salt$abcdef here'), 'hash •••••• here');
  assert.equal(
    redactSecrets('Move it to an EnvironmentFile= readable by root (ExecStart=/bin/x, PORT=80)'),
    'Move it to an EnvironmentFile= readable by root (ExecStart=/bin/x, PORT=80)',
  );
});

/** Every symbol as `name | detail`, children indented under their parent. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} | ${s.detail ?? ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

const hoverText = (h: Hover): string => {
  const c = h.contents;
  if (Array.isArray(c)) return c.map((m) => (typeof m === 'string' ? m : m.value)).join('\n');
  return typeof c === 'string' ? c : c.value;
};

for (const dialect of ['auto', 'coreos', 'cloud-init'] as const satisfies readonly DialectSetting[]) {
  test(`the outline shows no secret, in user-data, embedded units, rules and compose files and standalone files (dialect ${dialect})`, () => {
    const svc = service({ dialect });
    const shown: string[] = [];
    for (const [name, lang, text] of secretDocs) {
      const lines = outline(svc.symbols(doc(text, lang, `file:///secrets/${name}`), lang));
      for (const s of secrets)
        assert.ok(
          !lines.join('\n').includes(s),
          `${name}: "${s}" is in the outline:\n${lines.filter((l) => l.includes(s)).join('\n')}`,
        );
      shown.push(...lines.map((l) => `${name}: ${l.trim()}`));
    }
    // What is around a secret stays readable: the outline still names these entries.
    for (const entry of [
      'user-data: docker run -d -e DB_PASSWORD=•••••• -e API_TOKEN=•••••• -p 8 |',
      'user-data: docker run --env "SECRET_KEY=••••••" -p 8080:80 --name x app |',
      'user-data: source | deb https://user:••••••@repo.example.com/ focal main',
      'user-data: proxy | http://aptuser:••••••@proxy.example.com:3128',
      'user-data: apt_proxy | http://ops:••••••@proxy.example.com:3128',
      'user-data: ssh-ed25519 •••••• ops@laptop |',
      'user-data: content | ••••••',
      'user-data: -A INPUT -m comment --comment "DB_PASSWORD=••••••" -j ACCEPT |',
      'app.service: Environment | "DB-PASSWORD=••••••" 1TOKEN=•••••• "=••••••" ••••••',
      'app.service: ExecStartPre | /usr/bin/curl -fsS https://admin:••••••@example.com/ready',
      'coreos.cloud-config.yaml: ssh-rsa •••••• core@host |',
      'coreos.cloud-config.yaml: discovery | https://etcd:••••••@discovery.example.com/abc',
      'coreos.cloud-config.yaml: ExecStartPre | /usr/bin/docker run --rm -e DB_PASSWORD=•••••• busybox true',
      'coreos.cloud-config.yaml: -A INPUT -m comment --comment "API_TOKEN=••••••" -j ACCEPT |',
      'rules.v4: -A INPUT -m comment --comment "API_TOKEN=••••••" -j ACCEPT |',
      'docker-compose.yml: db |',
      'docker-compose.yml: environment |',
    ])
      assert.ok(shown.includes(entry), `no outline entry "${entry}" in\n${shown.join('\n')}`);
    // The private keys in ssh_authorized_keys are list items: hidden whole.
    assert.ok(shown.filter((l) => l.startsWith('user-data: ••••••')).length >= 2, shown.join('\n'));
    assert.ok(shown.includes('coreos.cloud-config.yaml: •••••• |'), shown.join('\n'));
  });

  test(`no hover anywhere in the documents shows a secret (dialect ${dialect})`, () => {
    const svc = service({ dialect });
    let hovers = 0;
    for (const [name, lang, text] of secretDocs) {
      const d = doc(text, lang, `file:///secrets/${name}`);
      text.split('\n').forEach((line, n) => {
        for (let character = 0; character <= line.length; character++) {
          const h = svc.hover(d, lang, { line: n, character });
          if (!h) continue;
          hovers++;
          const value = hoverText(h);
          for (const s of secrets)
            assert.ok(!value.includes(s), `${name}:${n + 1}:${character + 1}: "${s}" is in the hover:\n${value}`);
        }
      });
    }
    assert.ok(hovers > 1000, `${hovers} hovers`);
  });
}

test('redactSecrets hides URL passwords and SSH public key material, keeping what is around them', () => {
  assert.equal(
    redactSecrets('deb https://user:pw1@repo.example.com/ focal main; http://a:b@p:3128'),
    'deb https://user:••••••@repo.example.com/ focal main; http://a:••••••@p:3128',
  );
  assert.equal(
    redactSecrets('https://repo.example.com:8443/x and user@host:22'),
    'https://repo.example.com:8443/x and user@host:22',
  );
  assert.equal(
    redactSecrets('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyBody+/x= ops@laptop'),
    'ssh-ed25519 •••••• ops@laptop',
  );
});

test('redactSecrets takes time in proportion to the text: long runs of name, scheme and key characters', () => {
  redactSecrets('warm DB_PASSWORD=x');
  const n = 50_000;
  const shapes = [
    `${'a'.repeat(n)} =`,
    `${'a'.repeat(n)}=`,
    `${'a-'.repeat(n / 2)} =`,
    `x://${'a'.repeat(n)} @`,
    `$1$${'a'.repeat(n)} $`,
    `-----BEGIN ${'A'.repeat(n)}`,
    `ssh-rsa AAAA${'A'.repeat(n)}!`,
    'a="'.repeat(n / 3),
    'PASSWORD=x '.repeat(n / 11),
  ];
  const before = process.cpuUsage();
  for (const s of shapes) redactSecrets(s);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  // About 10 ms here; when a name or a URL scheme could start anywhere in a run, each of these took seconds.
  assert.ok(ms < 500, `${ms.toFixed(0)} ms of CPU`);
  assert.equal(redactSecrets(`${'a'.repeat(n)}_TOKEN=x`), `${'a'.repeat(n)}_TOKEN=••••••`);
});
