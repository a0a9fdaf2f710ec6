// Regression fixtures found by fuzzing: a document (given as repeated parts, so a megabyte line
// stays a small file), its language, and where to ask for completion and hover.
import * as fs from 'fs';
import * as path from 'path';
import type { LanguageId } from '../../server/src/service/index';
import type { FuzzCase } from './engine';

export interface FuzzFixture {
  name: string;
  lang: LanguageId;
  text: string;
  /** Set while the problem is still open: what is wrong and where it should be fixed. */
  open?: string;
  /** Pattern of the problems this fixture is known to show while open. */
  known?: RegExp;
}

interface FixtureFile {
  lang: LanguageId;
  text?: string;
  parts?: Array<[string, number]>;
  open?: string;
  known?: string;
}

export function loadFixtures(dir: string): FuzzFixture[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FixtureFile;
      const text = raw.text ?? (raw.parts ?? []).map(([s, n]) => s.repeat(n)).join('');
      return {
        name: f.replace(/\.json$/, ''),
        lang: raw.lang,
        text,
        ...(raw.open ? { open: raw.open } : {}),
        ...(raw.known ? { known: new RegExp(raw.known) } : {}),
      };
    });
}

export function fixtureCase(f: FuzzFixture, index: number): FuzzCase {
  return { index, seed: f.name, lang: f.lang, applied: [], text: f.text };
}
