/**
 * Everything the language does with an option's argument, per kind of argument: how its value is
 * checked, what completion offers for it, and what hover says about it. One entry per `ArgKind`, so a
 * new kind does not compile until it says all three.
 */
import type { CompletionItem } from 'vscode-languageserver-types';
import type { ArgKind, OptionSpec } from '../../data/iptables/spec';
import type { IpFamily, RulesFile, TableBlock } from '../ast';
import { findMatch, findTarget } from '../complete/specs';
import {
  chainItems,
  ctstateItems,
  ctstatusItems,
  enumItems,
  icmpTypeItems,
  interfaceItems,
  logLevelItems,
  matchItems,
  portItems,
  protocolItems,
  rejectTypeItems,
  stateItems,
  targetItems,
} from '../complete/values';
import { chainHover, matchHover, optionHover, targetHover } from '../hover/specHover';
import {
  addressHover,
  icmpHover,
  interfaceHover,
  portHover,
  protocolHover,
  rejectHover,
  stateHover,
} from '../hover/valueHover';
import {
  checkAddressList,
  checkAddressRange,
  checkCtstateList,
  checkCtstatusList,
  checkEnum,
  checkEnumList,
  checkIcmpv4Type,
  checkIcmpv6Type,
  checkInterface,
  checkLogLevel,
  checkMark,
  checkNatAddress,
  checkNumber,
  checkPort,
  checkPorts,
  checkPortSpec,
  checkProtocol,
  checkRate,
  checkRejectType,
  checkSetName,
  checkSingleAddress,
  checkStateList,
  noCheck,
  type ArgCheck,
} from './check';

/** Completion items for an argument; undefined when there is nothing sensible to offer. */
export type ArgComplete = (
  spec: OptionSpec,
  family: IpFamily,
  table: string | undefined,
  userChains: readonly string[],
) => CompletionItem[] | undefined;

/** Hover markdown for the argument `word` of an option. */
export type ArgDescribe = (word: string, spec: OptionSpec, file: RulesFile, table: TableBlock | undefined) => string;

export interface ArgKindService {
  /** Checks the option's first argument (findings in text offsets). */
  readonly check: ArgCheck;
  readonly complete: ArgComplete;
  readonly describe: ArgDescribe;
  /** The argument is a comma list: completion replaces only the part after the last comma. */
  readonly list: boolean;
}

const nothing: ArgComplete = () => undefined;
/** Kinds without their own text: the hover of the option explains the value. */
const theOption: ArgDescribe = (_word, spec) => optionHover(spec, undefined);
const plain = { check: noCheck, complete: nothing, describe: theOption, list: false } as const;

export const argKinds: Readonly<Record<ArgKind, ArgKindService>> = {
  none: plain,
  chain: {
    check: noCheck,
    complete: (_spec, _family, _table, userChains) => chainItems(userChains, 'user chain'),
    describe: (word, _spec, file, table) => chainHover(file, table, word),
    list: false,
  },
  target: {
    check: noCheck,
    complete: (_spec, family, table, userChains) => targetItems(table, family, userChains),
    describe: (word, _spec, file, table) => {
      const t = findTarget(word);
      return t ? targetHover(t) : chainHover(file, table, word);
    },
    list: false,
  },
  match: {
    check: noCheck,
    complete: (_spec, family) => matchItems(family),
    describe: (word) => {
      const m = findMatch(word);
      return m ? matchHover(m) : `\`${word}\` is not a match module iptables knows.`;
    },
    list: false,
  },
  protocol: {
    check: checkProtocol,
    complete: (_spec, family) => protocolItems(family),
    describe: protocolHover,
    list: false,
  },
  'address-list': { check: checkAddressList, complete: nothing, describe: addressHover, list: false },
  address: { check: checkSingleAddress, complete: nothing, describe: addressHover, list: false },
  'address-range': { ...plain, check: checkAddressRange },
  interface: { check: checkInterface, complete: interfaceItems, describe: interfaceHover, list: false },
  port: { check: checkPort, complete: portItems, describe: portHover, list: false },
  'port-list': { check: checkPorts, complete: portItems, describe: portHover, list: true },
  'icmp-type': {
    check: checkIcmpv4Type,
    complete: () => icmpTypeItems('ipv4'),
    describe: (word) => icmpHover(word, 'ipv4'),
    list: false,
  },
  'icmpv6-type': {
    check: checkIcmpv6Type,
    complete: () => icmpTypeItems('ipv6'),
    describe: (word) => icmpHover(word, 'ipv6'),
    list: false,
  },
  'state-list': { check: checkStateList, complete: stateItems, describe: stateHover, list: true },
  'ctstate-list': { check: checkCtstateList, complete: ctstateItems, describe: stateHover, list: true },
  'ctstatus-list': { check: checkCtstatusList, complete: ctstatusItems, describe: stateHover, list: true },
  number: { ...plain, check: checkNumber },
  'number-range': plain,
  mark: { ...plain, check: checkMark },
  string: plain,
  rate: { ...plain, check: checkRate },
  'log-level': { ...plain, check: checkLogLevel, complete: logLevelItems },
  'reject-type': {
    check: checkRejectType,
    complete: (_spec, family) => rejectTypeItems(family),
    describe: (word, _spec, file) => rejectHover(word, file.family),
    list: false,
  },
  enum: { ...plain, check: checkEnum, complete: enumItems },
  'enum-list': { ...plain, check: checkEnumList, complete: enumItems, list: true },
  'set-name': { ...plain, check: checkSetName },
  'nat-address': { ...plain, check: checkNatAddress },
  'port-spec': { ...plain, check: checkPortSpec },
  user: plain,
  group: plain,
  counters: plain,
};
