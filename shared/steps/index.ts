/**
 * The registry of agenda step kinds. A session's agenda is data (SessionState.agenda): a list
 * of steps, each of a kind registered here with its payload. Add a kind: a folder beside this
 * file (index.ts: rules and its CSV rows; schema.ts: payload), one line in STEP_KINDS and
 * STEP_PAYLOADS, and a folder client/src/steps/<kind>/
 * with its views, one line in each client table (client/src/steps/screen.ts, phone.ts and,
 * for a view loaded after joining, phoneLater.ts). Every table is typed over StepKind, so
 * a kind left out of one does not compile.
 */
import type { z } from 'zod';
import type { STEP_PAYLOADS } from './schemas.ts';
import { closing } from './closing/index.ts';
import { content } from './content/index.ts';
import { feedback } from './feedback/index.ts';
import { groups } from './groups/index.ts';
import type { StepKindSpec } from './kind.ts';
import { lobby } from './lobby/index.ts';
import { takeaway } from './takeaway/index.ts';
import { topic } from './topic/index.ts';

export const STEP_KINDS = { lobby, content, groups, topic, takeaway, feedback, closing } as const;

export type StepKind = keyof typeof STEP_KINDS;
export const STEP_KIND_NAMES = Object.keys(STEP_KINDS) as StepKind[];

type PayloadOf<K extends StepKind> = z.infer<(typeof STEP_PAYLOADS)[K]>;

/** What every step has, whatever its kind. */
export interface StepCommon {
  /** Unique within the session; stable across reorders and edits. */
  readonly id: string;
  /** Shown on the console, the screen (content slides) and phones (content slides). */
  readonly title: string;
  /** The slide text for the screen; may be empty. Phones never receive it. */
  readonly body: string;
  /** Presenter notes: only facilitators ever receive them. */
  readonly notes: string;
  /** Timer length of the step in minutes; 0: no timer. */
  readonly minutes: number;
}

/** One agenda step: a discriminated union on `kind`, so `switch (step.kind)` narrows `payload`. */
export type Step = { [K in StepKind]: StepCommon & { readonly kind: K; readonly payload: PayloadOf<K> } }[StepKind];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

export function kindOf(step: Step): StepKindSpec<Step['payload']> {
  return STEP_KINDS[step.kind] as StepKindSpec<Step['payload']>;
}

export type { ExportRow, StepKindSpec } from './kind.ts';
