import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import { caret, codes, diagnose, doc, rangeText, service, withCode } from '../helpers/service';
import { findTemplateSpans, neutraliseTemplates } from '../../server/src/service/template/placeholders';
import { detectLanguage, hasCloudConfigHeader } from '../../server/src/service/languageId';

const hint = 'cloud-config/template';

function hoverText(textWithCaret: string): string | undefined {
  const { text, offset } = caret(textWithCaret);
  const d = doc(text);
  const h = service().hover(d, 'cloud-config', d.positionAt(offset));
  return h ? (h.contents as MarkupContent).value : undefined;
}

describe('templates: syntax', () => {
  test('each form is found with its kind; escapes are not placeholders', () => {
    const text =
      'a: ${var.x} $${lit} %{ if y }z%{ endif } %%{no}\nb: {{ v1.region }} {{ .Name }} {% if a %} {# c #} %HOST% @PORT@\n';
    assert.deepEqual(
      findTemplateSpans(text).map((s) => [s.kind, text.slice(s.start, s.end)]),
      [
        ['terraform-interpolation', '${var.x}'],
        ['terraform-escape', '$${'],
        ['terraform-directive', '%{ if y }'],
        ['terraform-directive', '%{ endif }'],
        ['terraform-escape', '%%{'],
        ['jinja-expression', '{{ v1.region }}'],
        ['go-action', '{{ .Name }}'],
        ['jinja-statement', '{% if a %}'],
        ['jinja-comment', '{# c #}'],
        ['token', '%HOST%'],
        ['token', '@PORT@'],
      ],
    );
  });

  test('nested braces and quotes inside an interpolation stay one span', () => {
    const text = 'x: ${join(",", [for f in l : "${f}.service"])}\n';
    const spans = findTemplateSpans(text);
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0]!.start, spans[0]!.end), '${join(",", [for f in l : "${f}.service"])}');
  });

  test('neutralising keeps every offset: control lines blank, values one word', () => {
    const text = 'a:\n%{ for k in ks ~}\n  - ${k}\n%{ endfor ~}\nb: {{ x }}\n';
    const n = neutraliseTemplates(text).text;
    assert.equal(n.length, text.length);
    assert.equal(n.split('\n')[1]!.trim(), '');
    assert.match(n.split('\n')[2]!, /^ {2}- \$_*\w+\$$/);
    assert.match(n.split('\n')[4]!, /^b: \$_*\w+\$$/);
  });
});

