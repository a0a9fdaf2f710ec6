import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import {
  regionAt,
  toDocumentOffset,
  toEmbeddedOffset,
  type EmbeddedRegion,
} from '../../server/src/service/embedded/region';
import type { DialectSetting } from '../../server/src/service/types';

function regionsOf(text: string, dialect: DialectSetting = 'auto'): readonly EmbeddedRegion[] {
  return parseCloudConfig(text, dialect).regions;
}

function onlyRegion(text: string): EmbeddedRegion {
  const regions = regionsOf(text);
  assert.equal(regions.length, 1, `expected one region, got ${regions.length}`);
  return regions[0]!;
}

/**
 * The exactness contract: every embedded line is the document text at its offset, and offsets
 * round-trip between the embedded text and the document.
 */
function assertExactMapping(text: string, region: EmbeddedRegion): void {
  assert.ok(region.mappable, 'region should be mappable');
  const embeddedLines = region.text.split('\n');
  assert.equal(region.lines.length, embeddedLines.length, 'one mapped line per embedded line');
  region.lines.forEach((line, i) => {
    assert.equal(text.slice(line.docOffset, line.docOffset + line.length), embeddedLines[i], `line ${i}`);
    assert.equal(
      region.text.slice(line.embOffset, line.embOffset + line.length),
      embeddedLines[i],
      `line ${i} (embedded side)`,
    );
  });
  for (let e = 0; e <= region.text.length; e++) {
    const d = toDocumentOffset(region, e);
    assert.equal(toEmbeddedOffset(region, d), e, `embedded offset ${e} → document ${d} → back`);
    if (e < region.text.length && region.text[e] !== '\n')
      assert.equal(text[d], region.text[e], `character at embedded offset ${e}`);
  }
}

describe('embedded region language', () => {
  const file = (path: string, content: string): string =>
    `#cloud-config\nwrite_files:\n  - path: ${path}\n    content: |\n${content
      .split('\n')
      .map((l) => (l ? `      ${l}` : l))
      .join('\n')}`;

  const byPath: Array<[string, string, EmbeddedRegion['language']]> = [
    ['/var/lib/iptables/rules-save', '# empty for now\n', 'iptables'],
    ['/var/lib/ip6tables/rules-save', '# empty for now\n', 'ip6tables'],
    ['/etc/iptables/rules.v4', '# rules\n', 'iptables'],
    ['/etc/iptables/rules.v6', '# rules\n', 'ip6tables'],
    ['/etc/sysconfig/iptables', '# rules\n', 'iptables'],
    ['/etc/systemd/system/app.service', 'Description is missing\n', 'systemd'],
    ['/etc/systemd/system/app.timer', '# timer\n', 'systemd'],
    ['/etc/systemd/system/docker.service.d/10-env.conf', '# drop-in\n', 'systemd'],
  ];
  for (const [path, content, language] of byPath) {
    test(`${path} is ${language} by its path`, () => {
      assert.equal(onlyRegion(file(path, content)).language, language);
    });
  }

  const byContent: Array<[string, string, EmbeddedRegion['language']]> = [
    ['/opt/fw/rules', '# firewall\n*filter\nCOMMIT\n', 'iptables'],
    ['/opt/fw/ip6tables-rules', '*filter\nCOMMIT\n', 'ip6tables'],
    ['/opt/app/app.unit', '[Unit]\nDescription=x\n', 'systemd'],
    ['/opt/app/svc', '\n[Service]\nExecStart=/bin/true\n', 'systemd'],
    ['/etc/motd', 'Welcome\n', 'other'],
  ];
  for (const [path, content, language] of byContent) {
    test(`${path} with ${JSON.stringify(content.trim().split('\n')[0])} is ${language} by its content`, () => {
      assert.equal(onlyRegion(file(path, content)).language, language);
    });
  }

  test('unit and drop-in content in coreos.units are systemd, named after the unit', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      content: |\n        [Service]\n        ExecStart=/bin/true\n      drop_ins:\n        - name: 10-env.conf\n          content: |\n            [Service]\n            Environment=A=1\n';
    const [unit, dropIn] = regionsOf(text);
    assert.equal(unit!.language, 'systemd');
    assert.equal(unit!.origin, 'unit');
    assert.equal(unit!.name, 'app.service');
    assert.equal(dropIn!.language, 'systemd');
    assert.equal(dropIn!.origin, 'drop-in');
    assert.equal(dropIn!.name, '10-env.conf');
    assert.equal(dropIn!.unitName, 'app.service');
  });

  test('networkd units are not systemd service content', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: 10-eth0.network\n      content: |\n        [Match]\n        Name=eth0\n';
    assert.equal(onlyRegion(text).language, 'other');
  });

  test('encoded content is not analysed', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    encoding: b64\n    content: KmZpbHRlcgpDT01NSVQK\n';
    const r = onlyRegion(text);
    assert.equal(r.encoded, true);
    assert.equal(r.language, 'other');
    assert.equal(r.mappable, false);
  });

  test('hyphen keys are normalised in the coreos dialect (drop-ins)', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      drop-ins:\n        - name: 10-env.conf\n          content: |\n            [Service]\n            Environment=A=1\n';
    const regions = regionsOf(text);
    assert.deepEqual(
      regions.map((r) => r.origin),
      ['drop-in'],
    );
  });
});

