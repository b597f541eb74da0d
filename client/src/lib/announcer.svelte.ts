/**
 * One polite live region per page for short spoken updates ("Je zit in groep 3", "Nog 1
 * minuut"). Render <Announcer /> once, early in the page, so the region exists before the
 * first message: screen readers ignore regions that appear together with their content.
 */
class AnnouncerState {
  message = $state('');
  #timer: ReturnType<typeof setTimeout> | null = null;

  say(text: string): void {
    // Clear first so the same sentence twice is read twice.
    this.message = '';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.message = text;
      this.#timer = null;
    }, 50);
  }
}

export const announcer = new AnnouncerState();
