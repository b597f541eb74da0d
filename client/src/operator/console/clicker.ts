/**
 * Keys of the presenter console, like a presentation clicker: PageDown / → / space go to
 * the next step, PageUp / ← to the previous one, ? shows the list of keys. Clickers send
 * PageUp/PageDown. Nothing happens while the facilitator types in a text field, and arrow
 * keys and space keep their own meaning on buttons, tabs, menus and other controls.
 */
export type ClickerAction = 'next' | 'previous' | 'help';

export interface KeyLike {
  readonly key: string;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
}

/** What the element with focus is, as far as the keys care. */
export type FocusKind =
  /** Typing: input, textarea, select or contenteditable. No shortcut at all. */
  | 'text'
  /** A button, link, tab or other control: arrows and space are theirs, PageUp/PageDown still ours. */
  | 'control'
  /** The page itself or plain content. */
  | 'none';

export function clickerAction(e: KeyLike, focus: FocusKind): ClickerAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey || focus === 'text') return null;
  switch (e.key) {
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'previous';
    case 'ArrowRight':
    case ' ':
      return focus === 'none' ? 'next' : null;
    case 'ArrowLeft':
      return focus === 'none' ? 'previous' : null;
    case '?':
      return 'help';
    default:
      return null;
  }
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'time']);

export function focusKind(el: Element | null): FocusKind {
  if (!el || el === document.body || el === document.documentElement) return 'none';
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return 'text';
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type) ? 'text' : 'control';
  if (el instanceof HTMLElement && el.isContentEditable) return 'text';
  if (el.closest('button, a[href], summary, [role="tab"], [role="button"], [role="radio"], [role="checkbox"], input, select')) return 'control';
  return 'none';
}
