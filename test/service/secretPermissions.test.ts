import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixesFor, messageOf, spans, withCode } from '../helpers/service';

const code = 'cloud-config/secret-permissions';
const indent = (block: string): string =>
  block
    .split('\n')
    .map((l) => (l ? `      ${l}` : l))
    .join('\n');

/** One write_files entry; `content` becomes a literal block when given. */
function entry(path: string, perms: string | undefined, content?: string, extra = ''): string {
  let text = `#cloud-config\nwrite_files:\n  - path: ${path}\n`;
  if (perms !== undefined) text += `    permissions: ${perms}\n`;
  text += extra;
  if (content !== undefined) text += `    content: |\n${indent(content)}\n`;
  return text;
}

const rsaKey = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzq0x\n-----END RSA PRIVATE KEY-----';
const pgpKey = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGN0x\n-----END PGP PRIVATE KEY BLOCK-----';
const certificate = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----';

describe('secret-permissions: private keys written readable', () => {
  test('a TLS server-key.pem at "0644" is flagged, fix "0600"', () => {
    const text = entry('/etc/nginx/tls/server-key.pem', '"0644"', rsaKey);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0644"`]);
    assert.deepEqual(fixesFor(text, code), [['Set permissions to "0600"', text.replace('"0644"', '"0600"')]]);
  });

  test('a *.pem, *.key, id_rsa or id_ed25519 with the default mode is flagged; the fix adds the mode', () => {
    for (const path of [
      '/etc/ssl/private/site.pem',
      '/etc/app/tls.key',
      '/root/.ssh/id_rsa',
      '/home/core/.ssh/id_ed25519',
    ]) {
      const text = entry(path, undefined);
      assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: ${path}`], path);
      assert.match(messageOf(withCode(diagnose(text), code)[0]!), /default mode 0644/);
      assert.deepEqual(fixesFor(text, code), [['Add permissions: "0600"', `${text}    permissions: "0600"\n`]], path);
    }
  });

  test('a PGP private key block at any path is a secret (PRIVATE KEY BLOCK)', () => {
    const text = entry('/etc/apt/signing.asc', '"0644"', pgpKey);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0644"`]);
  });

  test('a private key in base64 content is found after decoding', () => {
    const b64 = Buffer.from(`${rsaKey}\n`).toString('base64');
    const text = entry('/etc/app/identity', '"0644"', undefined, `    encoding: b64\n    content: ${b64}\n`);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0644"`]);
  });

  test('a certificate named *.pem is not a secret; nor is a public key named id_rsa.pub', () => {
    for (const [path, content] of [
      ['/etc/ssl/certs/server.pem', certificate],
      ['/etc/ssl/site.pem', certificate],
      ['/root/.ssh/id_rsa.pub', 'ssh-rsa AAAAB3Nza user@host'],
    ] as const) {
      const text = entry(path, '"0644"', content);
      assert.deepEqual(withCode(diagnose(text), code), [], path);
    }
  });

  test('a certificate file named as such without content is not a secret', () => {
    for (const path of ['/etc/ssl/ca.pem', '/etc/ssl/server-cert.pem', '/etc/ssl/fullchain.pem']) {
      assert.deepEqual(withCode(diagnose(entry(path, undefined)), code), [], path);
    }
  });

  test('keys at "0600" or "0400" are fine', () => {
    for (const perms of ['"0600"', '"0400"'])
      assert.deepEqual(withCode(diagnose(entry('/etc/tls/server-key.pem', perms, rsaKey)), code), [], perms);
  });
});

