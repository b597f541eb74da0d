/**
 * The rules of a session as one pure function: (state, command, context) → events or a
 * refusal. It never mutates `state` and never reads a clock or a random source: the
 * context brings `now`, the actor and an id generator, so every decision can be tested
 * from a table and replayed.
 */
import type { ErrorCode } from '../protocol/ack.ts';
import type { MessageKey } from '../i18n/index.ts';
import { LIMITS } from '../constants.ts';
import { alignTopics, currentStep, decideAgenda, dialogueStarted, isAgendaCommand, retimeTopics, stepDurationMs } from './agenda.ts';
import { kindOf } from '../steps/index.ts';
import type { Command } from './commands.ts';
import type { DomainEvent } from './events.ts';
import { chooseGroupForLateJoiner, formGroups, type GroupingCandidate } from './grouping.ts';
import { extendTimer, idleTimer, pauseTimer, remainingMs, startTimer } from './timer.ts';
import { sentBy, WHO_MAY, type CommandOf } from './permissions.ts';
import { hasRatings, ratingKey, scoringOf, type Actor, type Answer, type Group, type Participant, type PersonRating, type Rating, type SessionState } from './types.ts';

export interface DecideContext {
  readonly actor: Actor;
  readonly now: number;
  /** Generates a fresh unique id (nanoid on the server, a counter in tests). */
  readonly newId: () => string;
  /**
   * How many participants are in the session and not removed, from the caller's read model
   * (the server keeps it per session); without it they are counted, which at 2,000 people
   * made every join walk all of them.
   */
  readonly activeParticipants?: () => number;
  /** The answers of one group, from the caller's index; without it all answers are scanned. */
  readonly answersOfGroup?: (groupId: string) => Iterable<Answer>;
}

export type Refusal = { readonly ok: false; readonly code: ErrorCode; readonly key: MessageKey };
export type Decision = { readonly ok: true; readonly events: readonly DomainEvent[] } | Refusal;

const refuse = (code: ErrorCode, key: MessageKey): Refusal => ({ ok: false, code, key });
const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });
/** Accepted, nothing changes: a retry of something already applied. */
const unchanged: Decision = { ok: true, events: [] };


export function activeParticipants(state: SessionState): Participant[] {
  return Object.values(state.participants).filter((p) => !p.removed);
}

/** How many have joined and were not removed; a loop without allocations, as it runs on every join. */
export function countActive(state: SessionState): number {
  let n = 0;
  for (const id in state.participants) if (!state.participants[id]!.removed) n++;
  return n;
}

/** True once any group has written or scored anything: regrouping would orphan it. */
export function hasGroupWork(state: SessionState): boolean {
  for (const _ in state.answers) return true;
  for (const _ in state.ratings) return true;
  for (const _ in state.takeaways) return true;
  return false;
}

/**
 * A record entry by id, own properties only: ids come from clients, and `state.answers['__proto__']`
 * or `['constructor']` must read as "no such answer", never as Object.prototype.
 */
function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** Ids a client may not choose for a new record: assigning them would reach the prototype. */
const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const TIMER_MAX_MS = LIMITS.timerMaxSeconds * 1000;

function candidate(p: Participant): GroupingCandidate {
  return { id: p.id, role: p.role, organisation: p.organisation };
}

/**
 * Who may send this command at all: the actor's kind, that a participant is still in the
 * session, and that an answer they name is their own. The server asks this BEFORE it looks
 * at the idempotency key, so a refused sender never gets "ok, already done" for someone
 * else's (or their own, revoked) operation. Rules about the moment (ended, moved to
 * another group, stale revisions) come after the key, in `decide`, so a retry of
 * something that was applied is still acknowledged.
 */
export function authorise(state: SessionState, command: Command, actor: Actor): Refusal | null {
  // The one table of who may send what (permissions.ts); the transport asks it too, first.
  const may = WHO_MAY[command.type];
  if (actor.kind !== may) return actor.kind === 'guest' && may === 'participant' ? refuse('unauthorized', 'error.unauthorized') : refuse('forbidden', 'error.forbidden');
  if (actor.kind !== 'participant') return null;
  const me = own(state.participants, actor.participantId);
  if (!me || me.removed) return refuse('unauthorized', 'error.removed');
  // Waiting to be let in ("deelnemers toelaten"): nothing to write yet.
  if (me.waiting) return refuse('forbidden', 'error.waiting');
  if (command.type === 'answer:add' || command.type === 'answer:edit' || command.type === 'answer:delete') {
    const answer = own(state.answers, command.answerId);
    if (answer && answer.authorId !== actor.participantId) {
      return command.type === 'answer:add' ? refuse('conflict', 'error.answerIdTaken') : refuse('forbidden', 'error.notYourAnswer');
    }
  }
  return null;
}

