/**
 * "Fully visible" as a person in the room sees it: the element's box is inside the window
 * and inside every ancestor that clips (overflow other than visible), and it is not hidden.
 */
import type { Page } from 'playwright-core';

/** Ids (the `attr` value) of the elements matching `selector` that are fully visible now. */
export async function fullyVisibleIds(page: Page, selector: string, attr: string): Promise<string[]> {
  return page.evaluate(
    ([sel, att]) => {
      const inside = (r: DOMRect, box: { left: number; top: number; right: number; bottom: number }): boolean =>
        r.left >= box.left - 1 && r.top >= box.top - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1;
      const ok = (el: Element): boolean => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        const style = getComputedStyle(el);
        if (style.visibility !== 'visible' || Number(style.opacity) === 0) return false;
        if (!inside(r, { left: 0, top: 0, right: innerWidth, bottom: innerHeight })) return false;
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.display === 'none' || s.visibility === 'hidden') return false;
          if (s.overflowX === 'visible' && s.overflowY === 'visible' && s.contain.indexOf('paint') === -1) continue;
          const ar = a.getBoundingClientRect();
          // The padding box: the border does not hold content.
          const box = {
            left: ar.left + a.clientLeft,
            top: ar.top + a.clientTop,
            right: ar.left + a.clientLeft + a.clientWidth,
            bottom: ar.top + a.clientTop + a.clientHeight,
          };
          if (!inside(r, box)) return false;
        }
        // Nothing cut off inside the element itself either.
        return el.scrollHeight <= el.clientHeight + 1 || getComputedStyle(el).overflowY === 'visible';
      };
      return Array.from(document.querySelectorAll(sel))
        .filter(ok)
        .map((el) => el.getAttribute(att) ?? '');
    },
    [selector, attr] as const,
  );
}

/** The page indicator of a pager: [page, pages] (1, 1 when it has one page). */
export async function pagerState(page: Page, pagerSelector: string): Promise<[number, number]> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return [Number(el?.getAttribute('data-page') ?? 1), Number(el?.getAttribute('data-pages') ?? 1)] as [number, number];
  }, pagerSelector);
}
