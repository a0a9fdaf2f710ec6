// cloud-config-lint as a user runs it: the built dist/cli.js in a child process, on files in a temp folder.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
let dir = '';

const classic = [
  '# cloud-config',
  'coreos:',
  '  units:',
  '    - name: app.service',
  '      enabled: true',
  'write_files:',
  '  - path: /var/lib/iptables/rules-save',
  '    permissions: 0644',
  '    content: |',
  '      *filter',
  '      COMMIT',
  '',
].join('\n');

function lint(args: string[], cwd = dir): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cclint-'));
  fs.mkdirSync(path.join(dir, 'site', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'site', 'user-data'), classic);
  fs.writeFileSync(path.join(dir, 'site', 'nested', 'clean.cloud-config.yaml'), '#cloud-config\nhostname: web-1\n');
  fs.writeFileSync(path.join(dir, 'site', 'notes.txt'), 'not a config\n');
  fs.writeFileSync(path.join(dir, 'site', 'nested', 'rules.v4'), '*filter\nCOMMIT\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cloud-config-lint', () => {
  it('text: one `path:line:col: severity code message` line per finding, then a summary; exit 1 on errors', () => {
    const r = lint(['site/user-data']);
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(
      lines[0],
      'site/user-data:1:1: error cloud-config/header ' + lines[0]?.split('cloud-config/header ')[1],
    );
    assert.ok(lines.some((l) => l.startsWith('site/user-data:5:7: warning cloud-config/unknown-key ')));
    assert.ok(lines.some((l) => l.startsWith('site/user-data:7:11: warning cloud-config/firewall-not-loaded ')));
    // CoreOS dialect: coreos-cloudinit keeps the raw text, so unquoted 0644 is only a hint there.
    assert.ok(lines.some((l) => l.startsWith('site/user-data:8:18: hint cloud-config/unquoted-permissions ')));
    assert.match(lines[lines.length - 1] ?? '', /^1 file checked: 1 error, 2 warnings, 0 information, 1 hint$/);
  });

  it('json: an array of {file, language, diagnostics} with 0-based LSP ranges', () => {
    const r = lint(['--format', 'json', 'site/user-data']);
    assert.equal(r.code, 1);
    const reports = JSON.parse(r.out) as Array<{
      file: string;
      language: string;
      diagnostics: Array<{ code: string; severity: string; range: { start: { line: number; character: number } } }>;
    }>;
    assert.equal(reports.length, 1);
    assert.equal(reports[0]?.file, 'site/user-data');
    assert.equal(reports[0]?.language, 'cloud-config');
    const unknown = reports[0]?.diagnostics.find((d) => d.code === 'cloud-config/unknown-key');
    assert.deepEqual(unknown?.range.start, { line: 4, character: 6 });
    assert.equal(unknown?.severity, 'warning');
  });

  it('sarif: a SARIF 2.1.0 log with rules and 1-based regions', () => {
    const r = lint(['--format=sarif', 'site/user-data']);
    const log = JSON.parse(r.out) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          ruleIndex: number;
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
          }>;
        }>;
      }>;
    };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'cloud-config-lint');
    const header = run.results.find((x) => x.ruleId === 'cloud-config/header');
    assert.equal(header?.level, 'error');
    assert.equal(run.tool.driver.rules[header?.ruleIndex ?? -1]?.id, 'cloud-config/header');
    assert.deepEqual(header?.locations[0]?.physicalLocation.region, {
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 15,
    });
    assert.equal(header?.locations[0]?.physicalLocation.artifactLocation.uri, 'site/user-data');
    const rule = run.tool.driver.rules[header?.ruleIndex ?? -1] as unknown as {
      helpUri: string;
      fullDescription: { text: string };
      help: { markdown: string };
    };
    assert.equal(
      rule.helpUri,
      'https://github.com/cloud-config-tools/cloud-config-lsp/blob/main/docs/rules/cloud-config/header.md',
    );
    assert.match(rule.fullDescription.text, /^Line 1 is not exactly #cloud-config.+ none of it is applied/);
    assert.match(rule.help.markdown, /\*\*Fix:\*\* Make line 1 exactly `#cloud-config`/);
  });

  it('walks directories for known names only and detects each language', () => {
    const r = lint(['--format', 'json', 'site']);
    const reports = JSON.parse(r.out) as Array<{ file: string; language: string }>;
    assert.deepEqual(
      reports.map((x) => [x.file, x.language]),
      [
        [path.join('site', 'nested', 'clean.cloud-config.yaml'), 'cloud-config'],
        [path.join('site', 'nested', 'rules.v4'), 'iptables'],
        [path.join('site', 'user-data'), 'cloud-config'],
      ],
    );
  });

  it('--rule changes a severity or turns a rule off; exit 0 without errors', () => {
    const r = lint([
      '--rule',
      'cloud-config/header=warning',
      '--rule',
      'cloud-config/unknown-key=off',
      'site/user-data',
    ]);
    assert.equal(r.code, 0);
    assert.match(r.out, /site\/user-data:1:1: warning cloud-config\/header /);
    assert.doesNotMatch(r.out, /unknown-key/);
  });

  it('--rule LANGUAGE/* sets every code of a language; a code given on its own wins', () => {
    const r = lint(['--rule', 'cloud-config/*=off', '--rule', 'cloud-config/unknown-key=error', 'site/user-data']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.out
        .split('\n')
        .filter((l) => l.startsWith('site/'))
        .map((l) => l.split(' ').slice(1, 3).join(' ')),
      ['error cloud-config/unknown-key'],
    );
  });

  it('--rule with a made-up code or severity: exit 2, naming the closest code', () => {
    const code = lint(['--rule', 'cloud-config/unknown-kye=off', 'site/user-data']);
    assert.equal(code.code, 2);
    assert.match(
      code.err,
      /^cloud-config-lint: --rule "cloud-config\/unknown-kye" is not a rule code, so its setting does nothing\. Did you mean "cloud-config\/unknown-key"\?/,
    );
    const severity = lint(['--rule', 'iptables/*=loud', 'site/user-data']);
    assert.equal(severity.code, 2);
    assert.match(
      severity.err,
      /"iptables\/\*": "loud" is not a severity; use one of error, warning, information, hint, off/,
    );
    assert.equal(lint(['--rule', 'systemd/*=', 'site/user-data']).code, 2);
  });

  it('--dialect and --language are honoured', () => {
    fs.writeFileSync(path.join(dir, 'hyphen.yaml'), '#cloud-config\nwrite-files:\n  - path: /etc/x\n    content: x\n');
    assert.match(lint(['--dialect', 'cloud-init', 'hyphen.yaml']).out, /warning cloud-config\/unknown-key/);
    assert.match(lint(['--dialect', 'coreos', 'hyphen.yaml']).out, /hint cloud-config\/hyphen-key/);
    const r = lint(['--format', 'json', '--language', 'cloud-config', 'site/notes.txt']);
    assert.equal((JSON.parse(r.out) as Array<{ language: string }>)[0]?.language, 'cloud-config');
  });

  it('exit 2 for usage errors, with a clear message', () => {
    for (const args of [
      [],
      ['--format', 'xml', 'x'],
      ['--rule', 'nonsense', 'x'],
      ['--language', 'perl', 'x'],
      ['--bogus', 'x'],
    ]) {
      const r = lint(args);
      assert.equal(r.code, 2, `args ${args.join(' ')}`);
      assert.match(r.err, /^cloud-config-lint: .+\n\nUsage: cloud-config-lint/);
    }
  });

  it('exit 2 when a file cannot be read, while the other files are still reported', () => {
    const r = lint(['missing-file', 'site/user-data']);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read missing-file: no such file/);
    assert.match(r.out, /site\/user-data:1:1: error cloud-config\/header/);
  });

  it('--fix applies every automatic fix to the file and reports what is left', () => {
    const file = path.join(dir, 'fixme', 'user-data');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, classic);
    const r = lint(['--fix', 'fixme/user-data']);
    assert.equal(r.code, 0, r.out);
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      [
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: app.service',
        '      enable: true',
        '    - name: iptables-restore.service',
        '      enable: true',
        '      command: start',
        'write_files:',
        '  - path: /var/lib/iptables/rules-save',
        '    permissions: "0644"',
        '    content: |',
        '      *filter',
        '      COMMIT',
        '',
      ].join('\n'),
    );
  });
});
