import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import StepTimer from '../../client/src/participant/StepTimer.svelte';
import ConnectionStatus from '../../client/src/participant/ConnectionStatus.svelte';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('StepTimer', () => {
  it('shows the time left as m:ss, using the server clock offset', () => {
    const now = Date.now();
    render(StepTimer, { props: { timer: { status: 'running', durationMs: 600_000, endsAt: now + 125_000 }, clockOffset: 5_000 } });
    // Server is 5 s ahead: 120 s are left.
    expect(screen.getByText('2:00')).toBeInTheDocument();
  });

  it('announces one minute left and time up, once each, not every second', async () => {
    const onAnnounce = vi.fn<(text: string) => void>();
    render(StepTimer, { props: { timer: { status: 'running', durationMs: 600_000, endsAt: Date.now() + 62_000 }, clockOffset: 0, onAnnounce } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onAnnounce).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(onAnnounce).toHaveBeenCalledTimes(1);
    expect(onAnnounce).toHaveBeenLastCalledWith(nl['participant.timer.oneMinute']);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(onAnnounce).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(onAnnounce).toHaveBeenCalledTimes(2);
    expect(onAnnounce).toHaveBeenLastCalledWith(nl['participant.timer.done']);
    expect(screen.getByText('0:00')).toBeInTheDocument();
  });

  it('says when the timer is paused or not started', () => {
    const { rerender } = render(StepTimer, { props: { timer: { status: 'paused', durationMs: 600_000, remainingMs: 90_000 }, clockOffset: 0 } });
    expect(screen.getByText('1:30')).toBeInTheDocument();
    expect(screen.getByText(/gepauzeerd/)).toBeInTheDocument();
    void rerender({ timer: { status: 'idle', durationMs: 600_000 } });
  });
});

describe('ConnectionStatus', () => {
  it('is a polite status region with the state and the number of unsent writes', () => {
    const { rerender } = render(ConnectionStatus, { props: { status: 'connected', pending: 0 } });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(nl['conn.connected']);
    expect(status).not.toHaveTextContent('nog niet verzonden');
    void rerender({ status: 'offline', pending: 3 });
    return Promise.resolve().then(() => {
      expect(status).toHaveTextContent(nl['conn.offline']);
      expect(status).toHaveTextContent('3 nog niet verzonden');
    });
  });
});
