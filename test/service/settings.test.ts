import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/index';
import { applyAction, codes, diagnose, doc, fixesFor, rangeText, service, spans, withCode } from '../helpers/service';

const writeFilesHyphen = '#cloud-config\nwrite-files:\n  - path: /etc/motd\n    content: hi\n';

describe('dialect setting', () => {
  test('`write-files:` is a hint in coreos but an unknown-key warning in cloud-init', () => {
    const coreos = diagnose(writeFilesHyphen, { dialect: 'coreos' });
    assert.deepEqual(spans(writeFilesHyphen, coreos), ['cloud-config/hyphen-key: write-files']);
    assert.equal(coreos[0]!.severity, DiagnosticSeverity.Hint);
    const cloudInit = diagnose(writeFilesHyphen, { dialect: 'cloud-init' });
    assert.deepEqual(spans(writeFilesHyphen, cloudInit), ['cloud-config/unknown-key: write-files']);
    assert.equal(cloudInit[0]!.severity, DiagnosticSeverity.Warning);
  });

  test('auto: cloud-init without a top-level `coreos:` key, coreos with one', () => {
    assert.deepEqual(codes(diagnose(writeFilesHyphen)), ['cloud-config/unknown-key']);
    const withCoreos = `${writeFilesHyphen}coreos:\n  units: []\n`;
    assert.deepEqual(codes(diagnose(withCoreos)), ['cloud-config/hyphen-key']);
  });

  test('forcing cloud-init on a CoreOS file reports the coreos tree as unknown', () => {
    const text = '#cloud-config\ncoreos:\n  units:\n    - name: docker.service\n      command: start\n';
    assert.deepEqual(diagnose(text), []);
    assert.deepEqual(spans(text, diagnose(text, { dialect: 'cloud-init' })), ['cloud-config/unknown-key: coreos']);
  });

  test('the dialect changes value checks: unquoted `0o644` is fine in cloud-init, invalid in coreos', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    permissions: 0o644\n';
    assert.deepEqual(withCode(diagnose(text, { dialect: 'cloud-init' }), 'cloud-config/invalid-value'), []);
    assert.deepEqual(spans(text, withCode(diagnose(text, { dialect: 'coreos' }), 'cloud-config/invalid-value')), [
      'cloud-config/invalid-value: 0o644',
    ]);
  });
});

describe('rule severity settings', () => {
  const unknown = '#cloud-config\nhostnme: node1\n';

  test('the default severity comes from the rule table', () => {
    const [d] = diagnose(unknown);
    assert.equal(d!.code, 'cloud-config/unknown-key');
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(d!.source, 'cloud-config');
  });

  for (const [setting, severity] of [
    ['error', DiagnosticSeverity.Error],
    ['warning', DiagnosticSeverity.Warning],
    ['information', DiagnosticSeverity.Information],
    ['hint', DiagnosticSeverity.Hint],
  ] as const) {
    test(`an override to ${setting} changes the severity, not the code or range`, () => {
      const [d] = diagnose(unknown, { rules: { 'cloud-config/unknown-key': setting } });
      assert.equal(d!.severity, severity);
      assert.equal(d!.code, 'cloud-config/unknown-key');
      assert.equal(rangeText(unknown, d!), 'hostnme');
    });
  }

  test('`off` removes the diagnostic and its quick fixes', () => {
    const settings = { rules: { 'cloud-config/unknown-key': 'off' as const } };
    assert.deepEqual(diagnose(unknown, settings), []);
    const d = doc(unknown);
    const all = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
    assert.deepEqual(service(settings).codeActions(d, 'cloud-config', all), []);
    assert.deepEqual(
      fixesFor(unknown, 'cloud-config/unknown-key').map(([, t]) => t),
      ['#cloud-config\nhostname: node1\n'],
    );
  });

  test('turning one rule off leaves the others alone', () => {
    const text = '#cloud-config\nhostnme: node1\nhostname: a';
    const settings = { rules: { 'cloud-config/missing-final-newline': 'off' as const } };
    assert.deepEqual(codes(diagnose(text)), ['cloud-config/unknown-key', 'cloud-config/missing-final-newline']);
    assert.deepEqual(codes(diagnose(text, settings)), ['cloud-config/unknown-key']);
  });

  test('an override for an unknown code is harmless', () => {
    assert.deepEqual(codes(diagnose(unknown, { rules: { 'cloud-config/no-such-rule': 'error' } })), [
      'cloud-config/unknown-key',
    ]);
  });
});

describe('configure and fix-all', () => {
  test('configure() replaces the settings for documents already seen', () => {
    const svc = getLanguageService({ dialect: 'auto', rules: {} });
    const d = doc('#cloud-config\nhostnme: node1\n');
    assert.equal(svc.validate(d, 'cloud-config')[0]?.severity, DiagnosticSeverity.Warning);
    svc.configure({ dialect: 'auto', rules: { 'cloud-config/unknown-key': 'error' } });
    assert.equal(svc.validate(d, 'cloud-config')[0]?.severity, DiagnosticSeverity.Error);
    svc.configure({ dialect: 'coreos', rules: {} });
    assert.deepEqual(codes(svc.validate(doc(writeFilesHyphen), 'cloud-config')), ['cloud-config/hyphen-key']);
  });

  test('fix-all applies every preferred fix of the rules that are on', () => {
    const text =
      '#cloud-config\nhostnme: node1\nwrite_files:\n  - path: /etc/motd\n    permissions: 0644\n    content: hi';
    const svc = service();
    const d = doc(text);
    const whole = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
    const [fixAll] = svc.codeActions(d, 'cloud-config', whole, [CodeActionKind.SourceFixAll]);
    assert.ok(fixAll);
    assert.equal(
      applyAction(text, fixAll, d.uri),
      '#cloud-config\nhostname: node1\nwrite_files:\n  - path: /etc/motd\n    permissions: "0644"\n    content: hi\n',
    );

    const off = service({ rules: { 'cloud-config/unquoted-permissions': 'off' } });
    const [partial] = off.codeActions(d, 'cloud-config', whole, [CodeActionKind.SourceFixAll]);
    assert.ok(partial);
    assert.equal(
      applyAction(text, partial, d.uri),
      '#cloud-config\nhostname: node1\nwrite_files:\n  - path: /etc/motd\n    permissions: 0644\n    content: hi\n',
    );
  });

  test('asking only for quick fixes returns no source actions', () => {
    const text = '#cloud-config\nhostnme: node1\ntimezne: UTC\n';
    const d = doc(text);
    const whole = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
    const kinds = service()
      .codeActions(d, 'cloud-config', whole, [CodeActionKind.QuickFix])
      .map((a) => a.kind);
    assert.deepEqual(kinds, [CodeActionKind.QuickFix, CodeActionKind.QuickFix]);
  });
});
