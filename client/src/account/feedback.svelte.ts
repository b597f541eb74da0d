/**
 * What a part of an account page says back after an action: a refusal (announced and
 * focused, see FormError.svelte) or a confirmation (a polite status). One of the two at a time.
 */
export class Feedback {
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  /** Set by FeedbackSlots: the element that takes the focus on a refusal. */
  box: { focus(): void } | null = null;

  fail(message: string): void {
    this.notice = null;
    this.error = message;
    this.box?.focus();
  }

  succeed(message: string | null = null): void {
    this.error = null;
    this.notice = message;
  }
}
