/**
 * Pick the candidate a mistyped word most likely meant: same letters in another case first, then the nearest by edit
 * distance.
 */
import { editDistance } from '../../text/editDistance';

/** The closest candidate, or undefined when none is close enough to be a plausible typo. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    const d = editDistance(lower, cl, Math.min(limit, bestScore));
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= limit ? best : undefined;
}
