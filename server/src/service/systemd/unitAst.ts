/**
 * The model of a systemd unit file (or drop-in). Produced by `parseUnit.ts` (`parseUnit`), read by
 * the systemd rules, the docker-run analysis, completion, hover, outline and folding.
 * All offsets are UTF-16 offsets into the unit text (standalone document or embedded content).
 */
import type { SystemdCode } from './catalogue';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** `[Service]` */
export interface UnitSection {
  readonly name: string;
  /** The name without brackets. */
  readonly nameSpan: Span;
  /** The header line. */
  readonly headerSpan: Span;
  /** From the header to the end of the section's last line. */
  readonly span: Span;
  readonly entries: readonly UnitEntry[];
}

/** `Key=Value`, possibly continued over several lines with a trailing `\`. */
export interface UnitEntry {
  readonly key: string;
  readonly keySpan: Span;
  /**
   * The value as systemd sees it: continuation lines joined (the `\` + newline become a space), leading/trailing blanks
   * trimmed.
   */
  readonly value: string;
  /** Span of the value from its first to its last character in the text (over all continuation lines). */
  readonly valueSpan: Span;
  /**
   * Maps an offset in `value` to an offset in the text (joined continuations make them differ).
   * Always valid for 0 ≤ i ≤ value.length.
   */
  valueOffset(i: number): number;
  /** Whole entry, from the key to the end of its last line (without the line break). */
  readonly span: Span;
  /** Number of text lines the entry spans (1 without continuations). */
  readonly lineCount: number;
  /** The section it belongs to; undefined for an assignment before any section header. */
  readonly section: UnitSection | undefined;
}

/** A parse problem (code `systemd/syntax` unless said otherwise). */
export interface UnitProblem extends Span {
  readonly code: SystemdCode;
  readonly message: string;
  /** True when systemd refuses to load the whole file because of it (an unclosed section header). */
  readonly fatal?: boolean;
}

export interface UnitFile {
  readonly text: string;
  /** Unit name if known (from the cloud-config entry, drop-in parent, write_files path or file name): `web.service`. */
  readonly unitName: string | undefined;
  /** Unit type from the name suffix: `service`, `socket`, `timer`, … (undefined when unknown). */
  readonly unitType: string | undefined;
  /** True for drop-ins (`*.d/*.conf`, `drop_ins[]`). */
  readonly dropIn: boolean;
  readonly sections: readonly UnitSection[];
  /** Every entry in order, including those before any section (section undefined). */
  readonly entries: readonly UnitEntry[];
  /** Comment lines (`#` or `;` in column 0 after blanks), for highlighting/folding. */
  readonly comments: readonly Span[];
  readonly problems: readonly UnitProblem[];
}
