import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, fixesFor, rangeText, withCode } from '../helpers/service';

// Each case: what PyYAML 6.0 (cloud-init 22.4.2's reader) does with it, docs/facts/templates-and-rejected-yaml.md.
const code = 'cloud-config/yaml-syntax';

function rejected(text: string): Array<{ covers: string; message: string }> {
  return withCode(diagnose(text), code).map((d) => {
    assert.equal(d.severity, DiagnosticSeverity.Error);
    return { covers: rangeText(text, d), message: String(d.message) };
  });
}

describe('YAML that cloud-init rejects as a whole', () => {
  test('`password: ******` is an invalid alias: an error on it, saying the whole file is dropped; the fix quotes it', () => {
    const text = '#cloud-config\nusers:\n  - name: bob\n    password: ******\n';
    const found = rejected(text);
    assert.deepEqual(
      found.map((f) => f.covers),
      ['******'],
    );
    assert.match(found[0]!.message, /alias.*whole file.*none of it is applied/s);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('******', "'******'")],
    );
  });

  test('an alias naming no anchor before it is rejected; one after its anchor is fine', () => {
    assert.deepEqual(
      rejected('#cloud-config\nhostname: *web\n').map((f) => f.covers),
      ['*web'],
    );
    assert.deepEqual(rejected('#cloud-config\nbootcmd: &cmds\n  - echo a\nruncmd: *cmds\n'), []);
  });

  test('a duplicate anchor is rejected at its second definition, naming the first line', () => {
    const text = '#cloud-config\nbootcmd: &c\n  - echo a\nruncmd: &c\n  - echo b\n';
    const found = rejected(text);
    assert.deepEqual(
      found.map((f) => f.covers),
      ['&c'],
    );
    assert.match(found[0]!.message, /second time \(first on line 2\).*whole file/s);
  });

  test('a tab between tokens or in a plain value is rejected; the fix puts a space', () => {
    for (const line of ['hostname: web\t# note', 'hostname:\tweb', 'hostname: web\t', 'hostname: a\tb']) {
      const text = `#cloud-config\n${line}\n`;
      const found = rejected(text);
      assert.deepEqual(
        found.map((f) => f.covers),
        ['\t'],
        JSON.stringify(line),
      );
      assert.match(found[0]!.message, /tab.*whole file/s);
    }
    assert.deepEqual(
      fixesFor('#cloud-config\nhostname:\tweb\n', code).map(([, t]) => t),
      ['#cloud-config\nhostname: web\n'],
    );
  });

  test('a tab in indentation is an error that says the whole file is dropped', () => {
    const found = rejected('#cloud-config\nruncmd:\n\t- echo hi\n');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /whole file is unreadable/);
  });

  test('tabs inside quotes, block scalars and comments are fine (PyYAML loads them)', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: "/etc/a\tb"\n    content: |\n      key\tvalue\n# a\tcomment\n';
    assert.deepEqual(rejected(text), []);
  });

  test('the CoreOS dialect (go-yaml) is not judged by PyYAML', () => {
    assert.deepEqual(rejected('#cloud-config\ncoreos:\n  update:\n    group: stable\t\n'), []);
  });
});
