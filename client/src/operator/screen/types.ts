/** Data shapes of the shared-screen views. */

export interface ScreenAnswer {
  readonly id: string;
  readonly text: string;
  /** 1-based number of the question it answers. */
  readonly questionNumber: number;
}

export interface ScreenGroupAnswers {
  readonly id: string;
  readonly number: number;
  /** Oldest first (pages shift least as answers arrive), hidden answers already left out. */
  readonly answers: readonly ScreenAnswer[];
}

export interface ScreenGroupMembers {
  readonly id: string;
  readonly number: number;
  readonly names: readonly string[];
}

export interface ScreenTakeaway {
  readonly groupId: string;
  readonly number: number;
  readonly text: string;
}

export interface SpotlightTopic {
  readonly id: string;
  readonly title: string;
  readonly now: number | null;
  readonly want: number | null;
  readonly questions: readonly { readonly id: string; readonly text: string; readonly answers: readonly { id: string; text: string }[] }[];
}

export interface SpotlightGroup {
  readonly id: string;
  readonly number: number;
  readonly names: readonly string[];
  readonly topics: readonly SpotlightTopic[];
  readonly takeaway: string;
}
