import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import FacilitatorPanel from '../../client/src/operator/FacilitatorPanel.svelte';
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { SAVED_SESSIONS_KEY } from '../../client/src/operator/savedSessions.ts';
import { busyState, openSession, person, snapshot, type FakeSocket } from './operator-fixtures.ts';

let session: OperatorSession;
let socket: FakeSocket;

beforeEach(() => {
  localStorage.clear();
  ({ session, socket } = openSession());
  socket.emit('operator:snapshot', { ...snapshot(busyState()), presence: { p1: 'connected', p2: 'reconnecting' } });
});

afterEach(() => {
  cleanup();
  session.destroy();
});

const secret = 'x'.repeat(24);

// The whole console renders in jsdom; on a loaded machine (8 test runs on 2 cores) 5 s is too tight.
describe('facilitator panel', { timeout: 20_000 }, () => {
  it('shows the join code, the people with role, group and presence, and counts by role', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Stevige lokale teams');
    expect(screen.getAllByText('ABC234').length).toBeGreaterThan(0);
    await fireEvent.click(screen.getByRole('tab', { name: 'Deelnemers' }));
    const table = screen.getByRole('table', { name: /Deelnemers/ });
    const anna = within(table).getByRole('rowheader', { name: 'Anna' }).closest('tr')!;
    expect(anna).toHaveTextContent('Opdrachtgever');
    expect(anna).toHaveTextContent('Groep 1');
    expect(anna).toHaveTextContent('verbonden');
    const bram = within(table).getByRole('rowheader', { name: 'Bram' }).closest('tr')!;
    expect(bram).toHaveTextContent('opnieuw verbinden');
    expect(within(table).getByRole('rowheader', { name: 'Eva' }).closest('tr')).toHaveTextContent('weg');
    expect(screen.getByText('Opdrachtnemer: 2')).toBeInTheDocument();
  });

  it('marks the current step and moves to the next one with step:set', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    const steps = screen.getByRole('list', { name: 'Alle stappen' });
    expect(within(steps).getByRole('button', { current: 'step' })).toHaveTextContent('Kenmerk 1: Passende omvang en expertise');
    await fireEvent.click(screen.getByRole('button', { name: /^Volgende: Kenmerk 2/ }));
    expect(socket.sent.at(-1)).toMatchObject({ event: 'step:set', payload: { stepIndex: 3 } });
  });

  it('timer buttons send timer commands, +1 minute as 60 seconds', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    await fireEvent.click(screen.getByRole('button', { name: '+1 minuut' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Pauzeer' }));
    const commands = socket.sent.filter((s) => s.event.startsWith('timer:'));
    expect(commands.map((s) => s.event)).toEqual(['timer:extend', 'timer:pause']);
    expect(commands[0]?.payload).toMatchObject({ seconds: 60 });
  });

  it('shows progress for the current topic and hides an answer from the screen', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    const progress = screen.getByRole('table', { name: /Nu bezig: Passende omvang/ });
    const row1 = within(progress).getByRole('rowheader', { name: 'Groep 1' }).closest('tr')!;
    expect(row1).toHaveTextContent('nu 2, gewenst 4');
    await fireEvent.click(screen.getByRole('tab', { name: 'Antwoorden' }));
    const answers = screen.getByRole('tabpanel', { name: 'Antwoorden' });
    expect(within(answers).getByText('Verborgen op het scherm')).toBeInTheDocument();
    const hide = within(answers).getByRole('button', { name: 'Verberg op scherm', description: 'We willen meer tijd samen' });
    await fireEvent.click(hide);
    expect(socket.sent.at(-1)).toMatchObject({ event: 'answer:hide', payload: { answerId: 'a1', hidden: true } });
  });

  it('keeps the progress of the current topic live: answers added and deleted, scores, one group at a time', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    const topic = session.state!.content.topics[0]!.id;
    const rowOf = (n: number) => within(screen.getByRole('table', { name: /Nu bezig: Passende omvang/ })).getByRole('rowheader', { name: `Groep ${n}` }).closest('tr')!;
    const cells = (n: number) => [...rowOf(n).querySelectorAll('td')].map((td) => td.querySelector('[aria-hidden="true"]')?.textContent ?? td.textContent);
    const g1 = cells(1);
    expect(cells(2).slice(0, 3)).toEqual(['✓ 1', '–', '✓ 1']);

    socket.emit('operator:events', [
      { type: 'answer.added', answer: { id: 'n1', groupId: 'g2', topicId: topic, questionId: 'q2', authorId: 'p3', text: 'Nieuw', createdAt: 99, updatedAt: 99, rev: 1, hidden: false } },
    ]);
    await tick();
    expect(cells(2).slice(0, 3)).toEqual(['✓ 1', '✓ 1', '✓ 1']);
    expect(cells(1)).toEqual(g1);

    socket.emit('operator:events', [
      { type: 'answer.deleted', answerId: 'a4' },
      { type: 'rating.set', rating: { groupId: 'g2', topicId: topic, now: 1, want: 2, updatedAt: 100, updatedBy: 'p3' } },
    ]);
    await tick();
    expect(cells(2).slice(0, 3)).toEqual(['✓ 1', '✓ 1', '–']);
    expect(rowOf(2)).toHaveTextContent('nu 1, gewenst 2');
    expect(cells(1)).toEqual(g1);
  });

  it('updates live when someone joins', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    await fireEvent.click(screen.getByRole('tab', { name: 'Deelnemers' }));
    socket.emit('operator:events', [person('p9', 'Zeynep')]);
    expect(await screen.findByRole('rowheader', { name: 'Zeynep' })).toBeInTheDocument();
    expect(screen.getByText('Deelnemers: 6')).toBeInTheDocument();
  });

  it('removes a participant only after confirming', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    await fireEvent.click(screen.getByRole('tab', { name: 'Deelnemers' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Dewi verwijderen' }));
    expect(socket.sent.filter((s) => s.event === 'participant:remove')).toHaveLength(0);
    await fireEvent.click(screen.getByRole('button', { name: 'Ja, verwijderen' }));
    expect(socket.sent.at(-1)).toMatchObject({ event: 'participant:remove', payload: { participantId: 'p4' } });
  });

  it('shows the server refusal of a command in words', async () => {
    socket.reply = () => ({ ok: false, code: 'conflict', error: 'no groups', key: 'error.noGroups' });
    render(FacilitatorPanel, { props: { session, secret } });
    await fireEvent.click(screen.getByRole('button', { name: /^Volgende:/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Maak eerst groepen.');
  });

  it('links to the shared screen with the secret the server sent, never with the facilitator secret', async () => {
    render(FacilitatorPanel, { props: { session, secret } });
    expect(screen.getByText(/De link voor het scherm komt zo/)).toBeInTheDocument();
    expect(document.querySelector(`a[href*="${secret}"]`)).toBeNull();
    socket.emit('operator:snapshot', { ...snapshot(busyState()), screenSecret: 'y'.repeat(32) });
    const links = await screen.findAllByRole('link', { name: /Open het scherm voor de zaal/ });
    for (const link of links) expect(link).toHaveAttribute('href', `/scherm/s1#${'y'.repeat(32)}`);
    expect(screen.getByRole('button', { name: 'Kopieer schermlink' })).toBeInTheDocument();
    // Remembered on this device too (the list on /nieuw opens the screen from there).
    expect(localStorage.getItem(SAVED_SESSIONS_KEY)).toContain('y'.repeat(32));
  });
});
