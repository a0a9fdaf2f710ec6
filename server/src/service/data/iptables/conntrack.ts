/** Connection-tracking vocabulary for `-m conntrack` and `-m state`. */

export interface CtWord {
  readonly name: string;
  readonly summary: string;
}

export const ctStates = [
  { name: 'NEW', summary: 'First packet of a connection not seen before.' },
  {
    name: 'ESTABLISHED',
    summary: 'Part of a connection that has seen packets both ways: replies to traffic already allowed.',
  },
  { name: 'RELATED', summary: 'Starts a connection tied to an existing one (ICMP errors, FTP data with a helper).' },
  { name: 'INVALID', summary: 'Could not be tied to any connection; usually dropped.' },
  { name: 'UNTRACKED', summary: 'Exempted from tracking in the raw table (NOTRACK / CT --notrack).' },
  { name: 'SNAT', summary: 'Connection whose source address was translated (conntrack only).' },
  {
    name: 'DNAT',
    summary: 'Connection whose destination address was translated, e.g. a published container port (conntrack only).',
  },
] as const satisfies readonly CtWord[];

/** The states `-m state --state` knows: the same minus SNAT and DNAT. */
export const stateMatchStates: readonly string[] = ['INVALID', 'ESTABLISHED', 'NEW', 'RELATED', 'UNTRACKED'];

export const ctStatuses = [
  { name: 'NONE', summary: 'None of the other statuses.' },
  { name: 'EXPECTED', summary: 'Connection was expected by a helper.' },
  { name: 'SEEN_REPLY', summary: 'A reply has been seen.' },
  { name: 'ASSURED', summary: 'Connection will not be evicted early.' },
  { name: 'CONFIRMED', summary: 'Connection has left the host or was accepted.' },
] as const satisfies readonly CtWord[];

export const ctDirections: readonly string[] = ['ORIGINAL', 'REPLY'];
