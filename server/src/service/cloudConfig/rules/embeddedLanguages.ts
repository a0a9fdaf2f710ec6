import type { RuleContext } from '../context';
import { embeddedLanguage } from '../../embedded/languages';
import { mapFindingToDocument } from '../../embedded/mapFindings';
import { hostCommandsOf } from '../hostCommands';

/** Run each embedded language's checks on the exact file text and map the findings into the document. */
export function checkEmbeddedLanguages(ctx: RuleContext): void {
  const regions = ctx.model.regions;
  const hostCommands = hostCommandsOf(ctx.model.root, ctx.dialect);
  for (const region of regions) {
    if (!region.mappable) continue;
    const service = embeddedLanguage(region.language);
    if (!service) continue;
    for (const f of service.validate({ text: region.text, region, siblings: regions, hostCommands })) {
      ctx.findings.push(mapFindingToDocument(region, f));
    }
  }
}
