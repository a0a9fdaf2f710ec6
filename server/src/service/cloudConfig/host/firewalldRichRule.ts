/**
 * What firewalld refuses in a rich rule (`--add-rich-rule='rule family=ipv4 source address=… accept'`),
 * as firewalld 1.3.3 answers through firewall-offline-cmd (docs/facts/hosts.md, fact 9; the oracle tier
 * compares case by case). Returns the reason in words, or undefined when firewalld takes the rule.
 */
export function richRuleError(rule: string): string | undefined {
  const words = tokens(rule);
  if (words[0] !== 'rule') {
    return words[0]?.startsWith('family=')
      ? 'write `rule family=…`: a rich rule starts with `rule`'
      : 'a rich rule starts with `rule`';
  }
  let family: string | undefined;
  let i = 1;
  for (; i < words.length && /^(family|priority)=/.test(words[i] as string); i++) {
    const [k, v] = split(words[i] as string);
    if (k === 'family' && v !== 'ipv4' && v !== 'ipv6') return `\`family=${v}\`: the family is \`ipv4\` or \`ipv6\``;
    if (k === 'family') family = v;
    if (k === 'priority' && !/^-?\d+$/.test(v)) return `\`priority=${v}\`: the priority is a number`;
  }
  let element = false;
  let sourceOrDestination = false;
  let logOrAudit = false;
  const actions: string[] = [];
  let addressed = false;
  while (i < words.length) {
    const head = words[i++] as string;
    const attrs = new Map<string, string>();
    while (i < words.length && (/^[\w-]+=/.test(words[i] as string) || words[i] === 'not')) {
      const w = words[i++] as string;
      if (w !== 'not') attrs.set(...split(w));
    }
    switch (head) {
      case 'source':
      case 'destination': {
        sourceOrDestination = true;
        const address = attrs.get('address');
        if (address !== undefined) {
          addressed = true;
          if (family && !validAddress(address, family))
            return `\`address=${address}\` is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address or network`;
        } else if (!attrs.has('mac') && !attrs.has('ipset'))
          return `\`${head}\` needs \`address=\`${head === 'source' ? ', `mac=` or `ipset=`' : ''}`;
        break;
      }
      case 'service':
        element = true;
        if (!attrs.get('name')) return '`service` needs `name=`';
        break;
      case 'port':
      case 'source-port':
      case 'forward-port': {
        element = true;
        const port = attrs.get('port');
        if (!port || !portValid(port)) return `\`${head} port=${port ?? ''}\`: not a port or port range`;
        const proto = attrs.get('protocol');
        if (!proto || !/^(tcp|udp|sctp|dccp)$/.test(proto))
          return `\`${head}\` needs \`protocol=tcp\` (or udp, sctp, dccp)`;
        if (head === 'forward-port' && !attrs.has('to-port') && !attrs.has('to-addr'))
          return '`forward-port` needs `to-port=` or `to-addr=`';
        break;
      }
      case 'protocol':
        element = true;
        if (!attrs.get('value')) return '`protocol` needs `value=`';
        break;
      case 'icmp-block':
      case 'icmp-type':
        element = true;
        if (!attrs.get('name')) return `\`${head}\` needs \`name=\``;
        break;
      case 'masquerade':
        element = true;
        break;
      case 'log':
      case 'nflog':
      case 'audit': {
        logOrAudit = true;
        const level = attrs.get('level');
        if (head === 'log' && level !== undefined && !logLevels.has(level))
          return `\`level=${level}\`: the log level is one of ${[...logLevels].join(', ')}`;
        break;
      }
      case 'accept':
      case 'reject':
      case 'drop':
      case 'mark':
        actions.push(head);
        break;
      case 'limit':
        break;
      default:
        return `\`${head}\` is not a rich-rule element (source, destination, service, port, protocol, masquerade, forward-port, log, accept, reject, drop, …)`;
    }
  }
  if (actions.length > 1) return `one action per rule: \`${actions.join('` and `')}\``;
  if (addressed && !family) return 'a rule with an address needs `family=ipv4` or `family=ipv6`';
  if (!element && !sourceOrDestination)
    return 'the rule matches nothing: it needs a source, a destination or an element (service, port, …)';
  const actionless = ['masquerade', 'forward-port', 'icmp-block'].some((e) => words.includes(e));
  if (!actions.length && !logOrAudit && !actionless)
    return 'the rule does nothing: it needs an action (accept, reject, drop, mark) or log/audit';
  return undefined;
}

const logLevels = new Set(['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug']);

/** Words of a rich rule, with the quotes of `attr="value"` removed. */
function tokens(rule: string): string[] {
  return [...rule.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)].map((m) => m[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
}

function split(word: string): [string, string] {
  const eq = word.indexOf('=');
  return [word.slice(0, eq), word.slice(eq + 1)];
}

/**
 * A port, a range, or a name firewalld looks up in the services database of the machine it runs on
 * (`http`); `80-` reads as 80. Numbers above 65535 are refused.
 */
export function portValid(port: string): boolean {
  const m = /^(\d+|[A-Za-z][\w.]*)(?:-(\d+|[A-Za-z][\w.]*)?)?$/.exec(port);
  if (!m) return false;
  return [m[1], m[2]].every((p) => p === undefined || !/^\d+$/.test(p) || Number(p) <= 65535);
}

function validAddress(address: string, family: string): boolean {
  const [ip, mask, extra] = address.split('/');
  if (extra !== undefined || ip === undefined) return false;
  if (family === 'ipv4') {
    const parts = ip.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return false;
    return mask === undefined || (/^\d{1,2}$/.test(mask) && Number(mask) <= 32);
  }
  if (!/^[0-9A-Fa-f:.]+$/.test(ip) || !ip.includes(':') || (ip.match(/::/g)?.length ?? 0) > 1) return false;
  return mask === undefined || (/^\d{1,3}$/.test(mask) && Number(mask) <= 128);
}