export function decide(state: SessionState, command: Command, ctx: DecideContext): Decision {
  const { actor, now } = ctx;

  const refused = authorise(state, command, actor);
  if (refused) return refused;
  if (state.endedAt !== null) return refuse('ended', 'error.ended');

  if (sentBy(command, 'guest')) {
    if (state.settings.locked) return refuse('locked', 'error.locked');
    if (command.deviceHash && state.blockedDevices.includes(command.deviceHash)) return refuse('forbidden', 'error.blocked');
    const cap = Math.min(state.settings.maxParticipants ?? Infinity, LIMITS.participantsPerSession);
    if ((ctx.activeParticipants?.() ?? countActive(state)) >= cap) return refuse('full', 'error.full');
    const waiting = state.settings.admitJoiners === true;
    const participant: Participant = {
      id: command.participantId,
      name: command.name,
      role: command.role,
      organisation: command.organisation,
      joinedAt: now,
      // Someone who waits gets a group when let in, placed as a late joiner then.
      groupId: waiting ? null : lateJoinerGroups(state, [{ id: command.participantId, role: command.role, organisation: command.organisation }])[0]!,
      removed: false,
      deviceHash: command.deviceHash ?? null,
      ...(waiting ? { waiting } : {}),
    };
    return accept({ type: 'participant.joined', participant });
  }

  if (sentBy(command, 'participant') && actor.kind === 'participant') return decideForParticipant(state, command, actor.participantId, now, ctx.answersOfGroup);
  if (sentBy(command, 'facilitator')) return decideForFacilitator(state, command, ctx);
  // authorise() let only the actor of WHO_MAY through, so every command was handled above.
  return refuse('forbidden', 'error.forbidden');
}

/** The group of each newcomer, in order, each placed seeing the ones before it (null: the lobby). */
function lateJoinerGroups(state: SessionState, newcomers: readonly GroupingCandidate[]): (string | null)[] {
  if (state.settings.lateJoiners !== 'smallest' || state.groups.length === 0) return newcomers.map(() => null);
  const members = state.groups.map((g) => g.memberIds.map((id) => candidate(state.participants[id]!)));
  return newcomers.map((newcomer) => {
    const index = chooseGroupForLateJoiner(members, newcomer);
    if (index === null) return null;
    members[index]!.push(newcomer);
    return state.groups[index]?.id ?? null;
  });
}

/**
 * Lets waiting joiners in: the ones named (or everyone who waits), each placed like a late
 * joiner. Someone already let in is skipped (a second click changes nothing); an id that
 * names no one, or someone removed meanwhile, refuses the whole command.
 */
function admit(state: SessionState, ids: readonly string[] | 'all'): Decision {
  const named = ids === 'all' ? Object.values(state.participants).filter((p) => p.waiting && !p.removed) : [...new Set(ids)].map((id) => own(state.participants, id));
  const people: Participant[] = [];
  for (const p of named) {
    if (!p || p.removed) return refuse('not_found', 'error.unknownParticipant');
    if (p.waiting) people.push(p);
  }
  if (people.length === 0) return unchanged;
  const groups = lateJoinerGroups(state, people.map(candidate));
  return accept(
    ...people.map((p, i): DomainEvent => {
      const { waiting: _waiting, ...rest } = p;
      return { type: 'participant.admitted', participant: { ...rest, groupId: groups[i]! } };
    }),
  );
}

/**
 * An answer stays with the group that wrote it: its author may change it only while they
 * are still in that group (after a move they write in the new group).
 */
function inAuthorsGroup(answer: Answer, me: Participant): boolean {
  return answer.groupId === me.groupId;
}

