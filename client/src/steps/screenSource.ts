/** What the projector has to show a step, and what a kind declares to be shown there (see view.ts). */
import type { Participant, SessionState } from '../../../shared/domain/types.ts';
import type { Step } from '../../../shared/steps/index.ts';
import type { OperatorSession } from '../operator/operatorSession.svelte.ts';
import type { StepView } from './view.ts';

/** The session's answer index: answers per group and topic, with a version that changes when they do. */
export type AnswerSource = Pick<OperatorSession, 'answersOf' | 'answersVersionNow' | 'topicVersion'>;

/** Every field is live: read it inside a getter or a $derived, never once at projection time. */
export interface ScreenSource {
  readonly state: SessionState;
  /** The step the room is at. */
  readonly step: Step;
  /** Server time now; ticks, so only timers should read it. */
  readonly now: number;
  /** Absent in component tests: every answer is scanned instead. */
  readonly answers: AnswerSource | undefined;
  /** The address phones join at, as this screen shows it, and its QR code image. */
  readonly joinUrl: string;
  readonly qrSrc: string;
  /** Participants not removed. */
  readonly active: readonly Participant[];
}

/** A kind on the projector: its view, the projection that builds the view's props, and the join corner. */
export interface ScreenStep<P extends Record<string, any>> extends StepView<ScreenSource, P> {
  /**
   * Whether the screen keeps a corner with the join code while this step is on: false when
   * the view itself is about joining (the lobby).
   */
  readonly joinCorner: boolean;
}
