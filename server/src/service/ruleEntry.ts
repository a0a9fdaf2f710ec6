/** The shape of one entry of a language's rule catalogue (`<language>/catalogue.ts`). */
/** How a finding is shown when settings do not change it. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * A whole file the documentation shows and the test suite lints: `file` is the name it is linted
 * under (it gives the language, a unit's type, a rules file's IP family), `text` its content.
 */
export interface RuleExample {
  readonly file: string;
  readonly text: string;
}

export interface RuleEntry {
  /** The severity when settings do not change it. */
  readonly severity: Severity;
  /** One line, a sentence: what the rule finds (SARIF short description, settings schema, tables). */
  readonly summary: string;
  /** Why it matters: what goes wrong on the machine when the file is left as it is. */
  readonly why: string;
  /** A file this rule reports (the test suite checks that it does, and that nothing else does). */
  readonly bad: RuleExample;
  /** The same file corrected (the test suite checks that this rule does not report it). */
  readonly good: RuleExample;
  /** How to fix it, and what the quick fix does where there is one. */
  readonly fix: string;
  /** What the real tool does with such a file, the behaviour the rule rests on. */
  readonly realTool: string;
}

/** The language a code belongs to: the part before the slash. */
export function codeLanguage(code: string): string {
  const slash = code.indexOf('/');
  return slash < 0 ? code : code.slice(0, slash);
}

/** The lines of an example file, each ended by a newline. */
export function lines(...each: string[]): string {
  return each.map((l) => `${l}\n`).join('');
}