/** How many answers this participant has given to one question of one topic (in their group). */
function ownAnswersTo(
  state: SessionState,
  me: Participant,
  topicId: string,
  questionId: string,
  answersOfGroup: ((groupId: string) => Iterable<Answer>) | undefined,
): number {
  let n = 0;
  const answers = answersOfGroup && me.groupId ? answersOfGroup(me.groupId) : Object.values(state.answers);
  for (const a of answers) if (a.authorId === me.id && a.topicId === topicId && a.questionId === questionId) n++;
  return n;
}

function decideForParticipant(
  state: SessionState,
  command: CommandOf<'participant'>,
  participantId: string,
  now: number,
  answersOfGroup?: (groupId: string) => Iterable<Answer>,
): Decision {
  const me = own(state.participants, participantId)!; // authorise() checked it exists and was not removed

  switch (command.type) {
    case 'answer:add': {
      if (RESERVED_IDS.has(command.answerId)) return refuse('invalid', 'error.badId');
      const existing = own(state.answers, command.answerId);
      if (existing) {
        // The answer id is the idempotency key: a resend of the same add changes nothing.
        return existing.authorId === participantId ? unchanged : refuse('conflict', 'error.answerIdTaken');
      }
      if (!me.groupId) return refuse('conflict', 'error.noGroup');
      if (!state.content.topics.some((t) => t.id === command.topicId)) return refuse('not_found', 'error.unknownTopic');
      if (!state.content.questions.some((q) => q.id === command.questionId)) return refuse('not_found', 'error.unknownQuestion');
      if (ownAnswersTo(state, me, command.topicId, command.questionId, answersOfGroup) >= LIMITS.answersPerQuestion) return refuse('full', 'error.tooManyAnswers');
      return accept({
        type: 'answer.added',
        answer: {
          id: command.answerId,
          groupId: me.groupId,
          topicId: command.topicId,
          questionId: command.questionId,
          authorId: participantId,
          text: command.text,
          createdAt: now,
          updatedAt: now,
          rev: 1,
          hidden: false,
        },
      });
    }
    case 'answer:edit': {
      const answer = own(state.answers, command.answerId);
      if (!answer) return refuse('not_found', 'error.unknownAnswer');
      if (answer.authorId !== participantId) return refuse('forbidden', 'error.notYourAnswer');
      if (!inAuthorsGroup(answer, me)) return refuse('forbidden', 'error.answerInOldGroup');
      // Edits carry the author's own counter: an older or repeated edit is already superseded.
      if (command.rev <= answer.rev) return unchanged;
      return accept({ type: 'answer.edited', answerId: answer.id, text: command.text, rev: command.rev, at: now });
    }
    case 'answer:delete': {
      const answer = own(state.answers, command.answerId);
      // A retried delete is caught by its opId before it gets here; an unknown id is an error.
      if (!answer) return refuse('not_found', 'error.unknownAnswer');
      if (answer.authorId !== participantId) return refuse('forbidden', 'error.notYourAnswer');
      if (!inAuthorsGroup(answer, me)) return refuse('forbidden', 'error.answerInOldGroup');
      return accept({ type: 'answer.deleted', answerId: answer.id });
    }
    case 'rating:set': {
      if (!me.groupId) return refuse('conflict', 'error.noGroup');
      if (!state.content.topics.some((t) => t.id === command.topicId)) return refuse('not_found', 'error.unknownTopic');
      if (scoringOf(state.settings) === 'person') return personRating(state, me.groupId, command, participantId, now);
      const previous = state.ratings[ratingKey(me.groupId, command.topicId)];
      return accept({
        type: 'rating.set',
        rating: {
          groupId: me.groupId,
          topicId: command.topicId,
          now: command.now === undefined ? (previous?.now ?? null) : command.now,
          want: command.want === undefined ? (previous?.want ?? null) : command.want,
          updatedAt: now,
          updatedBy: participantId,
        },
      });
    }
    case 'takeaway:update': {
      const refusal = takeawayAccess(state, participantId, command.groupId);
      if (refusal) return refusal;
      if (command.update === null) return unchanged;
      const updated: DomainEvent = { type: 'takeaway.updated', groupId: command.groupId, update: command.update, text: command.text, at: now, by: participantId };
      if (command.compacted === null) return accept(updated);
      return accept(updated, { type: 'takeaway.compacted', groupId: command.groupId, doc: command.compacted });
    }
  }
}

