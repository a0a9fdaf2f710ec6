// Walks that skip rules: a walk for a packet to one destination port skips the rules filed under other
// ports, and many walks of one kind of packet run on a table cut down to the rules such packets can
// match. On long random chains (negated, ranged, multiport and unreadable ports, sources, states,
// interfaces, jumps, RETURN and goto), every such walk must end exactly as the walk over every rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { buildTable } from '../../server/src/service/iptables/flow/chains';
import { walk, type Outcome } from '../../server/src/service/iptables/flow/walk';
import { narrowed } from '../../server/src/service/iptables/flow/narrowed';
import type { Probe } from '../../server/src/service/iptables/flow/probe';

let seed = 5;
const next = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)] as T;

const ports = [22, 80, 443, 8080, 5000, 53];
const portOptions = [
  () => `-p tcp --dport ${pick(ports)}`,
  () => `-p udp --dport ${pick(ports)}`,
  () => `-p tcp ! --dport ${pick(ports)}`,
  () => `-p tcp --dport ${pick(ports)}:${pick(ports) + 40}`,
  () => `-p tcp --dport 1024:65535`,
  () => `-p tcp -m multiport --dports ${pick(ports)},${pick(ports)}`,
  () => '-p tcp --dport nosuchservice',
  () => `-s 10.${next(4)}.0.0/16`,
  () => `! -s 192.168.${next(4)}.0/24 -p tcp --dport ${pick(ports)}`,
  () => `-s 203.0.113.${next(9)} -p udp`,
  () => `-p tcp -m multiport ! --ports ${pick(ports)},${pick(ports)}`,
  () => `-p tcp ! --dport 0:65535`,
  () => '-i eth0 -m conntrack --ctstate NEW',
  () => '-m conntrack --ctstate RELATED,ESTABLISHED',
  () => '-i lo',
  () => '',
];
const targets = ['ACCEPT', 'DROP', 'REJECT', 'LOG', 'RETURN', 'WEB', 'ADMIN'];

function rulesFile(): string {
  const lines = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':WEB - [0:0]',
    ':ADMIN - [0:0]',
  ];
  for (const chain of ['INPUT', 'WEB', 'ADMIN']) {
    const count = chain === 'INPUT' ? 120 : 40;
    for (let i = 0; i < count; i++) {
      let target = pick(targets);
      if (target === chain || (chain === 'ADMIN' && target === 'WEB')) target = 'DROP';
      const jump = next(8) === 0 && (target === 'WEB' || target === 'ADMIN') ? '-g' : '-j';
      lines.push(`-A ${chain} ${pick(portOptions)()} ${jump} ${target}`.replace(/ +/g, ' '));
    }
  }
  lines.push('COMMIT', '');
  return lines.join('\n');
}

function probe(dport: number | undefined, proto: string, shape = 0): Probe {
  const base: Probe = {
    proto,
    src: { kind: 'internet' },
    dst: { kind: 'any' },
    inIface: { kind: 'external' },
    outIface: { kind: 'unknown' },
    sport: 50000,
    dport,
    state: 'NEW',
    syn: proto === 'tcp' ? true : undefined,
  };
  if (shape === 1)
    return {
      ...base,
      src: { kind: 'any' },
      inIface: { kind: 'not-loopback' },
      state: 'ESTABLISHED',
      sport: 443,
      syn: false,
    };
  if (shape === 2) return { ...base, inIface: { kind: 'name', name: 'lo' }, sport: 22 };
  return base;
}

const ending = (outcomes: readonly Outcome[]): unknown =>
  outcomes.map((o) => [o.verdict, o.rule?.line.span.start, o.policy?.start, o.entry?.line.span.start]);

test('walks to one port end as the walks that visit every rule, on random long chains', () => {
  let walks = 0;
  let skipped = 0;
  for (let file = 0; file < 40; file++) {
    const text = rulesFile();
    const table = buildTable(parseRulesSave(text, 'ipv4').tables[0]!, text);
    for (const dport of [...ports, 1500, 65535, undefined]) {
      for (const proto of ['tcp', 'udp']) {
        for (const start of ['INPUT', 'WEB']) {
          const all = walk(table, start, probe(dport, proto), false);
          assert.deepEqual(
            ending(walk(table, start, probe(dport, proto))),
            ending(all),
            `file ${file}, ${proto}/${dport} from ${start}`,
          );
          walks++;
          if (all.length > 0 && dport !== undefined) skipped++;
        }
      }
    }
  }
  assert.ok(walks === 40 * 9 * 2 * 2 && skipped > 500, `${walks} walks compared`);
});

test('walks on a table cut down for one kind of packet end as walks on the whole table, for every port', () => {
  let walks = 0;
  let dropped = 0;
  for (let file = 0; file < 30; file++) {
    const text = rulesFile();
    const table = buildTable(parseRulesSave(text, 'ipv4').tables[0]!, text);
    for (const proto of ['tcp', 'udp']) {
      for (const shape of [0, 1, 2]) {
        const view = narrowed(table, probe(undefined, proto, shape));
        dropped += (table.chains.get('INPUT')?.rules.length ?? 0) - (view.chains.get('INPUT')?.rules.length ?? 0);
        for (const dport of [...ports, 1500, 65535, undefined]) {
          for (const start of ['INPUT', 'WEB']) {
            const all = walk(table, start, probe(dport, proto, shape), false);
            assert.deepEqual(
              ending(walk(view, start, probe(dport, proto, shape))),
              ending(all),
              `file ${file}, shape ${shape}, ${proto}/${dport} from ${start}`,
            );
            walks++;
          }
        }
      }
    }
  }
  // The cut must remove rules for the comparison to mean anything.
  assert.ok(walks === 30 * 2 * 3 * 9 * 2 && dropped > 1000, `${walks} walks, ${dropped} rules cut`);
});
