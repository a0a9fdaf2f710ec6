/**
 * The findings of a model carried over from a nearly equal document (see carryModel) are the donor's,
 * when the donor's complete set is known: the checks do not run again.
 *
 * - The same text: the findings are a function of the text and the dialect setting (which a carry-over
 *   requires equal), so they are the donor's.
 * - Line breaks added or removed after the last line (both texts end with at least one): the texts are
 *   equal up to `end`, the end of the last line that is not empty, and the carried model equals a fresh
 *   parse (its nodes end by `end` plus one line break). What the trailing line breaks change is only
 *   where the text ends: fixes appending at the end of the text (`text.length`), searches running to it
 *   and spans over the trailing empty lines. Each of those has an offset past `end`. A donor finding
 *   whose offsets (its span, its related spans, its fix edits) all lie at or before `end` was worked out
 *   from the common text alone and stays as it is; when any finding reaches past `end`, nothing is
 *   carried and the checks run again (tests compare both ways with a fresh analysis on the whole corpus).
 */
import type { Finding } from '../types';
import { carriedFrom } from './carryModel';
import type { CloudConfigModel } from './parse';

const completeSets = new WeakMap<CloudConfigModel, readonly Finding[]>();
let carriedSets = 0;
/** Models whose complete findings are their donor's, with that donor. */
const carriedModels = new WeakMap<CloudConfigModel, CloudConfigModel>();

/** How many complete sets this process has carried over instead of running the checks. */
export function carriedCount(): number {
  return carriedSets;
}

/** Remember the complete findings of `model` (as `validateCloudConfig` returns them) for its carried-over copies. */
export function keepFindings(model: CloudConfigModel, findings: readonly Finding[]): void {
  completeSets.set(model, [...findings]);
}

/** Whether every offset of `f` lies at or before `end`. */
function within(f: Finding, end: number): boolean {
  if (f.end > end || f.start > end) return false;
  if (f.related?.some((r) => r.start > end || r.end > end)) return false;
  return !f.fixes?.some((fix) => fix.edits.some((e) => e.start > end || e.end > end));
}

/** The complete findings of a carried-over model, taken from its donor, or undefined (run the checks). */
export function carriedFindings(model: CloudConfigModel): Finding[] | undefined {
  const from = carriedFrom(model);
  const findings = from && completeSets.get(from.donor);
  if (!from || !findings) return undefined;
  if (!from.same && !findings.every((f) => within(f, from.end))) return undefined;
  carriedSets++;
  carriedModels.set(model, from.donor);
  return [...findings];
}

/**
 * The donor whose complete findings `model` took over, if it did: where every offset lies in the text
 * both share, what is made of the findings (diagnostics, their positions) is the donor's too.
 */
export function findingsDonor(model: CloudConfigModel): CloudConfigModel | undefined {
  return carriedModels.get(model);
}
