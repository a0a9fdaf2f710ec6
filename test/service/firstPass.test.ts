// A large user-data just opened gets a first pass (YAML, keys, values and the embedded findings already
// known) before the complete set; embedded findings are re-used by content across documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { doc, service } from '../helpers/service';
import {
  embeddedLanguage,
  type EmbeddedContext,
  type EmbeddedLanguageService,
} from '../../server/src/service/embedded/languages';

/** A CoreOS user-data with `units` docker units (every tenth with a misspelt key and an exposed port). */
function largeUserData(units: number, tag: string, { brokenUnit = -1 } = {}): string {
  const out = ['#cloud-config', '', 'coreos:', '  units:'];
  for (let i = 0; i < units; i++) {
    const bad = i % 10 === 0;
    out.push(
      `    - name: ${tag}${i}.service`,
      `      ${bad ? 'enabled' : 'enable'}: true`,
      '      command: start',
      '      content: |',
      '        [Unit]',
      `        Description=App ${tag} ${i}`,
      '        After=docker.service',
      '        Requires=docker.service',
      '',
      '        [Service]',
      i === brokenUnit ? '        Restart=sometimes' : '        Restart=always',
      `        ExecStart=/usr/bin/docker run -p ${bad ? '0.0.0.0' : '127.0.0.1'}:${10000 + i}:5000 --name ${tag}${i} example/app:${i}`,
      '',
      '        [Install]',
      '        WantedBy=multi-user.target',
    );
  }
  return `${out.join('\n')}\n`;
}

const key = (d: Diagnostic): string =>
  `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
const embeddedCode = (d: Diagnostic): boolean => !String(d.code).startsWith('cloud-config/');

/** Counts the analyses of systemd units while `fn` runs. */
function countingUnitAnalyses<T>(fn: (count: () => number) => T): T {
  const systemd = embeddedLanguage('systemd') as EmbeddedLanguageService;
  const original = systemd.validate;
  let n = 0;
  systemd.validate = (ctx: EmbeddedContext) => {
    n++;
    return original(ctx);
  };
  try {
    return fn(() => n);
  } finally {
    systemd.validate = original;
  }
}

test('a large user-data just opened: the first pass is the complete set without the embedded checks not yet run', () => {
  const text = largeUserData(150, 'first');
  const complete = service().validate(doc(text, 'cloud-config', 'file:///a/complete.yaml'), 'cloud-config');
  assert.ok(complete.some(embeddedCode), 'the complete set has embedded findings');

  // Another process-wide state: new content (tag) so nothing of it is known yet.
  const fresh = largeUserData(150, 'fresh');
  const s = service();
  const opened = doc(fresh, 'cloud-config', 'file:///a/opened.yaml');
  const first = s.firstPass(opened, 'cloud-config');
  assert.ok(first, 'a first pass for a large document with unknown embedded content');
  assert.ok(first.length > 0 && first.every((d) => !embeddedCode(d)), first.map(key).join('\n'));
  const all = s.validate(opened, 'cloud-config');
  const allKeys = new Set(all.map(key));
  for (const d of first) assert.ok(allKeys.has(key(d)), `first-pass finding missing from the complete set: ${key(d)}`);
  assert.deepEqual(
    all.filter((d) => !embeddedCode(d)).map(key),
    first.map(key),
    'the first pass has every cloud-config finding',
  );
  assert.ok(all.some(embeddedCode));
  // The complete set is what a service without a first pass answers.
  assert.deepEqual(
    all.map(key),
    service()
      .validate(doc(fresh, 'cloud-config', 'file:///a/other.yaml'), 'cloud-config')
      .map(key),
  );
});

test('after a first pass, the complete set equals a single pass also with template syntax and a YAML error', () => {
  const variants = {
    template: `${largeUserData(150, 'tpl')}hostname: \${host_name}\n%{ if enable_ntp }\nntp:\n  enabled: true\n%{ endif }\n`,
    'yaml error': `${largeUserData(150, 'yamlerr')}write_files:\n  - path: /etc/motd\n    content: "unclosed\n`,
  };
  for (const [name, text] of Object.entries(variants)) {
    const s = service();
    const opened = doc(text, 'cloud-config', `file:///a/${name}.yaml`);
    const first = s.firstPass(opened, 'cloud-config');
    assert.ok(first, name);
    const all = s.validate(opened, 'cloud-config').map(key);
    const single = service()
      .validate(doc(text, 'cloud-config', `file:///a/${name}.yaml`), 'cloud-config')
      .map(key);
    assert.deepEqual(all, single, name);
    const fixes = (list: ReturnType<typeof s.codeActions>): string[] => list.map((a) => JSON.stringify(a.edit));
    const whole = { start: { line: 0, character: 0 }, end: opened.positionAt(text.length) };
    assert.deepEqual(
      fixes(s.codeActions(opened, 'cloud-config', whole)),
      fixes(service().codeActions(doc(text, 'cloud-config', `file:///a/${name}.yaml`), 'cloud-config', whole)),
      name,
    );
  }
});

test('no first pass for a small user-data, nor once its complete set is known', () => {
  const small = largeUserData(3, 'small');
  const s = service();
  assert.equal(s.firstPass(doc(small, 'cloud-config', 'file:///a/small.yaml'), 'cloud-config'), undefined);
  const large = doc(largeUserData(150, 'known'), 'cloud-config', 'file:///a/known.yaml');
  s.validate(large, 'cloud-config');
  assert.equal(s.firstPass(large, 'cloud-config'), undefined);
});

test('a second document with the same units re-uses their findings: no unit is analysed again, and the findings are the same', () => {
  const text = largeUserData(40, 'shared');
  countingUnitAnalyses((count) => {
    const a = service().validate(doc(text, 'cloud-config', 'file:///a/one.yaml'), 'cloud-config');
    assert.equal(count(), 40, 'every unit analysed once for the first document');
    // Another document (another service, as for other settings): same units, different YAML around them.
    const second = `${text}write_files:\n  - path: /etc/motd\n    content: hello\n`;
    const s = service();
    const opened = doc(second, 'cloud-config', 'file:///a/two.yaml');
    // Every embedded finding is known: no first pass, the complete set at once.
    assert.equal(s.firstPass(opened, 'cloud-config'), undefined);
    const b = s.validate(opened, 'cloud-config');
    assert.equal(count(), 40, 'no unit analysed again');
    assert.deepEqual(b.filter(embeddedCode).map(key), a.filter(embeddedCode).map(key));
  });
});

test('an edited unit in the second document is analysed again and its new finding shows', () => {
  const text = largeUserData(40, 'edited');
  countingUnitAnalyses((count) => {
    const before = service().validate(doc(text, 'cloud-config', 'file:///a/before.yaml'), 'cloud-config');
    assert.ok(!before.some((d) => String(d.message).includes('sometimes')));
    const analysed = count();
    const after = service().validate(
      doc(largeUserData(40, 'edited', { brokenUnit: 7 }), 'cloud-config', 'file:///a/after.yaml'),
      'cloud-config',
    );
    assert.equal(count(), analysed + 1, 'only the edited unit is analysed');
    const restart = after.filter((d) => String(d.message).includes('sometimes'));
    assert.equal(restart.length, 1, after.filter(embeddedCode).map(key).join('\n'));
    assert.equal(restart[0]?.range.start.line, 4 + 7 * 15 + 10);
  });
});
