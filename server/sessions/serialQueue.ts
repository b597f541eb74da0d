/**
 * Runs async tasks one at a time, in arrival order. Each session has one, so a command
 * sees the state left by the previous one, and commits reach the store in seq order,
 * even when the store is asynchronous.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // The queue goes on after a failed task; the caller still sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
