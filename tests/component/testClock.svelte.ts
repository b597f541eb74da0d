/** A clock a test moves by hand: `now` is reactive, so only what reads it re-renders (a rerender() would set every prop again). */
export class TestClock {
  now = $state(0);

  constructor(start: number) {
    this.now = start;
  }
}
