// The editor's limit on flow checks: above `maxRuleLines` rule lines the whole-rule-set checks are left
// out (and the limit is told, once per analysis), every other check stays; without a limit (the CLI)
// everything runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, limitFlowChecks } from '../../server/src/service/index';

/** INPUT drops by default with no reply or loopback accept (flow findings), a duplicate and a bad port. */
function rules(n: number): string {
  const lines = ['*filter', ':INPUT DROP [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  for (let i = 0; i < n; i++)
    lines.push(`-A INPUT -s 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 -p tcp -m tcp --dport 8080 -j DROP`);
  lines.push(
    '-A INPUT -p tcp -m tcp --dport 70000 -j ACCEPT',
    '-A INPUT -s 10.0.0.0/32 -p tcp -m tcp --dport 8080 -j DROP',
    'COMMIT',
    '',
  );
  return lines.join('\n');
}

const codes = (text: string): Set<string> => {
  const svc = getLanguageService();
  return new Set(
    svc
      .findings(TextDocument.create(`file:///x/rules-${text.length}`, 'iptables', 1, text), 'iptables')
      .map((f) => f.code),
  );
};

test('above the limit: flow checks are skipped and the limit is told; syntax, value and duplicate checks stay', () => {
  const told: Array<[number, number]> = [];
  limitFlowChecks({ maxRuleLines: 100, skipped: (n, max) => told.push([n, max]) });
  try {
    const large = codes(rules(200));
    assert.ok(large.has('iptables/invalid-port') && large.has('iptables/duplicate-rule'), [...large].join());
    assert.ok(!large.has('iptables/no-loopback') && !large.has('iptables/no-established'), [...large].join());
    assert.deepEqual(told, [[202, 100]]);
    // At or below the limit every check runs.
    const small = codes(rules(50));
    assert.ok(small.has('iptables/no-loopback') && small.has('iptables/no-established'), [...small].join());
    assert.equal(told.length, 1);
  } finally {
    limitFlowChecks(undefined);
  }
  // No limit (the CLI): the large file gets its flow findings.
  assert.ok(codes(rules(200)).has('iptables/no-established'));
});
