import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, fixesFor, fixesForDiagnostic, rangeText, spans, withCode, messageOf } from '../helpers/service';

const coreosHead = '#cloud-config\ncoreos:\n  units: []\n';

/** One write_files entry (lines after `- `, indented 4) in a cloud-init or CoreOS config. */
function file(lines: string, head = '#cloud-config\n'): string {
  return `${head}write_files:\n  - ${lines.trimStart()}`;
}

describe('cloud-config/unquoted-permissions', () => {
  const code = 'cloud-config/unquoted-permissions';

  test('unquoted 0644 is a warning; the fix quotes it', () => {
    const text = file('path: /etc/motd\n    permissions: 0644\n');
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), '0644');
    assert.deepEqual(fixesFor(text, code), [['Quote as "0644"', text.replace('0644', '"0644"')]]);
  });

  test('unquoted 644 is fixed to "0644" (it would be mode 01204 in cloud-init)', () => {
    const text = file('path: /etc/motd\n    permissions: 644\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), '644');
    assert.match(messageOf(d!), /01204/);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('644', '"0644"')],
    );
  });

  test('in the CoreOS dialect, where coreos-cloudinit keeps the raw text, it is a hint with the same fix', () => {
    for (const raw of ['0600', '600']) {
      const text = file(`path: /etc/motd\n    permissions: ${raw}\n`, coreosHead);
      const found = withCode(diagnose(text), code);
      assert.deepEqual(spans(text, found), [`${code}: ${raw}`]);
      assert.equal(found[0]!.severity, DiagnosticSeverity.Hint, raw);
      assert.deepEqual(
        fixesFor(text, code).map(([, t]) => t),
        [text.replace(raw, '"0600"')],
      );
    }
  });

  test("a severity setting still wins over the dialect's default", () => {
    const text = file('path: /etc/motd\n    permissions: 0600\n', coreosHead);
    const [d] = withCode(diagnose(text, { rules: { [code]: 'error' } }), code);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
  });

  test('quoted modes are fine, in both dialects', () => {
    for (const head of ['#cloud-config\n', coreosHead]) {
      for (const perms of ['"0644"', "'0644'", '"644"', '"0755"']) {
        const text = file(`path: /etc/motd\n    permissions: ${perms}\n`, head);
        assert.deepEqual(withCode(diagnose(text), code), [], `${perms} ${head}`);
        assert.deepEqual(withCode(diagnose(text), 'cloud-config/invalid-value'), [], `${perms} ${head}`);
      }
    }
  });

  test('symbolic permissions are an invalid value, not an unquoted number', () => {
    const text = file('path: /etc/motd\n    permissions: u+rw\n');
    assert.deepEqual(withCode(diagnose(text), code), []);
    assert.deepEqual(spans(text, withCode(diagnose(text), 'cloud-config/invalid-value')), [
      'cloud-config/invalid-value: u+rw',
    ]);
  });

  test('CoreOS rejects `0o644` and offers the quoted octal form', () => {
    const text = file('path: /etc/motd\n    permissions: 0o644\n', coreosHead);
    const [d] = withCode(diagnose(text), 'cloud-config/invalid-value');
    assert.equal(rangeText(text, d!), '0o644');
    assert.deepEqual(
      fixesForDiagnostic(text, d!).map(([, t]) => t),
      [text.replace('0o644', '"0644"')],
    );
  });

  test('cloud-init accepts `0o644` (PyYAML reads it as a string)', () => {
    const text = file('path: /etc/motd\n    permissions: 0o644\n');
    assert.deepEqual(withCode(diagnose(text), 'cloud-config/invalid-value'), []);
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/owner', () => {
  const code = 'cloud-config/owner';

  test('`root.root` is a warning; the fix writes `root:root`', () => {
    const text = file('path: /etc/motd\n    owner: root.root\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), 'root.root');
    assert.deepEqual(fixesFor(text, code), [["Change to 'root:root'", text.replace('root.root', 'root:root')]]);
  });

  test('three colon-separated parts have no fix', () => {
    const text = file('path: /etc/motd\n    owner: "a:b:c"\n');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "a:b:c"`]);
    assert.deepEqual(fixesFor(text, code), []);
  });

  test('user, user:group and numeric owners are fine', () => {
    for (const owner of ['root', 'core:core', 'www-data:www-data', '1000:1000', 'svc_user']) {
      const text = file(`path: /etc/motd\n    owner: ${owner}\n`);
      assert.deepEqual(withCode(diagnose(text), code), [], owner);
    }
  });
});

describe('cloud-config/relative-path', () => {
  const code = 'cloud-config/relative-path';

  test('a relative path is an error on the path value', () => {
    const text = file('path: etc/motd\n    content: hi\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), 'etc/motd');
  });

  test('absolute paths are fine', () => {
    assert.deepEqual(withCode(diagnose(file('path: /etc/motd\n')), code), []);
  });
});

describe('cloud-config/read-only-path', () => {
  const code = 'cloud-config/read-only-path';

  test('CoreOS: a file under /usr is an error on the path value', () => {
    const text = file('path: /usr/local/bin/tool\n    content: hi\n', coreosHead);
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), '/usr/local/bin/tool');
  });

  test('CoreOS: a path that climbs into /usr with `..` is caught', () => {
    const text = file('path: /tmp/../usr/share/x\n', coreosHead);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: /tmp/../usr/share/x`]);
  });

  test('CoreOS: /opt and /etc are writable; cloud-init has no read-only /usr', () => {
    assert.deepEqual(withCode(diagnose(file('path: /opt/bin/tool\n', coreosHead)), code), []);
    assert.deepEqual(withCode(diagnose(file('path: /etc/motd\n', coreosHead)), code), []);
    assert.deepEqual(withCode(diagnose(file('path: /usr/local/bin/tool\n')), code), []);
  });
});

