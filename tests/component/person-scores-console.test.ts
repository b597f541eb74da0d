import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ScoringChoice from '../../client/src/operator/components/ScoringChoice.svelte';
import { nlOperator } from '../../shared/i18n/nl/operator.ts';

afterEach(cleanup);

describe('ScoringChoice: scores per group or per person', () => {
  it('shows the choice and the rule; a click on the other way asks for it', async () => {
    const onChoose = vi.fn(async () => null);
    render(ScoringChoice, { props: { value: 'group', onChoose } });
    const group = screen.getByRole('group', { name: nlOperator['scoring.label'] });
    expect(group).toHaveAccessibleDescription(expect.stringContaining(nlOperator['scoring.until']));
    expect(screen.getByRole('button', { name: nlOperator['scoring.group'] })).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.click(screen.getByRole('button', { name: nlOperator['scoring.person'] }));
    expect(onChoose).toHaveBeenCalledWith('person');
  });

  it('once a score is given: both buttons off, and it says why', () => {
    render(ScoringChoice, { props: { value: 'person', locked: true, onChoose: vi.fn() } });
    for (const b of screen.getAllByRole('button')) expect(b).toBeDisabled();
    expect(screen.getByRole('group')).toHaveAccessibleDescription(expect.stringContaining(nlOperator['scoring.locked']));
    expect(screen.getByRole('group')).toHaveAccessibleDescription(expect.stringContaining(nlOperator['scoring.personHint']));
  });

  it('a refusal from the server is shown', async () => {
    render(ScoringChoice, { props: { value: 'group', onChoose: async () => nlOperator['error.scoringLocked'] } });
    await fireEvent.click(screen.getByRole('button', { name: nlOperator['scoring.person'] }));
    expect(await screen.findByRole('alert')).toHaveTextContent(nlOperator['error.scoringLocked']);
  });
});

import TopicProgressTable from '../../client/src/operator/components/TopicProgressTable.svelte';

describe('the console’s progress table, scores per person', () => {
  it('shows each group’s mean with one decimal and how many of its members scored', () => {
    render(TopicProgressTable, {
      props: {
        caption: 'Kenmerk 1',
        questions: [{ id: 'q1', text: 'Vraag 1' }],
        rows: [
          { groupId: 'g1', number: 1, answered: { q1: 2 }, now: 10 / 3, want: 4, people: { count: 3, members: 4 } },
          { groupId: 'g2', number: 2, answered: { q1: 0 }, now: null, want: null, people: { count: 0, members: 5 } },
          { groupId: 'g3', number: 3, answered: { q1: 1 }, now: 3, want: 5 },
        ],
      },
    });
    const row = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;
    expect(row('Groep 1')).toHaveTextContent('nu 3,3, gewenst 4,0');
    expect(row('Groep 1')).toHaveTextContent('Gemiddelde van 3 van 4 mensen');
    // Nobody scored yet: no "0 of 5" line.
    expect(row('Groep 2')).not.toHaveTextContent('Gemiddelde van');
    // A group score (no people) stays as it was: whole numbers, no count.
    expect(row('Groep 3')).toHaveTextContent('nu 3, gewenst 5');
    expect(row('Groep 3')).not.toHaveTextContent('Gemiddelde van');
  });
});
