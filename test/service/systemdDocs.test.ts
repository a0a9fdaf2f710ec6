import { test } from 'node:test';
import * as assert from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  directiveDoc,
  directiveDocTables,
  directivesWithPitfalls,
  execPrefixDocs,
  sectionDocs,
  specifierDocs,
  valueDoc,
} from '../../server/src/service/data/systemd/directiveDocs';
import { systemdDirectives, systemdSections } from '../../server/src/service/data/systemd/directives';
import { sharedDir } from '../helpers/paths';

/** `[Section]` + `Name=TYPE` lines of `systemd --dump-configuration-items` (systemd 252). */
function configItems(): Array<{ section: string; name: string }> {
  const text = fs.readFileSync(path.join(sharedDir(), 'facts', 'systemd-252-config-items.txt'), 'utf8');
  const items: Array<{ section: string; name: string }> = [];
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line.trim());
    if (header) section = header[1] as string;
    else if (line.includes('=')) items.push({ section, name: line.slice(0, line.indexOf('=')) });
  }
  return items;
}

test('every directive systemd 252 lists has a one-line doc in its section', () => {
  const items = configItems();
  assert.ok(items.length > 1000, `read ${items.length} items`);
  const missing = items.filter((i) => !directiveDoc(i.section, i.name)).map((i) => `[${i.section}] ${i.name}`);
  assert.deepStrictEqual(missing, []);
  const names = new Set(items.map((i) => i.name));
  assert.ok(names.size >= 440, `${names.size} distinct names`);
});

test('every directive in the directive table (removed ones too) has a doc', () => {
  const missing = systemdDirectives.flatMap((d) =>
    d.sections.filter((s) => !directiveDoc(s, d.name)).map((s) => `[${s}] ${d.name}`),
  );
  assert.deepStrictEqual(missing, []);
});

test('docs are one line and short, and no name is described twice', () => {
  const seen = new Map<string, number>();
  for (const table of directiveDocTables) {
    for (const [name, doc] of Object.entries(table)) {
      seen.set(name, (seen.get(name) ?? 0) + 1);
      assert.ok(!doc.includes('\n'), `${name}: one line`);
      assert.ok(doc.length > 10 && doc.length <= 160, `${name}: ${doc.length} characters`);
    }
  }
  assert.deepStrictEqual(
    [...seen].filter(([, n]) => n > 1).map(([k]) => k),
    [],
  );
});

test('the directives cloud-configs use most carry a pitfall', () => {
  const most = [
    'Description',
    'Documentation',
    'After',
    'Before',
    'Requires',
    'Wants',
    'BindsTo',
    'PartOf',
    'Conflicts',
    'Requisite',
    'OnFailure',
    'Type',
    'ExecStart',
    'ExecStartPre',
    'ExecStartPost',
    'ExecStop',
    'ExecStopPost',
    'ExecReload',
    'Restart',
    'RestartSec',
    'TimeoutStartSec',
    'TimeoutStopSec',
    'TimeoutSec',
    'RemainAfterExit',
    'User',
    'Group',
    'Environment',
    'EnvironmentFile',
    'WorkingDirectory',
    'KillMode',
    'KillSignal',
    'WantedBy',
    'RequiredBy',
    'Alias',
    'Also',
    'LimitNOFILE',
    'LimitNPROC',
    'StartLimitBurst',
    'StartLimitIntervalSec',
    'StandardOutput',
    'StandardError',
    'SyslogIdentifier',
    'PIDFile',
    'Nice',
    'MemoryMax',
    'CPUQuota',
    'ConditionPathExists',
    'OnCalendar',
    'OnBootSec',
    'OnUnitActiveSec',
    'Persistent',
    'Unit',
    'ListenStream',
    'Accept',
    'What',
    'Where',
    'Options',
    'Slice',
    'PrivateTmp',
    'NoNewPrivileges',
    'ProtectSystem',
  ];
  assert.ok(most.length >= 60);
  const withPitfall = new Set(directivesWithPitfalls());
  assert.deepStrictEqual(
    most.filter((n) => !withPitfall.has(n)),
    [],
  );
  for (const n of withPitfall) assert.ok(directiveDoc(undefined, n), `pitfall for unknown directive ${n}`);
});

test('a name documents what it means in its section', () => {
  assert.match(directiveDoc('Service', 'Type')?.summary ?? '', /oneshot/);
  assert.match(directiveDoc('Mount', 'Type')?.summary ?? '', /file system type/i);
  assert.strictEqual(
    directiveDoc('Mount', 'Type')?.pitfall,
    undefined,
    'the service Type= pitfall is not shown for mounts',
  );
  assert.match(directiveDoc('Swap', 'Priority')?.summary ?? '', /swap/i);
  assert.match(directiveDoc('Service', 'StartLimitBurst')?.summary ?? '', /\[Unit\]/);
  assert.match(directiveDoc('Path', 'Unit')?.summary ?? '', /path/i);
  assert.strictEqual(directiveDoc('Service', 'NoSuchThing'), undefined);
});

test('every enumerated value of the directive table has a doc', () => {
  const missing: string[] = [];
  for (const d of systemdDirectives) {
    if (d.kind !== 'enum' || !d.values) continue;
    if (
      ![
        'Type',
        'Restart',
        'KillMode',
        'StandardOutput',
        'StandardError',
        'StandardInput',
        'NotifyAccess',
        'ProtectSystem',
        'ProtectHome',
        'ExitType',
        'OOMPolicy',
      ].includes(d.name)
    )
      continue;
    for (const v of d.values) if (!valueDoc(d.sections[0], d.name, v)) missing.push(`${d.name}=${v}`);
  }
  assert.deepStrictEqual(missing, []);
  assert.match(valueDoc('Service', 'StandardOutput', 'append:/var/log/web.log') ?? '', /append/i);
  assert.match(valueDoc('Service', 'StandardOutput', 'syslog') ?? '', /journal/);
  assert.match(valueDoc('Service', 'RemainAfterExit', 'YES', true) ?? '', /on/);
  assert.strictEqual(valueDoc('Mount', 'Type', 'simple'), undefined);
});

test('sections, Exec prefixes and specifiers are documented', () => {
  for (const s of systemdSections) assert.ok(sectionDocs[s], s);
  assert.deepStrictEqual(execPrefixDocs.map((p) => p.prefix).sort(), ['!', '!!', '+', '-', ':', '@']);
  for (const s of ['%n', '%N', '%p', '%i', '%I', '%H', '%t', '%h', '%u', '%%']) assert.ok(specifierDocs[s], s);
});
