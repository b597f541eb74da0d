/**
 * "Minuten per kenmerk" in the console's settings tab: a whole number, checked before it is
 * sent as settings:update; the server's rule (tests/unit/agenda.test.ts) retimes the steps.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import FacilitatorPanel from '../../client/src/operator/FacilitatorPanel.svelte';
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { busyState, openSession, snapshot } from './operator-fixtures.ts';

let session: OperatorSession;
beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  session.destroy();
});

async function settingsTab() {
  const opened = openSession();
  session = opened.session;
  const socket = opened.socket;
  socket.emit('operator:snapshot', snapshot(busyState()));
  render(FacilitatorPanel, { props: { session, secret: 'x'.repeat(24) } });
  await fireEvent.click(screen.getByRole('tab', { name: 'Instellingen' }));
  const field = screen.getByRole('spinbutton', { name: 'Minuten per kenmerk' });
  return { socket, field, save: field.closest('form')!.querySelector('button[type="submit"]') as HTMLButtonElement };
}

// The whole console renders in jsdom; on a loaded machine 5 s is too tight.
describe('minutes per characteristic', { timeout: 20_000 }, () => {
  it('shows the session’s value, explains that steps with their own time keep it, and sends a new one', async () => {
    const { socket, field, save } = await settingsTab();
    expect(field).toHaveValue(10);
    expect(field).toHaveAccessibleDescription(/zelf een andere tijd\? Dan blijft die tijd staan/);
    await fireEvent.input(field, { target: { value: '8' } });
    await fireEvent.click(save);
    await waitFor(() => expect(socket.sent.at(-1)?.event).toBe('settings:update'));
    expect(socket.sent.at(-1)!.payload).toEqual({ opId: expect.any(String), settings: { topicMinutes: 8 } });
    expect(await screen.findByText('Opgeslagen.')).toBeInTheDocument();
  });

  it('says what is wrong with 0 or an empty field, and sends nothing', async () => {
    const { socket, field, save } = await settingsTab();
    const before = socket.sent.length;
    for (const value of ['0', '']) {
      await fireEvent.input(field, { target: { value } });
      await fireEvent.click(save);
      expect(screen.getByRole('alert')).toHaveTextContent('Vul een heel getal in van 1 tot 120.');
      expect(field).toHaveAttribute('aria-invalid', 'true');
    }
    expect(socket.sent.length).toBe(before);
  });

  it('shows a refusal from the server instead of "Opgeslagen."', async () => {
    const { socket, field, save } = await settingsTab();
    socket.reply = () => ({ ok: false, code: 'ended', error: 'x', key: 'error.ended' });
    await fireEvent.input(field, { target: { value: '12' } });
    await fireEvent.click(save);
    await waitFor(() => expect(screen.getByRole('alert')).toBeInTheDocument());
    expect(screen.queryByText('Opgeslagen.')).not.toBeInTheDocument();
  });
});
