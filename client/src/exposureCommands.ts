// Thin client commands over the server's custom requests (docs/lsp-exposure.md): the exposure map as
// a markdown page beside the document, and a packet typed by the user traced with its path highlighted in the document.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const scheme = 'cloud-config-exposure';

interface Step { readonly table: string; readonly chain: string; readonly text: string; readonly range?: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface Trace { readonly verdict: string; readonly reasons: readonly string[]; readonly steps: readonly Step[]; readonly markdown: string }

export function registerExposureCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  /** Rendered maps and traces, by virtual document path. */
  const pages = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(changed, vscode.workspace.registerTextDocumentContentProvider(scheme, {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => pages.get(uri.path) ?? '',
  }));
  const pathDecoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  context.subscriptions.push(pathDecoration);

  const target = (arg: unknown): vscode.Uri | undefined => {
    if (typeof arg === 'string') return vscode.Uri.parse(arg);
    if (arg instanceof vscode.Uri) return arg;
    return vscode.window.activeTextEditor?.document.uri;
  };

  /** Show a page as a read-only markdown document beside the editor (its links open the deciding lines). */
  const show = async (name: string, markdown: string): Promise<void> => {
    const page = vscode.Uri.from({ scheme, path: `/${name}.md` });
    pages.set(page.path, markdown);
    changed.fire(page);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(page), 'markdown');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  };

  context.subscriptions.push(vscode.commands.registerCommand('cloudConfig.showExposure', async (arg?: unknown) => {
    const uri = target(arg);
    if (!uri) return;
    const r = await client.sendRequest<{ markdown: string }>('cloudConfig/exposure', { textDocument: { uri: uri.toString() } });
    await show(`Exposure of ${uri.path.split('/').pop() ?? 'file'}`, r.markdown);
  }));

  context.subscriptions.push(vscode.commands.registerCommand('cloudConfig.tracePacket', async (arg?: unknown, packet?: string) => {
    const uri = target(arg);
    if (!uri) return;
    const typed = packet ?? await vscode.window.showInputBox({
      title: 'Trace a packet',
      prompt: 'protocol/port from source [on interface] [state]',
      placeHolder: 'tcp/5432 from 203.0.113.5 on eth0 new',
      value: 'tcp/22 from 203.0.113.5',
    });
    if (!typed) return;
    const m = /^\s*(\w+)(?:\/(\d{1,5}))?\s+from\s+(\S+)(?:\s+on\s+(\S+))?(?:\s+(new|established|related|invalid))?\s*$/i.exec(typed);
    if (!m) {
      void vscode.window.showErrorMessage(`Cannot read "${typed}": write it as "tcp/5432 from 203.0.113.5 [on eth0] [new]".`);
      return;
    }
    const [, proto = 'tcp', port, src = '', iface, state] = m;
    let r: Trace;
    try {
      r = await client.sendRequest<Trace>('cloudConfig/trace', {
        textDocument: { uri: uri.toString() }, proto, src,
        ...(port ? { dport: Number(port) } : {}), ...(iface ? { inIface: iface } : {}), ...(state ? { state: state.toUpperCase() } : {}),
      });
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())
      ?? await vscode.window.showTextDocument(uri, { preserveFocus: true });
    const ranges = r.steps.flatMap((s) => (s.range ? [new vscode.Range(s.range.start.line, 0, s.range.end.line, 0)] : []));
    editor.setDecorations(pathDecoration, ranges);
    if (ranges[0]) editor.revealRange(ranges[ranges.length - 1] as vscode.Range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await show(`Trace ${typed.trim().replace(/[/\\]/g, ' ')}`, r.markdown);
    void vscode.window.showInformationMessage(`${typed.trim()}: ${r.verdict}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ''}`);
  }));
}
