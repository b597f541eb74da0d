/**
 * Runtime schemas for every payload a client may send. The server validates each
 * message against these before anything else happens; payload types are inferred from
 * them so the wire contract cannot drift from the validation.
 *
 * Objects are strict (unknown keys are an error), strings are cleaned and counted in
 * code points.
 */
import { z } from 'zod';
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  LANGUAGES,
  LATE_JOINER_POLICIES,
  LIMITS,
  RATING_MAX,
  RATING_MIN,
  ROLES,
  SCORING_MODES,
} from '../constants.ts';
import { charCount, cleanText, normaliseJoinCode } from '../text.ts';
import { STEP_KIND_NAMES, type Step, type StepKind } from '../steps/index.ts';
import { STEP_PAYLOADS } from '../steps/schemas.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const idSchema = z.string().regex(ID, 'ongeldige id');
/** Idempotency key of one client operation: a retry with the same opId is applied once. */
export const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'ongeldige opId');

function textSchema(max: number, opts: { multiline: boolean; min?: number }) {
  return z
    .string()
    .max(max * 4) // cheap guard before cleaning: no code point is more than 2 UTF-16 units, with slack for marks we strip
    .transform((s) => cleanText(s, opts))
    .refine((s) => charCount(s) <= max, `maximaal ${max} tekens`)
    .refine((s) => charCount(s) >= (opts.min ?? 0), opts.min ? `minimaal ${opts.min} teken(s)` : 'te kort');
}

export const joinCodeSchema = z
  .string()
  .max(20)
  .transform(normaliseJoinCode)
  .refine(
    (s) => s.length === JOIN_CODE_LENGTH && [...s].every((c) => JOIN_CODE_ALPHABET.includes(c)),
    'ongeldige code',
  );

const rating = z.number().int().min(RATING_MIN).max(RATING_MAX);

export const topicInputSchema = z.strictObject({
  id: idSchema,
  title: textSchema(LIMITS.topicTitle, { multiline: false, min: 1 }),
  description: textSchema(LIMITS.topicDescription, { multiline: true }),
});

export const questionInputSchema = z.strictObject({
  id: idSchema,
  text: textSchema(LIMITS.question, { multiline: false, min: 1 }),
});

export const sessionContentSchema = z
  .strictObject({
    title: textSchema(LIMITS.title, { multiline: false, min: 1 }),
    intro: textSchema(LIMITS.topicDescription, { multiline: true }),
    topics: z.array(topicInputSchema).min(1).max(LIMITS.topics).readonly(),
    questions: z.array(questionInputSchema).min(1).max(LIMITS.questions).readonly(),
    takeawayQuestion: textSchema(LIMITS.question, { multiline: false, min: 1 }),
    contact: textSchema(LIMITS.question, { multiline: false }),
  })
  .refine((c) => new Set(c.topics.map((t) => t.id)).size === c.topics.length, 'dubbele id bij de kenmerken')
  .refine((c) => new Set(c.questions.map((q) => q.id)).size === c.questions.length, 'dubbele id bij de vragen');

export const settingsPatchSchema = z
  .strictObject({
    targetGroupSize: z.number().int().min(LIMITS.groupSizeMin).max(LIMITS.groupSizeMax),
    lateJoiners: z.enum(LATE_JOINER_POLICIES),
    locked: z.boolean(),
    language: z.enum(LANGUAGES),
    topicMinutes: z.number().int().min(1).max(LIMITS.topicMinutes),
    maxParticipants: z.number().int().min(1).max(LIMITS.participantsPerSession).nullable(),
    screenRotationPaused: z.boolean(),
    screenJoinHidden: z.boolean(),
    screenLobbyNames: z.boolean(),
    admitJoiners: z.boolean(),
    scoring: z.enum(SCORING_MODES),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'niets om te wijzigen');

/** The console turns the projector's page: back (-1) or on (1). Relayed to screens, not stored. */
export const screenPageSchema = z.strictObject({ step: z.union([z.literal(-1), z.literal(1)]) });
export type ScreenPagePayload = z.infer<typeof screenPageSchema>;

/* ---------- Socket.IO handshake ---------- */

/** The `auth` of a Socket.IO handshake (see HandshakeAuth in events.ts). */
export const handshakeAuthSchema = z.union([
  z.strictObject({ participantToken: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) }),
  z.strictObject({
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    secret: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/),
    as: z.enum(['facilitator', 'screen']),
  }),
  z.strictObject({}),
]);

