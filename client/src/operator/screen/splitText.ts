/**
 * Splits a text that is taller than a column (already at the smallest type) into parts that
 * each fit, at word boundaries, by measuring a copy of the rendered item: the part of the
 * text is put in the copy's `[data-fit-text]` element and the copy's height read back.
 */

export interface SplitPart {
  readonly text: string;
  readonly height: number;
}

/** Words with their following whitespace, so parts join back to the original text. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [text];
}

export function splitToFit(itemEl: HTMLElement, text: string, maxHeight: number, host: HTMLElement): SplitPart[] {
  const copy = itemEl.cloneNode(true) as HTMLElement;
  const textEl = copy.querySelector<HTMLElement>('[data-fit-text]');
  if (!textEl) return [{ text, height: itemEl.getBoundingClientRect().height }];
  (itemEl.parentElement ?? host).appendChild(copy);
  const heightOf = (s: string): number => {
    textEl.textContent = s;
    return copy.getBoundingClientRect().height;
  };
  try {
    const words = tokens(text);
    const parts: SplitPart[] = [];
    let start = 0;
    while (start < words.length) {
      // Binary search for the most words that fit, at least one (a very long word then wraps anywhere).
      const first = words[start]!;
      if (heightOf(first) > maxHeight && first.length > 1) {
        // One word taller than a column (hostile text): cut the word itself, by characters.
        let c = 1;
        let d = first.length - 1;
        while (c < d) {
          const mid = Math.ceil((c + d) / 2);
          if (heightOf(first.slice(0, mid)) <= maxHeight) c = mid;
          else d = mid - 1;
        }
        words.splice(start, 1, first.slice(0, c), first.slice(c));
      }
      let lo = start + 1;
      let hi = words.length;
      if (heightOf(words.slice(start).join('')) <= maxHeight) lo = hi;
      else {
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (heightOf(words.slice(start, mid).join('')) <= maxHeight) lo = mid;
          else hi = mid - 1;
        }
      }
      const part = words.slice(start, lo).join('');
      parts.push({ text: part.trimEnd(), height: heightOf(part.trimEnd()) });
      start = lo;
    }
    return parts;
  } finally {
    copy.remove();
  }
}
