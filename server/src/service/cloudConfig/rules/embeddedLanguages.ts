import type { RuleContext } from '../context';
import { embeddedLanguage } from '../../embedded/languages';
import type { EmbeddedLanguage } from '../../embedded/region';
import { mapRegionFindings } from '../../embedded/mapFindings';
import { withEnvironmentFileFix } from './environmentFileFix';
import { hostCommandsOf } from '../hostCommands';
import {
  allSurroundingsDigest,
  anyFindingsKnown,
  cachedFindings,
  digest,
  knownFindings,
} from '../../embedded/findingsCache';

/**
 * Run each embedded language's checks on the exact file text and map the findings into the document
 * (with `cachedEmbeddedOnly`, only the regions whose findings are already known).
 */
export function checkEmbeddedLanguages(ctx: RuleContext): void {
  const regions = ctx.model.regions;
  if (ctx.cachedEmbeddedOnly && !anyFindingsKnown()) {
    // Nothing is known yet (the first document of a process): no region's reads need working out.
    for (const region of regions)
      if (region.mappable && embeddedLanguage(region.language)) ctx.skippedEmbedded += region.text.length;
    return;
  }
  const hostCommands = hostCommandsOf(ctx.model.hostRoot, ctx.dialect);
  // What each language reads of the rest of the user-data, worked out once per language.
  const surroundings = new Map<EmbeddedLanguage, string>();
  let everything: string | undefined;
  for (const region of regions) {
    if (!region.mappable) continue;
    const service = embeddedLanguage(region.language);
    if (!service) continue;
    let reads = surroundings.get(region.language);
    if (reads === undefined) {
      reads = service.crossFileFacts
        ? digest([service.crossFileFacts({ siblings: regions, hostCommands })])
        : (everything ??= allSurroundingsDigest(regions, hostCommands));
      surroundings.set(region.language, reads);
    }
    const findings = ctx.cachedEmbeddedOnly
      ? knownFindings(region, reads)
      : cachedFindings(region, reads, () =>
          service.validate({ text: region.text, region, siblings: regions, hostCommands }),
        );
    if (!findings) {
      ctx.skippedEmbedded += region.text.length;
      continue;
    }
    for (const f of withEnvironmentFileFix(ctx, region, mapRegionFindings(region, findings))) ctx.findings.push(f);
  }
}
