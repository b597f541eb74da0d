/** The step timer as pure functions of (timer, now). Times are server epoch milliseconds. */
import type { Timer } from './types.ts';

export function idleTimer(durationMs: number): Timer {
  return { status: 'idle', durationMs };
}

export function remainingMs(timer: Timer, now: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'paused':
      return timer.remainingMs;
    case 'running':
      return Math.max(0, timer.endsAt - now);
  }
}

export function startTimer(timer: Timer, now: number, durationMs?: number): Timer {
  if (durationMs !== undefined) return { status: 'running', durationMs, endsAt: now + durationMs };
  if (timer.status === 'running') return timer;
  return { status: 'running', durationMs: timer.durationMs, endsAt: now + remainingMs(timer, now) };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  if (timer.status !== 'running') return timer;
  return { status: 'paused', durationMs: timer.durationMs, remainingMs: remainingMs(timer, now) };
}

/** Adds (or with a negative `ms` takes off) time; neither the time left nor the duration goes past `maxMs`. */
export function extendTimer(timer: Timer, ms: number, now: number, maxMs = Infinity): Timer {
  const clamp = (v: number) => Math.min(maxMs, Math.max(0, v));
  switch (timer.status) {
    case 'idle':
      return { status: 'idle', durationMs: clamp(timer.durationMs + ms) };
    case 'paused':
      return { ...timer, remainingMs: clamp(timer.remainingMs + ms), durationMs: clamp(timer.durationMs + ms) };
    case 'running':
      // A timer that already ran out restarts from now rather than from the past.
      return { ...timer, endsAt: now + clamp(Math.max(timer.endsAt, now) + ms - now), durationMs: clamp(timer.durationMs + ms) };
  }
}

/** "4:05" style display; never negative. */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
