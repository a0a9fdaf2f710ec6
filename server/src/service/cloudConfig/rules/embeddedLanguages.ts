import type { RuleContext } from '../context';
import { embeddedLanguage } from '../../embedded/languages';
import { mapFindingToDocument } from '../../embedded/mapFindings';
import { hostCommandsOf } from '../hostCommands';
import { cachedFindings, surroundingsDigest } from '../../embedded/findingsCache';

/** Run each embedded language's checks on the exact file text and map the findings into the document. */
export function checkEmbeddedLanguages(ctx: RuleContext): void {
  const regions = ctx.model.regions;
  const hostCommands = hostCommandsOf(ctx.model.root, ctx.dialect);
  const surroundings = surroundingsDigest(regions, hostCommands);
  for (const region of regions) {
    if (!region.mappable) continue;
    const service = embeddedLanguage(region.language);
    if (!service) continue;
    const findings = cachedFindings(region, surroundings, () => service.validate({ text: region.text, region, siblings: regions, hostCommands }));
    for (const f of findings) {
      ctx.findings.push(mapFindingToDocument(region, f));
    }
  }
}
