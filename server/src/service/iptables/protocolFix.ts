/** The quick fix for a protocol option used without its `-p`: insert, move or change `-p tcp` before it. */
import type { IpFamily, OptionUse, RuleLine } from './ast';
import type { Fix, OffsetEdit } from '../types';

const needsByOption: Readonly<Record<string, readonly string[]>> = {
  '--dport': ['tcp', 'udp'],
  '--destination-port': ['tcp', 'udp'],
  '--sport': ['tcp', 'udp'],
  '--source-port': ['tcp', 'udp'],
  '--syn': ['tcp'],
  '--tcp-flags': ['tcp'],
  '--tcp-option': ['tcp'],
  '--icmp-type': ['icmp'],
  '--icmpv6-type': ['ipv6-icmp'],
};

const isProtocolOption = (o: OptionUse): boolean => o.name.value === '-p' || o.name.value === '--protocol';

export function protocolFix(
  use: OptionUse,
  rule: RuleLine,
  family: IpFamily,
): { needs: string; fixes: Fix[] } | undefined {
  const protos = needsByOption[use.name.value];
  if (!protos) return undefined;
  if (
    (use.name.value === '--icmp-type' && family === 'ipv6') ||
    (use.name.value === '--icmpv6-type' && family === 'ipv4')
  )
    return undefined;
  const at = use.negation && use.negation.start < use.name.start ? use.negation.start : use.name.start;
  const earlier = rule.options.find((o) => isProtocolOption(o) && o.span.start < at);
  const later = rule.options.find((o) => isProtocolOption(o) && o.span.start > at);
  const fixes: Fix[] = protos.map((p, i) => {
    let edits: OffsetEdit[];
    let title: string;
    const earlierArg = earlier?.args[0];
    if (earlier && earlierArg) {
      edits = [{ start: earlierArg.start, end: earlierArg.end, newText: p }];
      title = `Change \`-p ${earlierArg.value}\` to \`-p ${p}\``;
    } else if (later && later.args[0]?.value.toLowerCase() === p && !later.negation) {
      edits = [
        { start: at, end: at, newText: `-p ${p} ` },
        { start: later.span.start - 1, end: later.span.end, newText: '' },
      ];
      title = `Move \`-p ${p}\` before ${use.name.value}`;
    } else {
      edits = [{ start: at, end: at, newText: `-p ${p} ` }];
      title = `Insert \`-p ${p}\``;
    }
    return { title, edits, preferred: i === 0 };
  });
  return { needs: protos.map((p) => `\`-p ${p}\``).join(' or '), fixes };
}
