/** The console's agenda list follows the room: the current step is scrolled into sight when it changes. */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AgendaPanel from '../../client/src/operator/components/AgendaPanel.svelte';

const steps = Array.from({ length: 17 }, (_, i) => `Stap ${i + 1}`);
let scrolled: { step: string; options: unknown }[];

beforeEach(() => {
  scrolled = [];
  // jsdom has no layout and no scrollIntoView: record which element asked to be shown, and how.
  Element.prototype.scrollIntoView = function (this: Element, options?: unknown) {
    scrolled.push({ step: this.textContent?.trim() ?? '', options });
  };
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function reducedMotion(reduce: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: reduce && query.includes('reduce'), media: query }));
}

describe('AgendaPanel', () => {
  it('does not move the page when the console opens, then scrolls the new current step into sight', async () => {
    reducedMotion(false);
    const { rerender } = render(AgendaPanel, { props: { steps, current: 0, onSet: () => null } });
    expect(scrolled).toEqual([]);
    await rerender({ steps, current: 12, onSet: () => null });
    expect(screen.getByRole('button', { current: 'step' })).toHaveTextContent('Stap 13');
    expect(scrolled).toEqual([{ step: expect.stringContaining('Stap 13'), options: { block: 'nearest', behavior: 'smooth' } }]);
  });

  it('jumps without animation when the user asked for less motion', async () => {
    reducedMotion(true);
    const { rerender } = render(AgendaPanel, { props: { steps, current: 3, onSet: () => null } });
    await rerender({ steps, current: 4, onSet: () => null });
    expect(scrolled).toEqual([{ step: expect.stringContaining('Stap 5'), options: { block: 'nearest', behavior: 'auto' } }]);
  });

  it('leaves the page alone when the list is out of sight (the facilitator is reading further down)', async () => {
    reducedMotion(false);
    const { rerender } = render(AgendaPanel, { props: { steps, current: 0, onSet: () => null } });
    const list = screen.getByRole('list');
    list.getBoundingClientRect = () => ({ top: -2000, bottom: -900, left: 0, right: 300, width: 300, height: 1100, x: 0, y: -2000, toJSON: () => ({}) });
    await rerender({ steps, current: 1, onSet: () => null });
    expect(scrolled).toEqual([]);
  });
});
