/**
 * Pages for the projector, computed from measured heights (pure: no DOM here).
 *
 * Content is a list of sections (a group, a topic, a chart) of items (an answer, a name, a
 * chart row). A page has `columns` columns of `columnHeight` px. Items are placed in order:
 * a card (the section's header and frame, `chrome` px) holds items with `itemGap` between
 * them, cards stack with `cardGap`. When the next item would overflow the column it goes to
 * the next column (the section's card continues there with its header repeated), and when
 * the page is full to the next page. An item taller than an empty column is placed alone:
 * the caller splits such items first (see fitText.ts), so nothing is cut off.
 */

export interface MeasuredSection {
  /** Height of the section's card with no items: padding, border and header. */
  readonly chrome: number;
  readonly itemHeights: readonly number[];
  /** Move the whole section to the next column rather than split it, when it fits in one. */
  readonly keepTogether?: boolean;
}

export interface PackOptions {
  readonly columnHeight: number;
  readonly columns: number;
  /** Space between items in a card (also between the header and the first item). */
  readonly itemGap: number;
  /** Space between cards in a column. */
  readonly cardGap: number;
}

export interface Fragment {
  readonly section: number;
  /** Indices into the section's items. */
  readonly items: number[];
  /** True when an earlier fragment of the same section is on an earlier column or page. */
  readonly continued: boolean;
}

export type Column = Fragment[];
export type Page = Column[];

/** Height of a whole section in one card. */
export function sectionHeight(s: MeasuredSection, itemGap: number): number {
  return s.chrome + s.itemHeights.reduce((sum, h) => sum + h + itemGap, 0);
}

export function packPages(sections: readonly MeasuredSection[], o: PackOptions): Page[] {
  const pages: Page[] = [];
  let page: Page = [];
  let column: Column = [];
  let used = 0;

  const closeColumn = (): void => {
    if (column.length > 0) page.push(column);
    if (page.length >= o.columns) {
      pages.push(page);
      page = [];
    }
    column = [];
    used = 0;
  };

  sections.forEach((s, si) => {
    if (s.itemHeights.length === 0) return;
    const whole = sectionHeight(s, o.itemGap);
    const gapBefore = column.length > 0 ? o.cardGap : 0;
    if (s.keepTogether && column.length > 0 && used + gapBefore + whole > o.columnHeight && whole <= o.columnHeight) closeColumn();

    let fragment: Fragment | null = null;
    let seen = false;
    s.itemHeights.forEach((h, ii) => {
      const opening = fragment === null ? (column.length > 0 ? o.cardGap : 0) + s.chrome : 0;
      const need = opening + o.itemGap + h;
      const columnHasContent = column.length > 0;
      if (used + need > o.columnHeight && columnHasContent) {
        closeColumn();
        fragment = null;
      }
      if (fragment === null) {
        fragment = { section: si, items: [], continued: seen };
        used += (column.length > 0 ? o.cardGap : 0) + s.chrome;
        column.push(fragment);
        seen = true;
      }
      fragment.items.push(ii);
      used += o.itemGap + h;
    });
  });
  if (column.length > 0) page.push(column);
  if (page.length > 0) pages.push(page);
  return pages;
}

/** The largest item height that fits in an empty column of a section with this chrome. */
export function maxItemHeight(chrome: number, o: Pick<PackOptions, 'columnHeight' | 'itemGap'>): number {
  return o.columnHeight - chrome - o.itemGap;
}

/** Columns of at least `minWidth` px (and at most `max`) in `width` px with `gap` between them. */
export function columnsFor(width: number, minWidth: number, gap: number, max = 6): number {
  if (minWidth <= 0) return 1;
  return Math.max(1, Math.min(max, Math.floor((width + gap) / (minWidth + gap))));
}

/** The page shown at rotation tick `tick` (the rotation wraps round). */
export function pageAt(tick: number, pageCount: number): number {
  if (pageCount <= 1) return 0;
  return ((tick % pageCount) + pageCount) % pageCount;
}
