import { promises as fs, constants, type Stats } from 'fs';
import * as path from 'path';
import { detectLanguage, looksLikeUserData } from '../service/languageId';
import type { LanguageId } from '../service/types';
import { decodeUtf8, type Utf8Text } from './utf8Text';

/** A path to check: given on the command line, or found in a given directory. */
export interface InputPath {
  /** Path as given on the command line (or joined from a given directory). */
  readonly display: string;
  /** Found by walking a directory: checked only when its name or content is recognised. */
  readonly found: boolean;
  /** Why it cannot be checked (it is still listed, so the run says so and exits 2). */
  readonly error?: string;
}

/** A file read for checking: its bytes and text, and what it was when read (to notice changes). */
export interface ReadFile {
  readonly source: Utf8Text;
  readonly language: LanguageId;
  readonly stat: Stats;
}

const skipDirs = new Set(['node_modules', '.git', '.hg', '.svn']);

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return err.message;
  }
}

/**
 * Walk a directory in name order. Symbolic links are followed once: to a regular file, it is listed;
 * to a directory, it is walked unless that directory is already being walked (a loop, reported by name).
 */
async function walk(dir: string, out: InputPath[], ancestors: ReadonlySet<string>): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.push({ display: dir, found: false, error: `cannot read ${dir}: ${reason(e)}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (skipDirs.has(e.name)) continue;
      const real = await fs.realpath(full).catch(() => full);
      await walk(full, out, new Set([...ancestors, real]));
    } else if (e.isFile()) {
      out.push({ display: full, found: true });
    } else if (e.isSymbolicLink()) {
      let stat: Stats;
      try {
        stat = await fs.stat(full);
      } catch (err) {
        out.push({ display: full, found: false, error: `cannot read ${full}: ${reason(err)}` });
        continue;
      }
      if (stat.isFile()) out.push({ display: full, found: true });
      else if (stat.isDirectory() && !skipDirs.has(e.name)) {
        const real = await fs.realpath(full);
        if (ancestors.has(real))
          out.push({
            display: full,
            found: false,
            error: `${full}: symbolic link loop (back to ${real}), not followed`,
          });
        else await walk(full, out, new Set([...ancestors, real]));
      }
    }
  }
}

/** Expand the command-line paths: files as given, directories walked for files we recognise. Nothing is read yet. */
export async function collectPaths(paths: readonly string[]): Promise<InputPath[]> {
  const out: InputPath[] = [];
  for (const p of paths) {
    let stat: Stats;
    try {
      stat = await fs.stat(p);
    } catch (e) {
      out.push({ display: p, found: false, error: `cannot read ${p}: ${reason(e)}` });
      continue;
    }
    if (stat.isDirectory()) await walk(p, out, new Set([await fs.realpath(p)]));
    else out.push({ display: p, found: false });
  }
  return out;
}

/**
 * Read one file: only a regular file (a FIFO or a device is never opened, so it cannot block or
 * stream without end), at most `maxBytes`. Returns the file, `undefined` for a found file that is
 * not ours, `unplaced` for a named file that does not say what it is, or an error message.
 */
export async function readInput(
  input: InputPath,
  forced: LanguageId | undefined,
  maxBytes: number,
): Promise<ReadFile | undefined | { error: string } | { unplaced: true }> {
  const file = input.display;
  let stat: Stats;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    return { error: `cannot read ${file}: ${reason(e)}` };
  }
  if (!stat.isFile()) return { error: `${file} is ${kindOf(stat)}: only regular files are checked` };
  let handle;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait for a writer.
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { error: `cannot read ${file}: ${reason(e)}` };
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { error: `${file} is ${kindOf(opened)}: only regular files are checked` };
    const tooLarge = `${file} is ${opened.size} bytes, over the ${maxBytes}-byte limit: not checked (raise it with --max-size)`;
    if (opened.size > maxBytes) {
      if (forced || !input.found) return { error: tooLarge };
      // A large file found in a folder is reported only when it looks like one of ours.
      const head = Buffer.alloc(65536);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return detectLanguage(file, decodeUtf8(head.subarray(0, bytesRead)).text) ? { error: tooLarge } : undefined;
    }
    const buf = Buffer.alloc(Math.min(maxBytes, opened.size) + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes)
      return { error: `${file} is over the ${maxBytes}-byte limit: not checked (raise it with --max-size)` };
    const source = decodeUtf8(buf.subarray(0, length));
    // A file named on the command line is checked when its name or content says what it is (or it is
    // clearly user-data without its header); otherwise the report says it was not placed.
    const language =
      forced ??
      detectLanguage(file, source.text) ??
      (!input.found && looksLikeUserData(source.text) ? 'cloud-config' : undefined);
    if (language) return { source, language, stat: opened };
    return input.found ? undefined : { unplaced: true };
  } catch (e) {
    return { error: `cannot read ${file}: ${reason(e)}` };
  } finally {
    await handle.close();
  }
}
