/**
 * Values that must not be shown where they could be read over a shoulder or end up in a log: the
 * outline's details, hovers, CLI and SARIF output. A value is secret when its key or variable name
 * says so (password, token, secret, private key, ...) or when it looks like one whatever its name
 * (a private key block, a crypt(3) hash).
 */
const secretName =
  /pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth|session[-_]?key|activation[-_]?key|signing[-_]?key|encryption[-_]?key|\bpsk\b|_psk$|^psk/i;

/** What a hidden value is shown as. */
export const hidden = '••••••';

export function isSecretName(name: string): boolean {
  return secretName.test(name);
}

export function looksLikeSecret(value: string): boolean {
  return (
    /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(value) ||
    /^\$(1|2[abxy]?|5|6|y|gy|7)\$[^\s$]+\$/.test(value.trim())
  );
}

/** `value` as it may be shown under `name`: hidden when either says it is a secret. */
export function shownValue(name: string, value: string): string {
  return isSecretName(name) || looksLikeSecret(value) ? hidden : value;
}

/**
 * Environment assignments (`A=1 "DB_PASSWORD=x y" TOKEN=z`) with the values of secret-named
 * variables hidden (quotes kept); any other value that looks like a secret is hidden too.
 */
export function shownAssignments(text: string): string {
  if (looksLikeSecret(text)) return hidden;
  return text.replace(/"[^"]*"?|'[^']*'?|[^\s"']+/g, (word) => {
    const q = word[0] === '"' || word[0] === "'" ? word[0] : '';
    const inner = q ? word.slice(1, word.endsWith(q) && word.length > 1 ? -1 : undefined) : word;
    const eq = inner.indexOf('=');
    if (eq <= 0 || !isSecretName(inner.slice(0, eq))) return word;
    return `${q}${inner.slice(0, eq)}=${hidden}${q}`;
  });
}

const keyBlock =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g;
const cryptHash = /\$(?:1|2[abxy]?|5|6|y|gy|7)\$[^\s$'"`]+\$[^\s'"`]*/g;
const assignment = /([A-Za-z_][\w.-]*)=("[^"]*"?|'[^']*'?|[^\s"'`]+)/g;

/**
 * Text written for the user (a finding's message, its related notes, a fix's title) with any secret
 * value quoted in it hidden: the value of a secret-named `NAME=value`, a private key block, a
 * crypt(3) hash. Messages reach the CLI's text, JSON and SARIF output and the editor's logs; the
 * rules that quote a value do not quote secrets, and this catches a value quoted from anywhere.
 */
export function redactSecrets(text: string): string {
  if (!text.includes('=') && !text.includes('$') && !text.includes('-----')) return text;
  return text
    .replace(keyBlock, hidden)
    .replace(cryptHash, hidden)
    .replace(assignment, (whole, name: string, value: string) => {
      if (!isSecretName(name) || value === '…' || value.includes(hidden)) return whole;
      const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${name}=${q}${hidden}${q && value.length > 1 && value.endsWith(q) ? q : ''}`;
    });
}
