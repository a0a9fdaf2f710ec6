// The exposure map in VS Code: code lenses on the first line and on `*filter`, the command that opens
// the map as a rendered markdown page, and a typed packet traced through the rules (path highlighted).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { report, suite, test } from './harness';
import { open } from './workspaceFiles';

async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    if (lenses.length > 0 || Date.now() > deadline) return lenses;
    await new Promise((r) => setTimeout(r, 250));
  }
}

let lastPage: vscode.Uri | undefined;

/** The page a command wrote (it returns the page's URI) and showed in the Markdown preview. */
async function page(shown: unknown, name: string): Promise<string> {
  assert.equal(typeof shown, 'string', `the command returned no page for ${name}`);
  const uri = vscode.Uri.parse(shown as string);
  assert.equal(decodeURIComponent(uri.path.split('/').pop() ?? ''), `${name}.md`);
  lastPage = uri;
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Where a link of the last page leads (relative to the page, as the preview resolves it). */
function resolved(link: string): string {
  const [target = '', fragment = ''] = link.split('#');
  const dir = vscode.Uri.joinPath(lastPage as vscode.Uri, '..');
  return `${vscode.Uri.joinPath(dir, ...target.split('/').map(decodeURIComponent)).toString()}#${fragment}`;
}

suite('exposure map and packet trace', () => {
  let doc: vscode.TextDocument;

  test('code lenses: the user-data on line 1, the rules on *filter; the container port shows as via Docker', async () => {
    doc = await open('outline/user-data');
    const lenses = await lensesOf(doc);
    const shown = lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title ?? ''}`);
    report(`      ${shown.join('\n      ')}`);
    assert.equal(lenses[0]?.range.start.line, 0, shown.join('\n'));
    assert.match(
      lenses[0]?.command?.title ?? '',
      /^Reachable from the internet: 22\/tcp · via Docker: 80\/tcp · IPv6: everything \(no ip6tables rules\)$/,
      shown.join('\n'),
    );
    const filterLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.trim() === '*filter');
    assert.ok(
      lenses.some(
        (l) =>
          l.range.start.line === filterLine &&
          /^IPv4 reachable from the internet: 22\/tcp · via Docker: 80\/tcp$/.test(l.command?.title ?? ''),
      ),
      shown.join('\n'),
    );
    assert.equal(lenses[0]?.command?.command, 'cloudConfig.showExposure');
  });

  test('Show exposure opens the map with links to the deciding lines', async () => {
    const text = await page(
      await vscode.commands.executeCommand('cloudConfig.showExposure', doc.uri.toString()),
      'Exposure of user-data',
    );
    const line22 =
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('--dport 22 -j ACCEPT')) + 1;
    // The link to the deciding line is relative to the page (the preview renders no `file:` link).
    const link = new RegExp(`\\| 22/tcp \\| open \\| INPUT \\| \\[line ${line22}\\]\\(([^)]+)\\)`).exec(text)?.[1];
    assert.ok(link && !link.startsWith('file:'), text);
    assert.equal(resolved(link), `${doc.uri.toString()}#L${line22}`);
    assert.match(
      text,
      /\| 80\/tcp \| open \| Docker \(FORWARD\) \| Docker's rule `-A DOCKER -d 172\.17\.0\.2\/32/,
      text,
    );
  });

  test('Trace a packet: the typed packet goes DNAT → FORWARD, and the path is highlighted', async () => {
    const text = await page(
      await vscode.commands.executeCommand('cloudConfig.tracePacket', doc.uri.toString(), 'tcp/80 from 203.0.113.5'),
      'Trace tcp 80 from 203.0.113.5',
    );
    assert.match(text, /\*\*Verdict: accept\*\*/, text);
    assert.match(
      text,
      /nat\/DOCKER: Docker's rule `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172\.17\.0\.2:5000`/,
      text,
    );
    assert.match(text, /routing\/FORWARD: forwarded to 172\.17\.0\.2 port 5000 via docker0/, text);
    const dropped = await page(
      await vscode.commands.executeCommand('cloudConfig.tracePacket', doc.uri.toString(), 'tcp/3306 from 203.0.113.5'),
      'Trace tcp 3306 from 203.0.113.5',
    );
    assert.match(dropped, /\*\*Verdict: drop\*\*/, dropped);
  });
});
