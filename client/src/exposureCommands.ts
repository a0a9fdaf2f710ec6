// Thin client commands over the server's custom requests (docs/lsp-exposure.md): the exposure map as
// a rendered markdown page beside the document, and a packet typed by the user traced with its path
// highlighted in the document.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

interface Step {
  readonly table: string;
  readonly chain: string;
  readonly text: string;
  readonly range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Trace {
  readonly verdict: string;
  readonly reasons: readonly string[];
  readonly steps: readonly Step[];
  readonly markdown: string;
}

export function registerExposureCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
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

  /**
   * Show a page rendered in the Markdown preview beside the editor (its links open the deciding lines).
   * The page is a file in the extension's storage: in code-server the preview of a document served by
   * a content provider of our own scheme stayed blank, while the preview of a file renders (as the
   * packaged rule pages do). Each command rewrites its page, and an open preview follows the file.
   */
  const show = async (name: string, markdown: string, doc: vscode.Uri): Promise<vscode.Uri> => {
    // One folder per document: two files of the same name (every user-data is `user-data`) must not
    // share a page, or the second map opens on the first one's preview.
    const dir = vscode.Uri.joinPath(context.globalStorageUri, 'pages', folderOf(doc));
    await vscode.workspace.fs.createDirectory(dir);
    const page = vscode.Uri.joinPath(dir, `${name.replace(/[^\w .@-]+/g, '_')}.md`);
    await vscode.workspace.fs.writeFile(page, new TextEncoder().encode(linksFrom(page, doc, markdown)));
    await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
    return page;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('cloudConfig.showExposure', async (arg?: unknown) => {
      const uri = target(arg);
      if (!uri) return;
      const r = await client.sendRequest<{ markdown: string }>('cloudConfig/exposure', {
        textDocument: { uri: uri.toString() },
      });
      // The page's URI, for callers that read it (the e2e suite).
      return (await show(`Exposure of ${uri.path.split('/').pop() ?? 'file'}`, r.markdown, uri)).toString();
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('cloudConfig.tracePacket', async (arg?: unknown, packet?: string) => {
      const uri = target(arg);
      if (!uri) return;
      const typed =
        packet ??
        (await vscode.window.showInputBox({
          title: 'Trace a packet',
          prompt: 'protocol/port from source [on interface] [state]',
          placeHolder: 'tcp/5432 from 203.0.113.5 on eth0 new',
          value: 'tcp/22 from 203.0.113.5',
        }));
      if (!typed) return;
      const m =
        /^\s*(\w+)(?:\/(\d{1,5}))?\s+from\s+(\S+)(?:\s+on\s+(\S+))?(?:\s+(new|established|related|invalid))?\s*$/i.exec(
          typed,
        );
      if (!m) {
        void vscode.window.showErrorMessage(
          `Cannot read "${typed}": write it as "tcp/5432 from 203.0.113.5 [on eth0] [new]".`,
        );
        return;
      }
      const [, proto = 'tcp', port, src = '', iface, state] = m;
      let r: Trace;
      try {
        r = await client.sendRequest<Trace>('cloudConfig/trace', {
          textDocument: { uri: uri.toString() },
          proto,
          src,
          ...(port ? { dport: Number(port) } : {}),
          ...(iface ? { inIface: iface } : {}),
          ...(state ? { state: state.toUpperCase() } : {}),
        });
      } catch (e) {
        void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
        return;
      }
      const editor =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ??
        (await vscode.window.showTextDocument(uri, { preserveFocus: true }));
      const ranges = r.steps.flatMap((s) =>
        s.range ? [new vscode.Range(s.range.start.line, 0, s.range.end.line, 0)] : [],
      );
      editor.setDecorations(pathDecoration, ranges);
      if (ranges[0])
        editor.revealRange(
          ranges[ranges.length - 1] as vscode.Range,
          vscode.TextEditorRevealType.InCenterIfOutsideViewport,
        );
      const page = await show(`Trace ${typed.trim().replace(/[/\\]/g, ' ')}`, r.markdown, uri);
      void vscode.window.showInformationMessage(
        `${typed.trim()}: ${r.verdict}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ''}`,
      );
      return page.toString();
    }),
  );
}

/** A short stable name for a document's folder of pages (FNV-1a of its URI). */
function folderOf(doc: vscode.Uri): string {
  let h = 0x811c9dc5;
  for (const ch of doc.toString()) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The server links each deciding line as `<document URI>#L<line>`. The Markdown preview does not
 * render `file:` links (markdown-it refuses the scheme: the link showed as text), while it follows a
 * path relative to the page and opens the line. Links to a document beside the page on the same file
 * system become relative; others stay as they are.
 */
function linksFrom(page: vscode.Uri, doc: vscode.Uri, markdown: string): string {
  if (page.scheme !== doc.scheme || page.authority !== doc.authority) return markdown;
  const from = page.path.split('/').slice(0, -1).filter(Boolean);
  const to = doc.path.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const relative = [...from.slice(common).map(() => '..'), ...to.slice(common).map(encodeURIComponent)].join('/');
  return markdown.split(`](${doc.toString()}#L`).join(`](${relative}#L`);
}
