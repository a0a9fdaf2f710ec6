import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  ShowMessageNotification,
  MessageType,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type CompletionParams,
  type HoverParams,
  type CodeActionParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type DidChangeConfigurationParams,
  type CancellationToken,
  type CompletionItem,
  type InitializeError,
  ResponseError,
  ErrorCodes,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { detectLanguage, limitFlowChecks, type LanguageId, type LanguageService } from './service/index';
import { createDocument, documentHead, documentLength, updateAnyDocument } from './service/text/largeDocument';
import { fixAllKind } from './service/codeActions';
import { DocumentLimits, OncePerDocument, fileNameOf } from './documentLimits';
import { registerExposureRequests } from './exposureRequests';
import { settingsReader } from './settingsReport';
import { warmUp } from './warmUp';
import { CompletionDocs } from './completionDocs';
import { readEditorSettings, type EditorSettings } from './editor/editorSettings';
import { DocumentSettings } from './editor/documentSettings';
import { ServicePool } from './editor/servicePool';
import { servedLanguage, visibleDiagnostics, documentStatus, countFindings } from './editor/serving';
import { ServerLog } from './editor/serverLog';
import { serverVersion } from './version';
import {
  statusNotification,
  fixAllRequest,
  ruleDocumentationRequest,
  lintFilesRequest,
  setDialectRequest,
  type FixAllParams,
  type FixAllResult,
  type RuleDocumentationParams,
  type RuleDocumentation,
  type LintFilesParams,
  type LintFilesResult,
  type SetDialectParams,
} from './editor/protocol';
import { rulesAt } from './editor/ruleDocumentation';

const connection: Connection = createConnection(ProposedFeatures.all);
// Changes go through `updateAnyDocument`, which notes where each falls: a keystroke in a large rules file is
// then carried over without comparing the whole old and new texts. Documents of 1 MB and more are held in
// lines (`largeDocument.ts`): a keystroke there builds no whole-text string.
const documents = new TextDocuments({ create: createDocument, update: updateAnyDocument });
const docSettings = new DocumentSettings(undefined, (raw) => readSettingsOf(raw));
const services = new ServicePool();
const log = new ServerLog(connection);
let completionDocs = new CompletionDocs(false);
/** Diagnostics of files checked by Lint Workspace, kept for when their editor closes. */
const linted = new Map<string, Diagnostic[]>();

