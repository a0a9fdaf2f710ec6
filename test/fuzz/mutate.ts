// Mutations of real documents for fuzzing: byte- and line-level damage, YAML-specific traps and
// pathological sizes. Every mutation is a pure function of the text and a seeded random source.

export type Random = () => number;

/** A seeded generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const int = (r: Random, n: number): number => Math.floor(r() * n);
export const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)] as T;

function splitLines(text: string): string[] {
  return text.split('\n');
}

function atRandomOffset(r: Random, text: string, insert: string): string {
  const at = int(r, text.length + 1);
  return text.slice(0, at) + insert + text.slice(at);
}

function mapRandomLines(r: Random, text: string, share: number, fn: (line: string) => string): string {
  return splitLines(text)
    .map((l) => (r() < share ? fn(l) : l))
    .join('\n');
}

/** Words that steer the parsers into their interesting paths. */
const tokens = [
  'content: |',
  'content: |2-',
  'content: >',
  'content: "',
  "content: '",
  'path: /var/lib/iptables/rules-save',
  '- name: x.service',
  'units:',
  'write_files:',
  'coreos:',
  'encoding: b64',
  'permissions: 0644',
  'owner: ',
  '[Unit]',
  '[Service]',
  '[Install]',
  'ExecStart=',
  'ExecStart=/usr/bin/docker run -d -p 0.0.0.0:80:80 x',
  'Environment="A=',
  '\\',
  '*filter',
  '*nat',
  'COMMIT',
  ':INPUT DROP [0:0]',
  '-A INPUT',
  '-p tcp',
  '--dport',
  '-m multiport --dports',
  '-j ACCEPT',
  '-j DNAT --to-destination',
  '! ',
  '"',
  "'",
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!!str ',
  '? ',
  '---',
  '...',
  '%YAML 1.2',
  '#',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>',
];

const astral = ['😀', '𝔘', '𐐷', '\u{10FFFF}', '🏳️‍🌈'];
const indicators = ['|', '|-', '|+', '|2', '|2-', '|9', '|0', '>', '>-', '>+', '|1+', '| #c', '|-2', '>8'];

type Mutation = (r: Random, text: string) => string;

