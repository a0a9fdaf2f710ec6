import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind,
  type Connection, type InitializeParams, type InitializeResult, type CompletionParams, type HoverParams,
  type CodeActionParams, type DocumentSymbolParams, type FoldingRangeParams, type DidChangeConfigurationParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, languageFromEditor, type LanguageId, type ServiceSettings } from './service/index';
import { fixAllKind } from './service/codeActions';
import { readSettings } from './settings';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServiceSettings = { dialect: 'auto', rules: {} };
const service = getLanguageService(settings);
let pullConfiguration = false;

function languageOf(doc: TextDocument): LanguageId | undefined {
  return languageFromEditor(doc.languageId, doc.uri, doc.getText());
}

/** Wrap a handler so an exception is logged and answered with a neutral result instead of killing the request. */
function guarded<P, R>(name: string, fallback: R, fn: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return fn(params);
    } catch (err) {
      connection.console.error(`${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  };
}

/** Settings pulled from the client at start-up; diagnostics wait for them so disabled rules never flash. */
let settingsReady: Promise<void> = Promise.resolve();

function publish(doc: TextDocument): void {
  void settingsReady.then(() => {
    // Only the newest version of a document is worth publishing.
    const current = documents.get(doc.uri);
    if (current && current.version === doc.version) publishNow(current);
  });
}

function publishNow(doc: TextDocument): void {
  const lang = languageOf(doc);
  let diagnostics: ReturnType<typeof service.validate> = [];
  try {
    diagnostics = lang ? service.validate(doc, lang) : [];
  } catch (err) {
    connection.console.error(`validation failed for ${doc.uri}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) {
    settings = readSettings(init.settings);
    service.configure(settings);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: [':', ' ', '-', '#'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'cloud-config-language-server', version: '0.1.0' },
  };
});

/** Pull `cloudConfig` settings; returns whether they changed. A null answer keeps what we have. */
async function refreshSettings(): Promise<boolean> {
  if (!pullConfiguration) return false;
  try {
    const section: unknown = await connection.workspace.getConfiguration('cloudConfig');
    if (section === null || section === undefined) return false;
    const next = readSettings(section);
    if (JSON.stringify(next) === JSON.stringify(settings)) return false;
    settings = next;
    service.configure(settings);
    return true;
  } catch (err) {
    connection.console.error(`reading settings failed: ${String(err)}`);
    return false;
  }
}

connection.onInitialized(() => {
  settingsReady = refreshSettings().then(() => undefined);
});

connection.onDidChangeConfiguration((change: DidChangeConfigurationParams) => {
  const pushed = (change.settings as { cloudConfig?: unknown } | null)?.cloudConfig;
  if (pushed !== undefined) {
    settings = readSettings(pushed);
    service.configure(settings);
    documents.all().forEach(publish);
  } else {
    void refreshSettings().then((changed) => {
      if (changed) documents.all().forEach(publish);
    });
  }
});

documents.onDidOpen((e) => publish(e.document));
documents.onDidChangeContent((e) => publish(e.document));
documents.onDidClose((e) => {
  service.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(guarded('completion', null, (p: CompletionParams) => {
  const doc = documents.get(p.textDocument.uri);
  const lang = doc && languageOf(doc);
  return doc && lang ? service.complete(doc, lang, p.position) : null;
}));

connection.onHover(guarded('hover', null, (p: HoverParams) => {
  const doc = documents.get(p.textDocument.uri);
  const lang = doc && languageOf(doc);
  return doc && lang ? service.hover(doc, lang, p.position) : null;
}));

connection.onCodeAction(guarded('codeAction', [], (p: CodeActionParams) => {
  const doc = documents.get(p.textDocument.uri);
  const lang = doc && languageOf(doc);
  return doc && lang ? service.codeActions(doc, lang, p.range, p.context.only) : [];
}));

connection.onDocumentSymbol(guarded('documentSymbol', [], (p: DocumentSymbolParams) => {
  const doc = documents.get(p.textDocument.uri);
  const lang = doc && languageOf(doc);
  return doc && lang ? service.symbols(doc, lang) : [];
}));

connection.onFoldingRanges(guarded('foldingRange', [], (p: FoldingRangeParams) => {
  const doc = documents.get(p.textDocument.uri);
  const lang = doc && languageOf(doc);
  return doc && lang ? service.folding(doc, lang) : [];
}));

process.on('uncaughtException', (err) => {
  connection.console.error(`uncaught: ${err.stack ?? err.message}`);
});

documents.listen(connection);
connection.listen();