/* ---------- HTTP ---------- */

export const createSessionSchema = z.strictObject({
  templateId: z.string().max(64),
  content: sessionContentSchema.optional(),
  language: z.enum(LANGUAGES).optional(),
  /** Scores per group (default) or per person. */
  scoring: z.enum(SCORING_MODES).optional(),
});

/* ---------- Socket.IO: anyone ---------- */

export const joinSchema = z.strictObject({
  code: joinCodeSchema,
  name: textSchema(LIMITS.name, { multiline: false, min: 1 }),
  role: z.enum(ROLES),
  organisation: textSchema(LIMITS.organisation, { multiline: false }),
  /**
   * The device credential the server gave this phone at an earlier join (JoinResult.device),
   * so a removed person can be blocked from rejoining on the same device. A value the server
   * did not issue is ignored (a new credential is issued).
   */
  deviceId: z.string().regex(/^[A-Za-z0-9_.-]{16,80}$/).optional(),
});

/* ---------- Socket.IO: participant ---------- */

export const answerAddSchema = z.strictObject({
  answerId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'ongeldige answerId'),
  topicId: idSchema,
  questionId: idSchema,
  text: textSchema(LIMITS.answer, { multiline: true, min: 1 }),
});

export const answerEditSchema = z.strictObject({
  answerId: idSchema,
  text: textSchema(LIMITS.answer, { multiline: true, min: 1 }),
  rev: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const answerDeleteSchema = z.strictObject({ opId: opIdSchema, answerId: idSchema });

export const ratingSetSchema = z
  .strictObject({
    opId: opIdSchema,
    topicId: idSchema,
    now: rating.nullable().optional(),
    want: rating.nullable().optional(),
  })
  .refine((r) => r.now !== undefined || r.want !== undefined, 'geef een score');

/** Binary payloads (Yjs): a Uint8Array (a Buffer on the server), not empty, at most `max` bytes. */
function bytesSchema(max: number) {
  return z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'binaire gegevens verwacht' })
    .refine((b) => b.byteLength >= 1, 'leeg')
    .refine((b) => b.byteLength <= max, `hoogstens ${max} bytes`);
}

/** Yjs sync step 1: the phone's state vector; the server answers what the phone misses and its own state vector. */
export const takeawaySyncSchema = z.strictObject({
  groupId: idSchema,
  stateVector: bytesSchema(LIMITS.takeawayStateVectorBytes),
});

/** A Yjs update of the group's takeaway (a live edit, or what the server missed after a sync). */
export const takeawayUpdateSchema = z.strictObject({
  opId: opIdSchema,
  groupId: idSchema,
  update: bytesSchema(LIMITS.takeawayUpdateBytes),
});

/* ---------- Socket.IO: facilitator ---------- */

const op = { opId: opIdSchema };

export const contentUpdateSchema = z.strictObject({ ...op, content: sessionContentSchema });
export const settingsUpdateSchema = z.strictObject({ ...op, settings: settingsPatchSchema });
export const groupsFormSchema = z.strictObject({
  ...op,
  targetSize: z.number().int().min(LIMITS.groupSizeMin).max(LIMITS.groupSizeMax).optional(),
});
export const participantMoveSchema = z.strictObject({ ...op, participantId: idSchema, groupId: idSchema.nullable() });
export const participantRemoveSchema = z.strictObject({ ...op, participantId: idSchema, block: z.boolean().optional() });
/** Let waiting joiners in: these, or everyone who waits. */
export const participantAdmitSchema = z.strictObject({
  ...op,
  participantIds: z.union([z.literal('all'), z.array(idSchema).min(1).max(LIMITS.participantsPerSession)]),
});
export const stepSetSchema = z.strictObject({ ...op, stepIndex: z.number().int().min(0).max(1000) });
/* Agenda edits (shared/domain/agenda.ts). A step's payload is checked by its kind's own schema. */
const stepTitle = textSchema(LIMITS.stepTitle, { multiline: false, min: 1 });
const stepBody = textSchema(LIMITS.stepBody, { multiline: true });
const stepNotes = textSchema(LIMITS.stepNotes, { multiline: true });
const stepMinutes = z.number().int().min(0).max(LIMITS.stepMinutes);

