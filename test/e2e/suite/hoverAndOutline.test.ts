// Hover texts, the outline (document symbols) and folding ranges of a complete user-data.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { report, suite, test } from './harness';
import { foldingOf, hoverAt, positionOf, symbolPaths, symbolsOf } from './providerQueries';
import { open } from './workspaceFiles';

suite('hover', () => {
  let doc: vscode.TextDocument;

  test('on a unit command lists the allowed actions and warns about enable', async () => {
    doc = await open('outline/user-data');
    const text = await hoverAt(doc, positionOf(doc, /(?<=^ {6})command(?=: start$)/m).translate(0, 3));
    assert.match(text, /`start`/, `hover on command:\n${text || '(no hover)'}`);
    assert.match(text, /`restart`/, `hover on command:\n${text}`);
    assert.match(text, /enable/, `the hover names the enable pitfall:\n${text}`);
  });

  test('on top-level keys describes them', async () => {
    const hostname = await hoverAt(doc, positionOf(doc, /^hostname/m).translate(0, 2));
    assert.match(hostname, /hostname/i, `hover on hostname:\n${hostname || '(no hover)'}`);
    const writeFiles = await hoverAt(doc, positionOf(doc, /^write_files/m).translate(0, 2));
    assert.match(writeFiles, /write_files/, `hover on write_files:\n${writeFiles || '(no hover)'}`);
    assert.match(writeFiles, /list/i, `hover on write_files names its type:\n${writeFiles}`);
  });
});

suite('outline and folding', () => {
  let doc: vscode.TextDocument;

  test('document symbols: top-level keys, units by name, files by path', async () => {
    doc = await open('outline/user-data');
    const paths = symbolPaths(await symbolsOf(doc));
    report(`      ${paths.length} symbols`);
    for (const p of [
      'hostname',
      'coreos > units > docker.service',
      'coreos > units > shop-web.service',
      'coreos > units > iptables-restore.service',
      'write_files > /var/lib/iptables/rules-save',
    ]) {
      assert.ok(paths.includes(p), `outline lacks "${p}":\n${paths.join('\n')}`);
    }
  });

  test('the unit symbol spans its whole list item', async () => {
    const symbols = await symbolsOf(doc);
    const units = symbols.find((s) => s.name === 'coreos')?.children.find((s) => s.name === 'units');
    const unit = units?.children.find((s) => s.name === 'shop-web.service');
    assert.ok(unit, 'no shop-web.service symbol');
    assert.strictEqual(doc.lineAt(unit.range.start.line).text.trim(), '- name: shop-web.service');
    const lastLine = positionOf(doc, /WantedBy=multi-user\.target/);
    assert.ok(
      unit.range.contains(doc.lineAt(lastLine.line).range),
      `the symbol (lines ${unit.range.start.line + 1}-${unit.range.end.line + 1}) does not cover its unit's last line ${lastLine.line + 1}`,
    );
    const next = positionOf(doc, /- name: iptables-restore\.service/);
    assert.ok(!unit.range.contains(next.translate(0, 2)), 'the symbol runs into the next unit');
  });

  test('folding ranges: coreos, each unit item, the embedded content blocks', async () => {
    const ranges = await foldingOf(doc);
    const starts = (re: RegExp) => positionOf(doc, re).line;
    const folds = (start: number) => ranges.filter((r) => r.start === start);
    assert.ok(folds(starts(/^coreos:/m)).length, `no fold at coreos: ${JSON.stringify(ranges)}`);
    const contentLine = starts(/^ {6}content: \|$/m);
    const content = folds(contentLine)[0];
    assert.ok(content, `no fold at the unit's content: | (line ${contentLine + 1}): ${JSON.stringify(ranges)}`);
    assert.match(
      doc.lineAt(content.end).text,
      /WantedBy=multi-user\.target/,
      'the content fold ends at the last line of the unit',
    );
    const rules = folds(starts(/^ {4}content: \|$/m))[0];
    assert.ok(rules, `no fold at the rules content: ${JSON.stringify(ranges)}`);
    assert.match(doc.lineAt(rules.end).text, /COMMIT/);
  });
});
