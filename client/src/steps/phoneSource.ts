/** What a phone has to show a step, and what a kind declares to be shown there (see view.ts). */
import type { Group, SessionState } from '../../../shared/domain/types.ts';
import type { Step } from '../../../shared/steps/index.ts';
import type { ParticipantSession } from '../participant/participantSession.svelte.ts';
import type { MemberView } from '../participant/types.ts';
import type { AnyStepView } from './view.ts';

/** Every field is live: read it inside a getter or a $derived, never once at projection time. */
export interface PhoneSource {
  readonly session: ParticipantSession;
  readonly state: SessionState;
  /** The step the room is at. */
  readonly step: Step;
  /** This person's group, if they have one. */
  readonly group: Group | null;
  readonly members: readonly MemberView[];
  /** Speaks a text to screen-reader users (the page's live region). */
  readonly say: (text: string) => void;
}

/**
 * A PhoneSource whose fields read a page's current props (each field its own getter, so a
 * view's $derived follows only what it reads). The step pages build theirs with it.
 */
export function livePhoneSource(read: { readonly [K in keyof PhoneSource]: () => PhoneSource[K] }): PhoneSource {
  const source = {};
  for (const [key, get] of Object.entries(read)) Object.defineProperty(source, key, { get, enumerable: true });
  return source as PhoneSource;
}

interface PhoneStepCommon {
  /** This person's group card under the view: not in the lobby, nor where the view is the group card. */
  readonly groupCard: boolean;
  /** What a screen reader hears when the room moves on to this step; null: nothing. */
  announce(step: Step, state: SessionState): string | null;
}

/**
 * How a phone shows one kind of step. The view is either in the page a phone loads to join
 * (only what it shows right after joining: every byte there delays the join on venue Wi-Fi)
 * or 'later': in the chunk the phone fetches while it waits in the lobby (phoneLater.ts).
 */
export type PhoneStep = PhoneStepCommon &
  (
    | {
        readonly view: AnyStepView<PhoneSource>;
        /** Lists answers typed but not sent above the view (StepView, the chunk loaded after joining, does so for its own steps). */
        readonly unsentDrafts: boolean;
      }
    | { readonly view: 'later' }
  );
