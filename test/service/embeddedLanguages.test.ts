// The plug-in point later language modules use: a language registered for embedded content gets the
// exact file text, and its findings, fixes, completions and hovers land on the right document spots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { registerEmbeddedLanguage } from '../../server/src/service/embedded/languages';
import { applyAction, caret, doc, rangeText, service } from '../helpers/service';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import { mapFindingToDocument } from '../../server/src/service/embedded/mapFindings';

const seen: string[] = [];
registerEmbeddedLanguage('systemd', {
  validate(ctx) {
    seen.push(ctx.text);
    const at = ctx.text.indexOf('Restart=allways');
    if (at < 0) return [];
    const valueStart = at + 'Restart='.length;
    return [
      {
        code: 'systemd/invalid-value',
        message: 'bad Restart',
        start: valueStart,
        end: valueStart + 'allways'.length,
        fixes: [
          {
            title: 'Change to always and add RestartSec',
            edits: [{ start: valueStart, end: valueStart + 7, newText: 'always\nRestartSec=5' }],
          },
        ],
      },
    ];
  },
  complete(ctx, offset) {
    const lineStart = ctx.text.lastIndexOf('\n', offset - 1) + 1;
    return { items: [{ label: 'Restart=' }, { label: 'RestartSec=' }], replaceStart: lineStart };
  },
  hover(ctx, offset) {
    const lineStart = ctx.text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = ctx.text.indexOf('\n', offset);
    return { markdown: `line: ${ctx.text.slice(lineStart, lineEnd)}`, start: lineStart, end: lineEnd };
  },
});

const userData = [
  '#cloud-config',
  'coreos:',
  '  units:',
  '    - name: app.service',
  '      content: |',
  '        [Service]',
  '        Restart=allways',
  '        ExecStart=/usr/bin/true',
  '',
].join('\r\n');

test('the language gets the unit text exactly as it will be written to disk', () => {
  seen.length = 0;
  service().validate(doc(userData), 'cloud-config');
  assert.deepEqual(seen, ['[Service]\nRestart=allways\nExecStart=/usr/bin/true\n']);
});

test('findings map to the document span, and multi-line fix text gets the block indentation and CRLF', () => {
  const svc = service();
  const d = doc(userData);
  const diag = svc.validate(d, 'cloud-config').find((x) => x.code === 'systemd/invalid-value');
  assert.ok(diag);
  assert.equal(rangeText(userData, diag), 'allways');
  assert.equal(diag.severity, DiagnosticSeverity.Warning, 'the severity the catalogue gives the code');
  assert.deepEqual(diag.range.start, { line: 6, character: 16 });
  const [action] = svc.codeActions(d, 'cloud-config', diag.range, ['quickfix']);
  assert.ok(action);
  const fixed = applyAction(userData, action, d.uri);
  assert.ok(
    fixed.includes('        Restart=always\r\n        RestartSec=5\r\n        ExecStart'),
    JSON.stringify(fixed),
  );
});

test('settings override a registered code like any other', () => {
  const diags = service({ rules: { 'systemd/invalid-value': 'hint' } }).validate(doc(userData), 'cloud-config');
  assert.equal(diags.find((x) => x.code === 'systemd/invalid-value')?.severity, DiagnosticSeverity.Hint);
  assert.equal(
    service({ rules: { 'systemd/invalid-value': 'off' } })
      .validate(doc(userData), 'cloud-config')
      .some((x) => x.code === 'systemd/invalid-value'),
    false,
  );
});

test('completion and hover inside the block are answered by the language with document ranges', () => {
  const { text, offset } = caret(userData.replace('        ExecStart', '        Rest|^|ExecStart'));
  const svc = service();
  const d = doc(text);
  const list = svc.complete(d, 'cloud-config', d.positionAt(offset));
  assert.deepEqual(
    list.items.map((i) => i.label),
    ['Restart=', 'RestartSec='],
  );
  const edit = list.items[0]?.textEdit;
  assert.ok(edit && 'range' in edit);
  assert.deepEqual(edit.range.start, { line: 7, character: 8 });
  const hover = svc.hover(d, 'cloud-config', { line: 6, character: 10 });
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
  assert.equal(hover.contents.value, 'line: Restart=allways');
  assert.deepEqual(hover.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 23 } });
});

test('a fix inserting whole lines at a line start keeps the indentation of the line it pushes down', () => {
  const text =
    '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      :INPUT DROP [0:0]\n      -A INPUT -p tcp --dport 22 -j ACCEPT\n      COMMIT\n';
  const svc = service();
  const d = doc(text);
  const diag = svc.validate(d, 'cloud-config').find((x) => x.code === 'iptables/no-established');
  assert.ok(diag, 'INPUT drops by default without an established rule');
  const action = svc
    .codeActions(d, 'cloud-config', diag.range, ['quickfix'])
    .find((a) => /ESTABLISHED/i.test(a.title) || /established/i.test(a.title));
  assert.ok(action);
  const fixed = applyAction(text, action, d.uri);
  for (const line of fixed.split('\n').slice(4, -1))
    assert.match(line, /^ {6}\S/, `every rules line keeps its 6-space indentation: ${JSON.stringify(fixed)}`);
  assert.equal(
    svc.validate(doc(fixed), 'cloud-config').some((x) => x.code === 'iptables/no-established'),
    false,
  );
});

test('mapped fix text: a whole line inserted at a line start, and one appended after a line end', () => {
  const text = '#cloud-config\r\nwrite_files:\r\n  - path: /etc/x.conf\r\n    content: |\r\n      one\r\n      two\r\n';
  const region = parseCloudConfig(text, 'auto').regions[0];
  assert.ok(region);
  const atTwo = region.text.indexOf('two');
  const apply = (start: number, newText: string): string => {
    const f = mapFindingToDocument(region, {
      code: 'systemd/syntax',
      message: 'x',
      start,
      end: start,
      fixes: [{ title: 't', edits: [{ start, end: start, newText }] }],
    });
    const e = f.fixes![0]!.edits[0]!;
    return text.slice(0, e.start) + e.newText + text.slice(e.end);
  };
  const expected =
    '#cloud-config\r\nwrite_files:\r\n  - path: /etc/x.conf\r\n    content: |\r\n      one\r\n      new\r\n      two\r\n';
  assert.equal(apply(atTwo, 'new\n'), expected);
  assert.equal(apply(atTwo - 1, '\nnew'), expected);
});
