/**
 * Own-words documentation of every systemd 252 directive: a one-line description (per section where
 * the meaning differs) and, for the directives cloud-configs use most, the pitfall people hit.
 */
import { execContextDocs } from './exec';
import { directivePitfalls } from './pitfalls';
import { removedDirectiveDocs } from './removed';
import { resourceControlDocs } from './resources';
import { sandboxDocs } from './sandbox';
import { serviceSectionDocs } from './service';
import { socketSectionDocs } from './socket';
import { sectionOverrideDocs, smallUnitTypeDocs } from './otherUnits';
import { conditionAndAssertDocs, installSectionDocs, unitSectionDocs } from './unit';

export { valueDoc } from './values';
export { execPrefixDocs, sectionDocs, specifierDocs, type ExecPrefixDoc } from './syntaxDocs';

/** Every per-name table, in the order used when a name appears in more than one. */
export const directiveDocTables: ReadonlyArray<Readonly<Record<string, string>>> = [
  unitSectionDocs,
  conditionAndAssertDocs,
  installSectionDocs,
  serviceSectionDocs,
  execContextDocs,
  sandboxDocs,
  resourceControlDocs,
  socketSectionDocs,
  smallUnitTypeDocs,
  removedDirectiveDocs,
];

const byName = new Map<string, string>();
for (const table of directiveDocTables) {
  for (const [name, doc] of Object.entries(table)) if (!byName.has(name)) byName.set(name, doc);
}

export interface DirectiveDoc {
  /** One sentence: what the directive does. */
  readonly summary: string;
  /** The usual mistake with it, for the most used directives. */
  readonly pitfall: string | undefined;
}

/** Pitfalls that only hold in some sections (elsewhere the name means something else). */
const pitfallSections: Readonly<Record<string, readonly string[]>> = {
  Type: ['Service'],
  Options: ['Mount'],
  Where: ['Mount', 'Automount'],
  What: ['Mount', 'Swap'],
  Unit: ['Timer', 'Path'],
};

function pitfallFor(section: string | undefined, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(directivePitfalls, name)) return undefined;
  const only = pitfallSections[name];
  if (only && section !== undefined && !only.includes(section)) return undefined;
  return directivePitfalls[name];
}

/** Documentation of `name` as used in `section` (section without brackets; undefined = any). */
export function directiveDoc(section: string | undefined, name: string): DirectiveDoc | undefined {
  const summary = (section !== undefined ? sectionOverrideDocs[`${section}/${name}`] : undefined) ?? byName.get(name);
  if (summary === undefined) return undefined;
  return { summary, pitfall: pitfallFor(section, name) };
}

/** Names that have a pitfall text. */
export function directivesWithPitfalls(): string[] {
  return Object.keys(directivePitfalls);
}
