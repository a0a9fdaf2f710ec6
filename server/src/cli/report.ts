import type { Range } from 'vscode-languageserver-types';
import type { LanguageId, Severity } from '../service/types';

export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

/** One file's result, exactly the shape of the JSON output. */
export interface FileReport {
  file: string;
  /** `unknown`: named on the command line but not placed (one hint says so). */
  language: LanguageId | 'unknown';
  diagnostics: ReportDiagnostic[];
}
