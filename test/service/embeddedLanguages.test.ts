// The plug-in point later language modules use: a language registered for embedded content gets the
// exact file text, and its findings, fixes, completions and hovers land on the right document spots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { registerEmbeddedLanguage } from '../../server/src/service/embedded/languages';
import { applyAction, caret, doc, rangeText, service } from '../helpers/service';

const seen: string[] = [];
registerEmbeddedLanguage('systemd', {
  rules: { 'systemd/invalid-value': { severity: 'error', summary: 'test rule' } },
  validate(ctx) {
    seen.push(ctx.text);
    const at = ctx.text.indexOf('Restart=allways');
    if (at < 0) return [];
    const valueStart = at + 'Restart='.length;
    return [{
      code: 'systemd/invalid-value', message: 'bad Restart', start: valueStart, end: valueStart + 'allways'.length,
      fixes: [{ title: 'Change to always and add RestartSec', edits: [{ start: valueStart, end: valueStart + 7, newText: 'always\nRestartSec=5' }] }],
    }];
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
  assert.equal(diag.severity, DiagnosticSeverity.Error, 'the severity the language registered for its code');
  assert.deepEqual(diag.range.start, { line: 6, character: 16 });
  const [action] = svc.codeActions(d, 'cloud-config', diag.range, ['quickfix']);
  assert.ok(action);
  const fixed = applyAction(userData, action, d.uri);
  assert.ok(fixed.includes('        Restart=always\r\n        RestartSec=5\r\n        ExecStart'), JSON.stringify(fixed));
});

test('settings override a registered code like any other', () => {
  const diags = service({ rules: { 'systemd/invalid-value': 'hint' } }).validate(doc(userData), 'cloud-config');
  assert.equal(diags.find((x) => x.code === 'systemd/invalid-value')?.severity, DiagnosticSeverity.Hint);
  assert.equal(service({ rules: { 'systemd/invalid-value': 'off' } }).validate(doc(userData), 'cloud-config').some((x) => x.code === 'systemd/invalid-value'), false);
});

test('completion and hover inside the block are answered by the language with document ranges', () => {
  const { text, offset } = caret(userData.replace('        ExecStart', '        Rest|^|ExecStart'));
  const svc = service();
  const d = doc(text);
  const list = svc.complete(d, 'cloud-config', d.positionAt(offset));
  assert.deepEqual(list.items.map((i) => i.label), ['Restart=', 'RestartSec=']);
  const edit = list.items[0]?.textEdit;
  assert.ok(edit && 'range' in edit);
  assert.deepEqual(edit.range.start, { line: 7, character: 8 });
  const hover = svc.hover(d, 'cloud-config', { line: 6, character: 10 });
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
  assert.equal(hover.contents.value, 'line: Restart=allways');
  assert.deepEqual(hover.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 23 } });
});
