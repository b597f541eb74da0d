/**
 * The agenda of a session as data: `state.agenda` is a list of steps of registered kinds
 * (shared/steps). The room is at `state.stepIndex`. Facilitators add, remove, move and edit
 * steps before and during the session; the rules for that live here, called from `decide`,
 * and the events are folded in by `evolveAgenda`, called from `evolve`.
 *
 * Sessions stored before the agenda was data have no steps in their `session.created`
 * event: `legacyAgenda` derives them from the content exactly as the old code did
 * (lobby → groups → one step per topic → takeaway → feedback → closing).
 */
import { LIMITS } from '../constants.ts';
import type { ErrorCode } from '../protocol/ack.ts';
import type { MessageKey } from '../i18n/index.ts';
import { kindOf, STEP_KINDS, type Step, type StepKind } from '../steps/index.ts';
import type { Command } from './commands.ts';
import type { DomainEvent } from './events.ts';
import { idleTimer } from './timer.ts';
import type { SessionContent, SessionState, Topic } from './types.ts';

export type { Step, StepKind, StepOf } from '../steps/index.ts';

/** Minutes of the legacy steps that were not topics (the old fixed 5 minutes). */
const LEGACY_MINUTES = 5;

const common = { body: '', notes: '' } as const;

/** The agenda a session created before agendas were data would have had. */
export function legacyAgenda(content: SessionContent, topicMinutes: number): Step[] {
  return [
    { id: 'lobby', kind: 'lobby', title: '', ...common, minutes: LEGACY_MINUTES, payload: {} },
    { id: 'groups', kind: 'groups', title: '', ...common, minutes: LEGACY_MINUTES, payload: {} },
    ...content.topics.map((t): Step => topicStep(t, topicMinutes)),
    { id: 'takeaway', kind: 'takeaway', title: '', ...common, minutes: LEGACY_MINUTES, payload: {} },
    { id: 'feedback', kind: 'feedback', title: '', ...common, minutes: LEGACY_MINUTES, payload: {} },
    { id: 'closing', kind: 'closing', title: '', ...common, minutes: LEGACY_MINUTES, payload: {} },
  ];
}

function topicStep(t: Topic, minutes: number, id = `topic-${t.id}`): Step {
  return { id, kind: 'topic', title: t.title, ...common, minutes, payload: { topicId: t.id } };
}

const topicIdOf = (s: Step): string | null => (s.kind === 'topic' ? s.payload.topicId : null);

/**
 * Fits the topic steps of an agenda to a content's topics: steps of topics that are gone are
 * dropped, titles follow the content, the topic steps take the content's order, and new
 * topics are added after the last topic step (or before the takeaway, or at the end).
 * Every other step stays where it is.
 */
export function alignTopics(steps: readonly Step[], topics: readonly Topic[], minutes: number): Step[] {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const kept = steps.filter((s) => {
    const id = topicIdOf(s);
    return id === null || byId.has(id);
  });
  const existing = new Map(kept.filter((s) => s.kind === 'topic').map((s) => [topicIdOf(s)!, s]));
  const present = topics.filter((t) => existing.has(t.id));
  let slot = 0;
  const out = kept.map((s): Step => {
    if (s.kind !== 'topic') return s;
    const t = present[slot++]!;
    return { ...existing.get(t.id)!, title: t.title };
  });
  const missing = topics.filter((t) => !existing.has(t.id));
  if (missing.length === 0) return out;
  const ids = new Set(out.map((s) => s.id));
  const fresh = missing.map((t) => {
    let id = `topic-${t.id}`;
    for (let i = 2; ids.has(id); i++) id = `topic-${t.id}-${i}`;
    ids.add(id);
    return topicStep(t, minutes, id);
  });
  let at = out.findLastIndex((s) => s.kind === 'topic') + 1;
  if (at === 0) {
    const after = out.findIndex((s) => s.kind === 'takeaway' || s.kind === 'feedback' || s.kind === 'closing');
    at = after === -1 ? out.length : after;
  }
  return [...out.slice(0, at), ...fresh, ...out.slice(at)];
}

/** The step at `index`, clamped to the agenda. */
export function stepAt(state: Pick<SessionState, 'agenda'>, index: number): Step {
  const steps = state.agenda;
  return steps[Math.min(Math.max(index, 0), steps.length - 1)] ?? LOBBY_FALLBACK;
}

const LOBBY_FALLBACK: Step = { id: 'lobby', kind: 'lobby', title: '', ...common, minutes: 0, payload: {} };

export function currentStep(state: Pick<SessionState, 'agenda' | 'stepIndex'>): Step {
  return stepAt(state, state.stepIndex);
}

/** Index of the first step of a kind, or -1. */
export function firstStepOf(state: Pick<SessionState, 'agenda'>, kind: StepKind): number {
  return state.agenda.findIndex((s) => s.kind === kind);
}

