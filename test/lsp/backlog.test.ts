// A server that keeps up: a burst of changes is applied whole before the document is validated, and
// the protocol's lifecycle is followed (one initialize; every request after shutdown refused).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { LspClient } from './client';

/** A CoreOS user-data of about 9,600 lines: docker units and a large rules-save. */
function largeUserData(): string {
  const out = [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: iptables-restore.service',
    '      enable: true',
    '      command: start',
  ];
  for (let i = 0; i < 300; i++) {
    // 300 units of 12 lines
    out.push(
      `    - name: app${i}.service`,
      '      command: start',
      '      content: |',
      '        [Unit]',
      `        Description=App ${i}`,
      '        After=docker.service',
      '        Requires=docker.service',
      '        [Service]',
      `        ExecStartPre=-/usr/bin/docker rm app${i}`,
      `        ExecStart=/usr/bin/docker run -p 127.0.0.1:${10000 + i}:5000 --name app${i} example/app`,
      '        [Install]',
      '        WantedBy=multi-user.target',
    );
  }
  out.push(
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    permissions: "0644"',
    '    content: |',
    '      *filter',
    '      :INPUT DROP [0:0]',
    '      -A INPUT -i lo -j ACCEPT',
    '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '      -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  );
  for (let i = 0; i < 6_000; i++)
    out.push(`      -A INPUT -p tcp -m tcp -s 10.${(i >> 8) % 250}.${i % 256}.0/24 --dport ${1024 + i} -j ACCEPT`);
  out.push('      COMMIT', '');
  return out.join('\n');
}

describe('lsp: change backlog', () => {
  it('500 changes sent at once: validated a few times at most (it was 251), not after each; a hover after them is answered on the final text', async () => {
    const { client } = await LspClient.start({ timeout: 60_000 });
    try {
      const uri = 'file:///work/big/user-data';
      const text = largeUserData();
      assert.ok(text.split('\n').length > 9_500);
      client.open(uri, 'cloud-config', text);
      await client.diagnostics(uri, { version: 1 });
      const before = client.published.length;
      // Type 500 characters into a description line, as a fast typist (or a paste macro) would.
      const line = text.split('\n').findIndex((l) => l.includes('Description=App 150'));
      for (let i = 0; i < 500; i++)
        client.change(uri, [
          { range: { start: { line, character: 28 + i }, end: { line, character: 28 + i } }, text: 'x' },
        ]);
      const started = Date.now();
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 2 },
      });
      const hoverMs = Date.now() - started;
      const final = await client.diagnostics(uri, { version: 501, after: before });
      const during = client.published.slice(before).filter((p) => p.uri === uri);
      assert.ok(hover !== undefined);
      assert.deepEqual(final.diagnostics, []);
      // Only while the pipe runs dry (a loaded machine writes the burst slowly) is a version in between
      // validated: 2 on a quiet machine, 5 seen under a load of 19 on 2 cores; 251 before.
      assert.ok(
        during.length <= 25,
        `validations during the burst: ${during.length} (versions ${during.map((p) => p.version).join(', ')})`,
      );
      console.log(
        `burst of 500 changes on ${text.split('\n').length} lines: ${during.length} publications, hover answered after ${hoverMs} ms`,
      );
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });
});

describe('lsp: lifecycle', () => {
  it('a second initialize is refused (InvalidRequest) and changes nothing', async () => {
    const { client } = await LspClient.start();
    try {
      await assert.rejects(
        client.request('initialize', { processId: null, rootUri: null, capabilities: {} }),
        /initialize failed: -32600 /,
      );
      const uri = 'file:///work/project/user-data';
      client.open(uri, 'cloud-config', '#cloud-config\nhostname: web-1\n');
      assert.deepEqual((await client.diagnostics(uri, { version: 1 })).diagnostics, []);
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });

  it('requests after shutdown are refused (InvalidRequest); exit then ends with 0', async () => {
    const { client } = await LspClient.start();
    const uri = 'file:///work/project/user-data';
    client.open(uri, 'cloud-config', '#cloud-config\nhostname: web-1\n');
    await client.diagnostics(uri, { version: 1 });
    assert.equal(await client.request('shutdown', null), null);
    await assert.rejects(
      client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }),
      /hover failed: -32600 /,
    );
    await assert.rejects(
      client.request('textDocument/documentSymbol', { textDocument: { uri } }),
      /documentSymbol failed: -32600 /,
    );
    await assert.rejects(client.request('shutdown', null), /shutdown failed: -32600 /);
    client.notify('exit', null);
    const { code } = await client.exited;
    assert.equal(code, 0);
  });
});
