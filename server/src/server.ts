import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind,
  type Connection, type InitializeParams, type InitializeResult, type CompletionParams, type HoverParams,
  type CodeActionParams, type DocumentSymbolParams, type FoldingRangeParams, type DidChangeConfigurationParams,
  type CancellationToken, type CompletionItem,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, languageFromEditor, type LanguageId, type ServiceSettings } from './service/index';
import { fixAllKind } from './service/codeActions';
import { readSettings, readSystemdUnitFiles } from './settings';
import { DocumentLimits } from './documentLimits';
import { warmUp } from './warmUp';
import { CompletionDocs } from './completionDocs';
import { registerExposureRequests } from './exposureRequests';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServiceSettings = { dialect: 'auto', rules: {} };
const service = getLanguageService(settings);
let pullConfiguration = false;
let completionDocs = new CompletionDocs(false);
/** `cloudConfig.systemdUnitFiles`: when off, documents of language systemd-unit are left to other extensions. */
let systemdUnitFiles = true;

function languageOf(doc: TextDocument): LanguageId | undefined {
  if (doc.languageId === 'systemd-unit' && !systemdUnitFiles) return undefined;
  const lang = languageFromEditor(doc.languageId, doc.uri, doc.getText());
  return lang && limits.allows(doc) ? lang : undefined;
}

/** Documents too large to analyse get one notice and no features, instead of a frozen editor. */
const limits = new DocumentLimits((message) => {
  connection.console.info(message);
  void connection.window.showInformationMessage(message);
});

/**
 * Wrap a handler so an exception is logged and answered with a neutral result instead of killing the
 * request, and a request the client has cancelled while it waited is answered at once without work.
 */
function guarded<P, R>(name: string, fallback: R, fn: (params: P) => R): (params: P, token?: CancellationToken) => R {
  return (params: P, token?: CancellationToken) => {
    if (token?.isCancellationRequested) return fallback;
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

/** Documents with a validation queued; changes that arrive before it runs join it (no timer, no delay). */
const queued = new Set<string>();

function publish(doc: TextDocument): void {
  if (queued.has(doc.uri)) return;
  queued.add(doc.uri);
  void settingsReady.then(() => setImmediate(() => {
    queued.delete(doc.uri);
    // Only the newest version of a document is worth publishing; a closed one is not.
    const current = documents.get(doc.uri);
    if (current) publishNow(current);
  }));
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
  completionDocs = new CompletionDocs(params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation') === true);
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) {
    settings = readSettings(init.settings);
    systemdUnitFiles = readSystemdUnitFiles(init.settings);
    service.configure(settings);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: [':', ' ', '-', '#', '=', '[', '%', ',', '*'], resolveProvider: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      // Exposure summaries; the `cloudConfig/exposure` and `cloudConfig/trace` requests give the full answers.
      codeLensProvider: { resolveProvider: false },
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
    const nextUnitFiles = readSystemdUnitFiles(section);
    if (JSON.stringify(next) === JSON.stringify(settings) && nextUnitFiles === systemdUnitFiles) return false;
    systemdUnitFiles = nextUnitFiles;
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
    systemdUnitFiles = readSystemdUnitFiles(pushed);
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
  limits.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(guarded('completion', null, (p: CompletionParams) => {
  const doc = documents.get(p.textDocument.uri);
  const lang = doc && languageOf(doc);
  return completionDocs.strip(doc && lang ? service.complete(doc, lang, p.position) : null);
}));

connection.onCompletionResolve((item, token) => guarded('completionResolve', item, (i: CompletionItem) => completionDocs.resolve(i))(item, token));

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

registerExposureRequests(connection, documents, languageOf, () => settings.dialect);

process.on('uncaughtException', (err) => {
  connection.console.error(`uncaught: ${err.stack ?? err.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});

warmUp();

documents.listen(connection);
connection.listen();
