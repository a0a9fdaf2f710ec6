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
    "Placement (hooks reaching each chain) and the chain checks now reuse the table's last result when the keystroke leaves what they read unchanged, but every keystroke still visits every rule: the analyses map and per-line findings look-ups, duplicate detection (a key map per chain), the state/ipset/counter passes over all analyses, and moving every later line's tokens by the length difference; over stdio add the diagnostics of the whole file. Next: duplicates kept per chain and updated for the edited rule, the per-rule passes folded into the per-line findings, offsets stored relative to the line (so later lines need no move), and diagnostics published for the changed lines only.",
  'editor-edit-inprocess':
    'As the stdio row without the JSON: the whole-file passes that still visit every rule per keystroke (analyses map, duplicates, state/ipset/counter passes, moving later lines). Next: the same per-chain indexes for duplicates and line-relative offsets.',
  'editor-completion':
    "Completion itself is fast in-process; over stdio, its p99 is a completion request queued behind a keystroke's analysis. Next: the edit goal (a cheap keystroke) bounds this one.",
  'editor-completion-inprocess':
    'The ranked chain list is rebuilt per request from the whole table. Next: keep the ranked list per table model and only re-rank the nearby chains.',
  'editor-retained':
    "What is kept per line: the token objects of every word (about 20 per kube-proxy rule, each with two strings), the option groups, the analysis, the conditions of the flow checks and the cached findings. Next: the compact model (words as offsets into the document text, the value string made when asked), which is also the CLI's next step.",
  'userdata-cold':
    'Cold open is dominated by the first run of the YAML parse and the schema walk in a process whose code is not yet optimised (compare the fresh-process floor row). Next: a snapshot of the warmed-up service (V8 startup snapshot / code cache) or a lighter first pass that answers syntax diagnostics first.',
  'userdata-warm':
    "Warm open runs the full analysis of the second document: YAML parse, schema checks, the embedded units and rules. Next: reuse the embedded regions' results by content across documents (the rules blocks and units are identical), as the per-region findings cache already does within one document.",
};