/** 0-based position of a topic step's topic in the content (for "kenmerk 3 van 7"), or -1. */
export function topicIndexOf(state: Pick<SessionState, 'content'>, step: Step): number {
  return step.kind === 'topic' ? state.content.topics.findIndex((t) => t.id === step.payload.topicId) : -1;
}

/** True once the room reached the first topic step: the dialogue has started. */
export function dialogueStarted(state: SessionState): boolean {
  const first = firstStepOf(state, 'topic');
  return first !== -1 && state.stepIndex >= first;
}

export function stepDurationMs(step: Step): number {
  return step.minutes * 60_000;
}

/* ---------- Who sees what ---------- */

/**
 * Presenter notes are for facilitators only: the screen never gets them, and phones get
 * neither notes nor slide bodies (they show the title and "kijk mee op het scherm").
 */
export type Audience = 'facilitator' | 'screen' | 'participant';

export function redactStep(step: Step, audience: Audience): Step {
  if (audience === 'facilitator') return step;
  if (audience === 'screen') return step.notes === '' ? step : { ...step, notes: '' };
  return step.notes === '' && step.body === '' ? step : { ...step, notes: '', body: '' };
}

export function redactAgenda(steps: readonly Step[], audience: Audience): Step[] {
  return steps.map((s) => redactStep(s, audience));
}

/** The event as an audience may see it; events without step text pass unchanged. */
export function redactEvent(event: DomainEvent, audience: Audience): DomainEvent {
  if (audience === 'facilitator') return event;
  switch (event.type) {
    case 'session.created':
      return event.steps ? { ...event, steps: redactAgenda(event.steps, audience) } : event;
    case 'agenda.set':
      return { ...event, steps: redactAgenda(event.steps, audience) };
    case 'step.added':
      return { ...event, step: redactStep(event.step, audience) };
    case 'step.edited': {
      const { notes: _notes, body, ...rest } = event.patch;
      return { ...event, patch: audience === 'screen' && body !== undefined ? { ...rest, body } : rest };
    }
    default:
      return event;
  }
}

/** True when an event carries text a screen or phone may not see, so it must be redacted per audience. */
export function carriesStepText(event: DomainEvent): boolean {
  return event.type === 'agenda.set' || event.type === 'step.added' || event.type === 'step.edited';
}

/* ---------- Rules ---------- */

type Refusal = { readonly ok: false; readonly code: ErrorCode; readonly key: MessageKey };
type Decision = { readonly ok: true; readonly events: readonly DomainEvent[] } | Refusal;
const refuse = (code: ErrorCode, key: MessageKey): Refusal => ({ ok: false, code, key });
const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });

export type AgendaCommand = Extract<Command, { type: 'agenda:add' | 'agenda:remove' | 'agenda:move' | 'agenda:edit' }>;

export function isAgendaCommand(command: Command): command is AgendaCommand {
  return command.type === 'agenda:add' || command.type === 'agenda:remove' || command.type === 'agenda:move' || command.type === 'agenda:edit';
}

/** The facilitator's agenda edits. Pure, like `decide`. */
export function decideAgenda(state: SessionState, command: AgendaCommand, newId: () => string): Decision {
  const steps = state.agenda;
  switch (command.type) {
    case 'agenda:add': {
      if (steps.length >= LIMITS.steps) return refuse('conflict', 'error.agendaFull');
      const input = command.step;
      const spec = STEP_KINDS[input.kind] as (typeof STEP_KINDS)[StepKind] & { invalidPayload?: (s: SessionState, p: never) => MessageKey | null };
      const bad = spec.invalidPayload?.(state, input.payload as never);
      if (bad) return refuse('not_found', bad);
      const step = {
        id: newId(),
        kind: input.kind,
        title: input.title,
        body: input.body ?? '',
        notes: input.notes ?? '',
        minutes: input.minutes ?? spec.defaultMinutes,
        payload: input.payload,
      } as Step;
      const key = kindOf(step).uniqueKey(step.payload);
      if (key !== null && steps.some((s) => kindOf(s).uniqueKey(s.payload) === key)) return refuse('conflict', 'error.stepDuplicate');
      return accept({ type: 'step.added', index: Math.min(command.index, steps.length), step });
    }
    case 'agenda:remove': {
      const index = steps.findIndex((s) => s.id === command.stepId);
      const step = steps[index];
      if (!step) return refuse('not_found', 'error.unknownStep');
      if (index === state.stepIndex) return refuse('conflict', 'error.stepCurrent');
      if (kindOf(step).hasWork(state, step.payload)) return refuse('conflict', 'error.stepHasWork');
      return accept({ type: 'step.removed', stepId: step.id });
    }
    case 'agenda:move': {
      const index = steps.findIndex((s) => s.id === command.stepId);
      if (index === -1) return refuse('not_found', 'error.unknownStep');
      const to = Math.min(command.to, steps.length - 1);
      if (to === index) return accept();
      return accept({ type: 'step.moved', stepId: command.stepId, to });
    }
    case 'agenda:edit': {
      const index = steps.findIndex((s) => s.id === command.stepId);
      const step = steps[index];
      if (!step) return refuse('not_found', 'error.unknownStep');
      const patch: { title?: string; body?: string; notes?: string; minutes?: number } = {};
      if (command.title !== undefined && command.title !== step.title) patch.title = command.title;
      if (command.body !== undefined && command.body !== step.body) patch.body = command.body;
      if (command.notes !== undefined && command.notes !== step.notes) patch.notes = command.notes;
      if (command.minutes !== undefined && command.minutes !== step.minutes) patch.minutes = command.minutes;
      if (Object.keys(patch).length === 0) return accept();
      return accept({ type: 'step.edited', stepId: step.id, patch }, ...idleTimerFollows(state, index, patch.minutes));
    }
  }
}

