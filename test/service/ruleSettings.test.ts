import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettingsReporting } from '../../server/src/settings';
import { ruleSettingProblem } from '../../server/src/service/ruleSettings';
import { codes, diagnose } from '../helpers/service';

const rulesFile = '*filter\n:OUTPUT ACCEPT [5:10]\n-A OUTPUT -m state --state NEW -j ACCEPT\nCOMMIT\n';

test('a language wildcard turns every code of the language off; a code of its own wins over it', () => {
  assert.deepEqual(codes(diagnose(rulesFile, {}, 'iptables')), ['iptables/packet-counters', 'iptables/state-match']);
  assert.deepEqual(codes(diagnose(rulesFile, { rules: { 'iptables/*': 'off' } }, 'iptables')), []);
  const back = diagnose(rulesFile, { rules: { 'iptables/*': 'off', 'iptables/state-match': 'error' } }, 'iptables');
  assert.deepEqual(
    back.map((d) => [d.code, d.severity]),
    [['iptables/state-match', 1]],
  );
  // Another language's wildcard changes nothing here.
  assert.deepEqual(codes(diagnose(rulesFile, { rules: { 'systemd/*': 'off' } }, 'iptables')), [
    'iptables/packet-counters',
    'iptables/state-match',
  ]);
});

test('settings: made-up codes, bad severities and a rules value that is not an object are reported, the rest applied', () => {
  const { settings, problems } = readSettingsReporting({
    rules: {
      'iptables/lockuot': 'off',
      'docker/*': 'warn',
      'systemd/*': 'hint',
      'iptables/*': 'off',
      'cloud-config/type': 3,
    },
  });
  assert.deepEqual(settings.rules, { 'systemd/*': 'hint', 'iptables/*': 'off' });
  assert.deepEqual(problems, [
    'cloudConfig.rules: "iptables/lockuot" is not a rule code, so its setting does nothing. Did you mean "iptables/lockout"?',
    'cloudConfig.rules: "docker/*": "warn" is not a severity; use one of error, warning, information, hint, off.',
    'cloudConfig.rules: "cloud-config/type": 3 is not a severity; use one of error, warning, information, hint, off.',
  ]);
  assert.deepEqual(readSettingsReporting({ rules: ['iptables/*'] }).problems, [
    'cloudConfig.rules: must be an object of "code": "severity" entries; got ["iptables/*"].',
  ]);
  assert.deepEqual(readSettingsReporting({ rules: {} }).problems, []);
  assert.deepEqual(readSettingsReporting(undefined).problems, []);
});

test('a key far from every code gets the shape of a code instead of a guess', () => {
  assert.match(
    ruleSettingProblem('no-such-thing-at-all', 'off') ?? '',
    /is not a rule code.*Codes look like "iptables\/lockout"; "iptables\/\*" sets a whole language \(cloud-config\/\*, iptables\/\*, systemd\/\*, docker\/\*\)/,
  );
  assert.equal(ruleSettingProblem('iptables/*', 'off'), undefined);
  assert.equal(ruleSettingProblem('docker/detached', 'hint'), undefined);
});
