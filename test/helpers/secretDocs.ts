// Documents full of secret values in the places users put them (issue 13 item 9): passwords, password
// hashes, private key blocks, tokens in Environment= and `docker run -e`, secret-named keys, base64
// content. `secrets` are the values no message, related note or fix title may quote.
import type { LanguageId } from '../../server/src/service/index';

export const secrets: readonly string[] = [
  'Hunter2-top',
  'ChpasswdList-pw',
  'ChpasswdUsers-pw',
  '$6$rounds=4096$saltsalt$HashedOpsPw',
  'PlainText-pw',
  '1234567801',
  '2345678901',
  '9988776655',
  '5566778899',
  '4455667788',
  'OpensshKeyBody',
  'RsaPrivateBody',
  'EcPrivateBody',
  'PkcsPrivateBody',
  'PgpPrivateBody',
  'ShadowHashValue',
  'UbuntuProToken',
  'RhsmPassword',
  'AptSourcePassword',
  'RuncmdDbPassword',
  'RuncmdApiToken',
  'ListFormRootPw',
  'QuotedSecretKey',
  'BadPortEnvPw',
  'BootcmdToken',
  'UnitEnvPassword',
  'UnitEnvSecret',
  'UnitUnclosedToken',
  'UnitAwsKey',
  'HyphenNamePw',
  'DigitNameToken',
  'NamelessValue',
  'UnitDockerRedisPw',
  'ExecStopMysqlPw',
  'CoreUnitPassword',
  'CoreDockApiKey',
  'RulesFilePassword',
  'StrayPasswordWord',
  'U2VjcmV0LWluLWJhc2U2NC1jb250ZW50',
  'AptProxyPassword',
  'AptHttpsProxyPw',
  'AptProxyTopPw',
  'PublicKeyBodyForOps',
  'OpensshBlockBody',
  'RuncmdUrlPassword',
  'ComposeEnvPassword',
  'ComposeMapPassword',
  'RulesCommentPw',
  'CoreosPublicKeyBody',
  'CoreosPrivateBody',
  'CoreEtcdPassword',
  'CorePreDbPw',
  'CoreRulesCommentPw',
  'UnitUrlPassword',
  'RulesCommentToken',
  'StandaloneComposePw',
  'ComposeUrlPw',
];

const userData = `#cloud-config
password: Hunter2-top
chpasswd:
  list: |
    root:ChpasswdList-pw
  users:
    - {name: root, password: 2345678901, type: hash}
    - {name: ops, password: ChpasswdUsers-pw, type: texte}
  expire: "no"
users:
  - name: ops
    passwd: $6$rounds=4096$saltsalt$HashedOpsPw
    plain_text_passwd: PlainText-pw
    hashed_passwd: 1234567801
    lock_passwd: "no"
  - name: db
    plain_text_passwd: 9988776655
    ssh_authorized_keys:
      - "-----BEGIN OPENSSH PRIVATE KEY-----\\nOpensshKeyBody\\n-----END OPENSSH PRIVATE KEY-----"
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPublicKeyBodyForOps ops@laptop
      - |
        -----BEGIN OPENSSH PRIVATE KEY-----
        OpensshBlockBody
        -----END OPENSSH PRIVATE KEY-----
ssh_keys:
  rsa_private: |
    -----BEGIN RSA PRIVATE KEY-----
    RsaPrivateBody
    -----END RSA PRIVATE KEY-----
  rsa_public: 12345
ubuntu_pro:
  token: UbuntuProToken
ubuntu_advantage:
  token: 4455667788
rh_subscription:
  username: joe
  password: RhsmPassword
  activation-key: 5566778899
apt_proxy: http://ops:AptProxyTopPw@proxy.example.com:3128
apt:
  proxy: http://aptuser:AptProxyPassword@proxy.example.com:3128
  https_proxy: "https://aptuser:AptHttpsProxyPw@proxy.example.com:8443"
  sources:
    mine:
      source: "deb https://user:AptSourcePassword@repo.example.com/ focal main"
write_files:
  - path: /etc/app/key.pem
    content: |
      -----BEGIN PRIVATE KEY-----
      PkcsPrivateBody
      -----END PRIVATE KEY-----
  - path: /etc/ec.key
    content: "-----BEGIN EC PRIVATE KEY-----\\nEcPrivateBody\\n-----END EC PRIVATE KEY-----\\n"
    permissions: 0644
  - path: /etc/shadow
    content: |
      root:$6$abc$ShadowHashValue:19000:0:99999:7:::
  - path: /etc/app/secret.env
    encoding: b64
    content: U2VjcmV0LWluLWJhc2U2NC1jb250ZW50
    permissions: 0644
  - path: /root/.pgp
    content: |
      -----BEGIN PGP PRIVATE KEY BLOCK-----
      PgpPrivateBody
      -----END PGP PRIVATE KEY BLOCK-----
  - path: /opt/app/docker-compose.yml
    content: |
      services:
        db:
          image: postgres
          environment:
            - POSTGRES_PASSWORD=ComposeEnvPassword
        cache:
          image: redis
          environment:
            REDIS_PASSWORD: ComposeMapPassword
  - path: /etc/iptables/rules.v4
    content: |
      *filter
      -A INPUT -m comment --comment "DB_PASSWORD=RulesCommentPw" -j ACCEPT
      COMMIT
runcmd:
  - curl -fsSL -o /tmp/app.tgz https://deploy:RuncmdUrlPassword@git.example.com/app.tgz
  - docker run -d -e DB_PASSWORD=RuncmdDbPassword -e API_TOKEN=RuncmdApiToken -p 80:80 nginx
  - [docker, run, -e, "MYSQL_ROOT_PASSWORD=ListFormRootPw", -p, "3306:3306", mysql]
  - docker run --env "SECRET_KEY=QuotedSecretKey" -p 8080:80 --name x app
  - docker run -e PASSWORD=BadPortEnvPw -p 99999:80 app
bootcmd:
  - docker run -e TOKEN=BootcmdToken -p 0.0.0.0:22:22 sshd
`;

