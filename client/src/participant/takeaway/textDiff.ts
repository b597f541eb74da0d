/**
 * A textarea knows only its whole new value; a Y.Text merges best when it gets the one
 * edit the person made. This finds that edit (the common start and end of the old and new
 * text) and applies it as one delete and one insert, in one transaction.
 */
import type * as Y from 'yjs';

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

export interface TextEdit {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/** The smallest single edit that turns `before` into `after` (never splitting a surrogate pair). */
export function diffText(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLow(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Makes `ytext` read `after` with the smallest edit. */
export function applyTextareaValue(ytext: Y.Text, after: string): void {
  const edit = diffText(ytext.toString(), after);
  if (!edit) return;
  const apply = () => {
    if (edit.remove) ytext.delete(edit.index, edit.remove);
    if (edit.insert) ytext.insert(edit.index, edit.insert);
  };
  if (ytext.doc) ytext.doc.transact(apply);
  else apply();
}
