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
