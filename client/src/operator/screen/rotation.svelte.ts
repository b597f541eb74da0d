/**
 * One clock turns every paged part of the shared screen at once: every ROTATE_MS the tick
 * goes up, and each pager shows page `tick mod its page count`. Paused by the facilitator
 * (a session setting); the arrow keys on the screen's own computer and the console's
 * "vorige / volgende pagina" step it by hand, which restarts the wait so a page stepped to
 * gets its full time.
 */
import { getContext, setContext } from 'svelte';

export const ROTATE_MS = 10_000;

const KEY = Symbol('screen-rotation');
const TURNS = Symbol('screen-page-turns');

/** Subscribes to the console's page turns; returns the stop. */
export type PageTurns = (fn: (step: 1 | -1) => void) => () => void;

export class RotationClock {
  tick = $state(0);
  paused = $state(false);
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly intervalMs = ROTATE_MS) {}

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.#restart();
  }

  step(by: 1 | -1): void {
    this.tick += by;
    this.#restart();
  }

  /** A new step on the screen starts at its first page. */
  reset(): void {
    this.tick = 0;
    this.#restart();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #restart(): void {
    this.stop();
    if (!this.paused) this.#timer = setInterval(() => (this.tick += 1), this.intervalMs);
  }
}

export function provideRotation(clock: RotationClock): void {
  setContext(KEY, clock);
  // The console's page turns (relayed by the server) step the clock as the arrow keys do.
  const turns = getContext<(() => PageTurns | null) | undefined>(TURNS);
  if (turns) $effect(() => turns()?.((step) => clock.step(step)));
}

/**
 * The screen page passes the page turns of its connection down to the clock, which the
 * screen's body makes (a function, so a new connection is followed).
 */
export function providePageTurns(turns: () => PageTurns | null): void {
  setContext(TURNS, turns);
}

export function useRotation(): RotationClock | undefined {
  return getContext<RotationClock | undefined>(KEY);
}