const unit = `[Unit]
Description=app
[Service]
Environment=DB_PASSWORD=UnitEnvPassword "API_SECRET=UnitEnvSecret"
Environment="TOKEN=UnitUnclosedToken
Environment=AWS_SECRET_ACCESS_KEY=UnitAwsKey
Environment="DB-PASSWORD=HyphenNamePw" 1TOKEN=DigitNameToken "=NamelessValue" StrayPasswordWord
ExecStart=docker run -e REDIS_PASSWORD=UnitDockerRedisPw -p 6379:6379 redis
ExecStop=/usr/bin/mysql --password=ExecStopMysqlPw -e shutdown
ExecStartPre=/usr/bin/curl -fsS https://admin:UnitUrlPassword@example.com/ready
[Install]
WantedBy=multi-user.target
`;

const coreos = `#cloud-config
ssh_authorized_keys:
  - ssh-rsa AAAAB3NzaC1yc2EAAAADAQABCoreosPublicKeyBody core@host
  - "-----BEGIN OPENSSH PRIVATE KEY-----\\nCoreosPrivateBody\\n-----END OPENSSH PRIVATE KEY-----"
write_files:
  - path: /var/lib/iptables/rules-save
    content: |
      *filter
      -A INPUT -m comment --comment "API_TOKEN=CoreRulesCommentPw" -j ACCEPT
      COMMIT
coreos:
  etcd2:
    discovery: https://etcd:CoreEtcdPassword@discovery.example.com/abc
  units:
    - name: app.service
      command: start
      content: |
        [Service]
        Environment=DB_PASSWORD=CoreUnitPassword
        ExecStartPre=/usr/bin/docker run --rm -e DB_PASSWORD=CorePreDbPw busybox true
        ExecStart=/usr/bin/docker run -e API_KEY=CoreDockApiKey -p 80:80 nginx
`;

const rules = `DB_PASSWORD=RulesFilePassword
*filter
:INPUT ACCEPT [0:0]
-A INPUT -m comment --comment "API_TOKEN=RulesCommentToken" -j ACCEPT
COMMIT
`;

const compose = `services:
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: StandaloneComposePw
      DATABASE_URL: postgres://app:ComposeUrlPw@db:5432/app
    ports:
      - "5432:5432"
`;

/** [file name, language, text]: the file names are those the CLI recognises. */
export const secretDocs: ReadonlyArray<readonly [string, LanguageId, string]> = [
  ['user-data', 'cloud-config', userData],
  ['app.service', 'systemd', unit],
  ['coreos.cloud-config.yaml', 'cloud-config', coreos],
  ['rules.v4', 'iptables', rules],
  ['docker-compose.yml', 'compose', compose],
];
