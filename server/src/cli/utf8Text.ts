import { isAscii } from 'node:buffer';
import type { OffsetEdit } from '../service/types';

/** A file's bytes read as UTF-8 text, with where each UTF-16 offset of the text starts in the bytes. */
export interface Utf8Text {
  readonly bytes: Buffer;
  readonly text: string;
  /** `byteAt[i]` is the byte offset of text offset `i` (`byteAt[text.length] === bytes.length`). */
  readonly byteAt: Uint32Array;
}

function isCont(b: number | undefined, lo = 0x80, hi = 0xbf): boolean {
  return b !== undefined && b >= lo && b <= hi;
}

/**
 * Decode UTF-8 as editors and Node do (each maximal invalid subsequence becomes one U+FFFD), keeping
 * the byte offset of every text offset so edits of the text can be applied to the original bytes.
 */
export function decodeUtf8(bytes: Buffer): Utf8Text {
  // Plain ASCII (most rules dumps and user-data): the text is the bytes, one byte per offset, kept as a
  // one-byte string; the offset table is made only if a fix needs it.
  if (isAscii(bytes)) {
    let byteAt: Uint32Array | undefined;
    return {
      bytes,
      text: bytes.toString('latin1'),
      get byteAt(): Uint32Array {
        if (!byteAt) {
          byteAt = new Uint32Array(bytes.length + 1);
          for (let i = 0; i <= bytes.length; i++) byteAt[i] = i;
        }
        return byteAt;
      },
    };
  }
  const units = new Uint16Array(bytes.length);
  const byteAt = new Uint32Array(bytes.length + 1);
  let n = 0;
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    let len = 0;
    let cp = 0xfffd;
    let k = i + 1;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (isCont(bytes[k])) {
        len = 2;
        cp = ((b0 & 0x1f) << 6) | ((bytes[k] as number) & 0x3f);
      }
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (isCont(bytes[k], lo, hi)) {
        k++;
        if (isCont(bytes[k])) {
          len = 3;
          cp = ((b0 & 0x0f) << 12) | (((bytes[k - 1] as number) & 0x3f) << 6) | ((bytes[k] as number) & 0x3f);
        }
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (isCont(bytes[k], lo, hi)) {
        k++;
        if (isCont(bytes[k])) {
          k++;
          if (isCont(bytes[k])) {
            len = 4;
            cp =
              ((b0 & 0x07) << 18) |
              (((bytes[k - 2] as number) & 0x3f) << 12) |
              (((bytes[k - 1] as number) & 0x3f) << 6) |
              ((bytes[k] as number) & 0x3f);
          }
        }
      }
    }
    // Invalid: the maximal subpart (the bytes before the one that broke the sequence) is one U+FFFD.
    const width = len || Math.max(1, k - i);
    byteAt[n] = i;
    if (cp > 0xffff) {
      cp -= 0x10000;
      units[n++] = 0xd800 + (cp >> 10);
      byteAt[n] = i;
      units[n++] = 0xdc00 + (cp & 0x3ff);
    } else {
      units[n++] = cp;
    }
    i += width;
  }
  byteAt[n] = bytes.length;
  const text = Buffer.from(units.buffer, units.byteOffset, n * 2).toString('utf16le');
  return { bytes, text, byteAt: byteAt.subarray(0, n + 1) };
}

/**
 * Apply edits of the text to the original bytes: every byte outside the edited spans is kept exactly
 * (invalid UTF-8 included); each edit's new text is written as UTF-8. Edits are in text order.
 */
export function applyToBytes(source: Utf8Text, edits: readonly OffsetEdit[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of edits) {
    const start = source.byteAt[e.start] as number;
    const end = source.byteAt[e.end] as number;
    parts.push(source.bytes.subarray(at, start), Buffer.from(e.newText, 'utf8'));
    at = end;
  }
  parts.push(source.bytes.subarray(at));
  return Buffer.concat(parts);
}