/** A new length for the step on screen, before its timer started, is the length it starts with. */
function idleTimerFollows(state: SessionState, index: number, minutes: number | undefined): DomainEvent[] {
  return minutes !== undefined && index === state.stepIndex && state.timer.status === 'idle'
    ? [{ type: 'timer.changed', timer: idleTimer(minutes * 60_000) }]
    : [];
}

/**
 * "Minuten per kenmerk" changed: the topic steps still at the old default length get the new
 * one; a step the facilitator gave a length of its own keeps it. (A step set by hand to
 * exactly the old default cannot be told apart, and follows too.) A running timer is left
 * alone: the new length counts from the next start.
 */
export function retimeTopics(state: SessionState, minutes: number): DomainEvent[] {
  const old = state.settings.topicMinutes;
  if (minutes === old) return [];
  return state.agenda.flatMap((step, index): DomainEvent[] =>
    step.kind === 'topic' && step.minutes === old
      ? [{ type: 'step.edited', stepId: step.id, patch: { minutes } }, ...idleTimerFollows(state, index, minutes)]
      : [],
  );
}

/* ---------- Folding events ---------- */

type AgendaEvent = Extract<DomainEvent, { type: 'agenda.set' | 'step.added' | 'step.removed' | 'step.moved' | 'step.edited' }>;

/** Applies an agenda event; the room stays on the same step (by id) when steps move around it. */
export function evolveAgenda(state: SessionState, event: AgendaEvent): void {
  const currentId = state.agenda[state.stepIndex]?.id;
  switch (event.type) {
    case 'agenda.set':
      state.agenda = [...event.steps];
      break;
    case 'step.added': {
      const next = [...state.agenda];
      next.splice(Math.min(event.index, next.length), 0, event.step);
      state.agenda = next;
      break;
    }
    case 'step.removed':
      state.agenda = state.agenda.filter((s) => s.id !== event.stepId);
      break;
    case 'step.moved': {
      const from = state.agenda.findIndex((s) => s.id === event.stepId);
      if (from === -1) break;
      const next = [...state.agenda];
      const [moved] = next.splice(from, 1);
      next.splice(Math.min(event.to, next.length), 0, moved!);
      state.agenda = next;
      break;
    }
    case 'step.edited':
      state.agenda = state.agenda.map((s) => (s.id === event.stepId ? ({ ...s, ...event.patch } as Step) : s));
      break;
  }
  const at = currentId === undefined ? -1 : state.agenda.findIndex((s) => s.id === currentId);
  state.stepIndex = at !== -1 ? at : Math.min(state.stepIndex, Math.max(0, state.agenda.length - 1));
}

/* ---------- Exports ---------- */

/**
 * The steps whose rows an export holds, in order: the agenda, plus a stand-in for data that no
 * step covers any more (answers of a topic without a step, a takeaway after its step was
 * removed), so a download never silently drops what a group wrote.
 */
export function exportSteps(state: SessionState): Step[] {
  const steps = [...state.agenda];
  const covered = new Set(steps.map((s) => topicIdOf(s)).filter((id) => id !== null));
  const orphans = new Set<string>();
  for (const a of Object.values(state.answers)) if (!covered.has(a.topicId)) orphans.add(a.topicId);
  for (const r of Object.values(state.ratings)) if (!covered.has(r.topicId)) orphans.add(r.topicId);
  const topics = state.content.topics;
  const ordered = [...orphans].sort((a, b) => {
    const ia = topics.findIndex((t) => t.id === a);
    const ib = topics.findIndex((t) => t.id === b);
    return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib) || a.localeCompare(b);
  });
  const standIns = ordered.map((id) => topicStep(topics.find((t) => t.id === id) ?? { id, title: '', description: '' }, 0, `export-${id}`));
  const at = steps.findLastIndex((s) => s.kind === 'topic') + 1 || steps.length;
  steps.splice(at, 0, ...standIns);
  if (!steps.some((s) => s.kind === 'takeaway')) steps.push({ id: 'export-takeaway', kind: 'takeaway', title: '', ...common, minutes: 0, payload: {} });
  return steps;
}
