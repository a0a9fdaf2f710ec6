// The exposure map is cached by what it depends on (the rules text, Docker's publications, the
// listeners): code lenses ask for it at every document version, and an edit elsewhere in a user-data
// must not trace every port range again. A cached map is still placed where the rules now sit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exposureCacheStats, exposureReport, exposureSummary } from '../../server/src/service/exposure/index';

const userData = (before: string[], rules: string[]) =>
  [
    '#cloud-config',
    ...before,
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    '    content: |',
    ...[
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      ...rules,
      'COMMIT',
    ].map((l) => `      ${l}`),
    'runcmd:',
    '  - docker run -d -p 5432:5432 postgres:16',
    '',
  ].join('\n');

const ssh = ['-A INPUT -p tcp --dport 8022 -j ACCEPT'];

test("exposure cache: an edit outside the rules reuses the map, placed at the rules' new lines", () => {
  const first = exposureReport(userData([], ssh), 'cloud-config');
  const computed = exposureCacheStats.computed;
  // Two lines added above the rules (packages), nothing else changed.
  const moved = exposureReport(userData(['packages:', '  - htop'], ssh), 'cloud-config');
  assert.equal(exposureCacheStats.computed, computed, 'no family map traced again');
  const v4 = (r: typeof first) => r.files.find((f) => f.family === 4);
  assert.equal(exposureSummary(v4(moved) as never), exposureSummary(v4(first) as never));
  const line = (r: typeof first) => v4(r)?.entries.find((e) => e.label === '8022/tcp')?.decidedBy?.range?.start.line;
  assert.equal(line(first), 7);
  assert.equal(line(moved), 9);
  assert.equal(v4(moved)?.range.start.line, 6);
});

test('exposure cache: an edit inside the rules, or to what is published, computes a new map', () => {
  exposureReport(userData([], ssh), 'cloud-config');
  const computed = exposureCacheStats.computed;
  const more = exposureReport(userData([], [...ssh, '-A INPUT -p tcp --dport 443 -j ACCEPT']), 'cloud-config');
  assert.equal(exposureCacheStats.computed, computed + 1);
  assert.equal(
    exposureSummary(more.files.find((f) => f.family === 4) as never),
    'IPv4 reachable from the internet: 443/tcp, 8022/tcp · via Docker: 5432/tcp',
  );
  const other = exposureReport(userData([], ssh).replace('5432:5432', '6432:5432'), 'cloud-config');
  // Both families see the publication (Docker's rules on IPv4, its proxy's listener on IPv6).
  assert.ok(exposureCacheStats.computed > computed + 1);
  assert.match(exposureSummary(other.files.find((f) => f.family === 4) as never), /via Docker: 6432\/tcp/);
});
