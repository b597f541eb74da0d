/**
 * A reactive wall clock that ticks once a second, but only while something on the page
 * reads it (timers). Reading `clock.now` inside a template or `$derived` re-runs it every tick.
 */
import { createSubscriber } from 'svelte/reactivity';

class Clock {
  #subscribe = createSubscriber((update) => {
    const id = setInterval(update, 1000);
    return () => clearInterval(id);
  });

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const clock = new Clock();
