import * as fs from 'fs';
import * as path from 'path';

/** The repository root (the folder holding package.json), found from the compiled test's location. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

/** ../shared beside the repository: the facts, corpus and real-tool verdicts the oracle tests read. */
export function sharedDir(): string {
  const dir = path.resolve(repoRoot(), '..', 'shared');
  if (!fs.existsSync(dir))
    throw new Error(`../shared not found at ${dir}: the oracle tests need it beside the repository`);
  return dir;
}

export function readTsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}