/**
 * Scores per person: the member's own score (a scale left out keeps what they gave before)
 * and the group's new mean over the scores given in this group, O(group size).
 */
function personRating(
  state: SessionState,
  groupId: string,
  command: Extract<Command, { type: 'rating:set' }>,
  participantId: string,
  now: number,
): Decision {
  const key = ratingKey(groupId, command.topicId);
  const scores = state.personRatings?.[key] ?? {};
  const mine = own(scores, participantId);
  const person: PersonRating = {
    participantId,
    groupId,
    topicId: command.topicId,
    now: command.now === undefined ? (mine?.now ?? null) : command.now,
    want: command.want === undefined ? (mine?.want ?? null) : command.want,
    updatedAt: now,
  };
  return accept({ type: 'rating.set', rating: { ...groupMean(groupId, command.topicId, scores, person), updatedAt: now, updatedBy: participantId }, person });
}

/** The group's score from its members' own: the mean of each scale over who gave one, and how many did. */
export function groupMean(
  groupId: string,
  topicId: string,
  scores: Readonly<Record<string, PersonRating>>,
  changed?: PersonRating,
): Pick<Rating, 'groupId' | 'topicId' | 'now' | 'want' | 'nowCount' | 'wantCount' | 'people'> {
  let people = 0;
  let nowSum = 0;
  let nowCount = 0;
  let wantSum = 0;
  let wantCount = 0;
  const add = (r: PersonRating) => {
    if (r.now !== null || r.want !== null) people++;
    if (r.now !== null) {
      nowSum += r.now;
      nowCount++;
    }
    if (r.want !== null) {
      wantSum += r.want;
      wantCount++;
    }
  };
  for (const id in scores) if (id !== changed?.participantId) add(scores[id]!);
  if (changed) add(changed);
  return {
    groupId,
    topicId,
    now: nowCount ? nowSum / nowCount : null,
    want: wantCount ? wantSum / wantCount : null,
    nowCount,
    wantCount,
    people,
  };
}

/**
 * Who may read and write a group's takeaway: a member of that group who was not removed,
 * while the session runs. Also used by the server before it touches the Yjs document.
 */
export function takeawayAccess(state: SessionState, participantId: string, groupId: string): Refusal | null {
  if (state.endedAt !== null) return refuse('ended', 'error.ended');
  const me = state.participants[participantId];
  if (!me || me.removed) return refuse('unauthorized', 'error.removed');
  if (!me.groupId) return refuse('conflict', 'error.noGroup');
  if (me.groupId !== groupId || !findGroup(state, groupId)) return refuse('forbidden', 'error.notYourGroup');
  return null;
}

function findGroup(state: SessionState, id: string): Group | undefined {
  return state.groups.find((g) => g.id === id);
}

