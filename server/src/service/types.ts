/** Shared shapes of the pure language service. Offsets are UTF-16 code units into the document text. */
import type { RuleCode } from './rules';
import type { Severity } from './ruleEntry';

export type { Severity } from './ruleEntry';
export type SeveritySetting = Severity | 'off';

/** The languages the service understands as whole documents. */
export type LanguageId = 'cloud-config' | 'iptables' | 'ip6tables' | 'systemd' | 'compose';

export type Dialect = 'coreos' | 'cloud-init';
export type DialectSetting = Dialect | 'auto';

export interface ServiceSettings {
  dialect: DialectSetting;
  /** Per-code severity overrides. */
  rules: Readonly<Record<string, SeveritySetting>>;
  /**
   * The address family of standalone rules files, when the user said it (CLI `--language`); else from name and content.
   */
  rulesFamily?: 'ipv4' | 'ipv6';
}

export const defaultSettings: ServiceSettings = { dialect: 'auto', rules: {} };

/** A replacement of document text between two offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The fix a user would pick without thinking (shown first, used by "fix all"). */
  preferred?: boolean;
  /**
   * Codes whose fixes may make this one unnecessary: when "fix all" applies one of them in the same
   * pass, this fix waits for the next pass (and is dropped there if its finding is gone).
   */
  deferredBy?: readonly string[];
}

export interface RelatedSpan {
  start: number;
  end: number;
  message: string;
}

/** One problem found by a rule, before severities and LSP positions are applied. */
export interface Finding {
  /** A catalogued code (see `rules.ts`): a code that is not in a catalogue does not compile. */
  code: RuleCode;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  related?: RelatedSpan[];
  deprecated?: boolean;
  unnecessary?: boolean;
  /**
   * This finding's default severity when it differs from the rule table's (a rule whose weight depends
   * on the context, e.g. unquoted permissions in the CoreOS dialect). Settings still override it.
   */
  severity?: Severity;
}
