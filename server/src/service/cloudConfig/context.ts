import type { Pair, YAMLMap } from 'yaml';
import type { Dialect, Finding } from '../types';
import type { CloudConfigModel } from './parse';
import type { RuleCode } from '../rules';
import { asMap, asSeq, findPair, nodeRange, scalarText } from './yamlNodes';

/** What every cloud-config rule gets: the model and a way to report. */
export class RuleContext {
  readonly findings: Finding[] = [];
  readonly text: string;
  readonly dialect: Dialect;
  readonly normalise: boolean;

  /**
   * Embedded text left out because its findings were not known yet (`cachedEmbeddedOnly`): the first
   * pass of a large document leaves the embedded checks that would have to run for the complete set.
   */
  skippedEmbedded = 0;

  constructor(
    readonly model: CloudConfigModel,
    /** Only embedded findings already computed (by content) are reported; the rest are skipped. */
    readonly cachedEmbeddedOnly = false,
  ) {
    this.text = model.text;
    this.dialect = model.dialect;
    this.normalise = model.dialect === 'coreos';
  }

  report(
    code: RuleCode,
    node: unknown,
    message: string,
    extra: Omit<Finding, 'code' | 'message' | 'start' | 'end'> = {},
  ): void {
    const r = nodeRange(node);
    if (!r) return;
    this.findings.push({ code, message, start: r[0], end: Math.max(r[1], r[0]), ...extra });
  }

  reportSpan(
    code: RuleCode,
    start: number,
    end: number,
    message: string,
    extra: Omit<Finding, 'code' | 'message' | 'start' | 'end'> = {},
  ): void {
    this.findings.push({ code, message, start, end, ...extra });
  }

  pair(map: YAMLMap | undefined, key: string): Pair | undefined {
    return findPair(map, key, this.normalise);
  }

  string(map: YAMLMap | undefined, key: string): string | undefined {
    return scalarText(this.pair(map, key)?.value);
  }

  /** The top-level `coreos:` mapping. */
  coreos(): YAMLMap | undefined {
    return asMap(this.pair(this.model.root, 'coreos')?.value);
  }

  /** Entries of `coreos.units`. */
  units(): YAMLMap[] {
    return (asSeq(this.pair(this.coreos(), 'units')?.value)?.items ?? []).map(asMap).filter((m): m is YAMLMap => !!m);
  }

  /** Entries of top-level `write_files`. */
  files(): YAMLMap[] {
    return (asSeq(this.pair(this.model.root, 'write_files')?.value)?.items ?? [])
      .map(asMap)
      .filter((m): m is YAMLMap => !!m);
  }
}
