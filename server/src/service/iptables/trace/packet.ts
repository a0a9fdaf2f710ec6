import type { Cidr } from '../flow/cidr';

/** Connection-tracking state of the traced packet as the kernel sees it on arrival. */
export type ConntrackState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

/**
 * One concrete packet arriving at the host from the network. Fields the caller does not know stay
 * undefined, and rules that test them are reported as "depends on …".
 */
export interface TracePacket {
  readonly family: 4 | 6;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `sctp`… (normalised). */
  readonly proto: string;
  readonly sport: number;
  readonly dport: number | undefined;
  /** ICMP type name (`echo-request`) for ICMP packets. */
  readonly icmpType: string | undefined;
  /** Source address (one host). */
  readonly src: Cidr;
  /** Destination address: undefined means "one of the host's own addresses, which one unknown". */
  readonly dst: Cidr | undefined;
  readonly inIface: string;
  /**
   * The input interface is not known (the exposure map of ufw's rules, no interface given): a packet
   * from the internet arrives on some interface other than `lo` or a container bridge, and a rule on
   * any other named interface may or may not match ("depends on interface `eth0`").
   */
  readonly inIfaceUnknown?: boolean;
  readonly state: ConntrackState;
}

/** The packet after NAT and routing, as later chains see it. */
export interface PacketView extends TracePacket {
  /** Output interface once routed (FORWARD to a container bridge), else undefined. */
  readonly outIface: string | undefined;
  /** Destination is the host itself (INPUT) rather than another machine (FORWARD). */
  readonly local: boolean;
  /** Destination before DNAT (conntrack's original tuple). */
  readonly origDst: Cidr | undefined;
  readonly origDport: number | undefined;
  /** Destination was rewritten by DNAT/REDIRECT. */
  readonly dnat: boolean;
  /** A packet of the answering side of a connection (conntrack's reply direction). */
  readonly reply?: boolean;
  /** Sent by the host itself (its source is one of the host's addresses). */
  readonly fromHost?: boolean;
  /**
   * A TCP packet after the handshake's first (the client's ACK), whatever conntrack calls it: after an
   * untracked SYN, conntrack picks the connection up mid-stream and calls the first ACK NEW.
   */
  readonly midStream?: boolean;
}