describe('templates: findings', () => {
  test('Terraform directives at column 0 are not YAML errors; one hint on line 1', () => {
    const text =
      '#cloud-config\npackages:\n  - curl\n%{ if docker ~}\n  - docker.io\n%{ endif ~}\nruncmd:\n  - echo ok\n';
    const diags = diagnose(text);
    assert.deepEqual(codes(diags), [hint]);
    const h = withCode(diags, hint)[0]!;
    assert.equal(h.severity, DiagnosticSeverity.Hint);
    assert.equal(h.range.start.line, 0);
    assert.match(String(h.message), /Terraform.*placeholders .*not checked/);
  });

  test('Jinja: `## template: jinja` before #cloud-config is a valid header; {% %} lines and {{ }} values parse', () => {
    const text =
      '## template: jinja\n#cloud-config\nhostname: {{ v1.local_hostname }}\n{% if v1.region == "eu" %}\nruncmd:\n  - echo {{ v1.region }}\n{% endif %}\n';
    assert.deepEqual(codes(diagnose(text)), [hint]);
  });

  test('without the jinja line, a {{ }} value is still unknown rather than a mapping', () => {
    const text = '#cloud-config\nhostname: {{ hostname }}\n';
    assert.deepEqual(codes(diagnose(text)), [hint]);
  });

  test('no type, value, path, base64 or encoding error on a value holding a placeholder', () => {
    const text = [
      '#cloud-config',
      'disable_root: ${disable_root}',
      'swap:',
      '  size: ${swap_gb}G',
      'write_files:',
      '  - path: ${path}',
      '    encoding: b64',
      '    content: ${base64encode(file("x"))}',
      '  - path: /etc/app.conf',
      '    permissions: %{ if exec }0755%{ else }0644%{ endif }',
      '    content: "@CONTENT@"',
      '',
    ].join('\n');
    assert.deepEqual(codes(diagnose(text)), [hint]);
  });

  test('the structure around a placeholder is still checked', () => {
    const text =
      '#cloud-config\nbootcmds: []\nwrite_files:\n  - path: ${path}\n    contnet: ${body}\ndisable_root: yes-please\n';
    const diags = diagnose(text);
    assert.deepEqual(
      codes(diags)
        .filter((c) => c !== hint)
        .sort(),
      ['cloud-config/type', 'cloud-config/unknown-key', 'cloud-config/unknown-key'].sort(),
    );
    assert.deepEqual(
      withCode(diags, 'cloud-config/unknown-key').map((d) => rangeText(text, d)),
      ['bootcmds', 'contnet'],
    );
  });

  test('a message quoting a value shows the template text, never the neutralised marker', () => {
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/x\n    owner: ${user}\n    bogus: ${thing}\n';
    for (const d of diagnose(text)) assert.doesNotMatch(String(d.message), /\$_*[0-9a-z]+\$/, String(d.message));
  });

  test('a config whose only `${…}` are shell variables in runcmd is not called a template', () => {
    const text = '#cloud-config\nruncmd:\n  - echo "${HOME}"\n';
    assert.deepEqual(codes(diagnose(text)), []);
  });

  test('embedded units: directive lines vanish and placeholders are words, not syntax errors', () => {
    const text = [
      '#cloud-config',
      'write_files:',
      '  - path: /etc/systemd/system/app.service',
      '    content: |',
      '      [Unit]',
      '      After=docker.service',
      '      Requires=docker.service',
      '      [Service]',
      '%{ for k, v in env ~}',
      '      Environment=${k}=${v}',
      '%{ endfor ~}',
      '      ExecStart=/usr/bin/docker run --rm --name app -p ${port}:80 {{ image }}',
      '      [Install]',
      '      WantedBy=multi-user.target',
      '',
    ].join('\n');
    const diags = diagnose(text);
    assert.deepEqual(
      codes(diags).filter((c) => c.startsWith('systemd/') || c === 'cloud-config/yaml-syntax'),
      [],
    );
  });

  test('embedded rules: an address placeholder is a wildcard (the SSH rule may match: no lockout)', () => {
    const rules = (src: string): string =>
      [
        '#cloud-config',
        'write_files:',
        '  - path: /etc/iptables/rules.v4',
        '    content: |',
        '      *filter',
        '      :INPUT DROP [0:0]',
        '      -A INPUT -i lo -j ACCEPT',
        '      -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        `      -A INPUT -p tcp ${src} --dport 22 -j ACCEPT`,
        '      COMMIT',
        '',
      ].join('\n');
    const withPlaceholder = diagnose(rules('-s ${admin_cidr}'));
    assert.deepEqual(
      codes(withPlaceholder).filter((c) => c.startsWith('iptables/')),
      [],
    );
    // The same rule matching no real address (a port that is never 22) is what makes the lockout.
    assert.ok(
      codes(diagnose(rules('-s ${admin_cidr}').replace('--dport 22', '--dport 2222'))).includes('iptables/lockout'),
    );
  });

  test('an invalid value next to a placeholder is still reported', () => {
    const text = '#cloud-config\nhostname: ${name}\npackage_update: maybe\n';
    assert.ok(codes(diagnose(text)).includes('cloud-config/type'));
  });
});

describe('templates: hover', () => {
  test('hover on a Terraform placeholder says what it is and that it is not checked', () => {
    const h = hoverText('#cloud-config\nhostname: ${ho|^|st}\n');
    assert.match(h ?? '', /Placeholder.*`\$\{host\}`.*Terraform/s);
    assert.match(h ?? '', /not checked/);
  });

  test('hover on a Jinja statement, a Go action and a token', () => {
    assert.match(
      hoverText('## template: jinja\n#cloud-config\n{% i|^|f x %}\nhostname: a\n{% endif %}\n') ?? '',
      /Jinja/,
    );
    assert.match(hoverText('#cloud-config\nhostname: {{ .Na|^|me }}\n') ?? '', /Go template/);
    assert.match(hoverText('#cloud-config\nhostname: %HO|^|ST%\n') ?? '', /token/);
  });

  test('hover on an escape says it renders literally', () => {
    assert.match(hoverText('#cloud-config\nruncmd:\n  - echo $|^|${HOME}\n') ?? '', /Escape.*literal `\$\{`/s);
  });
});

describe('templates: files', () => {
  test('template file names are placed by the name under the template extension', () => {
    assert.equal(detectLanguage('/x/user-data.tpl', 'packages: []\n'), 'cloud-config');
    assert.equal(detectLanguage('/x/cloud-init.yaml.tftpl', '#cloud-config\n'), 'cloud-config');
    assert.equal(detectLanguage('/x/init.j2', '## template: jinja\n#cloud-config\n'), 'cloud-config');
    assert.equal(detectLanguage('/x/rules.v6.j2', '*filter\nCOMMIT\n'), 'ip6tables');
  });

  test('the jinja header counts as a cloud-config header', () => {
    assert.equal(hasCloudConfigHeader('## template: jinja\n#cloud-config\na: 1\n'), true);
    assert.equal(hasCloudConfigHeader('## template: jinja\nhostname: x\n'), false);
  });
});
