/**
 * A document nearly equal to one already parsed (another tab of the same file, the other side of a
 * diff, "compare with saved", a copy with a line break added at the end) takes that model over instead
 * of parsing the whole text again. The model is copied first: the other document keeps its own. What
 * is carried over: the same text, line breaks added or removed after the last line, an edit within
 * one line of an embedded block (the keystroke path, `patchCloudConfig`) or whole lines changed inside
 * one block (`patchBlockLines`). Anything else returns undefined and the caller parses from scratch.
 */
import { LineCounter, isCollection, isPair, isScalar } from 'yaml';
import type { DialectSetting } from '../types';
import { copyModel } from './copyModel';
import { classifyHeader, withLineFeeds, type CloudConfigModel } from './parse';
import { patchCloudConfig } from './patchModel';
import { patchBlockLines } from './patchLines';

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
 * the last line (both end with at least one): only the line starts and the document's end move.
 * `model` is changed in place (pass a copy).
 */
function withLineBreaksAtEnd(model: CloudConfigModel, text: string): CloudConfigModel | undefined {
  if (model.yamlErrors.length > 0 || model.doc.warnings.length > 0) return undefined;
  if (model.text.includes('\r') || text.includes('\r')) return undefined;
  const end = endOfLastLine(model.text);
  if (end === 0 || end === model.text.length || end === text.length || endOfLastLine(text) !== end) return undefined;
  if (text.slice(0, end) !== model.text.slice(0, end) || keepsLineBreaks(model)) return undefined;
  const delta = text.length - model.text.length;
  const range = model.doc.range;
  if (range) model.doc.range = [range[0], range[1], range[2] >= end ? range[2] + delta : range[2]];
  const lineCounter = new LineCounter();
  for (const start of model.lineCounter.lineStarts) if (start <= end + 1) lineCounter.addNewLine(start);
  for (let nl = end + 1; nl < text.length; nl++) lineCounter.addNewLine(nl + 1);
  return {
    ...model,
    text,
    lineCounter,
    header: classifyHeader(text),
    neutralText: model.neutralText === model.text ? text : model.neutralText.slice(0, end) + text.slice(end),
  };
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
  const copy = copyModel(donor);
  if (!copy) return undefined;
  if (same) return copy;
  return (
    withLineBreaksAtEnd(copy, text) ??
    patchCloudConfig(copy, source, dialectSetting) ??
    patchBlockLines(copy, source, dialectSetting)
  );
}
