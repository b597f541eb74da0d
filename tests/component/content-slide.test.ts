/** Content slides: the screen shows the slide's text large, in Dutch; a phone shows its title and where to look. */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { initialState } from '../../shared/domain/evolve.ts';
import { findTemplate } from '../../shared/templates.ts';
import ScreenBody from '../../client/src/operator/screen/ScreenBody.svelte';
import PhoneContentSlide from '../../client/src/steps/content/PhoneContentSlide.svelte';
import { screenView } from '../../shared/domain/views.ts';

afterEach(() => cleanup());

const template = findTemplate('stevige-lokale-teams')!;

function atSlide(id: string) {
  const state = initialState({
    type: 'session.created',
    id: 's1',
    code: 'ABC234',
    at: 1_000,
    content: template.content,
    settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
    steps: template.steps,
  });
  state.stepIndex = state.agenda.findIndex((s) => s.id === id);
  return screenView(state);
}

describe('content slide', () => {
  it('on the screen: title as heading and the body, marked as Dutch', () => {
    const { container } = render(ScreenBody, { props: { state: atSlide('relatie'), now: Date.now() } });
    expect(screen.getByRole('heading', { level: 1, name: 'Relatie opdrachtgever en opdrachtnemer' })).toBeInTheDocument();
    expect(screen.getByText(/Inkoop en bekostiging: financiering past/)).toBeInTheDocument();
    expect(container.querySelector('article[lang="nl"]')).not.toBeNull();
  });

  it('on a phone: the title and "kijk mee op het scherm"', () => {
    render(PhoneContentSlide, { props: { title: 'Toelichting opdracht' } });
    expect(screen.getByRole('heading', { level: 1, name: 'Toelichting opdracht' })).toBeInTheDocument();
    expect(screen.getByText('Kijk mee op het scherm.')).toBeInTheDocument();
  });
});
