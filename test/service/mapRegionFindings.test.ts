// A region's findings in document offsets are kept across keystrokes: a region moved as a whole (after
// an edit above it) reuses the last mapping moved by the same amount. It must equal a mapping of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import { patchCloudConfig } from '../../server/src/service/cloudConfig/patchModel';
import { mapFindingToDocument, mapRegionFindings } from '../../server/src/service/embedded/mapFindings';
import { embeddedLanguage } from '../../server/src/service/embedded/languages';
import type { Finding } from '../../server/src/service/types';
import '../../server/src/service/index';

test('findings of regions moved by an edit above them equal a fresh mapping, with fixes and related spans', () => {
  let text = [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: a.service',
    '      command: start',
    '      content: |',
    '        [Service]',
    '        ExecStart=/usr/bin/docker run -d -p 80:80 nginx',
    '    - name: b.service',
    '      command: start',
    '      content: |',
    '        [Service]',
    '        ExecStart=/usr/bin/docker run -d -p 8080:80 nginx',
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    content: |',
    '      *filter',
    '      :INPUT DROP [0:0]',
    '      :FORWARD DROP [0:0]',
    '      -A INPUT -s 10.0.0.0/8 -j ACCEPT',
    '      -A INPUT -p tcp --dport 80 -j ACCEPT',
    '      -A INPUT -p tcp --dport 80 -j ACCEPT',
    '      COMMIT',
    '',
  ].join('\n');
  let model = parseCloudConfig(text, 'auto');
  const findingsOf = new Map<string, Finding[]>();
  for (const region of model.regions) {
    const service = embeddedLanguage(region.language);
    const findings = service?.validate({ text: region.text, region, siblings: model.regions, hostCommands: [] }) ?? [];
    findingsOf.set(region.text, findings);
    mapRegionFindings(region, findings);
  }
  const all = [...findingsOf.values()].flat();
  const withFixes = all.filter((f) => f.fixes?.length).length;
  const withRelated = all.filter((f) => f.related?.length).length;
  let moved = 0;
  // Type into the first block's content, one keystroke at a time: every later region moves.
  const first = model.regions[0];
  assert.ok(
    first && model.regions.length > 2 && withFixes > 3 && withRelated > 0,
    `${withFixes} findings with fixes, ${withRelated} with related spans`,
  );
  for (let i = 0; i < 5; i++) {
    const at = (first.lines[0]?.docOffset ?? 0) + 1;
    const next = `${text.slice(0, at)}x${text.slice(at)}`;
    const patched = patchCloudConfig(model, next, 'auto');
    assert.ok(patched, 'the keystroke carries the model over');
    text = next;
    model = patched;
    for (const region of model.regions.slice(1)) {
      const findings = findingsOf.get(region.text) as Finding[];
      const kept = mapRegionFindings(region, findings);
      assert.deepEqual(
        kept,
        findings.map((f) => mapFindingToDocument(region, f)),
        `${region.path ?? region.name}`,
      );
      if (findings.length) moved++;
    }
  }
  assert.ok(moved >= 5, `regions with findings moved: ${moved}`);
});
