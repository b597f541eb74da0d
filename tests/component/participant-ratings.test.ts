import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
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

import PhoneRatings from '../../client/src/steps/topic/PhoneRatings.svelte';
import type { RatingView } from '../../client/src/participant/types.ts';

describe('PhoneRatings: the scores card of a characteristic on a phone', () => {
  function renderCard(rating: RatingView) {
    const onChange = vi.fn<(scale: 'now' | 'want', value: number) => void>();
    const utils = render(PhoneRatings, { props: { topicId: 'k1', rating, onChange } });
    return { ...utils, onChange };
  }
  const perPerson = (over: Partial<RatingView> = {}): RatingView => ({
    now: 2,
    want: null,
    lastBy: null,
    pending: false,
    group: { now: 10 / 3, want: 4.5, people: 3, members: 4 },
    ...over,
  });

  it('scored per person: says it is your own score, and shows the group’s average and how many scored', () => {
    renderCard(perPerson());
    const card = screen.getByRole('region', { name: nl['participant.ratings.titlePerson'] });
    expect(card).toHaveTextContent('Jouw score');
    // The radios are this member's own: 2 now, nothing wanted yet.
    const now = within(card).getByRole('group', { name: nl['participant.rating.now'] });
    expect(within(now).getByRole('radio', { name: '2' })).toBeChecked();
    const want = within(card).getByRole('group', { name: nl['participant.rating.wantPerson'] });
    for (const r of within(want).getAllByRole('radio')) expect(r).not.toBeChecked();
    // The group's mean with one decimal (Dutch comma), and 3 of the 4 members scored.
    expect(card).toHaveTextContent('Gemiddeld: nu 3,3, gewenst 4,5.');
    expect(card).toHaveTextContent('Scores gegeven: 3 van 4 mensen.');
    // Not the group-mode line about who filled in the group's score.
    expect(card).not.toHaveTextContent(nl['participant.rating.none']);
  });

  it('scored per person, nobody yet: says so instead of an average', () => {
    renderCard(perPerson({ now: null, group: { now: null, want: null, people: 0, members: 4 } }));
    expect(screen.getByText(nl['participant.rating.groupNone'])).toBeInTheDocument();
    expect(screen.queryByText(/Gemiddeld/)).not.toBeInTheDocument();
  });

  it('reports which scale was chosen, from the keyboard too', async () => {
    const { onChange } = renderCard(perPerson());
    const want = screen.getByRole('group', { name: nl['participant.rating.wantPerson'] });
    await fireEvent.click(within(want).getByRole('radio', { name: '5' }));
    expect(onChange).toHaveBeenCalledWith('want', 5);
  });

  it('scored per group (the default): the group’s one score, as before, with no average', () => {
    renderCard({ now: 3, want: 4, lastBy: 'Bram', pending: false, group: null });
    const card = screen.getByRole('region', { name: nl['participant.ratings.title'] });
    expect(within(card).getByRole('group', { name: nl['participant.rating.want'] })).toBeInTheDocument();
    expect(card).toHaveTextContent('Laatst ingevuld door Bram.');
    expect(card).not.toHaveTextContent('Jouw score');
    expect(card).not.toHaveTextContent('Gemiddeld');
  });
});
