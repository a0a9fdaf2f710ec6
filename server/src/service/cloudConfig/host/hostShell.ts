import { isScalar, isSeq, type Node } from 'yaml';
import type { CommandSource, Word } from '../../docker/commandWords';
import { sourceOfText, splitShellCommands } from '../../docker/commandWords';
import { innerRange, wordOf } from '../../docker/commandListRuns';
import { toDocumentOffset, type EmbeddedRegion } from '../../embedded/region';
import type { RuleContext } from '../context';
import { isComposePath } from '../../compose/composePorts';

/** Where a host command comes from. */
export type HostCommandOrigin = 'bootcmd' | 'runcmd' | 'script';

/** One simple command the host runs at first boot, its words in document offsets. */
export interface HostCommand {
  readonly origin: HostCommandOrigin;
  /** The words after `sudo`/`env VAR=…` prefixes. */
  readonly words: readonly Word[];
  /** The `runcmd`/`bootcmd` list item holding the command (undefined in a script). */
  readonly item: Node | undefined;
  /** For scripts: the write_files entry's path. */
  readonly path: string | undefined;
}

/** A shell script written by `write_files`: a `#!` sh/bash line, or a `.sh` path. */
export function isShellScript(region: EmbeddedRegion): boolean {
  if (region.origin !== 'write-file' || region.language !== 'other' || !region.mappable || isComposePath(region.path))
    return false;
  return (
    /^#![ \t]*\S*\b(sh|bash|dash|ash|zsh|env[ \t]+(ba|da)?sh)\b/.test(region.text) ||
    /\.(sh|bash)$/.test(region.path ?? '')
  );
}

/** The region's text as a command source whose offsets are document offsets. */
export function scriptSource(ctx: RuleContext, region: EmbeddedRegion): CommandSource {
  return { text: ctx.text, s: region.text, offsetAt: (i) => toDocumentOffset(region, i) };
}

/** `sudo -E ufw …`, `env A=b ufw …` → the words from `ufw`. */
export function withoutPrefixes(words: readonly Word[]): Word[] {
  let i = 0;
  for (;;) {
    const v = words[i]?.value;
    if (v === 'sudo' || v === 'env' || v === 'command' || v === 'exec' || v === 'nohup') {
      i++;
      while (
        i < words.length &&
        (/^-/.test((words[i] as Word).value) || /^[A-Za-z_]\w*=/.test((words[i] as Word).value))
      )
        i++;
    } else if (v !== undefined && /^[A-Za-z_]\w*=/.test(v)) i++;
    else break;
  }
  return words.slice(i);
}

const cache = new WeakMap<object, HostCommand[]>();

/**
 * Every simple command of `bootcmd`, `runcmd` (string items are shell text, list items argument
 * vectors) and of the shell scripts the user-data writes, in that order (cloud-init runs `bootcmd`
 * first and `runcmd` last; scripts are placed last, as they are run from `runcmd`).
 */
export function hostCommands(ctx: RuleContext): HostCommand[] {
  const known = cache.get(ctx.model);
  if (known) return known;
  const out: HostCommand[] = [];
  for (const key of ['bootcmd', 'runcmd'] as const) {
    const list = ctx.pair(ctx.model.hostRoot, key)?.value;
    if (!isSeq(list)) continue;
    for (const item of list.items as Node[]) {
      if (isSeq(item)) {
        const words = item.items.map((w) => wordOf(ctx.text, w)).filter((w): w is Word => w !== undefined);
        if (words.length === item.items.length && words.length)
          out.push({ origin: key, words: withoutPrefixes(words), item, path: undefined });
      } else if (isScalar(item) && typeof item.value === 'string') {
        const r = innerRange(item);
        if (
          !r ||
          !(
            item.type === 'PLAIN' ||
            item.type === 'BLOCK_LITERAL' ||
            item.type === 'QUOTE_SINGLE' ||
            ctx.text.slice(r[0], r[1]) === item.value
          )
        )
          continue;
        for (const words of splitShellCommands(sourceOfText(ctx.text, r[0], r[1]))) {
          if (words.length) out.push({ origin: key, words: withoutPrefixes(words), item, path: undefined });
        }
      }
    }
  }
  for (const region of ctx.model.regions) {
    if (!isShellScript(region)) continue;
    for (const words of splitShellCommands(scriptSource(ctx, region))) {
      if (words.length)
        out.push({ origin: 'script', words: withoutPrefixes(words), item: undefined, path: region.path });
    }
  }
  cache.set(ctx.model, out);
  return out;
}

/** The program's base name (`/usr/sbin/ufw` → `ufw`). */
export function programOf(cmd: HostCommand): string {
  const v = cmd.words[0]?.value ?? '';
  return v.slice(v.lastIndexOf('/') + 1);
}

/** The `packages:` names (`name`, `[name, version]` and `name=version` forms). */
export function packageNames(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  const list = ctx.pair(ctx.model.hostRoot, 'packages')?.value;
  if (!isSeq(list)) return out;
  for (const item of list.items) {
    const first = isSeq(item) ? item.items[0] : item;
    if (isScalar(first) && first.value !== null && first.value !== undefined)
      out.add(String(first.value).split('=')[0] as string);
  }
  return out;
}

/** Packages installed by `apt-get install`/`apt install`/`dnf install`/`yum install` host commands. */
export function installedByCommands(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const cmd of hostCommands(ctx)) {
    const p = programOf(cmd);
    if (!/^(apt-get|apt|dnf|yum|zypper)$/.test(p)) continue;
    const vals = cmd.words.map((w) => w.value);
    const at = vals.indexOf('install');
    if (at < 0) continue;
    for (const v of vals.slice(at + 1)) if (!v.startsWith('-')) out.add(v.split('=')[0] as string);
  }
  return out;
}
