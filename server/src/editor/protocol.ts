// The extension's own requests and notifications between the client and the server (beyond LSP).
// Shared by both sides; the client only shows what the server decides.

/** Server → client after each validation: what the status bar shows for a document. */
export const statusNotification = 'cloudConfig/status';

export interface DocumentStatus {
  readonly uri: string;
  /** The language the server reads the document as; absent when it does not serve it. */
  readonly language?: string;
  /** Why the document is not served (switched off, too large), when it is not. */
  readonly off?: string;
  readonly dialect?: string;
  /** Why that dialect: chosen for this file, set in the settings, or detected (and from what). */
  readonly dialectReason?: string;
  readonly errors: number;
  readonly warnings: number;
  /** Information and hints. */
  readonly infos: number;
  /**
   * Set on the status of a first pass (a large user-data just opened): its embedded checks are still
   * running and the complete diagnostics and status follow.
   */
  readonly partial?: true;
}

/** Client → server: apply every automatic fix of one document (through workspace/applyEdit). */
export const fixAllRequest = 'cloudConfig/fixAll';
export interface FixAllParams {
  readonly uri: string;
}
export interface FixAllResult {
  readonly fixes: number;
  readonly applied: boolean;
}

/** Client → server: the rules of the findings under a position, with where their documentation is. */
export const ruleDocumentationRequest = 'cloudConfig/ruleDocumentation';
export interface RuleDocumentationParams {
  readonly uri: string;
  readonly position: { line: number; character: number };
}
export interface RuleDocumentation {
  readonly code: string;
  readonly language: string;
  readonly summary: string;
  /** Relative to the repository (and extension) root: docs/rules/<language>/<rule>.md. */
  readonly path: string;
}

/** Client → server: check files that are not open (Lint Workspace) and publish their diagnostics. */
export const lintFilesRequest = 'cloudConfig/lintFiles';
export interface LintFilesParams {
  readonly files: ReadonlyArray<{ readonly uri: string; readonly text: string }>;
}
export interface LintFilesResult {
  readonly checked: number;
  readonly findings: number;
}

/** Client → server: read one file with a dialect (`auto` returns it to the setting). */
export const setDialectRequest = 'cloudConfig/setDialect';
export interface SetDialectParams {
  readonly uri: string;
  readonly dialect: 'auto' | 'coreos' | 'cloud-init';
}

/** The files Lint Workspace reads; the server decides from name and content which it checks. */
export const workspaceFilesGlob =
  '**/{user-data,*.yaml,*.yml,rules-save,rules.v4,rules.v6,*.rules,*.save,*.iptables,*.ip6tables,*.service,*.socket,*.timer,*.mount,*.automount,*.path,*.target,*.swap,*.slice}';

/** The documentation page of a rule code: docs/rules/<language>/<rule>.md. */
export function ruleDocumentationPath(code: string): string {
  const slash = code.indexOf('/');
  const language = slash > 0 ? code.slice(0, slash) : 'cloud-config';
  const rule = slash > 0 ? code.slice(slash + 1) : code;
  return `docs/rules/${language}/${rule}.md`;
}
