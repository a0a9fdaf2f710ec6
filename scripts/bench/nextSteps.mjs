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
    "The first diagnostics of a large user-data are now a first pass (YAML, keys, values and the embedded findings already known; the complete set follows), but they still cost the first YAML parse of the process (same `yaml` parser as the peer, with source tokens and a line counter) and the cloud-config checks, all in code V8 has not optimised yet. The peer's whole cold open costs about the same server CPU as our first pass (320–430 ms against 330–510 ms in `node scripts/bench/compareOpens.mjs --runs 5` on the loaded bench machine), so 3× means our first pass under about a third of one cold parse of the text. Next: not parsing what the first pass does not need (the block scalars' content: lex the block headers and skip their lines), or a V8 startup snapshot of the warmed-up service for the editors that run our own Node (the CLI, Neovim, Emacs); VS Code's Node cannot load one, so the code must keep working without it.",
  'userdata-cold-complete':
    "The complete set adds the embedded checks of 250 units and 2,000 rules run for the first time in the process (iptables flow and placement, systemd and docker checks, about two thirds of the cold CPU, garbage collection about 15%). Next: the iptables internals' compact model (issue 18's CLI rows) lowers this too; across processes, a cache of the embedded findings by content on disk would answer a re-opened file.",
  'userdata-warm':
    "Embedded findings are already re-used by content across documents (the second document's 250 units and rules block are not analysed again; a test holds it), so the warm open is the YAML parse of the whole text plus the cloud-config checks: 240–310 ms CPU against the peer's 140–230 ms, which itself is only about 2–3 bare parses. 10× the peer is below a third of one bare parse of the text: out of reach while every open parses the whole document. Next: re-use a parsed document across documents (the second text differs from the first by one line break): carry another open document's model over as an edit (the patch path of a keystroke, generalised to line breaks and done on a copy), then only the changed lines are read.",
};
