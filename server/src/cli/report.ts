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
  language: LanguageId;
  diagnostics: ReportDiagnostic[];
}