describe('embedded line mapping', () => {
  const rules = (header: string, body: string, eol = '\n'): string =>
    `#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: ${header}\n${body}`.replace(
      /\n/g,
      eol,
    );

  test('`|`: clip chomping, text as written to disk', () => {
    const text = rules('|', '      *filter\n      :INPUT ACCEPT [0:0]\n      COMMIT\n');
    const r = onlyRegion(text);
    assert.equal(r.text, '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    assert.equal(r.style, 'literal');
    assert.equal(r.header?.chomping, 'clip');
    assert.equal(text.slice(r.header!.start, r.header!.end), '|');
    assertExactMapping(text, r);
  });

  test('`|-`: strip chomping', () => {
    const text = rules('|-', '      *filter\n      COMMIT\n');
    const r = onlyRegion(text);
    assert.equal(r.text, '*filter\nCOMMIT');
    assert.equal(r.header?.chomping, 'strip');
    assertExactMapping(text, r);
  });

  test('`|+`: keep chomping, trailing blank lines are part of the text', () => {
    const text = rules('|+', '      *filter\n      COMMIT\n\n\n') + 'hostname: node1\n';
    const r = onlyRegion(text);
    assert.equal(r.text, '*filter\nCOMMIT\n\n\n');
    assert.equal(r.header?.chomping, 'keep');
    assertExactMapping(text, r);
  });

  test('`|2-`: explicit indentation keeps the extra spaces of a more-indented first line', () => {
    const text = rules('|2-', '        *filter\n       :INPUT ACCEPT [0:0]\n      COMMIT\n');
    const r = onlyRegion(text);
    assert.equal(r.header?.indentIndicator, 2);
    assert.equal(r.header?.chomping, 'strip');
    assert.equal(r.text, '  *filter\n :INPUT ACCEPT [0:0]\nCOMMIT');
    assertExactMapping(text, r);
  });

  test('`|2` with the indicator before nothing else, and `|-2` (sign first)', () => {
    const a = rules('|2', '        *filter\n      COMMIT\n');
    assert.equal(onlyRegion(a).text, '  *filter\nCOMMIT\n');
    assertExactMapping(a, onlyRegion(a));
    const b = rules('|-2', '        *filter\n      COMMIT\n');
    assert.equal(onlyRegion(b).text, '  *filter\nCOMMIT');
    assertExactMapping(b, onlyRegion(b));
  });

  test('blank lines, lines with extra indentation and whitespace-only lines inside the block', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/app.service\n    content: |\n      [Unit]\n\n      Description=x\n        \n      [Service]\n        ExecStart=/bin/true\n';
    const r = onlyRegion(text);
    assert.equal(r.text, '[Unit]\n\nDescription=x\n  \n[Service]\n  ExecStart=/bin/true\n');
    assertExactMapping(text, r);
  });

  test('leading blank line and a comment after the header', () => {
    const text = rules('| # the firewall', '\n      *filter\n      COMMIT\n');
    const r = onlyRegion(text);
    assert.equal(r.text, '\n*filter\nCOMMIT\n');
    assertExactMapping(text, r);
  });

  test('content as the first key of a list item (`- content: |`)', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - content: |\n      *filter\n      COMMIT\n    path: /var/lib/iptables/rules-save\n';
    const r = onlyRegion(text);
    assert.equal(r.language, 'iptables');
    assert.equal(r.text, '*filter\nCOMMIT\n');
    assertExactMapping(text, r);
  });

  test("`- content: |2` in a list item: the indicator counts from the item's mapping column", () => {
    const text =
      '#cloud-config\nwrite_files:\n  - content: |2\n        *filter\n      COMMIT\n    path: /var/lib/iptables/rules-save\n';
    const r = onlyRegion(text);
    assert.equal(r.text, '  *filter\nCOMMIT\n');
    assertExactMapping(text, r);
  });

  test('list at column 0 under its key', () => {
    const text =
      '#cloud-config\nwrite_files:\n- path: /var/lib/iptables/rules-save\n  content: |\n    *filter\n    COMMIT\n';
    const r = onlyRegion(text);
    assert.equal(r.text, '*filter\nCOMMIT\n');
    assertExactMapping(text, r);
  });

  test('deeply nested drop-in content', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      drop_ins:\n        - name: 10-env.conf\n          content: |\n            [Service]\n            Environment=A=1\n';
    const r = onlyRegion(text);
    assert.equal(r.text, '[Service]\nEnvironment=A=1\n');
    assertExactMapping(text, r);
  });

  test('CRLF document: `\\r` is not part of the text but counts in offsets', () => {
    const text = rules('|', '      *filter\n\n      :INPUT ACCEPT [0:0]\n      COMMIT\n', '\r\n');
    const r = onlyRegion(text);
    assert.equal(r.text, '*filter\n\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    assertExactMapping(text, r);
  });

  test('CRLF document with `|+` and `|2-`', () => {
    const keep = rules('|+', '      *filter\n      COMMIT\n\n', '\r\n');
    assert.equal(onlyRegion(keep).text, '*filter\nCOMMIT\n\n');
    assertExactMapping(keep, onlyRegion(keep));
    const strip = rules('|2-', '        *filter\n      COMMIT\n', '\r\n');
    assert.equal(onlyRegion(strip).text, '  *filter\nCOMMIT');
    assertExactMapping(strip, onlyRegion(strip));
  });

  test('block at the end of a file without a final newline', () => {
    const text = rules('|', '      *filter\n      COMMIT');
    assertExactMapping(text, onlyRegion(text));
  });

  test('several regions in one document each map exactly', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n    - name: app.service\n      content: |\n        [Service]\n        ExecStart=/bin/true\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\n  - path: /etc/systemd/system/other.service\n    content: |-\n      [Service]\n      ExecStart=/bin/false\n';
    const regions = regionsOf(text);
    assert.deepEqual(
      regions.map((r) => r.language),
      ['systemd', 'iptables', 'systemd'],
    );
    for (const r of regions) assertExactMapping(text, r);
  });

  test('a single-line plain or single-quoted scalar maps to its text', () => {
    const plain =
      '#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/a.service.d/10.conf\n    content: "[Service]"\n';
    assertExactMapping(plain, onlyRegion(plain));
    const single =
      "#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/a.service.d/10.conf\n    content: '[Service]'\n";
    assertExactMapping(single, onlyRegion(single));
  });

  test('folded and escaped double-quoted content is not mappable', () => {
    const folded = rules('>', '      *filter\n      COMMIT\n');
    assert.equal(onlyRegion(folded).mappable, false);
    assert.equal(onlyRegion(folded).style, 'folded');
    const escaped =
      '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: "*filter\\nCOMMIT\\n"\n';
    assert.equal(onlyRegion(escaped).mappable, false);
    assert.equal(toEmbeddedOffset(onlyRegion(escaped), escaped.indexOf('*filter')), undefined);
  });
});