export const mutations: Record<string, Mutation> = {
  flipBytes(r, text) {
    const bytes = Buffer.from(text, 'utf8');
    for (let n = 1 + int(r, 8); n > 0 && bytes.length; n--) {
      const i = int(r, bytes.length);
      bytes[i] = (bytes[i] ?? 0) ^ (1 << int(r, 8));
    }
    return bytes.toString('utf8');
  },
  invalidUtf8(r, text) {
    // Stray continuation bytes, overlong forms and cut sequences, decoded as an editor would.
    const bad = [
      Buffer.from([0x80]),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xf0, 0x9f, 0x98]),
    ];
    const bytes = Buffer.from(text, 'utf8');
    const at = int(r, bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), pick(r, bad), bytes.subarray(at)]).toString('utf8');
  },
  loneSurrogate(r, text) {
    return atRandomOffset(r, text, pick(r, ['\ud800', '\udfff', '\udc00x', 'a\ud83d']));
  },
  deleteLines(r, text) {
    const lines = splitLines(text);
    const at = int(r, lines.length);
    lines.splice(at, 1 + int(r, 3));
    return lines.join('\n');
  },
  duplicateLines(r, text) {
    const lines = splitLines(text);
    const at = int(r, lines.length);
    const n = 1 + int(r, 4);
    lines.splice(at, 0, ...lines.slice(at, at + n));
    return lines.join('\n');
  },
  swapLines(r, text) {
    const lines = splitLines(text);
    const a = int(r, lines.length),
      b = int(r, lines.length);
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
    return lines.join('\n');
  },
  reindent(r, text) {
    return mapRandomLines(r, text, 0.2, (l) => ' '.repeat(int(r, 12)) + l.trimStart());
  },
  indentIndicator(r, text) {
    return text.replace(/([:-] )[|>][-+0-9]*/g, (m, lead: string) => (r() < 0.5 ? lead + pick(r, indicators) : m));
  },
  truncate(r, text) {
    return text.slice(0, int(r, text.length + 1));
  },
  tabs(r, text) {
    return mapRandomLines(r, text, 0.3, (l) =>
      l.replace(/^( {2})+/, (s) => (r() < 0.5 ? '\t'.repeat(s.length / 2) : `\t${s}`)),
    );
  },
  lineEndings(r, text) {
    return text.replace(/\n/g, () => pick(r, ['\n', '\r\n', '\r\n', '\r', '\n\r']));
  },
  bom(r, text) {
    return r() < 0.7 ? `\ufeff${text}` : atRandomOffset(r, text, '\ufeff');
  },
  nul(r, text) {
    let out = text;
    for (let n = 1 + int(r, 4); n > 0; n--) out = atRandomOffset(r, out, '\0'.repeat(1 + int(r, 3)));
    return out;
  },
  astral(r, text) {
    let out = text;
    for (let n = 1 + int(r, 6); n > 0; n--) out = atRandomOffset(r, out, pick(r, astral));
    return out;
  },
  token(r, text) {
    let out = text;
    for (let n = 1 + int(r, 4); n > 0; n--) out = atRandomOffset(r, out, pick(r, tokens));
    return out;
  },
  tokenLine(r, text) {
    const lines = splitLines(text);
    lines.splice(
      int(r, lines.length + 1),
      0,
      ' '.repeat(int(r, 10)) + pick(r, tokens) + (r() < 0.5 ? pick(r, tokens) : ''),
    );
    return lines.join('\n');
  },
  controlCharacters(r, text) {
    // Characters the real YAML reader refuses (and a few it accepts: NEL, U+FFFD) at random places.
    let out = text;
    for (let n = 1 + int(r, 3); n > 0; n--)
      out = atRandomOffset(
        r,
        out,
        pick(r, ['\x07', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\x9f', '\ufffe', '\ufffd']),
      );
    return out;
  },
  loneCarriageReturns(r, text) {
    // Old Mac line endings throughout, or mixed into one stretch.
    return r() < 0.5 ? text.replace(/\r?\n/g, '\r') : mapRandomLines(r, text, 0.3, (l) => `${l}\r`);
  },
  overlappingFixes(r, text) {
    // Fixes that start at one place: a missing header and a first key that a fix renames.
    const body = text.replace(/^#cloud-config[^\n]*\n?/, '');
    return `${pick(r, ['write-files', 'enabled', 'ssh-authorized-keys', 'runcmd '])}:\n  - path: /x\n${body}`;
  },
  emptyAndBlank(r, text) {
    return pick(r, ['', '\n', ' ', '\r\n', '#cloud-config', '#cloud-config\n', text.trim()]);
  },
};

/** Pathological shapes: rare in a run, each one a known way to hang or overflow a parser. */
export const extremes: Record<string, (r: Random, text: string) => string> = {
  megabyteLine(r, text) {
    const lines = splitLines(text);
    lines.splice(
      int(r, lines.length + 1),
      0,
      `${pick(r, ['', '  ', '      ', 'x: ', '-A INPUT '])}${pick(r, ['a', '-', ' ', '[', '😀', '\\'])}`.padEnd(
        1_000_000,
        pick(r, ['a', 'x y ', '😀']),
      ),
    );
    return lines.join('\n');
  },
  deepFlow(r, text) {
    const open = pick(r, ['[', '{', '[{', '{a: [']);
    return `${text}\n${pick(r, ['x: ', '- ', ''])}${open.repeat(Math.ceil(10_000 / open.length))}`;
  },
  deepBlock(r) {
    const depth = 2_000 + int(r, 1_000);
    const seq = r() < 0.5;
    return `#cloud-config\n${Array.from({ length: depth }, (_, i) => (seq ? `${' '.repeat(2 * i)}- ` : `${' '.repeat(i)}k${i}:`)).join('\n')}\n`;
  },
  deepExplicitKeys(r) {
    // `? ` and `- ? ` nesting thousands deep: the parser's recursion once aborted the process.
    const n = 2_000 + int(r, 2_000);
    return `#cloud-config\n${pick(r, ['? ', '- ? ', '? - ', ': ', 'k: ', '- &a !t ']).repeat(n)}x\n`;
  },
  aliasBomb(r) {
    const levels = 8 + int(r, 4);
    const lines = ['#cloud-config', `a0: &a0 [${'lol,'.repeat(9)}lol]`];
    for (let i = 1; i <= levels; i++)
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push(
      pick(r, [
        `runcmd: *a${levels}`,
        `write_files: *a${levels}`,
        `coreos: {units: *a${levels}}`,
        `packages: [*a${levels}]`,
      ]),
    );
    return lines.join('\n');
  },
  manyAliases(r) {
    const n = 5_000 + int(r, 5_000);
    return `#cloud-config\nbase: &b {content: "[Service]\\nExecStart=/x"}\nwrite_files:\n${'  - *b\n'.repeat(n)}`;
  },
};

/** Apply 1..4 random mutations; rarely one pathological shape. Returns the text and what was done. */
export function mutate(r: Random, text: string, extremeShare = 0.01): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  if (r() < extremeShare) {
    const name = pick(r, Object.keys(extremes));
    applied.push(name);
    out = (extremes[name] as (r: Random, t: string) => string)(r, out);
    return { text: out, applied };
  }
  const names = Object.keys(mutations);
  for (let n = 1 + int(r, 4); n > 0; n--) {
    const name = pick(r, names);
    applied.push(name);
    out = (mutations[name] as Mutation)(r, out);
  }
  return { text: out, applied };
}
