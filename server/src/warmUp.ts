import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageId } from './service/index';

/** A small document that goes through every analysis path once: YAML, a unit with docker, rules. */
const sample: Array<[LanguageId, string, string]> = [
  [
    'cloud-config',
    'file:///warm-up/user-data',
    [
      '#cloud-config',
      'coreos:',
      '  units:',
      '    - name: app.service',
      '      command: start',
      '      content: |',
      '        [Unit]',
      '        Description=App',
      '        [Service]',
      '        ExecStart=/usr/bin/docker run -p 8080:80 --name app example/app',
      '        [Install]',
      '        WantedBy=multi-user.target',
      'write_files:',
      '  - path: /var/lib/iptables/rules-save',
      '    permissions: "0644"',
      '    content: |',
      '      *filter',
      '      :INPUT DROP [0:0]',
      '      -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
      '      COMMIT',
      '',
    ].join('\n'),
  ],
  [
    'iptables',
    'file:///warm-up/rules-save',
    '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
  ],
  ['systemd', 'file:///warm-up/app.service', '[Unit]\nDescription=App\n[Service]\nExecStart=/usr/bin/true\n'],
];

/**
 * Run every feature once on a small sample so the first real document does not pay for compiling the
 * analysis code. Uses its own service instance; any error is ignored (the real request will report it).
 */
export function warmUp(): void {
  const service = getLanguageService();
  for (const [lang, uri, text] of sample) {
    try {
      const doc = TextDocument.create(uri, lang, 1, text);
      const diagnostics = service.validate(doc, lang);
      const middle = doc.positionAt(Math.floor(text.length / 2));
      service.complete(doc, lang, middle);
      service.hover(doc, lang, middle);
      service.codeActions(doc, lang, { start: { line: 0, character: 0 }, end: middle }, undefined);
      service.symbols(doc, lang);
      service.folding(doc, lang);
      void diagnostics;
    } catch {
      // The same failure will surface, logged, on the user's document.
    }
  }
}
