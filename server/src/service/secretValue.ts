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
 * variables hidden (quotes kept), and those of nameless ones (`=x`: nothing says what they are); any
 * other value that looks like a secret is hidden too. With `bareWords`, a word without `=` whose
 * name says secret is hidden whole (in `Environment=` such a word is all there is to it).
 */
export function shownAssignments(text: string, bareWords = false): string {
  if (looksLikeSecret(text)) return hidden;
  return redactSecrets(
    text.replace(/"[^"]*"?|'[^']*'?|[^\s"']+/g, (word) => {
      const q = word[0] === '"' || word[0] === "'" ? word[0] : '';
      const inner = q ? word.slice(1, word.endsWith(q) && word.length > 1 ? -1 : undefined) : word;
      const eq = inner.indexOf('=');
      if (eq < 0) return bareWords && isSecretName(inner) ? `${q}${hidden}${q}` : word;
      if (eq > 0 && !isSecretName(inner.slice(0, eq))) return word;
      return `${q}${inner.slice(0, eq)}=${hidden}${q}`;
    }),
  );
}

const keyBlock =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g;
const cryptHash = /\$(?:1|2[abxy]?|5|6|y|gy|7)\$[^\s$'"`]+\$[^\s'"`]*/g;
/** A value after `=`: quoted (the closing quote may be missing) or a plain word. */
const assignedValue = /"[^"]*"?|'[^']*'?|[^\s"'`]+/y;
const nameChar = /[\w.-]/;
const nameStart = /[A-Za-z_]/;
/** The password of `scheme://user:password@host` (apt sources and proxies, curl and git URLs). */
const urlCredentials = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]*:)[^\s@/'"`]+@/gi;
/** The key material of an OpenSSH public key line; its type and comment stay readable. */
const publicKeyBody =
  /\b((?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+)AAAA[A-Za-z0-9+/]+=*/g;

/**
 * Text shown to the user (a finding's message, its related notes, a fix's title, an outline name or
 * detail, a hover) with any secret value in it hidden: the value of a secret-named `NAME=value`, a
 * private key block, a crypt(3) hash, the password of a URL, the key material of an SSH public key.
 * Messages reach the CLI's text, JSON and SARIF output and the editor's logs; the rules that quote a
 * value do not quote secrets, and this catches a value quoted from anywhere. Shortened text must be
 * redacted before it is cut (a cut key block no longer looks like one).
 */
export function redactSecrets(text: string): string {
  if (!/[=$@]|-----|AAAA/.test(text)) return text;
  const shown = text
    .replace(keyBlock, hidden)
    .replace(cryptHash, hidden)
    .replace(urlCredentials, `$1${hidden}@`)
    .replace(publicKeyBody, `$1${hidden}`);
  return hideSecretAssignments(shown);
}

/**
 * `NAME=value` with NAME secret-named (`DB_PASSWORD=x`, `--password=x`, `"API_TOKEN=a b"`): the value
 * hidden, its quotes kept. One pass over the text: each `=` looks back over the name characters
 * since the previous one, so a megabyte of them costs a megabyte, not its square.
 */
function hideSecretAssignments(text: string): string {
  let out = '';
  let copied = 0; // text before this is in `out`
  let floor = 0; // a name never reaches back past this
  for (let eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
    let start = eq;
    while (start > floor && nameChar.test(text.charAt(start - 1))) start--;
    floor = eq + 1;
    while (start < eq && !nameStart.test(text.charAt(start))) start++;
    if (start === eq) continue;
    assignedValue.lastIndex = eq + 1;
    const value = assignedValue.exec(text)?.[0];
    if (value === undefined) continue;
    const end = eq + 1 + value.length;
    if (isSecretName(text.slice(start, eq)) && value !== '…' && !value.includes(hidden)) {
      const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
      out += `${text.slice(copied, eq + 1)}${q}${hidden}${q && value.length > 1 && value.endsWith(q) ? q : ''}`;
      copied = end;
    }
    floor = Math.max(floor, end);
    eq = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
