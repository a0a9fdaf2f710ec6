import { promises as fs, type Stats } from 'fs';
import * as crypto from 'crypto';
import * as path from 'path';

/** Why a fixed file was not written; the original is untouched in every case. */
export class NotWritten extends Error {}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Replace a file's content as an editor saves it: the new bytes go to a temporary file in the same
 * folder, which is synced and then renamed over the original, so the original is either whole and
 * unchanged or replaced whole (never cut short by a full disk). Mode and owner are kept. Refused when
 * the file changed since it was read (`read` and `readBytes`: what was read), is read-only, has other
 * hard links (a rename would split them), or is not a regular file. A symbolic link is kept and its
 * target replaced.
 */
export async function writeBack(file: string, bytes: Buffer, read: Stats, readBytes: Buffer): Promise<void> {
  const target = await fs.realpath(file);
  const before = await fs.stat(target);
  if (!before.isFile()) throw new NotWritten('it is no longer a regular file');
  if (!sameFile(before, read))
    throw new NotWritten('it changed since it was read (size or modification time); run again');
  if (before.nlink > 1) throw new NotWritten(`it has ${before.nlink} hard links, which replacing it would separate`);
  if ((before.mode & 0o222) === 0) throw new NotWritten('it is read-only');
  try {
    await fs.access(target, fs.constants.W_OK);
  } catch {
    throw new NotWritten('it is read-only for this user');
  }
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', 0o600);
  let renamed = false;
  try {
    await handle.writeFile(bytes);
    if (process.getuid?.() === 0 || before.uid === process.getuid?.()) {
      if (before.uid !== process.getuid?.() || before.gid !== process.getgid?.())
        await handle.chown(before.uid, before.gid);
    } else {
      throw new NotWritten('it belongs to another user, whose ownership a replacement could not keep');
    }
    await handle.chmod(before.mode & 0o7777);
    await handle.sync();
    await handle.close();
    // The last moment to notice a change made while the fix was computed: compare the bytes too.
    const now = await fs.stat(target);
    if (!sameFile(now, read) || !(await fs.readFile(target)).equals(readBytes))
      throw new NotWritten('it changed since it was read; run again');
    await fs.rename(tmp, target);
    renamed = true;
    const dirHandle = await fs.open(dir, 'r').catch(() => undefined);
    if (dirHandle) {
      await dirHandle.sync().catch(() => undefined);
      await dirHandle.close();
    }
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await fs.unlink(tmp).catch(() => undefined);
    }
  }
}
