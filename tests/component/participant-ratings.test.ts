import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import RatingGroup from '../../client/src/participant/RatingGroup.svelte';

afterEach(cleanup);

function renderRating(value: number | null) {
  const onChange = vi.fn<(value: number) => void>();
  const utils = render(RatingGroup, { props: { legend: nl['participant.rating.now'], name: 'rating-now-t1', value, onChange } });
  return { ...utils, onChange };
}

describe('RatingGroup', () => {
  it('is a labelled group of five radio buttons, 1 to 5', () => {
    renderRating(null);
    const group = screen.getByRole('group', { name: nl['participant.rating.now'] });
    expect(group).toBeInTheDocument();
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(5);
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    for (const n of [1, 2, 3, 4, 5]) expect(screen.getByRole('radio', { name: String(n) })).not.toBeChecked();
  });

  it('shows what the group entered', () => {
    renderRating(4);
    expect(screen.getByRole('radio', { name: '4' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '3' })).not.toBeChecked();
  });

  it('follows a change made by someone else in the group', async () => {
    const { rerender } = renderRating(2);
    await rerender({ value: 5 });
    expect(screen.getByRole('radio', { name: '5' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '2' })).not.toBeChecked();
  });

  it('reports the chosen score', async () => {
    const { onChange } = renderRating(null);
    await fireEvent.click(screen.getByRole('radio', { name: '3' }));
    expect(onChange).toHaveBeenCalledWith(3);
  });
});
