import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, fixesFor, rangeText, spans, withCode } from '../helpers/service';

const rulesFile = (header: string, body = '      *filter\n      :INPUT ACCEPT [0:0]\n      COMMIT\n'): string =>
  `#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: ${header}\n${body}`;
const unitContent = (header: string): string =>
  `#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      command: start\n      content: ${header}\n        [Service]\n        ExecStart=/usr/bin/app\n`;

describe('cloud-config/folded-embedded', () => {
  const code = 'cloud-config/folded-embedded';

  test('folded rules content: warning on the `>` header; the fix makes it `|`', () => {
    const text = rulesFile('>');
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), '>');
    assert.deepEqual(fixesFor(text, code), [["Change '>' to '|'", rulesFile('|')]]);
  });

  test('folded unit content with strip chomping keeps its chomping in the fix', () => {
    const text = unitContent('>-');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: >-`]);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [unitContent('|-')],
    );
  });

  test('a folded unit file written by write_files (language from the path)', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/app.service\n    content: >\n      [Service]\n      ExecStart=/usr/bin/app\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: >`]);
  });

  test('a folded plain-text file is not embedded content: no finding', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: >\n      Welcome to\n      this host.\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('literal blocks are fine', () => {
    assert.deepEqual(withCode(diagnose(rulesFile('|')), code), []);
    assert.deepEqual(withCode(diagnose(unitContent('|')), code), []);
  });
});

describe('cloud-config/rules-strip-newline', () => {
  const code = 'cloud-config/rules-strip-newline';

  test('rules content with `|-` is an error on the header; the fix makes it `|`', () => {
    const text = rulesFile('|-');
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), '|-');
    assert.deepEqual(fixesFor(text, code), [["Change '|-' to '|'", rulesFile('|')]]);
  });

  test('an explicit indentation indicator is kept by the fix', () => {
    const text = rulesFile('|2-', '        *filter\n        COMMIT\n');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: |2-`]);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [rulesFile('|2', '        *filter\n        COMMIT\n')],
    );
  });

  test('IPv6 rules too', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /var/lib/ip6tables/rules-save\n    content: |-\n      *filter\n      COMMIT\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: |-`]);
  });

  test('`|` and `|+` keep the final newline: no finding', () => {
    assert.deepEqual(withCode(diagnose(rulesFile('|')), code), []);
    assert.deepEqual(withCode(diagnose(rulesFile('|+')), code), []);
  });

  test('`|-` on unit content is not a rules problem', () => {
    assert.deepEqual(withCode(diagnose(unitContent('|-')), code), []);
  });
});

describe('cloud-config/embedded-not-analysed', () => {
  const code = 'cloud-config/embedded-not-analysed';

  test('double-quoted rules with escapes: a hint covering the scalar', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: "*filter\\n:INPUT ACCEPT [0:0]\\nCOMMIT\\n"\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Hint);
    assert.equal(rangeText(text, d!), '"*filter\\n:INPUT ACCEPT [0:0]\\nCOMMIT\\n"');
  });

  test('double-quoted unit content with escapes: a hint', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      content: "[Service]\\nExecStart=/usr/bin/app\\n"\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "[Service]\\nExecStart=/usr/bin/app\\n"`]);
  });

  test('folded content gets folded-embedded instead, not this hint', () => {
    assert.deepEqual(withCode(diagnose(rulesFile('>')), code), []);
  });

  test('literal blocks and single-line quoted content are analysed: no hint', () => {
    assert.deepEqual(withCode(diagnose(rulesFile('|')), code), []);
    const quoted =
      '#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/app.service.d/10-env.conf\n    content: "[Service]"\n';
    assert.deepEqual(withCode(diagnose(quoted), code), []);
  });
});
