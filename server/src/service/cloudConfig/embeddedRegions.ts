import type { Pair, YAMLMap } from 'yaml';
import type { Dialect } from '../types';
import type { EmbeddedLanguage, EmbeddedOrigin, EmbeddedRegion } from '../embedded/region';
import { mapScalar } from './blockScalar';
import { languageOfFile, languageOfUnit } from '../embedded/languageOfContent';
import { asMap, asScalar, asSeq, findPair, scalarText } from './yamlNodes';
import { eolOf } from '../text/lineEnding';

interface RegionSource {
  readonly text: string;
  readonly root: YAMLMap | undefined;
  readonly dialect: Dialect;
}

/** The source plus what every region shares, worked out once per document (not once per region). */
interface RegionScan extends RegionSource {
  readonly eol: string;
}

/**
 * The language of a region's text: by unit name or file path and content; drop-ins are systemd; encoded content is
 * opaque.
 */
export function regionLanguage(
  r: Pick<EmbeddedRegion, 'origin' | 'name' | 'path' | 'encoded'>,
  text: string,
): EmbeddedLanguage {
  if (r.encoded) return 'other';
  if (r.origin === 'unit') return languageOfUnit(r.name, text);
  if (r.origin === 'drop-in') return 'systemd';
  return languageOfFile(r.path, text);
}

function makeRegion(
  src: RegionScan,
  entry: YAMLMap,
  origin: EmbeddedOrigin,
  names: { name?: string | undefined; unitName?: string | undefined; path?: string | undefined },
): EmbeddedRegion | undefined {
  const normalise = src.dialect === 'coreos';
  const contentPair = findPair(entry, 'content', normalise);
  const scalar = asScalar(contentPair?.value);
  if (!contentPair || !scalar || typeof scalar.value !== 'string') return undefined;
  const mapping = mapScalar(scalar, src.text);
  const encoding = scalarText(findPair(entry, 'encoding', normalise)?.value);
  const encoded = encoding !== undefined && encoding !== '' && encoding !== 'text/plain';
  return {
    language: regionLanguage({ origin, name: names.name, path: names.path, encoded }, mapping.text),
    origin,
    entry,
    contentPair: contentPair as Pair,
    scalar,
    name: names.name,
    unitName: names.unitName,
    path: names.path,
    style: mapping.style,
    header: mapping.header,
    text: mapping.text,
    lines: mapping.lines,
    mappable: mapping.mappable && !encoded,
    encoded,
    indent: mapping.indent,
    eol: src.eol,
  };
}

/** Every `content:` in coreos.units[], their drop_ins[] and write_files[], with its language and line map. */
export function findEmbeddedRegions(source: RegionSource): EmbeddedRegion[] {
  const regions: EmbeddedRegion[] = [];
  const src: RegionScan = { text: source.text, root: source.root, dialect: source.dialect, eol: eolOf(source.text) };
  const normalise = src.dialect === 'coreos';
  const coreos = asMap(findPair(src.root, 'coreos', normalise)?.value);
  for (const unitNode of asSeq(findPair(coreos, 'units', normalise)?.value)?.items ?? []) {
    const unit = asMap(unitNode);
    if (!unit) continue;
    const name = scalarText(findPair(unit, 'name', normalise)?.value);
    const r = makeRegion(src, unit, 'unit', { name });
    if (r) regions.push(r);
    for (const dropNode of asSeq(findPair(unit, 'drop_ins', normalise)?.value)?.items ?? []) {
      const drop = asMap(dropNode);
      if (!drop) continue;
      const dropName = scalarText(findPair(drop, 'name', normalise)?.value);
      const d = makeRegion(src, drop, 'drop-in', { name: dropName, unitName: name });
      if (d) regions.push(d);
    }
  }
  for (const fileNode of asSeq(findPair(src.root, 'write_files', normalise)?.value)?.items ?? []) {
    const file = asMap(fileNode);
    if (!file) continue;
    const path = scalarText(findPair(file, 'path', normalise)?.value);
    const r = makeRegion(src, file, 'write-file', { path });
    if (r) regions.push(r);
  }
  return regions;
}
