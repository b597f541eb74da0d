import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import ScreenBody from '../../client/src/operator/screen/ScreenBody.svelte';
import { busyState } from './operator-fixtures.ts';

afterEach(() => cleanup());

function at(kind: string, state: SessionState = busyState()): SessionState {
  state.stepIndex = firstStepOf(state, kind as never);
  return state;
}

describe('shared screen', () => {
  it('lobby: the join code, the QR code with a text alternative, the link and the count', () => {
    render(ScreenBody, { props: { state: at('lobby'), now: Date.now() } });
    expect(screen.getByText('ABC 234')).toBeInTheDocument();
    const qr = screen.getByRole('img', { name: /QR-code.*ABC234/ });
    expect(qr).toHaveAttribute('src', '/api/join/ABC234/qr.svg');
    expect(screen.getByText(`${location.host}/j/ABC234`)).toBeInTheDocument();
    expect(screen.getByText('Al aangemeld: 5')).toBeInTheDocument();
  });

  it('groups: every group with its members, so people find their table', () => {
    render(ScreenBody, { props: { state: at('groups'), now: Date.now() } });
    const g1 = screen.getByRole('heading', { name: 'Groep 1' }).closest('li')!;
    expect(within(g1).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Anna', 'Bram', 'Eva']);
    const g2 = screen.getByRole('heading', { name: 'Groep 2' }).closest('li')!;
    expect(within(g2).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Chris', 'Dewi']);
  });

  it('answer wall: groups with nothing yet share one card at the end, by number', () => {
    const state = at('topic');
    state.groups.push({ id: 'g3', number: 3, memberIds: [] }, { id: 'g4', number: 4, memberIds: [] });
    render(ScreenBody, { props: { state, now: Date.now() } });
    const wall = screen.getByRole('region', { name: 'Antwoorden van de groepen' });
    expect(within(wall).getAllByRole('heading', { level: 2 }).map((h) => h.textContent?.trim())).toEqual(['Groep 1', 'Groep 2', 'Nog geen antwoord.']);
    expect(within(wall).getByText('Groepen 3, 4')).toBeInTheDocument();
  });

  it('topic: title, questions, timer, visible answers per group (never hidden ones) and the gap chart', () => {
    const state = at('topic');
    render(ScreenBody, { props: { state, now: Date.now() } });
    expect(screen.getByRole('heading', { level: 1, name: 'Passende omvang en expertise' })).toBeInTheDocument();
    expect(screen.getByText('Kenmerk 1 van 7')).toBeInTheDocument();
    expect(screen.getByText('Welke rol zie je hierin voor jezelf?')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/^4:0[45]$/);
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();
    expect(screen.getByText('Ik neem het initiatief')).toBeInTheDocument();
    expect(screen.queryByText(/GEHEIM/)).toBeNull();
    const chart = screen.getByRole('figure');
    expect(within(chart).getByText('Groep 1: nu 2, gewenst 4, verschil 2.')).toBeInTheDocument();
    expect(within(chart).getByText('Groep 2: nu 3, gewenst 5, verschil 2.')).toBeInTheDocument();
  });

  it('topic, scores per person: each group’s mean with one decimal and how many of its members scored', () => {
    const state = at('topic');
    state.settings.scoring = 'person';
    const topic = state.content.topics[0]!.id;
    // What the screen holds: the means (never anyone's own score).
    state.ratings[`g1/${topic}`] = { groupId: 'g1', topicId: topic, now: 7 / 3, want: 4, nowCount: 3, wantCount: 2, people: 3, updatedAt: 50, updatedBy: 'p1' };
    delete state.ratings[`g2/${topic}`];
    render(ScreenBody, { props: { state, now: Date.now() } });
    const chart = screen.getByRole('figure', { name: /gemiddelde per groep/ });
    expect(within(chart).getByText('Groep 1, 3 van 3 mensen: nu 2,3, gewenst 4,0, verschil 1,7.')).toBeInTheDocument();
    expect(within(chart).getByText('Groep 2, 0 van 2 mensen: nu geen score, gewenst geen score.')).toBeInTheDocument();
    // The bars' numbers as the room reads them.
    expect(within(chart).getAllByText('2,3').length).toBeGreaterThan(0);
    expect(within(chart).getAllByText('4,0').length).toBeGreaterThan(0);
  });

  it('feedback: only the group in the spotlight, with its takeaway, and the overview chart', () => {
    const state = at('feedback');
    state.spotlightGroupId = 'g1';
    render(ScreenBody, { props: { state, now: Date.now() } });
    expect(screen.getByRole('heading', { level: 1, name: 'Groep 1' })).toBeInTheDocument();
    expect(screen.getByText('Vaker samen aan tafel')).toBeInTheDocument();
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();
    expect(screen.queryByText('Ik neem het initiatief')).toBeNull();
    expect(screen.queryByText('Chris')).toBeNull();
    const overview = screen.getByRole('figure', { name: 'Gemiddelde van alle groepen per kenmerk' });
    expect(within(overview).getByText('1. Passende omvang en expertise: nu 2,5, gewenst 4,5, verschil 2.')).toBeInTheDocument();
  });

  it('closing: thanks and the contact address', () => {
    render(ScreenBody, { props: { state: at('closing'), now: Date.now() } });
    expect(screen.getByRole('heading', { name: 'Bedankt!' })).toBeInTheDocument();
    expect(screen.getByText('stevigelokaleteams@vng.nl')).toBeInTheDocument();
  });

  it('user text is shown as text, never as HTML', () => {
    const state = at('groups');
    state.participants.p1 = { ...state.participants.p1!, name: '<img src=x onerror=alert(1)>' };
    render(ScreenBody, { props: { state, now: Date.now() } });
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});
