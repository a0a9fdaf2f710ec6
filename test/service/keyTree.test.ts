import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { diagnose, fixesFor, fixesForDiagnostic, rangeText, spans, withCode, messageOf } from '../helpers/service';

/** A CoreOS config around some unit-entry lines (indented 6 spaces, first line after `- `). */
function unit(lines: string): string {
  return `#cloud-config\ncoreos:\n  units:\n    - ${lines.trimStart()}`;
}

describe('cloud-config/unknown-key', () => {
  const code = 'cloud-config/unknown-key';

  test('`enabled` under a unit suggests `enable` and renames it', () => {
    const text = unit(
      'name: app.service\n      enabled: true\n      command: start\n      content: |\n        [Service]\n        ExecStart=/bin/true\n\n        [Install]\n        WantedBy=multi-user.target\n',
    );
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), 'enabled');
    assert.match(messageOf(d!), /'enable'/);
    assert.deepEqual(fixesFor(text, code), [["Rename to 'enable'", text.replace('enabled:', 'enable:')]]);
  });

  test('`contents` in a write_files entry suggests `content`', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    contents: hello\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'contents');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('contents:', 'content:')],
    );
  });

  test('`write_file` at the top level suggests `write_files`', () => {
    const text = '#cloud-config\nwrite_file:\n  - path: /etc/motd\n    content: hi\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'write_file');
    assert.match(messageOf(d!), /'write_files'/);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('write_file:', 'write_files:')],
    );
  });

  test('`contents` in a drop-in suggests `content`', () => {
    const text = unit(
      'name: app.service\n      drop_ins:\n        - name: 10-env.conf\n          contents: |\n            [Service]\n            Environment=A=1\n',
    );
    const found = withCode(diagnose(text), code);
    assert.deepEqual(spans(text, found), [`${code}: contents`]);
  });

  test('a key with no close match gets no rename fix', () => {
    const text = '#cloud-config\nzzqqxx: 1\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'zzqqxx');
    assert.deepEqual(fixesFor(text, code), []);
  });

  test('cloud-init: `write-files` is ignored, the fix renames it to `write_files`', () => {
    const text = '#cloud-config\nwrite-files:\n  - path: /etc/motd\n    content: hi\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'write-files');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('write-files', 'write_files')],
    );
  });

  test('a cloud-init key in a CoreOS config is unknown there', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nruncmd:\n  - echo hi\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: runcmd`]);
  });

  test('`coreos:` in a cloud-init config (forced dialect) is unknown there', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\n';
    assert.deepEqual(spans(text, withCode(diagnose(text, { dialect: 'cloud-init' }), code)), [`${code}: coreos`]);
  });

  test("CoreOS user entries do not know cloud-init's `sudo`", () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nusers:\n  - name: core\n    sudo: ALL=(ALL) NOPASSWD:ALL\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: sudo`]);
  });

  test('known keys at every level produce no unknown-key', () => {
    const text =
      unit(
        'name: app.service\n      enable: true\n      command: start\n      runtime: false\n      mask: false\n      drop_ins:\n        - name: 10-env.conf\n          content: |\n            [Service]\n            Environment=A=1\n      content: |\n        [Service]\n        ExecStart=/bin/true\n\n        [Install]\n        WantedBy=multi-user.target\n',
      ) +
      'write_files:\n  - path: /etc/motd\n    permissions: "0644"\n    owner: root\n    content: hi\nhostname: node1\nssh_authorized_keys:\n  - ssh-ed25519 AAAA\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/type', () => {
  const code = 'cloud-config/type';

  test('`enable: "true"` is a string: the fix makes it a boolean', () => {
    const text = unit('name: docker.service\n      enable: "true"\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), '"true"');
    assert.deepEqual(fixesFor(text, code), [["Change to boolean 'true'", text.replace('"true"', 'true')]]);
  });

  test('`units:` given a string: the fix makes a one-item list', () => {
    const text = '#cloud-config\ncoreos:\n  units: docker.service\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'docker.service');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\ncoreos:\n  units:\n    - docker.service\n'],
    );
  });

  test('`ssh_authorized_keys:` given a scalar: the fix makes it a list', () => {
    const text = '#cloud-config\nssh_authorized_keys: ssh-ed25519 AAAA me@host\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'ssh-ed25519 AAAA me@host');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAA me@host\n'],
    );
  });

  test('a block mapping where a list belongs is reported on its key', () => {
    const text = '#cloud-config\ncoreos:\n  units:\n    name: docker.service\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: units`]);
  });

  test('a plain list of unit names: each item should be a mapping', () => {
    const text = '#cloud-config\ncoreos:\n  units:\n    - docker.service\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: docker.service`]);
  });

  test('cloud-init: `hostname: 1234` is an integer, the fix quotes it', () => {
    const text = '#cloud-config\nhostname: 1234\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), '1234');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\nhostname: "1234"\n'],
    );
  });

  test('CoreOS reads any scalar into a string field: `hostname: 1234` is fine there', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nhostname: 1234\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('cloud-init: quoted "no" for a boolean: the fix writes false', () => {
    const text = '#cloud-config\npreserve_hostname: "no"\n';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\npreserve_hostname: false\n'],
    );
  });

  test('cloud-init: `write_files: []` is too short', () => {
    const text = '#cloud-config\nwrite_files: []\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: []`]);
  });

  test('a top-level list is not a cloud-config', () => {
    const text = '#cloud-config\n- a\n- b\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), '- a\n- b\n');
  });

  test('correct types produce no type finding', () => {
    const text =
      unit('name: docker.service\n      enable: true\n      mask: no\n      command: start\n') +
      'ssh_authorized_keys:\n  - ssh-ed25519 AAAA\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/invalid-value', () => {
  const code = 'cloud-config/invalid-value';

  test('unit `command: Start` is an error; the fix picks `start`', () => {
    const text = unit('name: docker.service\n      command: Start\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), 'Start');
    assert.deepEqual(fixesFor(text, code), [["Change to 'start'", text.replace('Start', 'start')]]);
  });

  test('`command: enable` is not a systemctl verb', () => {
    const text = unit('name: docker.service\n      command: enable\n');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: enable`]);
  });

  test('`reboot_strategy: best-effort` (removed value) is an error', () => {
    const text = '#cloud-config\ncoreos:\n  update:\n    reboot_strategy: best-effort\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: best-effort`]);
  });

  test('`reboot_strategy: "off"` and unquoted off are fine', () => {
    for (const v of ['"off"', 'off', 'reboot', 'etcd-lock']) {
      const text = `#cloud-config\ncoreos:\n  update:\n    reboot_strategy: ${v}\n`;
      assert.deepEqual(withCode(diagnose(text), code), [], v);
    }
  });

  test('`encoding: B64` (wrong case): the fix picks `b64`', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/a\n    encoding: B64\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'B64');
    assert.deepEqual(
      fixesForDiagnostic(text, d!).map(([, t]) => t),
      [text.replace('B64', 'b64')],
    );
  });

  test('content that cannot be decoded with its encoding is an error on the content', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/a\n    encoding: b64\n    content: "not base64!"\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "not base64!"`]);
  });

  test('valid base64 content with encoding b64 is fine', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/a\n    encoding: b64\n    content: aGVsbG8K\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('locksmith window values outside the pattern', () => {
    const text = '#cloud-config\ncoreos:\n  locksmith:\n    window_start: 25:00\n    window_length: 1 hour\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: 25:00`, `${code}: 1 hour`]);
  });

  test('valid locksmith window values', () => {
    const text = '#cloud-config\ncoreos:\n  locksmith:\n    window_start: Thu 23:00\n    window_length: 1h30m\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('CoreOS `manage_etc_hosts: true` (only localhost works there)', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nmanage_etc_hosts: true\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: true`]);
    const ok = '#cloud-config\ncoreos:\n  units: []\nmanage_etc_hosts: localhost\n';
    assert.deepEqual(withCode(diagnose(ok), code), []);
  });

  test('cloud-init `manage_etc_hosts` takes true/false/localhost/template', () => {
    const bad = '#cloud-config\nmanage_etc_hosts: bogus\n';
    assert.deepEqual(spans(bad, withCode(diagnose(bad), code)), [`${code}: bogus`]);
    for (const v of ['true', 'false', 'localhost']) {
      assert.deepEqual(withCode(diagnose(`#cloud-config\nmanage_etc_hosts: ${v}\n`), code), [], v);
    }
  });
});

