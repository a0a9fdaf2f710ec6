// The shape of the house, read from the import statements of server/src: no import cycle between
// files, none between language folders, and no language folder reaching into another language's
// rules (its rules/, flow/, validate.ts, catalogue.ts, *Rules.ts): languages share models, not rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../helpers/paths';

const src = path.join(repoRoot(), 'server', 'src');
const languages = ['cloudConfig', 'iptables', 'systemd', 'docker'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import and re-export of each file (type-only ones too), as paths relative to server/src. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(src)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\b[^'";]*?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const base = path.resolve(path.dirname(file), m[1] as string);
      const target = fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts');
      assert.ok(fs.existsSync(target), `${path.relative(src, file)} imports ${m[1]}, which is no file`);
      targets.push(path.relative(src, target));
    }
    graph.set(path.relative(src, file), targets);
  }
  return graph;
}

/** The cycles of a graph: its strongly connected components of more than one node (or a self-loop). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** `service/<language>/…` → the language folder, else undefined. */
function languageOf(file: string): string | undefined {
  const [top, folder] = file.split(path.sep);
  return top === 'service' && folder && languages.includes(folder) ? folder : undefined;
}

/** A language's rules: its rules/ and flow/ folders, validate.ts, catalogue.ts and any `…Rules.ts`. */
function isRules(file: string): boolean {
  const parts = file.split(path.sep);
  return (
    parts.length >= 3 &&
    (['rules', 'flow'].includes(parts[2] as string) ||
      ['validate.ts', 'catalogue.ts'].includes(parts[2] as string) ||
      /Rules\.ts$/.test(parts[parts.length - 1] as string))
  );
}

const graph = importGraph();

test('server/src has no import cycle between files (type-only imports count)', () => {
  assert.ok(graph.size > 150, `files read: ${graph.size}`);
  assert.deepEqual(cycles(graph), []);
});

test('no import cycle between the language folders', () => {
  const folders = new Map<string, string[]>(languages.map((l) => [l, []]));
  for (const [file, targets] of graph) {
    const from = languageOf(file);
    if (!from) continue;
    for (const t of targets) {
      const to = languageOf(t);
      if (to && to !== from && !folders.get(from)?.includes(to)) folders.get(from)?.push(to);
    }
  }
  assert.deepEqual(cycles(folders), [], `language folders import: ${JSON.stringify(Object.fromEntries(folders))}`);
});

test("no language folder imports another language's rules", () => {
  const crossing: string[] = [];
  for (const [file, targets] of graph) {
    const from = languageOf(file);
    if (!from) continue;
    for (const t of targets) {
      const to = languageOf(t);
      if (to && to !== from && isRules(t)) crossing.push(`${file} -> ${t}`);
    }
  }
  assert.deepEqual(crossing, []);
});

test('embedded/ hosts languages only: it imports none of the language folders (cloud-config YAML extraction lives in cloudConfig/)', () => {
  const reaching: string[] = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith(`service${path.sep}embedded${path.sep}`)) continue;
    for (const t of targets) if (languageOf(t)) reaching.push(`${file} -> ${t}`);
  }
  assert.deepEqual(reaching, []);
});

test('the shared text helpers are written once, in service/text/', () => {
  const copies: string[] = [];
  for (const file of sources(src)) {
    if (file.includes(`${path.sep}service${path.sep}text${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /function (lineStart|lineEnd|lineStartAt|lineEndAt|nextLineStart|removeLine|removeLinesEdit|eolOf|editDistance|changedStretch)\b/g,
    )) {
      copies.push(`${path.relative(src, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(copies, []);
});
