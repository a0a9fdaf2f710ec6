/**
 * Which unit a piece of text is: its name, type and whether it is a drop-in. Derived from the
 * cloud-config entry (`coreos.units[].name`, `drop_ins[].name` under its unit), a `write_files` path
 * (`/etc/systemd/system/web.service`, `/etc/systemd/system/web.service.d/10-limits.conf`) or the
 * standalone file's URI.
 */
import type { EmbeddedContext } from '../embedded/languages';
import { unitTypeOf } from './parseUnit';

export interface UnitIdentity {
  /** `web.service`; for a drop-in, the unit it extends. Undefined when nothing names it. */
  readonly unitName: string | undefined;
  readonly unitType: string | undefined;
  readonly dropIn: boolean;
  /** The drop-in's own file name (`10-limits.conf`), when it is one. */
  readonly dropInName: string | undefined;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function decodeUri(uri: string): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '/').replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Identity from a path: a unit file, or a drop-in in `<unit>.d/`. */
export function identityFromPath(path: string): UnitIdentity {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  const file = parts[parts.length - 1] ?? '';
  const dir = parts[parts.length - 2];
  if (dir !== undefined && dir.endsWith('.d') && file.endsWith('.conf')) {
    const unitName = dir.slice(0, -2);
    return { unitName, unitType: unitTypeOf(unitName), dropIn: true, dropInName: file };
  }
  const type = unitTypeOf(file);
  return { unitName: type ? file : undefined, unitType: type, dropIn: false, dropInName: undefined };
}

export function unitIdentity(ctx: EmbeddedContext): UnitIdentity {
  const region = ctx.region;
  if (region) {
    if (region.origin === 'drop-in') {
      const unitName = region.unitName;
      return { unitName, unitType: unitTypeOf(unitName), dropIn: true, dropInName: region.name };
    }
    if (region.origin === 'unit') {
      const unitName = region.name;
      return { unitName, unitType: unitTypeOf(unitName), dropIn: false, dropInName: undefined };
    }
    if (region.path) return identityFromPath(region.path);
    return { unitName: undefined, unitType: undefined, dropIn: false, dropInName: undefined };
  }
  if (ctx.uri) return identityFromPath(baseNameAware(decodeUri(ctx.uri)));
  return { unitName: undefined, unitType: undefined, dropIn: false, dropInName: undefined };
}

/** Keeps the last two path parts (enough to see a `<unit>.d/` parent). */
function baseNameAware(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.length >= 2 ? `${parts[parts.length - 2]}/${baseName(path)}` : path;
}