describe('cloud-config/duplicate-file', () => {
  const code = 'cloud-config/duplicate-file';

  test('the second entry with the same path is a warning pointing back to the first', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: a\n  - path: /etc/motd\n    content: b\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), '/etc/motd');
    assert.equal(d!.range.start.line, 4);
    assert.equal(d!.relatedInformation?.[0]?.location.range.start.line, 2);
  });

  test('a second entry with `append: true` is not a duplicate', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: a\n  - path: /etc/motd\n    append: true\n    content: b\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('different paths are fine', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/a\n  - path: /etc/b\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/secret-permissions', () => {
  const code = 'cloud-config/secret-permissions';

  test('a .netrc written "0644": the fix sets "0600"', () => {
    const text = file('path: /home/core/.netrc\n    permissions: "0644"\n    content: machine x\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), '"0644"');
    assert.deepEqual(fixesFor(text, code), [['Set permissions to "0600"', text.replace('"0644"', '"0600"')]]);
  });

  test('docker config.json without permissions (default 0644): the fix adds permissions', () => {
    const text = file('path: /home/core/.docker/config.json\n    content: "{}"\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), '/home/core/.docker/config.json');
    assert.deepEqual(fixesFor(text, code), [['Add permissions: "0600"', `${text}    permissions: "0600"\n`]]);
  });

  test('private key content at any path is a secret', () => {
    const text = file(
      'path: /etc/app/identity\n    permissions: "0640"\n    content: |\n      -----BEGIN OPENSSH PRIVATE KEY-----\n      abc\n',
    );
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0640"`]);
  });

  test('secrets written "0600" or "0400" are fine', () => {
    for (const perms of ['"0600"', '"0400"', '"600"']) {
      const text = file(`path: /root/.ssh/id_ed25519\n    permissions: ${perms}\n`);
      assert.deepEqual(withCode(diagnose(text), code), [], perms);
    }
  });

  test('ordinary files readable by others are fine', () => {
    assert.deepEqual(withCode(diagnose(file('path: /etc/motd\n    permissions: "0644"\n')), code), []);
  });
});

describe('write_files encoding', () => {
  test('an unknown encoding is an invalid value with a fix to the closest one', () => {
    const text = file('path: /etc/a\n    encoding: base32\n    content: abc\n');
    const found = withCode(diagnose(text), 'cloud-config/invalid-value');
    assert.deepEqual(spans(text, found), ['cloud-config/invalid-value: base32', 'cloud-config/invalid-value: abc']);
    assert.deepEqual(
      fixesForDiagnostic(text, found[0]!).map(([, t]) => t),
      [text.replace('base32', 'base64')],
    );
  });

  test('gz+b64 content that is base64 but not gzip is an error on the content', () => {
    const text = file('path: /etc/a\n    encoding: gz+b64\n    content: aGVsbG8K\n');
    assert.deepEqual(spans(text, withCode(diagnose(text), 'cloud-config/invalid-value')), [
      'cloud-config/invalid-value: aGVsbG8K',
    ]);
  });

  test('gz+b64 content that is real gzip is fine', () => {
    // gzip of "hello\n", base64-encoded.
    const text = file('path: /etc/a\n    encoding: gz+b64\n    content: H4sIAAAAAAAAA8tIzcnJ5wIAIDA6NgYAAAA=\n');
    assert.deepEqual(withCode(diagnose(text), 'cloud-config/invalid-value'), []);
  });
});