function decideForFacilitator(state: SessionState, command: CommandOf<'facilitator'>, ctx: DecideContext): Decision {
  const { now } = ctx;
  if (isAgendaCommand(command)) return decideAgenda(state, command, ctx.newId);
  switch (command.type) {
    case 'content:update': {
      if (dialogueStarted(state) || hasGroupWork(state)) return refuse('conflict', 'error.contentLocked');
      // The topic steps of the agenda follow the content's topics.
      const steps = alignTopics(state.agenda, command.content.topics, state.settings.topicMinutes);
      const agendaChanged = steps.length !== state.agenda.length || steps.some((s, i) => s !== state.agenda[i]);
      return accept({ type: 'content.updated', content: command.content }, ...(agendaChanged ? [{ type: 'agenda.set' as const, steps }] : []));
    }
    case 'settings:update': {
      // How the room scores is fixed once the first score is given: a switch would leave group
      // scores next to means of people's own (or the other way round) for the same characteristic.
      const scoring = command.settings.scoring;
      if (scoring !== undefined && scoring !== scoringOf(state.settings) && hasRatings(state)) return refuse('conflict', 'error.scoringLocked');
      const minutes = command.settings.topicMinutes;
      return accept({ type: 'settings.updated', settings: command.settings }, ...(minutes === undefined ? [] : retimeTopics(state, minutes)));
    }

    case 'groups:form': {
      if (hasGroupWork(state)) return refuse('conflict', 'error.dialogueStarted');
      // Who still waits to be let in gets a group when admitted.
      const people = activeParticipants(state).filter((p) => !p.waiting);
      if (people.length === 0) return refuse('conflict', 'error.noParticipants');
      const size = command.targetSize ?? state.settings.targetGroupSize;
      const groups: Group[] = formGroups(people.map(candidate), size, command.seed).map((memberIds, i) => ({
        id: ctx.newId(),
        number: i + 1,
        memberIds,
      }));
      const events: DomainEvent[] = [];
      if (size !== state.settings.targetGroupSize) events.push({ type: 'settings.updated', settings: { targetGroupSize: size } });
      events.push({ type: 'groups.formed', groups });
      // Forming groups in the lobby moves the room on to "find your table" when that is the next step.
      if (currentStep(state).kind === 'lobby' && state.agenda[state.stepIndex + 1]?.kind === 'groups') {
        events.push({ type: 'step.changed', stepIndex: state.stepIndex + 1, timer: state.timer });
      }
      return accept(...events);
    }
    case 'participant:move': {
      const p = own(state.participants, command.participantId);
      if (!p || p.removed) return refuse('not_found', 'error.unknownParticipant');
      // Someone waiting is let in first (participant:admit), which places them.
      if (p.waiting) return refuse('conflict', 'error.participantWaiting');
      if (command.groupId !== null && !findGroup(state, command.groupId)) return refuse('not_found', 'error.unknownGroup');
      if (p.groupId === command.groupId) return unchanged;
      return accept({ type: 'participant.moved', participantId: p.id, groupId: command.groupId });
    }
    case 'participant:admit':
      return admit(state, command.participantIds);
    case 'participant:remove': {
      const p = own(state.participants, command.participantId);
      if (!p) return refuse('not_found', 'error.unknownParticipant');
      if (p.removed) return unchanged;
      return accept({ type: 'participant.removed', participantId: p.id, ...(command.block ? { blockDevice: true } : {}) });
    }
    case 'step:set': {
      const step = state.agenda[command.stepIndex];
      if (!step) return refuse('invalid', 'error.badStep');
      if (command.stepIndex === state.stepIndex) return unchanged;
      if (kindOf(step).needsGroups && state.groups.length === 0) return refuse('conflict', 'error.noGroups');
      const events: DomainEvent[] = [{ type: 'step.changed', stepIndex: command.stepIndex, timer: idleTimer(stepDurationMs(step)) }];
      // Feedback starts with the first group in the spotlight, so the screen is never empty.
      if (step.kind === 'feedback' && state.spotlightGroupId === null && state.groups[0]) {
        events.push({ type: 'spotlight.set', groupId: state.groups[0].id });
      }
      return accept(...events);
    }
    case 'timer:start':
      return accept({ type: 'timer.changed', timer: startTimer(state.timer, now, command.seconds && command.seconds * 1000) });
    case 'timer:pause':
      if (state.timer.status !== 'running') return unchanged;
      return accept({ type: 'timer.changed', timer: pauseTimer(state.timer, now) });
    case 'timer:reset':
      return accept({ type: 'timer.changed', timer: idleTimer(state.timer.durationMs) });
    case 'timer:extend': {
      // Bounded like timer:start: extensions stop at LIMITS.timerMaxSeconds; one more "+1 min"
      // at the limit is refused with a reason, not silently ignored.
      if (command.seconds > 0 && remainingMs(state.timer, now) >= TIMER_MAX_MS) return refuse('conflict', 'error.timerMax');
      return accept({ type: 'timer.changed', timer: extendTimer(state.timer, command.seconds * 1000, now, TIMER_MAX_MS) });
    }
    case 'answer:hide': {
      const answer = own(state.answers, command.answerId);
      if (!answer) return refuse('not_found', 'error.unknownAnswer');
      if (answer.hidden === command.hidden) return unchanged;
      return accept({ type: 'answer.hidden', answerId: answer.id, hidden: command.hidden });
    }
    case 'spotlight:set':
      if (command.groupId !== null && !findGroup(state, command.groupId)) return refuse('not_found', 'error.unknownGroup');
      return accept({ type: 'spotlight.set', groupId: command.groupId });
    case 'session:end':
      return accept({ type: 'session.ended', at: now });
  }
}
