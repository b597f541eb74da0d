/** Pages of the projector from measured heights (client/src/operator/screen/paging.ts). */
import { describe, expect, it } from 'vitest';
import { columnsFor, packPages, pageAt, sectionHeight } from '../../client/src/operator/screen/paging.ts';

const o = { columnHeight: 100, columns: 2, itemGap: 2, cardGap: 4 };

describe('packPages', () => {
  it('puts everything on one page when it fits, in order', () => {
    const pages = packPages(
      [
        { chrome: 10, itemHeights: [20, 20] },
        { chrome: 10, itemHeights: [30] },
      ],
      o,
    );
    expect(pages).toEqual([[[{ section: 0, items: [0, 1], continued: false }, { section: 1, items: [0], continued: false }]]]);
  });

  it('never lets a column hold more than its height', () => {
    const sections = Array.from({ length: 7 }, (_, i) => ({ chrome: 8 + (i % 3), itemHeights: [15 + i, 40 - i, 22, 9] }));
    const pages = packPages(sections, o);
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(o.columns);
      for (const column of page) {
        const used = column.reduce(
          (sum, f, i) => sum + (i > 0 ? o.cardGap : 0) + sections[f.section]!.chrome + f.items.reduce((s, ii) => s + o.itemGap + sections[f.section]!.itemHeights[ii]!, 0),
          0,
        );
        expect(used).toBeLessThanOrEqual(o.columnHeight);
      }
    }
    // Every item exactly once, in order.
    const seen = pages.flat(2).flatMap((f) => f.items.map((i) => `${f.section}:${i}`));
    expect(seen).toEqual(sections.flatMap((s, si) => s.itemHeights.map((_, i) => `${si}:${i}`)));
  });

  it('continues a section in the next column with its header repeated, and on the next page', () => {
    const pages = packPages([{ chrome: 10, itemHeights: [40, 40, 40, 40, 40] }], o);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toEqual([[{ section: 0, items: [0, 1], continued: false }], [{ section: 0, items: [2, 3], continued: true }]]);
    expect(pages[1]).toEqual([[{ section: 0, items: [4], continued: true }]]);
  });

  it('moves a card that is kept together to the next column instead of splitting it', () => {
    const pages = packPages(
      [
        { chrome: 10, itemHeights: [50], keepTogether: true },
        { chrome: 10, itemHeights: [10, 10, 10], keepTogether: true },
      ],
      o,
    );
    expect(pages[0]).toEqual([[{ section: 0, items: [0], continued: false }], [{ section: 1, items: [0, 1, 2], continued: false }]]);
  });

  it('places an item taller than a column alone rather than dropping it', () => {
    const pages = packPages([{ chrome: 10, itemHeights: [10, 500, 10] }], { ...o, columns: 1 });
    expect(pages.map((p) => p[0]![0]!.items)).toEqual([[0], [1], [2]]);
  });

  it('gives no pages for no items', () => {
    expect(packPages([{ chrome: 10, itemHeights: [] }], o)).toEqual([]);
  });
});

describe('helpers', () => {
  it('sectionHeight adds the chrome and a gap per item', () => {
    expect(sectionHeight({ chrome: 10, itemHeights: [5, 5] }, 2)).toBe(24);
  });
  it('columnsFor fits as many columns of the minimum width as there is room for, within the maximum', () => {
    expect(columnsFor(1000, 300, 20)).toBe(3);
    expect(columnsFor(200, 300, 20)).toBe(1);
    expect(columnsFor(5000, 100, 10, 6)).toBe(6);
  });
  it('pageAt wraps the rotation round', () => {
    expect([0, 1, 2, 3, 4, -1].map((t) => pageAt(t, 3))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(pageAt(5, 0)).toBe(0);
  });
});