/** Settings as read, with made-up rule codes and bad severities logged and notified once. */
const readServiceSettings = settingsReader(
  (line) => connection.console.warn(line),
  // A notification (window/showMessage), not showWarningMessage's request that waits for an answer.
  (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
);
const readSettingsOf = (raw: unknown): EditorSettings => readEditorSettings(raw, readServiceSettings);

/**
 * Size notices are window messages, once per open document: they are about the editor, not about the
 * file, so they stay out of the Problems list, the CLI's output and fix-all.
 */
const notices = new OncePerDocument((message) => {
  connection.console.info(message);
  void connection.window.showInformationMessage(message);
});
/** Documents too large to analyse get one notice and no features, instead of a frozen editor. */
const limits = new DocumentLimits(notices);

/**
 * Rules files with more rule lines than this (a large Kubernetes node's dump) keep every check but the
 * flow checks, which walk the whole rule set; one notice per document says so. Measured on kube-proxy
 * dumps (`npm run bench`): the flow checks of 25k rule lines take a few tens of ms per analysis.
 */
const flowCheckRuleLines = 25_000;
/** The document being validated, for the flow-check notice (validation is synchronous). */
let validating: TextDocument | undefined;
limitFlowChecks({
  maxRuleLines: flowCheckRuleLines,
  skipped(ruleLines, maxRuleLines) {
    const doc = validating;
    if (!doc) return;
    notices.tell(
      doc.uri,
      'flow',
      () =>
        `${fileNameOf(doc.uri)}: ${ruleLines.toLocaleString('en')} rules, more than ${maxRuleLines.toLocaleString('en')}: ` +
        'the whole-rule-set checks (shadowed rules, lockout, missing reply/loopback accepts, FORWARD mirroring, Docker bypass, permissive filter) are off for it in the editor to keep typing fast. ' +
        'Syntax, value, chain and duplicate checks, completion, hover and outline stay; `cloud-config-lint` runs every check.',
    );
  },
});

/** Set by `shutdown`: the protocol wants every later request refused (only `exit` is expected). */
let shutDown = false;
const afterShutdown = (): ResponseError<void> =>
  new ResponseError(ErrorCodes.InvalidRequest, 'The server has been shut down; only exit is accepted now.');

interface Served {
  readonly lang: LanguageId;
  readonly service: LanguageService;
  readonly settings: EditorSettings;
}

/** The language and service a document is served with under its settings, or undefined (not ours, or off). */
function served(doc: TextDocument): Served | undefined {
  const settings = docSettings.get(doc.uri);
  // The language is told from the first lines: a large document's whole text is not joined for it.
  const lang = servedLanguage(doc.languageId, doc.uri, documentHead(doc), settings);
  if (!lang || !limits.allows(doc)) return undefined;
  return { lang, service: services.get(settings.service), settings };
}

/**
 * Wrap a handler so an exception is logged and answered with a neutral result instead of killing the
 * request, a request the client has cancelled while it waited is answered at once without work, and a
 * request after `shutdown` is refused as the protocol says.
 */
function guarded<P, R>(
  name: string,
  fallback: R,
  fn: (params: P) => R,
): (params: P, token?: CancellationToken) => R | ResponseError<void> {
  return (params: P, token?: CancellationToken) => {
    if (shutDown) return afterShutdown();
    if (token?.isCancellationRequested) return fallback;
    try {
      const started = Date.now();
      const result = fn(params);
      log.timing(name, (params as { textDocument?: { uri?: string } }).textDocument?.uri, Date.now() - started);
      return result;
    } catch (err) {
      connection.console.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };
}

/** Settings pulled from the client at start-up; diagnostics wait for them so disabled rules never flash. */
let settingsReady: Promise<void> = Promise.resolve();

/** Documents with a validation queued; changes that arrive before it runs join it (no timer, no delay). */
const queued = new Set<string>();
const nextTick: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

function publish(doc: TextDocument): void {
  if (queued.has(doc.uri)) return;
  queued.add(doc.uri);
  void settingsReady.then(() => docSettings.resolve(doc.uri)).then(() => settle(doc.uri, -1));
}

/**
 * Validate once the document's changes stop arriving. The connection handles one queued message per
 * turn of the event loop, so a burst of `didChange` (500 on a 9.6k-line document) gave a validation
 * after nearly every one (250) and a hover sent after the burst waited for all of them (5.5 s). Here
 * the document must keep its version for two turns (the second lets the loop read what is waiting in
 * the pipe and queue it) before it is validated. Only the newest version is validated (a closed
 * document is not), and a request queued after the burst is answered before it.
 */
function settle(uri: string, seen: number, quiet = 0): void {
  nextTick(() => {
    const current = documents.get(uri);
    if (!current) {
      queued.delete(uri);
      return;
    }
    if (current.version !== seen) {
      settle(uri, current.version);
      return;
    }
    if (quiet < 1) {
      settle(uri, seen, quiet + 1);
      return;
    }
    queued.delete(uri);
    publishNow(current);
  });
}

/**
 * Documents whose first analysis has been published (a first pass or the complete set): the next ones
 * are complete sets. A first pass is only ever the first publication of an opened document, so no
 * finding the user has seen goes away and comes back.
 */
const firstPublished = new Set<string>();

/**
 * A large user-data just opened, with much embedded content not analysed yet, gets its YAML, key and
 * value diagnostics (and the embedded findings already known) at once; the complete set follows on the
 * next turns, as for a change (a newer version supersedes it). Returns whether it published a first pass.
 */
function publishFirstPass(doc: TextDocument, target: Served): boolean {
  const started = Date.now();
  let first: Diagnostic[] | undefined;
  try {
    validating = doc;
    first = target.service.firstPass(doc, target.lang);
  } catch (err) {
    connection.console.error(
      `first pass failed for ${doc.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  } finally {
    validating = undefined;
  }
  if (!first) return false;
  const diagnostics = visibleDiagnostics(first, target.settings);
  log.timing(`first pass v${doc.version} (${diagnostics.length} findings)`, doc.uri, Date.now() - started);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  const status = documentStatus(
    doc,
    { ...target, dialect: target.service.dialect(doc, target.lang), choice: docSettings.dialectChoice(doc.uri) },
    docSettings.get(doc.uri),
    diagnostics,
  );
  void connection.sendNotification(statusNotification, { ...status, partial: true });
  queued.add(doc.uri);
  settle(doc.uri, doc.version);
  return true;
}

function publishNow(doc: TextDocument): void {
  const target = served(doc);
  const first = !firstPublished.has(doc.uri);
  if (target) firstPublished.add(doc.uri);
  if (target && first && publishFirstPass(doc, target)) return;
  let diagnostics: Diagnostic[] = [];
  const started = Date.now();
  try {
    validating = doc;
    diagnostics = target ? visibleDiagnostics(target.service.validate(doc, target.lang), target.settings) : [];
  } catch (err) {
    connection.console.error(
      `validation failed for ${doc.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  } finally {
    validating = undefined;
  }
  log.timing(`validate v${doc.version} (${diagnostics.length} findings)`, doc.uri, Date.now() - started);
  if (linted.has(doc.uri)) linted.set(doc.uri, diagnostics);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  const status = documentStatus(
    doc,
    target && {
      ...target,
      dialect: target.service.dialect(doc, target.lang),
      choice: docSettings.dialectChoice(doc.uri),
    },
    docSettings.get(doc.uri),
    diagnostics,
  );
  if (status.dialect) log.dialect(doc.uri, `${status.dialect} (${status.dialectReason ?? ''})`);
  void connection.sendNotification(statusNotification, status);
}

/** Re-validate every open document after the settings changed. */
function republishAll(): void {
  docSettings.invalidate();
  const all = documents.all();
  void Promise.all(all.map((d) => docSettings.resolve(d.uri))).then((list) => {
    services.retain(list.map((s) => s.service));
    log.settings(
      docSettings.globalSettings,
      list.map((s, i) => [all[i]?.uri ?? '', s] as const),
    );
  });
  all.forEach(publish);
}

let initialized = false;

connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
  // `initialize` comes once; a second one must not reset settings or capabilities under the client.
  if (initialized || shutDown)
    return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received', { retry: false });
  initialized = true;
  if (params.capabilities.workspace?.configuration) {
    docSettings.setPull((scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'cloudConfig' }));
  }
  completionDocs = new CompletionDocs(
    params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes(
      'documentation',
    ) === true,
  );
  const init = params.initializationOptions as { settings?: unknown; dialects?: Record<string, unknown> } | undefined;
  if (init?.settings) docSettings.setGlobal(readSettingsOf(init.settings));
  for (const [uri, dialect] of Object.entries(init?.dialects ?? {})) {
    if (dialect === 'coreos' || dialect === 'cloud-init') docSettings.setDialect(uri, dialect);
  }
  log.started(params.clientInfo);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: [':', ' ', '-', '#', '=', '[', '%', ',', '*'], resolveProvider: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      // Exposure summaries; the `cloudConfig/exposure` and `cloudConfig/trace` requests give the full answers.
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'cloud-config-language-server', version: serverVersion },
  };
});

