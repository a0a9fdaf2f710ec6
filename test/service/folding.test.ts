import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { doc, service } from '../helpers/service';

function foldsOf(text: string): string[] {
  const ranges: FoldingRange[] = service().folding(doc(text), 'cloud-config');
  return ranges
    .map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
}

describe('folding ranges', () => {
  const text = [
    '#cloud-config', //            0
    '# first comment', //          1
    '# second comment', //         2
    'coreos:', //                  3
    '  units:', //                 4
    '    - name: app.service', //  5
    '      command: start', //     6
    '      content: |', //         7
    '        [Service]', //        8
    '        ExecStart=/bin/true', // 9
    '', //                         10
    '    - name: b.service', //    11
    '      enable: true', //       12
    'write_files:', //             13
    '  - path: /etc/motd', //      14
    '    content: hi', //          15
    'hostname: node1', //          16
    '',
  ].join('\n');

  test('mappings, lists, list items, block scalars and comment runs fold', () => {
    assert.deepEqual(foldsOf(text), [
      `1-2 ${FoldingRangeKind.Comment}`,
      '3-12', // coreos (the blank line inside is not the end)
      '4-12', // units
      '5-9', // first unit item
      '7-9', // content block
      '8-9', // the [Service] section of the embedded unit
      '11-12', // second unit item
      '13-15', // write_files
      '14-15', // its item
    ]);
  });

  test('single-line entries and the header line do not fold', () => {
    const folds = foldsOf('#cloud-config\nhostname: node1\ntimezone: UTC\nruncmd: [a, b]\n');
    assert.deepEqual(folds, []);
  });

  test('a trailing comment run after the last key folds', () => {
    assert.deepEqual(foldsOf('#cloud-config\nhostname: a\n# one\n# two\n# three\n'), [
      `2-4 ${FoldingRangeKind.Comment}`,
    ]);
  });

  test('CRLF documents fold on the same lines', () => {
    assert.deepEqual(foldsOf(text.replace(/\n/g, '\r\n')), foldsOf(text));
  });
});