/** A new step as a facilitator sends it: the server chooses its id. */
export type StepInput = { [K in StepKind]: Omit<Extract<Step, { kind: K }>, 'id' | 'body' | 'notes' | 'minutes'> & { body?: string; notes?: string; minutes?: number } }[StepKind];

export const stepInputSchema = z
  .strictObject({
    kind: z.enum(STEP_KIND_NAMES as [StepKind, ...StepKind[]]),
    title: stepTitle,
    body: stepBody.optional(),
    notes: stepNotes.optional(),
    minutes: stepMinutes.optional(),
    payload: z.unknown().optional(),
  })
  .transform((s, ctx) => {
    const payload = STEP_PAYLOADS[s.kind].safeParse(s.payload ?? {});
    if (!payload.success) {
      ctx.addIssue({ code: 'custom', path: ['payload'], message: 'ongeldige inhoud voor dit soort stap' });
      return z.NEVER;
    }
    return { ...s, payload: payload.data } as StepInput;
  });

export const agendaAddSchema = z.strictObject({ ...op, index: z.number().int().min(0).max(LIMITS.steps), step: stepInputSchema });
export const agendaRemoveSchema = z.strictObject({ ...op, stepId: idSchema });
export const agendaMoveSchema = z.strictObject({ ...op, stepId: idSchema, to: z.number().int().min(0).max(LIMITS.steps) });
export const agendaEditSchema = z
  .strictObject({ ...op, stepId: idSchema, title: stepTitle.optional(), body: stepBody.optional(), notes: stepNotes.optional(), minutes: stepMinutes.optional() })
  .refine((p) => p.title !== undefined || p.body !== undefined || p.notes !== undefined || p.minutes !== undefined, 'niets om te wijzigen');

export const timerStartSchema = z.strictObject({
  ...op,
  seconds: z.number().int().min(1).max(LIMITS.timerMaxSeconds).optional(),
});
export const timerPauseSchema = z.strictObject(op);
export const timerResetSchema = z.strictObject(op);
export const timerExtendSchema = z.strictObject({ ...op, seconds: z.number().int().min(-3600).max(3600) });
export const answerHideSchema = z.strictObject({ ...op, answerId: idSchema, hidden: z.boolean() });
export const spotlightSetSchema = z.strictObject({ ...op, groupId: idSchema.nullable() });
export const sessionEndSchema = z.strictObject(op);

export type JoinPayload = z.infer<typeof joinSchema>;
export type JoinInput = z.input<typeof joinSchema>;
export type AnswerAddPayload = z.infer<typeof answerAddSchema>;
export type AnswerEditPayload = z.infer<typeof answerEditSchema>;
export type AnswerDeletePayload = z.infer<typeof answerDeleteSchema>;
export type RatingSetPayload = z.infer<typeof ratingSetSchema>;
export type TakeawaySyncPayload = z.infer<typeof takeawaySyncSchema>;
export type TakeawayUpdatePayload = z.infer<typeof takeawayUpdateSchema>;
export type ContentUpdatePayload = z.infer<typeof contentUpdateSchema>;
export type SettingsUpdatePayload = z.infer<typeof settingsUpdateSchema>;
export type GroupsFormPayload = z.infer<typeof groupsFormSchema>;
export type ParticipantMovePayload = z.infer<typeof participantMoveSchema>;
export type ParticipantRemovePayload = z.infer<typeof participantRemoveSchema>;
export type ParticipantAdmitPayload = z.infer<typeof participantAdmitSchema>;
export type StepSetPayload = z.infer<typeof stepSetSchema>;
export type AgendaAddPayload = z.infer<typeof agendaAddSchema>;
export type AgendaRemovePayload = z.infer<typeof agendaRemoveSchema>;
export type AgendaMovePayload = z.infer<typeof agendaMoveSchema>;
export type AgendaEditPayload = z.infer<typeof agendaEditSchema>;
export type TimerStartPayload = z.infer<typeof timerStartSchema>;
export type TimerExtendPayload = z.infer<typeof timerExtendSchema>;
export type AnswerHidePayload = z.infer<typeof answerHideSchema>;
export type SpotlightSetPayload = z.infer<typeof spotlightSetSchema>;
export type CreateSessionPayload = z.infer<typeof createSessionSchema>;