describe('document ↔ embedded offsets', () => {
  const text =
    '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\n';

  test('document offsets inside the content round-trip', () => {
    const r = onlyRegion(text);
    for (const line of r.lines) {
      for (let d = line.docOffset; d <= line.docOffset + line.length; d++) {
        const e = toEmbeddedOffset(r, d);
        assert.notEqual(e, undefined, `document offset ${d}`);
        assert.equal(toDocumentOffset(r, e!), d);
      }
    }
  });

  test('the block indentation, the header and the keys are outside the content', () => {
    const r = onlyRegion(text);
    const commitLine = text.indexOf('      COMMIT');
    assert.equal(toEmbeddedOffset(r, commitLine + 2), undefined, 'indentation');
    assert.equal(toEmbeddedOffset(r, text.indexOf('|')), undefined, 'header');
    assert.equal(toEmbeddedOffset(r, text.indexOf('path')), undefined, 'a key');
  });

  test('regionAt finds the region for offsets in its content only', () => {
    const regions = regionsOf(text);
    assert.equal(regionAt(regions, text.indexOf('COMMIT') + 3), regions[0]);
    assert.equal(regionAt(regions, text.indexOf('*filter')), regions[0]);
    assert.equal(regionAt(regions, text.indexOf('/var/lib')), undefined);
    assert.equal(regionAt(regions, text.indexOf('|')), undefined);
  });

  test('toDocumentOffset clamps an offset past the end of the text to the last line', () => {
    const r = onlyRegion(text);
    const last = r.lines[r.lines.length - 1]!;
    assert.equal(toDocumentOffset(r, r.text.length + 10), last.docOffset + last.length);
  });
});
