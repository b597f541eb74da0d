/** The facilitator and screen pages, with the socket module replaced by a fake. */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HANDSHAKE_ERRORS } from '../../shared/protocol/events.ts';
import { busyState, FakeSocket, snapshot } from './operator-fixtures.ts';

const sockets: FakeSocket[] = [];
const auths: unknown[] = [];
vi.mock('../../client/src/lib/socket.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../client/src/lib/socket.ts')>();
  return {
    ...real,
    openSocket: (auth: unknown) => {
      auths.push(auth);
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
  };
});

const { default: FacilitatorPage } = await import('../../client/src/operator/FacilitatorPage.svelte');
const { default: ScreenPage } = await import('../../client/src/operator/ScreenPage.svelte');

afterEach(() => {
  cleanup();
  sockets.length = 0;
  auths.length = 0;
});

const props = { sessionId: 's1', secret: 'x'.repeat(24) };

describe('FacilitatorPage', () => {
  it('says "Deze link klopt niet" when the server refuses the secret', async () => {
    render(FacilitatorPage, { props });
    expect(screen.getByRole('status')).toHaveTextContent('Even laden…');
    sockets[0]!.active = false;
    sockets[0]!.emit('connect_error', new Error(HANDSHAKE_ERRORS.badSecret));
    expect(await screen.findByRole('heading', { name: 'Deze link klopt niet' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Gebruik de link die je kreeg');
  });

  it('shows the panel once the snapshot arrives, and warns while reconnecting', async () => {
    render(FacilitatorPage, { props });
    sockets[0]!.emit('operator:snapshot', snapshot(busyState()));
    expect(await screen.findByRole('tab', { name: 'Groepen' })).toBeInTheDocument();
    expect(auths).toEqual([{ ...props, as: 'facilitator' }]);
    sockets[0]!.emit('disconnect', 'transport close');
    expect(await screen.findByText(/Opnieuw verbinden… Wat je nu ziet/)).toBeInTheDocument();
  });
});

describe('ScreenPage', () => {
  it('connects as the screen and shows the current step', async () => {
    render(ScreenPage, { props });
    const state = busyState();
    state.stepIndex = 0;
    sockets[0]!.emit('operator:snapshot', { ...snapshot(state), role: 'screen' });
    expect(await screen.findByText('ABC 234')).toBeInTheDocument();
    expect(auths).toEqual([{ ...props, as: 'screen' }]);
  });

  it('says so when the screen link is wrong', async () => {
    render(ScreenPage, { props });
    sockets[0]!.emit('connect_error', new Error(HANDSHAKE_ERRORS.badSecret));
    expect(await screen.findByRole('heading', { name: 'Deze link klopt niet' })).toBeInTheDocument();
  });
});
