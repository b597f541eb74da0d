/**
 * The presenter console: clicker keys (not while typing), the "?" overlay, tabs with a
 * roving tabindex, "Groepen maken" with a size preview in the groups step, and an ended
 * session without timer or lock controls.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FacilitatorPanel from '../../client/src/operator/FacilitatorPanel.svelte';
import { clickerAction } from '../../client/src/operator/console/clicker.ts';
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { baseState, busyState, openSession, person, snapshot, type FakeSocket } from './operator-fixtures.ts';
import { evolve } from '../../shared/domain/evolve.ts';

let session: OperatorSession;
let socket: FakeSocket;
const secret = 'x'.repeat(24);

beforeEach(() => {
  localStorage.clear();
  ({ session, socket } = openSession());
});

afterEach(() => {
  cleanup();
  session.destroy();
});

describe('presenter console', () => {
  it('PageDown goes to the next step and PageUp to the previous one; not while typing', async () => {
    socket.emit('operator:snapshot', snapshot(busyState()));
    render(FacilitatorPanel, { props: { session, secret } });
    await fireEvent.keyDown(window, { key: 'PageDown' });
    expect(socket.sent.at(-1)).toMatchObject({ event: 'step:set', payload: { stepIndex: 3 } });
    // A press while the previous step change is still on its way is dropped (no double step):
    // press again until the first change has been answered.
    await vi.waitFor(async () => {
      await fireEvent.keyDown(window, { key: 'PageUp' });
      expect(socket.sent.at(-1)).toMatchObject({ event: 'step:set', payload: { stepIndex: 1 } });
    });
    const count = socket.sent.length;
    await fireEvent.click(screen.getByRole('tab', { name: 'Deelnemers' }));
    const search = screen.getByRole('searchbox', { name: 'Zoek op naam of organisatie' });
    search.focus();
    await fireEvent.keyDown(search, { key: 'PageDown' });
    await fireEvent.keyDown(search, { key: ' ' });
    expect(socket.sent).toHaveLength(count);
  });

  it('knows clicker keys: arrows and space only when no control has focus', () => {
    expect(clickerAction({ key: 'PageDown' }, 'control')).toBe('next');
    expect(clickerAction({ key: 'ArrowRight' }, 'none')).toBe('next');
    expect(clickerAction({ key: ' ' }, 'none')).toBe('next');
    expect(clickerAction({ key: ' ' }, 'control')).toBeNull();
    expect(clickerAction({ key: 'ArrowLeft' }, 'none')).toBe('previous');
    expect(clickerAction({ key: 'PageUp' }, 'text')).toBeNull();
    expect(clickerAction({ key: 'PageDown', ctrlKey: true }, 'none')).toBeNull();
    expect(clickerAction({ key: '?' }, 'none')).toBe('help');
  });

  it('"?" opens a dialog that lists the keys', async () => {
    socket.emit('operator:snapshot', snapshot(busyState()));
    render(FacilitatorPanel, { props: { session, secret } });
    await fireEvent.keyDown(window, { key: '?' });
    const dialog = await screen.findByRole('dialog', { name: 'Sneltoetsen' });
    expect(within(dialog).getByText('PageDown, pijl naar rechts of spatie')).toBeInTheDocument();
    expect(within(dialog).getByText('Volgende stap')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Sluiten' })).toBeInTheDocument();
  });

  it('tabs: one tab stop, arrows move and show the next tab', async () => {
    socket.emit('operator:snapshot', snapshot(busyState()));
    render(FacilitatorPanel, { props: { session, secret } });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent?.trim())).toEqual(['Deelnemers', 'Groepen', 'Voortgang', 'Antwoorden', 'Terugkoppeling', 'Downloads', 'Instellingen']);
    const progress = screen.getByRole('tab', { name: 'Voortgang' });
    expect(progress).toHaveAttribute('aria-selected', 'true');
    expect(tabs.filter((t) => t.getAttribute('tabindex') === '0')).toEqual([progress]);
    progress.focus();
    await fireEvent.keyDown(progress, { key: 'ArrowRight' });
    const answers = screen.getByRole('tab', { name: 'Antwoorden' });
    expect(answers).toHaveAttribute('aria-selected', 'true');
    expect(answers).toHaveFocus();
    expect(screen.getByRole('tabpanel', { name: 'Antwoorden' })).toBeInTheDocument();
    // The arrow moved the tab, not the session's step.
    expect(socket.sent.filter((m) => m.event === 'step:set')).toHaveLength(0);
  });

  it('in the groups step, "Groepen maken" sits in the console with a preview of the sizes', async () => {
    const state = baseState();
    for (let i = 0; i < 13; i++) evolve(state, person(`p${i}`, `Persoon ${i}`));
    evolve(state, { type: 'step.changed', stepIndex: 1, timer: state.timer });
    socket.emit('operator:snapshot', snapshot(state));
    render(FacilitatorPanel, { props: { session, secret } });
    const card = screen.getByRole('region', { name: 'Groepen maken' });
    expect(card).toHaveTextContent('13 mensen worden 3 groepen: 1 van 5, 2 van 4.');
    await fireEvent.change(within(card).getByRole('combobox', { name: 'Grootte van de groepen' }), { target: { value: '3' } });
    expect(card).toHaveTextContent('13 mensen worden 5 groepen: 3 van 3, 2 van 2.');
    await fireEvent.click(within(card).getByRole('button', { name: 'Groepen maken' }));
    expect(socket.sent.at(-1)).toMatchObject({ event: 'groups:form', payload: { targetSize: 3 } });
  });

  it('an ended session shows no timer or lock controls', () => {
    const state = busyState();
    evolve(state, { type: 'session.ended', at: 9_000 });
    socket.emit('operator:snapshot', snapshot(state));
    render(FacilitatorPanel, { props: { session, secret } });
    const bar = screen.getByRole('region', { name: 'Bediening van de sessie' });
    expect(within(bar).queryByRole('timer')).toBeNull();
    expect(within(bar).queryByRole('button', { name: /Start de tijd|Pauzeer|minuut/ })).toBeNull();
    expect(within(bar).queryByRole('button', { name: /Op slot/ })).toBeNull();
    expect(within(bar).getByText('Afgelopen')).toBeInTheDocument();
  });
});
