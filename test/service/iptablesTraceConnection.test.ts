// A new connection as the kernel treats it: the nat table only when connection tracking is on, the
// host's answer through OUTPUT, the client's next packet through INPUT. Each case is one the kernel
// oracle (test/oracle/kernelTracer.test.ts) measured differently before the tracer modelled it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { exposureReport, exposureSummary, traceReport } from '../../server/src/service/exposure/index';
import { repoRoot } from '../helpers/paths';

const file = (...lines: string[]) => `${lines.join('\n')}\n`;
const trace = (text: string, dport: number, extra: Record<string, unknown> = {}) =>
  traceReport(text, 'iptables', { proto: 'tcp', dport, src: '203.0.113.5', ...extra });
const summary = (text: string) => exposureSummary(exposureReport(text, 'iptables').files[0] as never);

test('a nat chain with policy DROP decides nothing while no loaded rule needs connection tracking', () => {
  const natOnly = file('*nat', ':PREROUTING DROP [0:0]', 'COMMIT');
  const r = trace(natOnly, 80);
  assert.equal(r.verdict, 'accept');
  assert.ok(
    r.steps.some((s) => s.table === 'nat' && /not consulted: no rule loaded needs connection tracking/.test(s.text)),
  );
  assert.equal(summary(natOnly), 'IPv4 reachable from the internet: every port/tcp, every port/udp, icmp echo-request');
});

test('the same nat policy DROP drops new connections once a state match turns tracking on', () => {
  const tracked = file(
    '*nat',
    ':PREROUTING DROP [0:0]',
    'COMMIT',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    '-A INPUT -m conntrack --ctstate INVALID -j DROP',
    'COMMIT',
  );
  const r = trace(tracked, 80);
  assert.equal(r.verdict, 'drop');
  assert.equal(r.steps.at(-1)?.text, ':PREROUTING DROP');
  // A notrack rule does not turn tracking on.
  const notrack = file(
    '*raw',
    ':PREROUTING ACCEPT [0:0]',
    '-A PREROUTING -p tcp --dport 81 -j CT --notrack',
    'COMMIT',
    '*nat',
    ':PREROUTING DROP [0:0]',
    'COMMIT',
  );
  assert.equal(trace(notrack, 80).verdict, 'accept');
});

test('REJECT in OUTPUT: the packet gets in, the answer never gets out, so the connection is dropped', () => {
  const text = file(
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A OUTPUT -j REJECT',
    'COMMIT',
  );
  const r = trace(text, 22);
  assert.equal(r.verdict, 'drop');
  assert.ok(r.steps.some((s) => s.text === 'the host answers: OUTPUT'));
  assert.equal(r.steps.at(-1)?.text, '-A OUTPUT -j REJECT');
  assert.equal(r.steps.at(-1)?.range?.start.line, 4);
  // One packet of an established connection is still let in: only a new connection is judged whole.
  assert.equal(trace(text, 22, { state: 'ESTABLISHED' }).verdict, 'accept');
  assert.equal(summary(text), 'IPv4 reachable from the internet: nothing');
});

test('an OUTPUT chain that lets answers out keeps the port open', () => {
  const text = file(
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT DROP [0:0]',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A OUTPUT -p tcp --sport 22 -j ACCEPT',
    'COMMIT',
  );
  assert.equal(trace(text, 22).verdict, 'accept');
  assert.equal(summary(text), 'IPv4 reachable from the internet: 22/tcp');
});

test('a SYN accepted but the next packet rejected: the connection is rejected', () => {
  const text = file(
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -p tcp --syn --dport 25 -j ACCEPT',
    '-A INPUT -p tcp --dport 25:1025 -j REJECT',
    'COMMIT',
  );
  const r = trace(text, 25);
  assert.equal(r.verdict, 'reject');
  assert.ok(r.steps.some((s) => /next packet \(ESTABLISHED\)/.test(s.text)));
  assert.equal(r.steps.at(-1)?.text, '-A INPUT -p tcp --dport 25:1025 -j REJECT');
  // Without a rule for established packets under a DROP policy, only the SYN gets in.
  const synOnly = file(
    '*filter',
    ':INPUT DROP [0:0]',
    '-A INPUT -p tcp -m conntrack --ctstate NEW --dport 22 -j ACCEPT',
    'COMMIT',
  );
  assert.equal(trace(synOnly, 22).verdict, 'drop');
  assert.equal(trace(synOnly, 22, { state: 'NEW' }).steps.at(-1)?.text, ':INPUT DROP');
});

