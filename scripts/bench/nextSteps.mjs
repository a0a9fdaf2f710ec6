// The next step for each goal of issue 18 that a run may find not met, printed by `npm run bench` under
// the goal with the profile of its kind of work. Keep these current when the bound moves.
export const nextSteps = {
  'cli-cpu':
    "The one-shot CLI still builds the editor's model: an object per word (start, end, raw, value) and per option, an analysis per rule, flow tables per chain; the garbage collector is the largest single entry. Next: a compact rule model for the CLI (words as offsets into the text, option spec ids instead of objects) so parse and analysis allocate per line, not per word; then the flow tables built from chain ids (numbers) instead of chain-name strings.",
  'cli-rss':
    "Peak RSS follows the model kept for the whole file (every word an object) plus the text decoded twice (bytes and string). Next: the compact per-line model of the CLI step above, and analysing table by table so a table's model is dropped once its findings are out.",
  'cli-linear':
    'Cost per line grew with size: look for a walk per rule over its chain or table in the profile (placement, chains, flow) and make it a single pass.',
  'editor-open':
    "Open is the CLI's work plus the server's: the first analysis, the line offsets of the document and the diagnostics over JSON. Next: the compact model (see the CLI rows) and answering syntax/value diagnostics first, the whole-file checks after.",
  'editor-edit':
    "A keystroke no longer runs the whole-file checks: the analyses map, the per-line findings, the ipset/state/counter/stateless/ICMP/parameter-length passes and placement are carried over from the model before the keystroke with the edited line's findings spliced in (`lineSplice.ts`), duplicates are kept in per-chain buckets (`rules/duplicates.ts`), and the chain checks ignore rule keys unless a `-D` names its rule by content. What is left per keystroke is proportional to the file, not the rule: moving every later line's tokens by the length difference (`reparseLine.ts` moveRule, about 60% of the service's keystroke CPU at 100k lines), the document update itself (vscode-languageserver-textdocument flattens the new 11 MB string: ~35 ms CPU at 100k lines on this machine) and the family scan of the whole text (`family.ts`). Next: offsets stored relative to the line (a keystroke moves one number per later line, or none), then the family decided from the edited line when the previous text's answer is known.",
  'editor-edit-inprocess':
    "As the stdio row without the JSON and the document update: moving every later line's tokens (`reparseLine.ts`) bounds it, then the family regex scan of the whole text and the per-table identity loops of the chain and placement checks (cheap: a few ms at 100k lines). Next: line-relative offsets in the rule model.",
  'editor-completion':
    "Completion itself is fast in-process; over stdio, its p99 is a completion request queued behind a keystroke's analysis, now bounded by moving later lines' tokens and the document update (see the edit row). Next: the edit row's next step.",
  'editor-completion-inprocess':
    'The ranked chain list is rebuilt per request from the whole table. Next: keep the ranked list per table model and only re-rank the nearby chains.',
  'editor-retained':
    "What is kept per line: the token objects of every word (about 20 per kube-proxy rule, each with two strings), the option groups, the analysis, the conditions of the flow checks and the cached findings; since the keystroke work, also the state carried from keystroke to keystroke: one analyses map entry and one duplicate-bucket entry per rule (about 0.2-0.3 KB per line at 100k lines). Next: the compact model (words as offsets into the document text, the value string made when asked), which is also the CLI's next step.",
  'userdata-cold':
    'Cold open is dominated by the first run of the YAML parse and the schema walk in a process whose code is not yet optimised (compare the fresh-process floor row). Next: a snapshot of the warmed-up service (V8 startup snapshot / code cache) or a lighter first pass that answers syntax diagnostics first.',
  'userdata-warm':
    "Warm open runs the full analysis of the second document: YAML parse, schema checks, the embedded units and rules. Next: reuse the embedded regions' results by content across documents (the rules blocks and units are identical), as the per-region findings cache already does within one document.",
};
