import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  cloudConfigDiagnostics,
  codes,
  diagnose,
  fixesFor,
  rangeText,
  spans,
  withCode,
  messageOf,
} from '../helpers/service';

describe('cloud-config/yaml-syntax', () => {
  const code = 'cloud-config/yaml-syntax';

  test('a tab used as indentation is an error on the tab', () => {
    const text = '#cloud-config\ncoreos:\n\tunits: []\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), '\t');
    assert.deepEqual(d!.range.start, { line: 2, character: 0 });
  });

  test('a tab-indented key does not also produce invented key findings on that line', () => {
    const text = '#cloud-config\ncoreos:\n\tunits: []\n';
    assert.deepEqual(codes(cloudConfigDiagnostics(text)), [code]);
  });

  test('a list item indented less than its siblings is an error at that line', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/foo\n   content: hi\n';
    const found = withCode(diagnose(text), code);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 3);
  });

  test('mapping keys at different columns', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\n update: {}\n';
    const found = withCode(diagnose(text), code);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 3);
  });

  test('an unclosed quote is an error from the opening quote to the end of its line', () => {
    const text = '#cloud-config\nhostname: "node1\n';
    const found = withCode(diagnose(text), code);
    assert.equal(found.length, 1);
    assert.equal(rangeText(text, found[0]!), '"node1');
    assert.match(messageOf(found[0]!), /quote/i);
  });

  test('an unclosed quote is reported where it opens, not where the file ends', () => {
    const text = "#cloud-config\nruncmd:\n  - 'echo hi\n  - echo two\nhostname: node1\n";
    const found = withCode(diagnose(text), code);
    assert.equal(found.length, 1);
    assert.equal(rangeText(text, found[0]!), "'echo hi");
    assert.equal(found[0]!.range.start.line, 2);
  });

  test('the rest of the document is still checked after a syntax error', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: etc/motd\n    content: hi\nbroken: [a, b\n';
    const all = codes(diagnose(text));
    assert.ok(all.includes(code));
    assert.ok(all.includes('cloud-config/relative-path'));
  });

  test('valid YAML (tabs inside quoted values are fine) has no syntax error', () => {
    // A tab after `hostname:` is not: PyYAML rejects it (rejectedYaml.test.ts).
    const text = '#cloud-config\nhostname: node1\nwrite_files:\n  - path: /etc/a\n    content: "a\\tb"\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/write-files-under-coreos', () => {
  const code = 'cloud-config/write-files-under-coreos';

  test('write_files under coreos: warning on the key; the fix moves it to the top level', () => {
    const text = '#cloud-config\ncoreos:\n  write_files:\n    - path: /etc/motd\n      content: hi\n  units: []\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), 'write_files');
    assert.deepEqual(fixesFor(text, code), [
      [
        "Move 'write_files' to the top level",
        '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /etc/motd\n    content: hi\n',
      ],
    ]);
  });

  test('the moved entries join an existing top-level write_files list', () => {
    const text =
      '#cloud-config\ncoreos:\n  units: []\n  write_files:\n    - path: /etc/a\n      content: a\nwrite_files:\n  - path: /etc/b\n    content: b\n';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [
        '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /etc/b\n    content: b\n  - path: /etc/a\n    content: a\n',
      ],
    );
  });

  test('CRLF documents keep CRLF after the move', () => {
    const text =
      '#cloud-config\r\ncoreos:\r\n  write_files:\r\n    - path: /etc/motd\r\n      content: hi\r\n  units: []\r\n';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\r\ncoreos:\r\n  units: []\r\nwrite_files:\r\n  - path: /etc/motd\r\n    content: hi\r\n'],
    );
  });

  test('the hyphen spelling under coreos is caught too, and there is no separate unknown-key for it', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\n  write-files:\n    - path: /etc/motd\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: write-files`]);
    assert.deepEqual(withCode(diagnose(text), 'cloud-config/unknown-key'), []);
  });

  test('top-level write_files is fine', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /etc/motd\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/missing-final-newline', () => {
  const code = 'cloud-config/missing-final-newline';

  test('information on the last line; the fix appends a newline', () => {
    const text = '#cloud-config\nhostname: node1';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Information);
    assert.equal(rangeText(text, d!), 'hostname: node1');
    assert.deepEqual(fixesFor(text, code), [['Add a final newline', '#cloud-config\nhostname: node1\n']]);
  });

  test('the fix uses CRLF in a CRLF document', () => {
    const text = '#cloud-config\r\nhostname: node1';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\r\nhostname: node1\r\n'],
    );
  });

  test('a document ending with a newline is fine', () => {
    assert.deepEqual(withCode(diagnose('#cloud-config\nhostname: node1\n'), code), []);
    assert.deepEqual(withCode(diagnose('#cloud-config\r\nhostname: node1\r\n'), code), []);
  });
});

describe('cloud-config/empty', () => {
  const code = 'cloud-config/empty';

  test('a header with no settings is information on the header', () => {
    const text = '#cloud-config\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Information);
    assert.equal(rangeText(text, d!), '#cloud-config');
  });

  test('comments only still count as empty', () => {
    const text = '#cloud-config\n# nothing yet\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: #cloud-config`]);
  });

  test('a document with a setting is not empty', () => {
    assert.deepEqual(withCode(diagnose('#cloud-config\nhostname: node1\n'), code), []);
  });
});

describe('other user-data formats', () => {
  test('#! scripts get no cloud-config error or warning, at most a hint on line 1', () => {
    const text = '#!/bin/bash\nset -e\necho "hello: [" > /tmp/x\n';
    const diags = diagnose(text);
    assert.deepEqual(
      diags.filter((d) => d.severity !== DiagnosticSeverity.Hint),
      [],
    );
    for (const d of diags) assert.equal(rangeText(text, d), '#!/bin/bash');
  });

  test('#! scripts: the only finding is the other-format hint on line 1', () => {
    const text = '#!/bin/bash\necho hi\n';
    const diags = diagnose(text);
    assert.deepEqual(spans(text, diags), ['cloud-config/other-format: #!/bin/bash']);
    assert.equal(diags[0]!.severity, DiagnosticSeverity.Hint);
  });

  test('an Ignition config is not checked as cloud-config', () => {
    const text = '{"ignition": {"version": "3.0.0"}}\n';
    const diags = diagnose(text);
    assert.deepEqual(codes(diags), ['cloud-config/other-format']);
    assert.equal(diags[0]!.severity, DiagnosticSeverity.Hint);
  });

  test('#! scripts produce no header, yaml-syntax or missing-final-newline finding', () => {
    const text = '#!/bin/sh\necho hi';
    const all = codes(diagnose(text));
    for (const c of ['cloud-config/header', 'cloud-config/yaml-syntax', 'cloud-config/missing-final-newline']) {
      assert.ok(!all.includes(c), c);
    }
  });

  test('a correct cloud-config has no cloud-config findings at all', () => {
    const text =
      '#cloud-config\nhostname: node1\nssh_authorized_keys:\n  - ssh-ed25519 AAAA me@host\nwrite_files:\n  - path: /etc/motd\n    permissions: "0644"\n    owner: root:root\n    content: |\n      Welcome.\n';
    assert.deepEqual(cloudConfigDiagnostics(text), []);
  });
});
