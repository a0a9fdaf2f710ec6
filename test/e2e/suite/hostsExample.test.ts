// The cloud-init host example (examples/ubuntu-docker-ufw/user-data) in the real extension host: its
// findings as VS Code shows them, two quick fixes applied the way VS Code applies them (the ufw
// DOCKER-USER recipe written to /etc/ufw/after.rules, then the SSH allow before `ufw enable`), the file
// saved, and the bytes on disk compared with the expected text. A copy in a temporary folder is edited,
// never the example itself.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { applyQuickFix } from './codeActionFlow';
import { codeOf, describe, hasCodes, waitForDiagnostics, withCode } from './diagnosticsWait';
import { report, suite, test } from './harness';
import { repositoryFile } from './workspaceFiles';

const EXPOSURE = 'docker/port-exposure';
const LOCKOUT = 'cloud-config/ufw-lockout';

suite('cloud-init host example: Docker, Compose and ufw', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-hosts-'));
  const file = path.join(dir, 'user-data');
  let doc: vscode.TextDocument;

  test('shows the two ports published past ufw and the SSH lockout', async () => {
    fs.copyFileSync(repositoryFile('examples', 'ubuntu-docker-ufw', 'user-data'), file);
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.strictEqual(doc.languageId, 'cloud-config');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => withCode(d, EXPOSURE).length === 2 && hasCodes([LOCKOUT])(d),
      `two ${EXPOSURE} and ${LOCKOUT}`,
    );
    report(describe(diags).replace(/^/gm, '      '));
    assert.deepStrictEqual(
      withCode(diags, EXPOSURE)
        .map((d) => doc.getText(d.range))
        .sort(),
      ['"8080:80"', '-p 5432:5432'],
    );
    assert.match(withCode(diags, EXPOSURE)[0]!.message, /ufw never sees it/);
    assert.strictEqual(doc.getText(withCode(diags, LOCKOUT)[0]!.range), 'ufw enable');
  });

  test('the DOCKER-USER fix clears both exposures, the SSH fix the lockout; the saved file is the expected one', async () => {
    await applyQuickFix(doc, EXPOSURE, (d) => withCode(d, EXPOSURE).length === 0, { title: /DOCKER-USER/ });
    await applyQuickFix(doc, LOCKOUT, (d) => !d.some((x) => codeOf(x) === LOCKOUT));
    assert.strictEqual(await doc.save(), true, 'the document was saved');
    const expected = fs.readFileSync(repositoryFile('test', 'e2e', 'fixtures', 'ubuntu-docker-ufw.fixed'), 'utf8');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), expected);
    const left = await waitForDiagnostics(doc.uri, (d) => d.length === 0, 'no findings on the fixed file');
    assert.deepStrictEqual(left, []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
