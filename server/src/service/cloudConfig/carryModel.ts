/**
 * A document nearly equal to one already parsed (another tab of the same file, the other side of a
 * diff, "compare with saved", a copy with a line break added at the end) takes that model over instead
 * of parsing the whole text again. With the same text or other line breaks at the end the two models
 * share their nodes until one is patched (see `shareModel`); otherwise the model is copied first: the
 * other document keeps its own. What is carried over: the same text, line breaks added or removed after
 * the last line, an edit within one line of an embedded block (the keystroke path, `patchCloudConfig`)
 * or whole lines changed inside one block (`patchBlockLines`). Anything else returns undefined and the
 * caller parses from scratch. With the same text or line breaks at the end the donor's findings can be
 * carried over too (see carryFindings).
 */
import { LineCounter, isCollection, isPair, isScalar } from 'yaml';
import type { DialectSetting } from '../types';
import { copyModel, shareModel } from './copyModel';
import { classifyHeader, withLineFeeds, type CloudConfigModel } from './parse';
import { patchCloudConfig } from './patchModel';
import { patchBlockLines } from './patchLines';

/**
 * How a carried-over model relates to its donor, for the findings: `end` is the offset up to which the
 * two texts are equal (the whole text when it is the same; else the end of the last line that is not
 * empty, which only line breaks follow in both). Only the same text and line breaks added or removed at
 * the end are recorded: an edit inside a block changes findings anywhere.
 */
export interface CarriedFrom {
  readonly donor: CloudConfigModel;
  readonly same: boolean;
  readonly end: number;
}

const carried = new WeakMap<CloudConfigModel, CarriedFrom>();

/** The donor of a model carried over with the same text or other line breaks at the end, if it was. */
export function carriedFrom(model: CloudConfigModel): CarriedFrom | undefined {
  return carried.get(model);
}

/** Whether a model read with `model`'s dialect setting is the one `dialectSetting` gives. */
export function sameDialectSetting(model: CloudConfigModel, dialectSetting: DialectSetting): boolean {
  return dialectSetting === 'auto' ? !model.dialectForced : model.dialectForced && model.dialect === dialectSetting;
}

/** The end of the text's last line that is not empty: what follows is line breaks only. */
function endOfLastLine(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end;
}

/**
 * Whether the document ends with a block scalar keeping its trailing line breaks (`|+`, `>+`, `|2+`…):
 * line breaks after it belong to its value. Only the last node can take them (a later line ends a block).
 */
function keepsLineBreaks(model: CloudConfigModel): boolean {
  let item: unknown = model.doc.contents;
  for (;;) {
    if (isPair(item)) item = item.value ?? item.key;
    else if (isCollection(item) && item.items.length > 0) item = item.items[item.items.length - 1];
    else break;
  }
  if (!isScalar(item) || !item.range || (item.type !== 'BLOCK_LITERAL' && item.type !== 'BLOCK_FOLDED')) return false;
  const start = item.range[0];
  const nl = model.text.indexOf('\n', start);
  return /^[|>][1-9]?\+/.test(model.text.slice(start, nl < 0 ? model.text.length : nl));
}

/**
 * The model of `text` when it differs from the model's text only in the number of line breaks after
 * the last line (both end with at least one): only the line starts and the document's end move. The
 * nodes are shared with `model`.
 */
function withLineBreaksAtEnd(model: CloudConfigModel, text: string): CloudConfigModel | undefined {
  if (model.yamlErrors.length > 0 || model.doc.warnings.length > 0) return undefined;
  if (model.text.includes('\r') || text.includes('\r')) return undefined;
  const end = endOfLastLine(model.text);
  if (end === 0 || end === model.text.length || end === text.length || endOfLastLine(text) !== end) return undefined;
  if (text.slice(0, end) !== model.text.slice(0, end) || keepsLineBreaks(model)) return undefined;
  const delta = text.length - model.text.length;
  const range = model.doc.range;
  // The line starts up to the line after `end` (a copy of the array), then one per line break after it.
  const starts = model.lineCounter.lineStarts;
  let kept = starts.length;
  while (kept > 0 && (starts[kept - 1] as number) > end + 1) kept--;
  const lineCounter = new LineCounter();
  lineCounter.lineStarts = starts.slice(0, kept);
  for (let nl = end + 1; nl < text.length; nl++) lineCounter.addNewLine(nl + 1);
  return shareModel(
    model,
    {
      text,
      lineCounter,
      header: classifyHeader(text),
      neutralText: model.neutralText === model.text ? text : model.neutralText.slice(0, end) + text.slice(end),
    },
    range && [range[0], range[1], range[2] >= end ? range[2] + delta : range[2]],
  );
}

/** The model of `source` carried over from `donor` (the model of a nearly equal text), or undefined. */
export function carryModel(
  donor: CloudConfigModel,
  source: string,
  dialectSetting: DialectSetting,
): CloudConfigModel | undefined {
  if (!sameDialectSetting(donor, dialectSetting)) return undefined;
  const text = withLineFeeds(source);
  // Cheap tests first: a copy costs a walk over every node.
  const same = text === donor.text;
  const lengthDiff = Math.abs(text.length - donor.text.length);
  if (!same && lengthDiff > 4096) return undefined;
  if (same) {
    const shared = shareModel(donor);
    carried.set(shared, { donor, same: true, end: text.length });
    return shared;
  }
  // Line breaks at the end change no node: the nodes are shared (only the document's range moves).
  const atEnd = withLineBreaksAtEnd(donor, text);
  if (atEnd) {
    carried.set(atEnd, { donor, same: false, end: endOfLastLine(text) });
    return atEnd;
  }
  const copy = copyModel(donor);
  if (!copy) return undefined;
  return patchCloudConfig(copy, source, dialectSetting) ?? patchBlockLines(copy, source, dialectSetting);
}
