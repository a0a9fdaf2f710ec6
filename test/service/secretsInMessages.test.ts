// No finding message, related note or fix title quotes a secret value (issue 13 item 9): they reach
// the CLI's text, JSON and SARIF output. Every rule on, every dialect; the documents put passwords,
// hashes, private keys, tokens and base64 content where users put them.
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
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
