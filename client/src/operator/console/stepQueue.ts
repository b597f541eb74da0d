/**
 * Presses of Next/Previous (a clicker, PageDown, the buttons) while a step change is still on
 * its way. A presenter who presses twice means two steps, so a press during a change counts
 * from where the earlier presses lead, not from the step the screen still shows; the changes
 * go out one at a time, in order. A refusal stops the rest and is returned to show.
 */
export interface StepQueueDeps {
  /** The step the session is on, as far as this browser knows. */
  current(): number;
  /** How many steps the programme has. */
  count(): number;
  /** Asks the server for step `to`; resolves with the message of a refusal, or null. */
  send(to: number): Promise<string | null>;
}

export function createStepQueue(deps: StepQueueDeps): (delta: number) => Promise<string | null> {
  /** Where the presses so far lead, while changes are on their way. */
  let target: number | null = null;
  let running = false;

  return async function go(delta: number): Promise<string | null> {
    const from = target ?? deps.current();
    const to = Math.min(Math.max(from + delta, 0), deps.count() - 1);
    if (to === from) return null;
    target = to;
    if (running) return null; // the loop of the first press sends it
    running = true;
    let error: string | null = null;
    let sent = deps.current();
    try {
      while (target !== null && target !== sent) {
        sent = target;
        error = await deps.send(sent);
        if (error !== null) break;
      }
    } finally {
      target = null;
      running = false;
    }
    return error;
  };
}
