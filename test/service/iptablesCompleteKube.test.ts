// Completion and hover while typing in a Kubernetes node's iptables-save dump (kube-proxy shape, 40k
// lines, 15k chains): each keystroke makes a new model, and the first request on it must not go over
// every rule of the table again (the chain index is carried over and patched), yet answer exactly what
// a fresh service answers on the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocument as Doc } from 'vscode-languageserver-textdocument';
import type { CompletionList, Position } from 'vscode-languageserver-types';
import { service } from '../helpers/service';
import { repoRoot } from '../helpers/paths';
import { maxItems } from '../../server/src/service/iptables/complete/rank';

const lineCount = 40_000;

async function kubeText(): Promise<string> {
  const { kubeDump } = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/bench/kubeDump.mjs')).href)) as {
    kubeDump: (lines: number) => string;
  };
  return kubeDump(lineCount);
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Labels in the order the editor shows them (by `sortText`). */
const shown = (list: CompletionList): string[] =>
  [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

/** A KUBE-SVC rule with a statistic match and a jump to an endpoint chain, a quarter into the file. */
function svcRule(lines: string[]): number {
  for (let l = Math.floor(lines.length / 4); l < lines.length; l++)
    if (/^-A KUBE-SVC-\S+ -m comment .* -m statistic .* -j KUBE-SEP-/.test(lines[l] as string)) return l;
  throw new Error('no KUBE-SVC rule');
}

test(`typing in a ${lineCount}-line kube dump: completion and hover on each new version stay cheap and equal a fresh service's`, async () => {
  const text = await kubeText();
  const lines = text.split('\n');
  const l = svcRule(lines);
  const rule = lines[l] as string;
  const chain = (/^-A (\S+)/.exec(rule) as RegExpExecArray)[1] as string;
  const target = (/ -j (\S+)/.exec(rule) as RegExpExecArray)[1] as string;
  const s = service();
  let doc: TextDocument = Doc.create('file:///k/rules-save', 'iptables', 1, text);
  s.validate(doc, 'iptables');
  const afterJ: Position = { line: l, character: rule.indexOf(' -j ') + 4 };
  const afterA: Position = { line: l, character: 3 };
  // The first requests on the dump build the chain index of the nat table.
  s.complete(doc, 'iptables', afterJ);
  s.hover(doc, 'iptables', afterA);

  const completionCpu: number[] = [];
  const hoverCpu: number[] = [];
  let end = rule.length;
  for (let k = 0; k < 8; k++) {
    doc = Doc.update(
      doc,
      [{ range: { start: { line: l, character: end }, end: { line: l, character: end } }, text: k % 2 ? 'x' : ' ' }],
      doc.version + 1,
    );
    end++;
    s.validate(doc, 'iptables');
    // The first request on each version is the one that would rebuild (the second reuses the first's work).
    const at = k % 2 ? afterA : afterJ;
    let c = cpuMs();
    const list = s.complete(doc, 'iptables', at);
    completionCpu.push(cpuMs() - c);
    assert.ok(list.items.length <= maxItems && list.isIncomplete === true);
    c = cpuMs();
    s.hover(doc, 'iptables', at);
    hoverCpu.push(cpuMs() - c);
  }
  // Rebuilding the index from every rule of the table costs tens of ms here; a patched one well under 1.
  assert.ok(median(completionCpu) < 8, `completion CPU per new version: ${completionCpu.map((x) => x.toFixed(1))}`);
  assert.ok(median(hoverCpu) < 8, `hover CPU per new version: ${hoverCpu.map((x) => x.toFixed(1))}`);

  // Ranked: the rule's own chain and the endpoint chains its neighbours jump to first, then the nat targets.
  const list = s.complete(doc, 'iptables', afterJ);
  const order = shown(list);
  assert.equal(order[0], chain);
  assert.ok(order.indexOf(target) >= 0 && order.indexOf(target) < 10, `${target} at ${order.indexOf(target)}`);
  assert.ok(order.indexOf('DNAT') > order.indexOf(target) && !order.includes('DROP'));

  // Equal to a fresh service on the same text: completion at both places, hover on the chain and the target.
  const fresh = service();
  const same = Doc.create('file:///k/fresh-rules-save', 'iptables', 1, doc.getText());
  for (const at of [afterJ, afterA]) {
    assert.deepEqual(s.complete(doc, 'iptables', at), fresh.complete(same, 'iptables', at));
    assert.deepEqual(s.hover(doc, 'iptables', at), fresh.hover(same, 'iptables', at));
  }
});

test('a rule line edited into `-N NAME` and a jump typed: completion and hover follow, as on a fresh service', async () => {
  const text = await kubeText();
  const lines = text.split('\n');
  const l = svcRule(lines);
  const rule = lines[l] as string;
  const chain = (/^-A (\S+)/.exec(rule) as RegExpExecArray)[1] as string;
  const s = service();
  let doc: TextDocument = Doc.create('file:///k/edited-rules-save', 'iptables', 1, text);
  s.validate(doc, 'iptables');
  const jAt = (line: string): Position => ({ line: l + 1, character: line.indexOf(' -j ') + 4 });
  s.complete(doc, 'iptables', jAt(lines[l + 1] as string));
  s.hover(doc, 'iptables', { line: l, character: 3 });
  // The rule line becomes a new chain's declaration; the next line's jump is retyped to it.
  const replaceLine = (line: number, next: string): void => {
    const old = doc.getText().split('\n')[line] as string;
    doc = Doc.update(
      doc,
      [{ range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: next }],
      doc.version + 1,
    );
    s.validate(doc, 'iptables');
  };
  replaceLine(l, '-N KUBE-TYPED-CHAIN');
  const nextRule = (lines[l + 1] as string).replace(/ -j \S+/, ' -j KUBE-TYPED');
  replaceLine(l + 1, nextRule);
  const at: Position = { line: l + 1, character: nextRule.length };
  const typed = s.complete(doc, 'iptables', at);
  assert.ok(
    typed.items.some((i) => i.label === 'KUBE-TYPED-CHAIN'),
    'the chain the edit declared is offered',
  );
  const hover = s.hover(doc, 'iptables', { line: l + 1, character: nextRule.length - 2 });
  assert.match(JSON.stringify(hover?.contents), /KUBE-TYPED/);
  const fresh = service();
  const same = Doc.create('file:///k/fresh-edited', 'iptables', 1, doc.getText());
  assert.deepEqual(typed, fresh.complete(same, 'iptables', at));
  // The chain whose rule went away: one rule fewer, as a fresh service counts.
  const chainLine = doc
    .getText()
    .split('\n')
    .findIndex((x) => x.startsWith(`-A ${chain} `));
  const onChain = { line: chainLine, character: 4 };
  assert.deepEqual(s.hover(doc, 'iptables', onChain), fresh.hover(same, 'iptables', onChain));
  assert.deepEqual(
    s.hover(doc, 'iptables', { line: l + 1, character: 4 }),
    fresh.hover(same, 'iptables', { line: l + 1, character: 4 }),
  );
});