test("the host's answer comes from a local address (addrtype --src-type LOCAL in OUTPUT)", () => {
  const text = file(
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT DROP [0:0]',
    '-A OUTPUT -m addrtype --src-type LOCAL -p tcp --sport 22 -j ACCEPT',
    'COMMIT',
  );
  assert.equal(trace(text, 22).verdict, 'accept');
  assert.equal(trace(text, 23).verdict, 'drop');
});

/** A scenario file of the kernel oracle (measured with real packets, legacy and nft). */
const scenario = (name: string): string =>
  fs.readFileSync(path.join(repoRoot(), 'test', 'oracle', 'kernel', 'scenarios', name), 'utf8');

test('after an untracked first packet the answer is INVALID (TCP SYN-ACK, echo reply) or NEW (UDP)', () => {
  const v4 = scenario('notrack-answer.v4.rules');
  // OUTPUT lets out ESTABLISHED answers only (and NEW ones from port 53).
  const tcp = trace(v4, 80);
  assert.equal(tcp.verdict, 'drop');
  assert.ok(tcp.steps.some((s) => s.table === 'raw' && s.text === '-A PREROUTING -p tcp --dport 80 -j CT --notrack'));
  assert.equal(tcp.steps.at(-1)?.text, ':OUTPUT DROP');
  assert.equal(trace(v4, 443).verdict, 'accept');
  const udp = (text: string, dport: number) =>
    traceReport(text, 'iptables', { proto: 'udp', dport, src: '203.0.113.5' }).verdict;
  assert.equal(udp(v4, 53), 'accept');
  assert.equal(udp(v4, 123), 'accept');
  assert.equal(traceReport(v4, 'iptables', { proto: 'icmp', src: '203.0.113.5' }).verdict, 'drop');
  const v6 = scenario('notrack-answer.v6.rules');
  assert.equal(traceReport(v6, 'ip6tables', { proto: 'tcp', dport: 80, src: '2001:db8::5' }).verdict, 'drop');
  assert.equal(traceReport(v6, 'ip6tables', { proto: 'icmp', src: '2001:db8::5' }).verdict, 'drop');
});

test("after an untracked SYN the client's ACK is NEW (conntrack picks the connection up)", () => {
  const text = scenario('notrack-syn-only.v4.rules');
  const untrackedOnly = trace(text, 8080);
  assert.equal(untrackedOnly.verdict, 'drop');
  assert.ok(untrackedOnly.steps.some((s) => /its ACK: conntrack has no entry/.test(s.text)));
  assert.equal(trace(text, 8443).verdict, 'accept');
});

test("-m addrtype: the host's own address is LOCAL, not UNICAST, on IPv4; UNICAST and LOCAL on IPv6", () => {
  const v4 = scenario('addrtype.v4.rules');
  const v6 = scenario('addrtype.v6.rules');
  const t4 = (proto: string, dport: number) =>
    traceReport(v4, 'iptables', { proto, dport, src: '203.0.113.5', dst: '192.0.2.1' }).verdict;
  const t6 = (proto: string, dport: number) =>
    traceReport(v6, 'ip6tables', { proto, dport, src: '2001:db8:2::7', dst: '2001:db8::1' }).verdict;
  assert.deepEqual(
    [t4('tcp', 80), t4('tcp', 443), t4('tcp', 8080), t4('tcp', 22), t4('udp', 53)],
    ['drop', 'accept', 'accept', 'accept', 'accept'],
  );
  // IPv6: `LOCAL,UNICAST` needs both (the client is not LOCAL: 22 in, 443's answer out).
  assert.deepEqual(
    [t6('tcp', 80), t6('tcp', 443), t6('tcp', 8080), t6('tcp', 22), t6('udp', 53)],
    ['accept', 'drop', 'accept', 'drop', 'drop'],
  );
});
