import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { codes, diagnose, fixesFor, rangeText, withCode } from '../helpers/service';

const code = 'cloud-config/header';
const body = 'hostname: node1\n';

function headerFinding(text: string, settings = {}) {
  const found = withCode(diagnose(text, settings), code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(text)}, got ${found.length}`);
  return found[0]!;
}

describe('cloud-config/header', () => {
  test('a missing header is an error on line 1; the fix inserts #cloud-config', () => {
    const text = body;
    const d = headerFinding(text);
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d), 'hostname: node1');
    assert.deepEqual(fixesFor(text, code), [["Insert '#cloud-config' as line 1", `#cloud-config\n${body}`]]);
  });

  test('`# cloud-config` (space after #) covers line 1; the fix replaces it', () => {
    const text = `# cloud-config\n${body}`;
    const d = headerFinding(text);
    assert.equal(rangeText(text, d), '# cloud-config');
    assert.deepEqual(fixesFor(text, code), [["Replace line 1 with '#cloud-config'", `#cloud-config\n${body}`]]);
  });

  test('wrong case `#Cloud-Config` is flagged and fixed', () => {
    const text = `#Cloud-Config\n${body}`;
    assert.equal(rangeText(text, headerFinding(text)), '#Cloud-Config');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [`#cloud-config\n${body}`],
    );
  });

  test('a leading space before the marker is flagged and fixed', () => {
    const text = ` #cloud-config\n${body}`;
    assert.equal(rangeText(text, headerFinding(text)), ' #cloud-config');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [`#cloud-config\n${body}`],
    );
  });

  test('a blank line before the marker: the fix removes it', () => {
    const text = `\n#cloud-config\n${body}`;
    const d = headerFinding(text);
    assert.equal(d.range.start.line, 0);
    assert.equal(d.range.start.character, 0);
    assert.deepEqual(fixesFor(text, code), [["Remove what precedes '#cloud-config'", `#cloud-config\n${body}`]]);
  });

  test('`---` before the marker: the preferred fix moves the marker to line 1', () => {
    const text = `---\n#cloud-config\n${body}`;
    assert.equal(rangeText(text, headerFinding(text)), '---');
    const fixes = fixesFor(text, code);
    assert.deepEqual(fixes[0], ["Move '#cloud-config' to line 1", `#cloud-config\n---\n${body}`]);
  });

  test('an empty document gets a zero-width header error at 0:0 and an insert fix', () => {
    const d = headerFinding('');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(
      fixesFor('', code).map(([, t]) => t),
      ['#cloud-config\n'],
    );
  });

  test('the insert fix keeps CRLF line endings', () => {
    const text = 'hostname: node1\r\n';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      ['#cloud-config\r\nhostname: node1\r\n'],
    );
  });

  test('in the coreos dialect `#cloud-config` followed by other text on line 1 is wrong', () => {
    const text = '#cloud-configx\ncoreos:\n  units: []\n';
    assert.equal(rangeText(text, headerFinding(text)), '#cloud-configx');
  });

  test('in the coreos dialect text after the marker (`#cloud-config # web`) is replaced, not duplicated', () => {
    const text = '#cloud-config # web\ncoreos:\n  units: []\n';
    assert.equal(rangeText(text, headerFinding(text)), '#cloud-config # web');
    assert.deepEqual(fixesFor(text, code), [
      ["Replace line 1 with '#cloud-config'", '#cloud-config\ncoreos:\n  units: []\n'],
    ]);
  });

  test('a byte-order mark before the marker is flagged; the fix removes it', () => {
    const text = '\uFEFF#cloud-config\nhostname: node1\n';
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [`#cloud-config\n${body}`],
    );
  });

  describe('no header finding', () => {
    const fine: Array<[string, string]> = [
      ['exact marker', `#cloud-config\n${body}`],
      ['trailing spaces after the marker', `#cloud-config   \n${body}`],
      ['trailing tab after the marker', `#cloud-config\t\n${body}`],
      ['CRLF line endings', '#cloud-config\r\nhostname: node1\r\n'],
      ['jinja template header before the marker', `## template: jinja\n#cloud-config\n${body}`],
      ['coreos dialect with trailing spaces', '#cloud-config  \ncoreos:\n  units: []\n'],
    ];
    for (const [name, text] of fine) {
      test(name, () => assert.deepEqual(withCode(diagnose(text), code), []));
    }
  });

  test('#! scripts are not cloud-config: no header error and nothing above a hint', () => {
    const text = '#!/bin/bash\necho hello\nfoo: [\n';
    const diags = diagnose(text);
    assert.ok(!codes(diags).includes(code));
    assert.deepEqual(
      diags.filter((d) => d.severity !== DiagnosticSeverity.Hint),
      [],
    );
  });
});