describe('secret-permissions: judged by content when there is content', () => {
  test('a script named like a secret that fetches the secret is not one', () => {
    const script =
      '#!/bin/sh\nset -e\ncurl -fsS -H "Metadata-Flavor: Google" http://169.254.169.254/x/token > /run/app/token\nchmod 600 /run/app/token';
    for (const path of ['/opt/bin/fetch-token', '/opt/bin/get-secret.sh', '/usr/local/bin/vault-token-renew']) {
      assert.deepEqual(withCode(diagnose(entry(path, '"0755"', script)), code), [], path);
    }
  });

  test('a file named like a secret whose content is not a script is still a secret', () => {
    const text = entry('/etc/app/api-token', '"0644"', 'c2VjcmV0LXZhbHVl');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0644"`]);
  });

  test('a script that embeds a private key is a secret', () => {
    const text = entry('/opt/bin/install-key.sh', '"0755"', `#!/bin/sh\ncat > /root/.ssh/id_rsa <<EOF\n${rsaKey}\nEOF`);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0755"`]);
  });

  test('a unit file named like a secret (tpm-token.service) is not one', () => {
    const unit = '[Unit]\nDescription=Fetch a token\n\n[Service]\nType=oneshot\nExecStart=/opt/bin/fetch-token';
    assert.deepEqual(withCode(diagnose(entry('/etc/systemd/system/tpm-token.service', "'0644'", unit)), code), []);
  });

  test('a *.pem in a certs directory, or filled from a certificate placeholder, is a certificate; from a key placeholder it is a key', () => {
    assert.deepEqual(
      withCode(
        diagnose(entry('/etc/ssl/etcd/certs/etcd.pem', '0644', undefined, '    content: "${etcd_cert}"\n')),
        code,
      ),
      [],
    );
    assert.deepEqual(
      withCode(diagnose(entry('/etc/ssl/etcd/ca.pem', '0644', undefined, '    content: "${etcd_ca}"\n')), code),
      [],
    );
    const key = entry('/etc/ssl/etcd/private/etcd.pem', '0644', undefined, '    content: "${etcd_key}"\n');
    assert.deepEqual(spans(key, withCode(diagnose(key), code)), [`${code}: 0644`]);
  });

  // The Capgemini/Apollo user-data of the corpus writes certs/ca.pem, certs/etcd.pem and private/etcd.pem
  // at 0644 from ${etcd_ca}, ${etcd_cert} and ${etcd_key}: only the last is a key, and only it is flagged.
  // A certificate-like name does not hide a key: key content, a key placeholder or a key word in the
  // file name wins over `ca`, `cert` or a certs/ directory.
  test('a certificate-like name holding a key, or filled from a key placeholder, is still flagged', () => {
    const flagged = (text: string): number => withCode(diagnose(text), code).length;
    assert.equal(
      flagged(entry('/etc/ssl/etcd/certs/ca.pem', '0644', rsaKey)),
      1,
      'key content under a certificate name',
    );
    assert.equal(
      flagged(entry('/etc/ssl/etcd/certs/ca.pem', '0644', undefined, '    content: "${etcd_key}"\n')),
      1,
      'key placeholder into certs/ca.pem',
    );
    assert.equal(
      flagged(entry('/etc/ssl/ca.pem', '0644', undefined, '    content: ${file("ca-key.pem")}\n')),
      1,
      'file() of a key',
    );
    for (const path of [
      '/etc/kubernetes/ssl/ca-key.pem',
      '/etc/calico/calico-key.pem',
      '/etc/ssl/certs/server-key.pem',
      '/etc/ssl/private/ca.pem',
    ]) {
      assert.equal(flagged(entry(path, '0644', undefined, '    content: ${tls_material}\n')), 1, path);
    }
    // Still certificates: no key word anywhere, or public.
    for (const path of ['/etc/ssl/etcd/certs/ca.pem', '/etc/calico/calico.pem', '/etc/ssl/public-key.pem']) {
      assert.equal(flagged(entry(path, '0644', undefined, '    content: ${etcd_ca}\n')), 0, path);
    }
  });

  test('content that is only a template placeholder is unknown: the name decides', () => {
    const text = entry('/etc/app/tls.key', '"0644"', undefined, '    content: ${tls_private_key}\n');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0644"`]);
  });
});

describe('secret-permissions: shadow files', () => {
  const shadow = 'root:$6$saltsalt$0Hq3sKcfVXrP1kgHf8hZ.:19000:0:99999:7:::\ncore:*:19000:0:99999:7:::';

  test('/etc/shadow written with the default mode is flagged; the fix is "0640"', () => {
    const text = entry('/etc/shadow', undefined, shadow);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: /etc/shadow`]);
    assert.deepEqual(fixesFor(text, code), [['Add permissions: "0640"', `${text}    permissions: "0640"\n`]]);
  });

  test('password hashes under another name are found by content', () => {
    const text = entry('/etc/backup/users.db', '"0644"', shadow);
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "0644"`]);
  });

  test('a shadow file readable by its group only is fine', () => {
    assert.deepEqual(withCode(diagnose(entry('/etc/shadow', '"0640"', shadow)), code), []);
    assert.deepEqual(withCode(diagnose(entry('/etc/gshadow', '"0000"', 'sudo:!::core')), code), []);
  });
});