/** Pull the `cloudConfig` section without a scope (the settings for documents outside any folder). */
async function refreshGlobal(): Promise<void> {
  if (!docSettings.perResource) return;
  try {
    const section: unknown = await connection.workspace.getConfiguration('cloudConfig');
    if (section !== null && section !== undefined) docSettings.setGlobal(readSettingsOf(section));
  } catch (err) {
    connection.console.error(`reading settings failed: ${String(err)}`);
  }
  log.settings(docSettings.globalSettings, []);
}

connection.onShutdown(() => {
  if (shutDown) return afterShutdown();
  shutDown = true;
  return undefined;
});

connection.onInitialized(() => {
  settingsReady = refreshGlobal();
});

connection.onDidChangeConfiguration((change: DidChangeConfigurationParams) => {
  const pushed = (change.settings as { cloudConfig?: unknown } | null)?.cloudConfig;
  if (pushed !== undefined) {
    // A client that pushes its settings gets them for every document: they are not per resource, and
    // pulling per resource could answer older ones. (The VS Code client pushes nothing and is asked.)
    docSettings.setPull(undefined);
    docSettings.setGlobal(readSettingsOf(pushed));
    republishAll();
  } else {
    settingsReady = refreshGlobal();
    republishAll();
  }
});

documents.onDidOpen((e) => publish(e.document));
documents.onDidChangeContent((e) => {
  // Opening also fires a change; with `run: onSave` only opening and saving validate.
  if (docSettings.get(e.document.uri).run === 'onType' || e.document.version <= 1) publish(e.document);
});
documents.onDidSave((e) => {
  if (docSettings.get(e.document.uri).run === 'onSave') publish(e.document);
});
documents.onDidClose((e) => {
  firstPublished.delete(e.document.uri);
  services.forget(e.document.uri);
  notices.forget(e.document.uri);
  docSettings.forget(e.document.uri);
  log.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: linted.get(e.document.uri) ?? [] });
});

