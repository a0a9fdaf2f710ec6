// Very long runcmd lines: a shell line is split into words for the host checks (firewall commands,
// published ports); a line of a million words must cost about what its size does, and never break a check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, rangeText } from '../helpers/service';

function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

test('a runcmd line of a million words (3 MB) is validated in bounded CPU time', () => {
  diagnose('#cloud-config\nruncmd:\n  - echo hi\n'); // load and warm the service outside the measurement
  const text = `#cloud-config\nruncmd:\n  - ${'ab '.repeat(1_000_000)}\n`;
  let found: string[] = [];
  const ms = cpuMs(() => {
    found = codes(diagnose(text));
  });
  // About 1.7–2.0 s here under load; 3.4–4.4 s when each word carried a table of its characters' offsets.
  assert.ok(ms < 3500, `${ms.toFixed(0)} ms of CPU for a 3 MB runcmd line`);
  assert.deepEqual(found, []);
});

test('a docker run of 150,000 options in runcmd still gets its published port checked', () => {
  const text = `#cloud-config\nruncmd:\n  - docker run -p 8080:80 ${'-e A=b '.repeat(150_000)}nginx\n`;
  const found = diagnose(text).filter((d) => d.code === 'cloud-config/no-firewall');
  assert.equal(found.length, 1, codes(diagnose(text)).join(', '));
  assert.equal(rangeText(text, found[0] as never), '-p 8080:80');
});