describe('cloud-config/deprecated', () => {
  const code = 'cloud-config/deprecated';

  test('`etcd2` and `fleet` are information with the Deprecated tag', () => {
    const text = '#cloud-config\ncoreos:\n  etcd2:\n    name: node1\n  fleet:\n    metadata: role=web\n';
    const found = withCode(diagnose(text), code);
    assert.deepEqual(spans(text, found), [`${code}: etcd2`, `${code}: fleet`]);
    for (const d of found) {
      assert.equal(d.severity, DiagnosticSeverity.Information);
      assert.deepEqual(d.tags, [DiagnosticTag.Deprecated]);
    }
  });

  test('`etcd` (v0.4) is deprecated', () => {
    const text = '#cloud-config\ncoreos:\n  etcd:\n    name: node1\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: etcd`]);
  });

  test('an obsolete etcd2 key (`ca_file`) is deprecated too', () => {
    const text = '#cloud-config\ncoreos:\n  etcd2:\n    ca_file: /etc/ca.pem\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: etcd2`, `${code}: ca_file`]);
  });

  test('cloud-init `apt_update`: the fix renames to `package_update`', () => {
    const text = '#cloud-config\napt_update: true\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'apt_update');
    assert.deepEqual(fixesFor(text, code), [["Rename to 'package_update'", '#cloud-config\npackage_update: true\n']]);
  });

  test('current keys are not deprecated', () => {
    const text = '#cloud-config\npackage_update: true\nca_certs:\n  trusted:\n    - abc\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/hyphen-key', () => {
  const code = 'cloud-config/hyphen-key';

  test('CoreOS top-level `write-files` is a hint; the fix renames it', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nwrite-files:\n  - path: /etc/motd\n    content: hi\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Hint);
    assert.equal(rangeText(text, d!), 'write-files');
    assert.deepEqual(fixesFor(text, code), [["Rename to 'write_files'", text.replace('write-files', 'write_files')]]);
  });

  test('CoreOS users[] `primary-group` is a hint (cloud-init reads users too)', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nusers:\n  - name: alice\n    primary-group: staff\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: primary-group`]);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('primary-group', 'primary_group')],
    );
  });

  test('cloud-init users[] `ssh-authorized-keys` alias: prefer the underscore form', () => {
    const text = '#cloud-config\nusers:\n  - name: alice\n    ssh-authorized-keys:\n      - ssh-ed25519 AAAA\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: ssh-authorized-keys`]);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('ssh-authorized-keys', 'ssh_authorized_keys')],
    );
  });

  test('underscore spellings produce no hint', () => {
    const text =
      '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /etc/motd\n    content: hi\nusers:\n  - name: alice\n    primary_group: staff\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/duplicate-key', () => {
  const code = 'cloud-config/duplicate-key';

  test('the second key is an error; the fix removes its line', () => {
    const text = '#cloud-config\nhostname: a\ntimezone: UTC\nhostname: b\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), 'hostname');
    assert.equal(d!.range.start.line, 3);
    assert.deepEqual(fixesFor(text, code), [
      ["Remove this duplicate 'hostname'", '#cloud-config\nhostname: a\ntimezone: UTC\n'],
    ]);
    assert.equal(d!.relatedInformation?.[0]?.location.range.start.line, 1);
  });

  test('a duplicate with a block value is removed with all its lines', () => {
    const text = '#cloud-config\nruncmd:\n  - echo a\nhostname: h\nruncmd:\n  - echo b\n  - echo c\ntimezone: UTC\n';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\nruncmd:\n  - echo a\nhostname: h\ntimezone: UTC\n'],
    );
  });

  test('a duplicate inside a list item (CRLF document)', () => {
    const text = '#cloud-config\r\nusers:\r\n  - name: a\r\n    shell: /bin/sh\r\n    name: b\r\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'name');
    assert.equal(d!.range.start.line, 4);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\r\nusers:\r\n  - name: a\r\n    shell: /bin/sh\r\n'],
    );
  });

  test('a duplicate in a flow mapping: the fix removes `, key: value` and keeps the braces', () => {
    const text = '#cloud-config\nssh_publish_hostkeys: {enabled: true, blacklist: [dsa], enabled: false}\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'enabled');
    assert.equal(d!.range.start.character, 56);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\nssh_publish_hostkeys: {enabled: true, blacklist: [dsa]}\n'],
    );
  });

  test('CoreOS: `write-files` and `write_files` are both present without a duplicate-key (different keys as written)', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /a\nwrite-files:\n  - path: /b\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('the same key in two different mappings is fine', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/a\n  - path: /etc/b\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/missing-key', () => {
  const code = 'cloud-config/missing-key';

  test("a unit without `name` is an error on the entry's first key", () => {
    const text = unit('enable: true\n      command: start\n');
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), 'enable');
    assert.match(messageOf(d!), /'name'/);
  });

  test('a write_files entry without `path`', () => {
    const text = '#cloud-config\nwrite_files:\n  - content: hi\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: content`]);
  });

  test('a drop-in without `content`', () => {
    const text = unit('name: docker.service\n      drop_ins:\n        - name: 10-env.conf\n');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: name`]);
  });

  test('complete entries produce none', () => {
    const text =
      unit(
        'name: docker.service\n      command: start\n      drop_ins:\n        - name: 10-env.conf\n          content: |\n            [Service]\n            Environment=A=1\n',
      ) + 'write_files:\n  - path: /etc/motd\n    content: hi\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('legacy keys cloud-init still converts (cc_apt_configure, cc_rsyslog)', () => {
  const keys: Array<[string, string, RegExp]> = [
    ['apt_sources', '\n  - source: "ppa:example/ppa"', /apt: sources:/],
    ['apt_proxy', ' http://proxy.example:3128', /apt: proxy:/],
    ['apt_http_proxy', ' http://proxy.example:3128', /apt: http_proxy:/],
    ['apt_https_proxy', ' http://proxy.example:3128', /ftp_proxy/],
    ['apt_ftp_proxy', ' ftp://proxy.example', /https_proxy/],
    ['apt_mirror', ' http://mirror.example/ubuntu/', /apt: primary:/],
    ['apt_mirror_search', '\n  - http://mirror.example/ubuntu/', /search:/],
    ['apt_mirror_search_dns', ' true', /search_dns/],
    ['apt_preserve_sources_list', ' true', /apt: preserve_sources_list:/],
    ['apt_custom_sources_list', ' |\n  deb $MIRROR $RELEASE main', /apt: sources_list:/],
    ['add_apt_repo_match', " '^[\\w-]+:\\w'", /apt: add_apt_repo_match:/],
    ['rsyslog_filename', ' 20-cloud.conf', /rsyslog: config_filename:/],
    ['rsyslog_dir', ' /etc/rsyslog.d', /rsyslog: config_dir:/],
  ];
  for (const [key, value, successor] of keys) {
    test(`\`${key}\` is deprecated and names its successor, never unknown`, () => {
      const text = `#cloud-config\n${key}:${value}\n`;
      const diags = diagnose(text);
      assert.deepEqual(withCode(diags, 'cloud-config/unknown-key'), []);
      const found = withCode(diags, 'cloud-config/deprecated');
      assert.deepEqual(spans(text, found), [`cloud-config/deprecated: ${key}`]);
      assert.equal(found[0]!.severity, DiagnosticSeverity.Information);
      assert.match(messageOf(found[0]!), successor);
    });
  }

  test('in the CoreOS dialect they stay unknown (coreos-cloudinit has no apt)', () => {
    const text = '#cloud-config\ncoreos:\n  units: []\napt_proxy: http://p:3128\n';
    assert.deepEqual(spans(text, withCode(diagnose(text), 'cloud-config/unknown-key')), [
      'cloud-config/unknown-key: apt_proxy',
    ]);
  });
});
