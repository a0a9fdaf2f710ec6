import { promises as fs } from 'fs';
import * as path from 'path';
import { detectLanguage, looksLikeUserData } from '../service/languageId';
import type { LanguageId } from '../service/types';

export interface InputFile {
  /** Path as given on the command line (or joined from a given directory). */
  readonly display: string;
  readonly language: LanguageId | undefined;
  readonly text: string | undefined;
  readonly error: string | undefined;
  /** Named on the command line but neither its name nor its content says what it is. */
  readonly unplaced?: boolean;
}

const skipDirs = new Set(['node_modules', '.git', '.hg', '.svn']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.has(e.name)) await walk(full, out);
    } else if (e.isFile()) {
      out.push(full);
    }
  }
}

async function readText(file: string): Promise<{ text?: string; error?: string }> {
  try {
    const buf = await fs.readFile(file);
    return { text: buf.toString('utf8') };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { error: `cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.message}` };
  }
}

/** Expand the command-line paths: files as given, directories walked for files we recognise. */
export async function collectFiles(paths: readonly string[], forced: LanguageId | undefined): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      files.push({ display: p, language: forced, text: undefined, error: `cannot read ${p}: no such file or directory` });
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      await walk(p, found);
      for (const f of found) {
        const { text, error } = await readText(f);
        if (error) { files.push({ display: f, language: forced, text: undefined, error }); continue; }
        const language = forced ?? detectLanguage(f, text ?? '');
        if (language) files.push({ display: f, language, text, error: undefined });
      }
    } else {
      const { text, error } = await readText(p);
      // A file named on the command line is checked when its name or content says what it is (or it
      // is clearly user-data without its header); otherwise the report says it was not placed.
      const language = forced ?? (text !== undefined ? detectLanguage(p, text) ?? (looksLikeUserData(text) ? 'cloud-config' : undefined) : undefined);
      files.push({ display: p, language, text, error, unplaced: text !== undefined && error === undefined && language === undefined });
    }
  }
  return files;
}
