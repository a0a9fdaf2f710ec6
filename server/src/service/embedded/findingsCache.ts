import { createHash } from 'node:crypto';
import type { Finding } from '../types';
import type { EmbeddedRegion } from './region';

/**
 * Findings of the embedded languages, kept across keystrokes. A region's findings depend only on its
 * own text and identity (language, where it is written, its block header) and on what its language
 * reads of the rest of the user-data (`crossFileFacts`, or else every region and host command); the key
 * digests exactly those. An edit of the YAML around the blocks re-uses every region's findings; an edit
 * inside a block re-analyses that block and only the blocks whose facts it changed. Findings are in
 * embedded-text offsets (`mapRegionFindings` maps them to the document).
 */
const limit = 4096;
/**
 * At most this many findings are kept in all (each entry counts its findings plus one): every region
 * of one large user-data fits, while a keystroke series inside a block with thousands of findings
 * does not pile up one copy per keystroke.
 */
const findingsBudget = 20_000;
const cache = new Map<string, readonly Finding[]>();
let kept = 0;

const weight = (findings: readonly Finding[]): number => findings.length + 1;

/** Texts above this size are hashed natively (SHA-1); a loop over characters is quicker for short ones. */
const nativeFrom = 4096;

/**
 * A digest of `parts`: two 32-bit hashes (FNV-1a and djb2) and the length for short texts, SHA-1 for
 * long ones (a 1 MB rules block hashes in about a millisecond instead of five to ten). Collisions are
 * out of practical reach either way.
 */
export function digest(parts: readonly string[]): string {
  let length = 0;
  for (const part of parts) length += part.length + 1;
  if (length > nativeFrom) {
    const hash = createHash('sha1');
    for (const part of parts) hash.update(`${part.length}:`).update(part);
    return `${hash.digest('base64')}.${length}`;
  }
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      fnv = Math.imul(fnv ^ c, 0x01000193);
      djb = (Math.imul(djb, 33) + c) | 0;
    }
    fnv = Math.imul(fnv ^ 0xffff, 0x01000193);
  }
  return `${(fnv >>> 0).toString(36)}.${(djb >>> 0).toString(36)}.${length}`;
}

/** What identifies a region besides its text: language, where it is written, its block header. */
export function regionIdentity(region: EmbeddedRegion): string {
  return [
    region.language,
    region.origin,
    region.name ?? '',
    region.unitName ?? '',
    region.path ?? '',
    region.header?.chomping ?? '',
    region.encoded ? 'encoded' : '',
  ].join('\u0000');
}

/** Everything of the user-data's embedded content: for languages that do not say what they read. */
export function allSurroundingsDigest(regions: readonly EmbeddedRegion[], hostCommands: readonly string[]): string {
  return digest([...regions.flatMap((r) => [regionIdentity(r), r.text]), '\u0000', ...hostCommands]);
}

/**
 * A region's own digest, once per region object: a keystroke that carries the YAML model over keeps the
 * region objects before the edit, so their texts are not hashed again. Regions after the edit are moved
 * copies holding the same text: a few recent digests are also kept by identity and text.
 */
const regionDigests = new WeakMap<EmbeddedRegion, string>();
const recentDigests = new Map<string, { readonly text: string; readonly digest: string }>();
const recentLimit = 4096;

function regionDigest(region: EmbeddedRegion): string {
  let d = regionDigests.get(region);
  if (d === undefined) {
    const who = regionIdentity(region);
    const recent = recentDigests.get(who);
    if (recent && recent.text === region.text) {
      d = recent.digest;
    } else {
      d = digest([who, region.text]);
      recentDigests.delete(who);
      recentDigests.set(who, { text: region.text, digest: d });
      if (recentDigests.size > recentLimit) recentDigests.delete(recentDigests.keys().next().value as string);
    }
    regionDigests.set(region, d);
  }
  return d;
}

/** Whether any region's findings are known (none in a process that has analysed no region yet). */
export function anyFindingsKnown(): boolean {
  return cache.size > 0;
}

/** The findings of `region` when they are known (computed before, for any document), else undefined. */
export function knownFindings(region: EmbeddedRegion, surroundings: string): readonly Finding[] | undefined {
  return cache.get(`${regionDigest(region)}|${surroundings}`);
}

/** The findings of `region`, computed once per (region, what it reads of the rest). */
export function cachedFindings(
  region: EmbeddedRegion,
  surroundings: string,
  compute: () => Finding[],
): readonly Finding[] {
  const key = `${regionDigest(region)}|${surroundings}`;
  const known = cache.get(key);
  if (known) {
    // Keep recently used entries last, so the oldest are dropped first (Map order is insertion order).
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const findings = compute();
  cache.set(key, findings);
  kept += weight(findings);
  // Drop the least recently used entries; the one just computed always stays.
  for (const [oldKey, old] of cache) {
    if ((cache.size <= limit && kept <= findingsBudget) || oldKey === key) break;
    cache.delete(oldKey);
    kept -= weight(old);
  }
  return findings;
}
