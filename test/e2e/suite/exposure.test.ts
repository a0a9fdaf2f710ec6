// The exposure map in VS Code: code lenses on the first line and on `*filter`, the command that opens
// the map as a markdown page, and a typed packet traced through the rules (path highlighted).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { report, suite, test } from './harness';
import { open } from './workspaceFiles';

async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    if (lenses.length > 0 || Date.now() > deadline) return lenses;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function page(name: string): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'cloud-config-exposure', path: `/${name}.md` }));
  return doc.getText();
}

suite('exposure map and packet trace', () => {
  let doc: vscode.TextDocument;

  test('code lenses: the user-data on line 1, the rules on *filter; the container port shows as via Docker', async () => {
    doc = await open('outline/user-data');
    const lenses = await lensesOf(doc);
    const shown = lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title ?? ''}`);
    report(`      ${shown.join('\n      ')}`);
    assert.equal(lenses[0]?.range.start.line, 0, shown.join('\n'));
    assert.match(lenses[0]?.command?.title ?? '', /^Reachable from the internet: 22\/tcp · via Docker: 80\/tcp · IPv6: everything \(no ip6tables rules\)$/, shown.join('\n'));
    const filterLine = doc.getText().split('\n').findIndex((l) => l.trim() === '*filter');
    assert.ok(lenses.some((l) => l.range.start.line === filterLine && /^IPv4 reachable from the internet: 22\/tcp · via Docker: 80\/tcp$/.test(l.command?.title ?? '')), shown.join('\n'));
    assert.equal(lenses[0]?.command?.command, 'cloudConfig.showExposure');
  });

  test('Show exposure opens the map with links to the deciding lines', async () => {
    await vscode.commands.executeCommand('cloudConfig.showExposure', doc.uri.toString());
    const text = await page('Exposure of user-data');
    const line22 = doc.getText().split('\n').findIndex((l) => l.includes('--dport 22 -j ACCEPT')) + 1;
    assert.ok(text.includes(`| 22/tcp | open | INPUT | [line ${line22}](${doc.uri.toString()}#L${line22})`), text);
    assert.match(text, /\| 80\/tcp \| open \| Docker \(FORWARD\) \| Docker's rule `-A DOCKER -d 172\.17\.0\.2\/32/, text);
  });

  test('Trace a packet: the typed packet goes DNAT → FORWARD, and the path is highlighted', async () => {
    await vscode.commands.executeCommand('cloudConfig.tracePacket', doc.uri.toString(), 'tcp/80 from 203.0.113.5');
    const text = await page('Trace tcp 80 from 203.0.113.5');
    assert.match(text, /\*\*Verdict: accept\*\*/, text);
    assert.match(text, /nat\/DOCKER: Docker's rule `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172\.17\.0\.2:5000`/, text);
    assert.match(text, /routing\/FORWARD: forwarded to 172\.17\.0\.2 port 5000 via docker0/, text);
    await vscode.commands.executeCommand('cloudConfig.tracePacket', doc.uri.toString(), 'tcp/3306 from 203.0.113.5');
    const dropped = await page('Trace tcp 3306 from 203.0.113.5');
    assert.match(dropped, /\*\*Verdict: drop\*\*/, dropped);
  });
});
