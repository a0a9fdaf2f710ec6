import { isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Dialect } from '../types';
import { findPair } from './yamlNodes';

/**
 * The user-data's own shell commands: every `runcmd` and `bootcmd` item, a string as written or an
 * argument list joined with spaces. Embedded languages read them for cross-checks (ipsets created,
 * container ports published).
 */
export function hostCommandsOf(root: YAMLMap | undefined, dialect: Dialect): string[] {
  const out: string[] = [];
  for (const key of ['runcmd', 'bootcmd']) {
    const list = findPair(root, key, dialect === 'coreos')?.value;
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (isScalar(item) && typeof item.value === 'string') out.push(item.value);
      else if (isSeq(item)) out.push(item.items.map((w) => (isScalar(w) ? String(w.value ?? '') : '')).join(' '));
    }
  }
  return out;
}