connection.onCompletion(
  guarded('completion', null, (p: CompletionParams) => {
    const doc = documents.get(p.textDocument.uri);
    const target = doc && served(doc);
    return completionDocs.strip(doc && target ? target.service.complete(doc, target.lang, p.position) : null);
  }),
);

connection.onCompletionResolve((item, token) =>
  guarded('completionResolve', item, (i: CompletionItem) => completionDocs.resolve(i))(item, token),
);

connection.onHover(
  guarded('hover', null, (p: HoverParams) => {
    const doc = documents.get(p.textDocument.uri);
    const target = doc && served(doc);
    return doc && target ? target.service.hover(doc, target.lang, p.position) : null;
  }),
);

connection.onCodeAction(
  guarded('codeAction', [], (p: CodeActionParams) => {
    const doc = documents.get(p.textDocument.uri);
    const target = doc && served(doc);
    if (!doc || !target) return [];
    return target.service
      .codeActions(doc, target.lang, p.range, p.context.only)
      .filter((a) => !a.diagnostics?.length || visibleDiagnostics(a.diagnostics, target.settings).length > 0);
  }),
);

connection.onDocumentSymbol(
  guarded('documentSymbol', [], (p: DocumentSymbolParams) => {
    const doc = documents.get(p.textDocument.uri);
    const target = doc && served(doc);
    return doc && target ? target.service.symbols(doc, target.lang) : [];
  }),
);

connection.onFoldingRanges(
  guarded('foldingRange', [], (p: FoldingRangeParams) => {
    const doc = documents.get(p.textDocument.uri);
    const target = doc && served(doc);
    return doc && target ? target.service.folding(doc, target.lang) : [];
  }),
);

connection.onRequest(fixAllRequest, async (p: FixAllParams): Promise<FixAllResult> => {
  const doc = documents.get(p.uri);
  const target = doc && served(doc);
  if (!doc || !target) return { fixes: 0, applied: false };
  const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(documentLength(doc)) };
  const [action] = target.service.codeActions(doc, target.lang, whole, [fixAllKind]);
  const edits = action?.edit?.changes?.[doc.uri] ?? [];
  if (!action?.edit || edits.length === 0) return { fixes: 0, applied: false };
  const result = await connection.workspace.applyEdit({ label: action.title, edit: action.edit });
  return { fixes: edits.length, applied: result.applied };
});

connection.onRequest(ruleDocumentationRequest, (p: RuleDocumentationParams): RuleDocumentation[] => {
  const doc = documents.get(p.uri);
  const target = doc && served(doc);
  if (!doc || !target) return [];
  return rulesAt(visibleDiagnostics(target.service.validate(doc, target.lang), target.settings), p.position);
});

connection.onRequest(lintFilesRequest, async (p: LintFilesParams): Promise<LintFilesResult> => {
  let checked = 0;
  let findings = 0;
  for (const file of p.files) {
    if (documents.get(file.uri)) continue; // open documents are already checked as typed
    const settings = await docSettings.resolve(file.uri);
    docSettings.forget(file.uri);
    const doc = TextDocument.create(file.uri, '', 0, file.text);
    const lang = servedLanguage('', file.uri, file.text, settings, detectLanguage);
    if (!lang) continue;
    const service = services.get(settings.service);
    const diagnostics = visibleDiagnostics(service.validate(doc, lang), settings);
    service.forget(file.uri);
    checked++;
    findings += countFindings(diagnostics);
    linted.set(file.uri, diagnostics);
    void connection.sendDiagnostics({ uri: file.uri, diagnostics });
  }
  return { checked, findings };
});

connection.onRequest(setDialectRequest, (p: SetDialectParams): null => {
  docSettings.setDialect(p.uri, p.dialect);
  const doc = documents.get(p.uri);
  if (doc) publish(doc);
  return null;
});

registerExposureRequests(
  connection,
  documents,
  (doc) => served(doc)?.lang,
  (uri) => docSettings.get(uri).service.dialect,
);

if (typeof process !== 'undefined' && typeof process.on === 'function') {
  process.on('uncaughtException', (err) => {
    connection.console.error(`uncaught: ${err.stack ?? err.message}`);
  });
  process.on('unhandledRejection', (reason) => {
    connection.console.error(
      `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  });
}

warmUp();

documents.listen(connection);
connection.listen();
