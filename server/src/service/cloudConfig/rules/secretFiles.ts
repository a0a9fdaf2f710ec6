/**
 * Which written files hold credentials, judged by their content when there is content and by their
 * name otherwise, and how readable they may be: secrets only by their owner, shadow files at most by
 * their group.
 */

/** Names that say "credentials" when nothing else is known about the file. */
const secretName =
  /(^|\/)(\.dockercfg|\.netrc|\.pgpass|\.git-credentials|\.htpasswd|id_(rsa|dsa|ecdsa|ed25519)(_sk)?|[^/]*\.(key|p12|pfx|keystore|jks)|credentials(\.json)?|[^/]*token[^/]*|[^/]*secret[^/]*|kubeconfig)$|\/\.docker\/config\.json$|\/\.kube\/config$|\/\.aws\/credentials$/i;
/** `*.pem` is a private key unless its name says it is a certificate. */
const pemName = /(^|\/)[^/]*\.pem$/i;
const certificateName =
  /(^|\/)[^/]*(cert|crt|chain|bundle|ca|pub)[^/]*\.pem$|(^|\/)ca[^/]*\.pem$|\/certs?\/[^/]*\.pem$/i;
/** A placeholder's own name (`${etcd_cert}`) that says certificate rather than key. */
const certificatePlaceholder = /cert|crt|chain|bundle|(^|[^a-z])ca([^a-z]|$)|pub/i;
/** A `*.pem` name that says private key: a `key` or `private` word in the file name, or a `private/` directory. */
const keyName = /(^|\/)private\/[^/]*\.pem$|(^|\/)([^/]*[^a-z/])?(key|priv|private)([^a-z/][^/]*)?\.pem$/;
/** A placeholder's own name that says key (`${etcd_key}`, `${file("ca-key.pem")}`, `{{ tls_private }}`). */
const keyPlaceholder = /key|secret|priv/i;
/** Password hashes: /etc/shadow and its backups, gshadow. */
const shadowName = /^\/etc\/g?shadow-?$/;

/** A private key block: PEM (`RSA`, `EC`, `ENCRYPTED`, plain), OpenSSH, PuTTY and PGP. */
const privateKeyBlock = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|^PuTTY-User-Key-File-\d+:/m;
/** A line of a shadow file with a crypt(3) hash (`user:$6$…:`). */
const shadowLine = /^[a-z_][a-z0-9_.-]*\$?:\$(?:1|2[abxy]?|5|6|7|y|gy|sha1|md5)\$[^:\n]*:/m;
const publicOnly =
  /^(?:\s*(?:-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|TRUSTED CERTIFICATE|PGP PUBLIC KEY BLOCK)-----[\s\S]*?-----END [A-Z0-9 ]+-----|ssh-[a-z0-9-]+ \S+.*|ecdsa-sha2-\S+ \S+.*)\s*)+$/;

export type SecretKind = 'private-key' | 'shadow' | 'credentials';

export interface SecretVerdict {
  kind: SecretKind;
  /** Mode bits that must be clear: others for shadow files (its group may read), group and others otherwise. */
  forbidden: number;
  /** Why the file counts as a secret, for the message. */
  why: string;
}

/**
 * Whether a written file is a secret. `content` is the decoded text when the file has content we can
 * read, or undefined (no content, binary or compressed content, a template placeholder).
 */
export function secretOf(path: string, content: string | undefined, placeholder?: string): SecretVerdict | undefined {
  const known = content !== undefined && content.trim() !== '';
  if (known && privateKeyBlock.test(content))
    return { kind: 'private-key', forbidden: 0o077, why: 'holds a private key' };
  if (known && shadowLine.test(content)) return { kind: 'shadow', forbidden: 0o007, why: 'holds password hashes' };
  if (shadowName.test(path)) return { kind: 'shadow', forbidden: 0o007, why: 'holds password hashes' };
  // A key by its own name (`ca-key.pem`, `calico-key.pem`, a `private/` directory) or by the placeholder
  // that fills it (`${etcd_key}` into `certs/ca.pem`) is a key whatever else the path says.
  const keyByName = keyName.test(path.toLowerCase()) && !/(^|\/)[^/]*pub[^/]*$/i.test(path);
  const keyByPlaceholder = placeholder !== undefined && keyPlaceholder.test(placeholder);
  const certificate =
    !keyByName &&
    !keyByPlaceholder &&
    (certificateName.test(path) || (placeholder !== undefined && certificatePlaceholder.test(placeholder)));
  const byName = secretName.test(path) || (pemName.test(path) && !certificate);
  if (!byName) return undefined;
  if (known) {
    // Judge by the content: a script that fetches the secret, a unit that runs it, a certificate or a
    // public key is not one.
    if (
      /^#!/.test(content) ||
      publicOnly.test(content) ||
      /^\s*\[(Unit|Service|Timer|Install|Socket|Path)\]/.test(content)
    )
      return undefined;
  }
  return {
    kind: 'credentials',
    forbidden: 0o077,
    why: pemName.test(path) || /\.key$|id_[a-z0-9]+$/i.test(path) ? 'is a private key' : 'holds credentials',
  };
}

/** The readable text of a `content` value given its `encoding`, or undefined when it cannot be read. */
export function readableContent(value: unknown, encoding: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Content that is only a template placeholder is unknown until rendering.
  if (/^\s*(\$\{[^\n]*\}|\{\{[^\n]*\}\}|%\{[^\n]*\}|[%@][A-Za-z_][A-Za-z0-9_]*[%@])\s*$/.test(value)) return undefined;
  const enc = (encoding ?? '').toLowerCase();
  if (enc === '' || enc === 'text/plain') return value;
  if (enc === 'b64' || enc === 'base64') {
    const compact = value.replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
    let decoded: string;
    try {
      decoded = atob(compact);
    } catch {
      return undefined;
    }
    // eslint-disable-next-line no-control-regex -- control characters are what marks the text as binary
    return /[\x00-\x08\x0e-\x1f]/.test(decoded) ? undefined : decoded;
  }
  return undefined;
}
