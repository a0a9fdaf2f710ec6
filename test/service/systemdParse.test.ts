// The unit file reader: sections, entries, continuation lines (with comments inside them, as systemd
// 252 skips them), `#` inside values, offsets of every token, and tolerance of any input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnit } from '../../server/src/service/systemd/parseUnit';
import { identityFromPath } from '../../server/src/service/systemd/unitIdentity';

const slice = (text: string, s: { start: number; end: number }): string => text.slice(s.start, s.end);

test('sections and entries with exact spans; blanks around = and at the end are trimmed', () => {
  const text = '[Unit]\nDescription = My web app  \n\n[Service]\n  ExecStart=/usr/bin/web --port 80\n';
  const unit = parseUnit(text, { unitName: 'web.service' });
  assert.equal(unit.unitType, 'service');
  assert.deepEqual(
    unit.sections.map((s) => s.name),
    ['Unit', 'Service'],
  );
  const [desc, exec] = unit.entries;
  assert.ok(desc && exec);
  assert.equal(desc.key, 'Description');
  assert.equal(desc.value, 'My web app');
  assert.equal(slice(text, desc.keySpan), 'Description');
  assert.equal(slice(text, desc.valueSpan), 'My web app');
  assert.equal(slice(text, exec.span), 'ExecStart=/usr/bin/web --port 80');
  assert.equal(exec.section?.name, 'Service');
  assert.equal(slice(text, unit.sections[0]!.span), '[Unit]\nDescription = My web app  ');
  assert.equal(slice(text, unit.sections[1]!.nameSpan), 'Service');
  assert.deepEqual(unit.problems, []);
});

test('a trailing backslash continues the entry; the value joins lines with a space and maps back to the text', () => {
  const text = '[Service]\nExecStart=/bin/echo a \\\n  b c\nRestart=always\n';
  const unit = parseUnit(text, {});
  const exec = unit.entries[0]!;
  assert.equal(exec.value, '/bin/echo a    b c');
  assert.equal(exec.lineCount, 2);
  assert.equal(slice(text, exec.span), 'ExecStart=/bin/echo a \\\n  b c');
  const b = exec.value.indexOf('b');
  assert.equal(text[exec.valueOffset(b)], 'b');
  assert.equal(exec.valueOffset(exec.value.length), exec.valueSpan.end);
  assert.equal(unit.entries[1]!.key, 'Restart');
});

test('comment lines inside a continuation are skipped and the entry goes on after them', () => {
  const text = '[Unit]\nDescription=My Very \\\n# a comment\n; another\nLong Description\nAfter=a.service\n';
  const unit = parseUnit(text, {});
  assert.equal(unit.entries.length, 2);
  assert.equal(unit.entries[0]!.value, 'My Very  Long Description');
  assert.equal(unit.entries[0]!.lineCount, 4);
  assert.equal(unit.comments.length, 2);
  assert.equal(unit.entries[1]!.key, 'After');
});

test('an even number of trailing backslashes does not continue the line', () => {
  const unit = parseUnit('[Service]\nExecStart=/bin/echo a \\\\\nFoo=1\n', {});
  assert.deepEqual(
    unit.entries.map((e) => e.key),
    ['ExecStart', 'Foo'],
  );
});

test('# after a value is part of the value, not a comment; indented comment lines are comments', () => {
  const text = '[Service]\nEnvironment=A=1 # not a comment\n   # indented comment\n';
  const unit = parseUnit(text, {});
  assert.equal(unit.entries[0]!.value, 'A=1 # not a comment');
  assert.deepEqual(
    unit.comments.map((c) => slice(text, c)),
    ['# indented comment'],
  );
});

test('syntax problems: missing =, assignment before a section, unclosed header (fatal)', () => {
  const text = 'Description=x\n[Service]\ngarbage line\n=value\n[Install\n';
  const unit = parseUnit(text, {});
  const problems = unit.problems.map((p) => [slice(text, p), p.fatal === true]);
  assert.deepEqual(problems, [
    ['Description=x', false],
    ['garbage line', false],
    ['=value', false],
    ['[Install', true],
  ]);
  assert.ok(unit.problems.every((p) => p.code === 'systemd/syntax'));
});

test('CRLF line endings, a byte order mark, no final newline, a continuation at the end', () => {
  const text = '\ufeff[Service]\r\nExecStart=/bin/true\r\nUser=a \\';
  const unit = parseUnit(text, {});
  assert.deepEqual(
    unit.sections.map((s) => s.name),
    ['Service'],
  );
  assert.equal(unit.entries[0]!.value, '/bin/true');
  assert.equal(slice(text, unit.entries[0]!.span), 'ExecStart=/bin/true');
  assert.equal(unit.entries[1]!.value, 'a');
  assert.deepEqual(unit.problems, []);
});

test('random bytes never throw and every span stays inside the text', () => {
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = '[]=\\#; \t\r\nABCxyz\u00e9\ufeff"\'%';
  for (let round = 0; round < 400; round++) {
    let text = '';
    for (let i = rand(120); i > 0; i--) text += alphabet[rand(alphabet.length)];
    const unit = parseUnit(text, { unitName: 'x.service', dropIn: rand(2) === 0 });
    for (const e of unit.entries) {
      for (const s of [e.span, e.keySpan, e.valueSpan])
        assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(text));
      for (let i = 0; i <= e.value.length; i++) {
        const o = e.valueOffset(i);
        assert.ok(o >= 0 && o <= text.length);
      }
    }
    for (const p of unit.problems) assert.ok(p.start >= 0 && p.end <= text.length);
  }
});

test('unit identity from write_files paths: unit files and drop-ins', () => {
  assert.deepEqual(identityFromPath('/etc/systemd/system/web.service'), {
    unitName: 'web.service',
    unitType: 'service',
    dropIn: false,
    dropInName: undefined,
  });
  assert.deepEqual(identityFromPath('/etc/systemd/system/docker.service.d/10-opts.conf'), {
    unitName: 'docker.service',
    unitType: 'service',
    dropIn: true,
    dropInName: '10-opts.conf',
  });
  assert.equal(identityFromPath('/etc/hosts').unitName, undefined);
});
