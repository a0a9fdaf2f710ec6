// iptables rules and systemd units, embedded in user-data and standalone: diagnostics from the
// iptables, systemd and docker analyses, their quick fixes applied in the editor, completion and
// hover inside embedded content, and the systemd unit language.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyQuickFix } from './codeActionFlow';
import { codeOf, lacksCode, waitForCode, waitForDiagnostics, withCode } from './diagnosticsWait';
import * as harness from './harness';
import { completionAt, hoverAt, labelOf, positionOf } from './providerQueries';
import { open } from './workspaceFiles';

const { report, suite, test } = harness;

const MISSING_COMMIT = 'iptables/missing-commit';
const DETACHED = 'docker/detached';
const PORT_EXPOSURE = 'docker/port-exposure';
const SYSTEMD_LANGUAGE = 'systemd-unit';

const some = (labels: readonly string[]) => labels.slice(0, 40).join(', ');

suite('embedded iptables rules', () => {
  let doc: vscode.TextDocument;

  test('a table without COMMIT: iptables/missing-commit on the user-data', async () => {
    doc = await open('embedded/firewall/user-data');
    const d = await waitForCode(doc.uri, MISSING_COMMIT);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(
      d.range.start.line >= positionOf(doc, /^ {6}\*filter$/m).line,
      `reported above the rules: line ${d.range.start.line + 1}`,
    );
  });

  test('quick fix inserts COMMIT, indented inside the block, after the last rule', async () => {
    await applyQuickFix(doc, MISSING_COMMIT, lacksCode(MISSING_COMMIT));
    assert.match(doc.getText(), /^ {6}-A INPUT -p tcp --dport 22 -j ACCEPT\r?\n {6}COMMIT\r?\n/m, doc.getText());
  });

  test('hover on --dport explains the option', async () => {
    const text = await hoverAt(doc, positionOf(doc, /--dport/).translate(0, 3));
    assert.match(text, /port/i, `hover on --dport:\n${text || '(no hover)'}`);
  });

  test('completion after -p tcp offers --dport', async () => {
    const c = await open('embedded/completion/user-data');
    const pos = positionOf(c, /(?<=-p tcp --dp)$/m);
    const labels = (await completionAt(c, pos)).map(labelOf);
    assert.ok(
      labels.some((l) => l === '--dport' || l.startsWith('--dport ')),
      `no --dport among ${some(labels)}`,
    );
  });

  test('standalone rules.v4 without COMMIT: the fix ends the file with COMMIT', async () => {
    const rules = await open('embedded/standalone/rules.v4');
    assert.strictEqual(rules.languageId, 'iptables');
    await waitForCode(rules.uri, MISSING_COMMIT);
    await applyQuickFix(rules, MISSING_COMMIT, lacksCode(MISSING_COMMIT));
    assert.match(rules.getText(), /-A INPUT -p tcp --dport 22 -j ACCEPT\r?\nCOMMIT\r?\n$/);
  });
});

suite('embedded systemd unit running docker', () => {
  let doc: vscode.TextDocument;

  test('docker run -d and -p 8080:80: docker/detached and docker/port-exposure', async () => {
    doc = await open('embedded/docker/user-data');
    const detached = await waitForCode(doc.uri, DETACHED);
    assert.strictEqual(detached.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(detached.range), '-d');
    const exposed = await waitForCode(doc.uri, PORT_EXPOSURE);
    assert.match(doc.getText(exposed.range), /8080:80/);
  });

  test('quick fix removes -d', async () => {
    await applyQuickFix(doc, DETACHED, lacksCode(DETACHED));
    const line = doc.lineAt(positionOf(doc, /ExecStart=/).line).text;
    assert.match(line, /^ {8}ExecStart=\/usr\/bin\/docker run --rm --name web -p 8080:80 nginx:1\.27$/, line);
  });

  test('quick fix binds the port to 127.0.0.1', async () => {
    await applyQuickFix(doc, PORT_EXPOSURE, lacksCode(PORT_EXPOSURE), { title: /127\.0\.0\.1/ });
    assert.match(
      doc.getText(),
      /^ {8}ExecStart=\/usr\/bin\/docker run --rm --name web -p 127\.0\.0\.1:8080:80 nginx:1\.27$/m,
    );
  });

  test('typing -d back into ExecStart, one keystroke at a time: docker/detached returns on the typed flag', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const at = positionOf(doc, /(?<=docker run )--rm/);
    for (const [i, ch] of [...'-d '].entries()) {
      assert.ok(await editor.edit((e) => e.insert(at.translate(0, i), ch)), `typing ${JSON.stringify(ch)}`);
    }
    // The versions typed on the way (`-d--rm`) may be reported too: wait for the last one's answer.
    const typed = new vscode.Range(at, at.translate(0, 2));
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => withCode(ds, DETACHED).some((d) => d.range.isEqual(typed)),
      `${DETACHED} on the typed -d`,
    );
    assert.strictEqual(doc.getText(typed), '-d');
    assert.deepEqual(
      withCode(diags, DETACHED).map((d) => doc.getText(d.range)),
      ['-d'],
    );
  });

  test('hover on Restart= explains the directive', async () => {
    const text = await hoverAt(doc, positionOf(doc, /(?<=^ {8})Restart=always/m).translate(0, 2));
    assert.match(text, /restart/i, `hover on Restart:\n${text || '(no hover)'}`);
  });

  test('completion in [Service] offers ExecStart, documented when VS Code resolves it', async () => {
    const c = await open('embedded/completion/user-data');
    const pos = positionOf(c, /(?<=^ {8}ExecSt)$/m);
    const items = await completionAt(c, pos, undefined, 500);
    const labels = items.map(labelOf);
    const item = items.find((i) => /^ExecStart=?$/.test(labelOf(i)));
    assert.ok(item, `no ExecStart among ${some(labels)}`);
    const doc = item.documentation;
    const text = typeof doc === 'string' ? doc : (doc?.value ?? '');
    assert.match(text, /command/i, `ExecStart's documentation after resolving: ${text || '(none)'}`);
  });
});

suite('standalone unit files', () => {
  test(`*.service opens as ${SYSTEMD_LANGUAGE}`, async () => {
    const ids = await vscode.languages.getLanguages();
    assert.ok(ids.includes(SYSTEMD_LANGUAGE), `language ${SYSTEMD_LANGUAGE} not registered`);
    const doc = await open('embedded/standalone/web.service');
    assert.strictEqual(doc.languageId, SYSTEMD_LANGUAGE);
  });

  test('docker run --detach in a unit file: the fix removes it', async () => {
    const doc = await open('embedded/standalone/web.service');
    const d = await waitForCode(doc.uri, DETACHED);
    report(`      ${codeOf(d)}: ${doc.getText(d.range)}`);
    await applyQuickFix(doc, DETACHED, lacksCode(DETACHED));
    assert.match(
      doc.getText(),
      /^ExecStart=\/usr\/bin\/docker run --rm --name web -p 127\.0\.0\.1:8080:80 nginx:1\.27$/m,
    );
  });
});
