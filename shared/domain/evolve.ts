/**
 * Folds domain events into state. Deterministic, no clock, no randomness.
 *
 * It updates `state` in place and returns it: a session with 2,000 people and thousands
 * of answers must not be copied per keystroke. Callers that need the old state keep
 * their own copy. It tolerates events about things the state does not hold, because a
 * participant's state holds only their own group.
 */
import { evolveAgenda, legacyAgenda, stepDurationMs } from './agenda.ts';
import type { DomainEvent } from './events.ts';
import { idleTimer } from './timer.ts';
import { ratingKey, type SessionState } from './types.ts';
import { DEFAULT_TOPIC_MINUTES } from '../constants.ts';

export function initialState(event: Extract<DomainEvent, { type: 'session.created' }>): SessionState {
  const topicMinutes = event.settings.topicMinutes ?? DEFAULT_TOPIC_MINUTES;
  // Migration: sessions stored before agendas were data get the agenda the old code derived.
  const agenda = event.steps ? [...event.steps] : legacyAgenda(event.content, topicMinutes);
  return {
    id: event.id,
    code: event.code,
    createdAt: event.at,
    content: event.content,
    settings: { ...event.settings, maxParticipants: event.settings.maxParticipants ?? null },
    agenda,
    stepIndex: 0,
    // Legacy sessions started with the topic length on the clock; new ones with the first step's.
    timer: idleTimer(event.steps && agenda[0] ? stepDurationMs(agenda[0]) : topicMinutes * 60_000),
    participants: {},
    groups: [],
    answers: {},
    ratings: {},
    personRatings: {},
    takeaways: {},
    takeawayDocs: {},
    spotlightGroupId: null,
    endedAt: null,
    blockedDevices: [],
  };
}

function leaveGroup(state: SessionState, participantId: string): void {
  const p = state.participants[participantId];
  if (!p?.groupId) return;
  const group = state.groups.find((g) => g.id === p.groupId);
  if (group) group.memberIds = group.memberIds.filter((id) => id !== participantId);
  p.groupId = null;
}

export function evolve(state: SessionState, event: DomainEvent): SessionState {
  switch (event.type) {
    case 'session.created':
      return initialState(event);
    case 'content.updated':
      state.content = event.content;
      return state;
    case 'settings.updated':
      state.settings = { ...state.settings, ...event.settings };
      state.settings.maxParticipants ??= null;
      return state;
    case 'participant.joined': {
      state.participants[event.participant.id] = { ...event.participant };
      const group = event.participant.groupId ? state.groups.find((g) => g.id === event.participant.groupId) : undefined;
      if (group && !group.memberIds.includes(event.participant.id)) group.memberIds.push(event.participant.id);
      return state;
    }
    case 'participant.admitted': {
      // Audiences that never saw the waiting joiner (the screen, the group) get the whole record here.
      leaveGroup(state, event.participant.id);
      const p = (state.participants[event.participant.id] = { ...event.participant });
      delete p.waiting;
      const group = p.groupId ? state.groups.find((g) => g.id === p.groupId) : undefined;
      if (group && !group.memberIds.includes(p.id)) group.memberIds.push(p.id);
      return state;
    }
    case 'participant.removed': {
      leaveGroup(state, event.participantId);
      const p = state.participants[event.participantId];
      if (p) p.removed = true;
      if (event.blockDevice && p?.deviceHash && !state.blockedDevices.includes(p.deviceHash)) state.blockedDevices.push(p.deviceHash);
      return state;
    }
    case 'groups.formed': {
      state.groups = event.groups.map((g) => ({ ...g, memberIds: [...g.memberIds] }));
      for (const p of Object.values(state.participants)) p.groupId = null;
      for (const g of state.groups) {
        for (const id of g.memberIds) {
          const p = state.participants[id];
          if (p) p.groupId = g.id;
        }
      }
      if (state.spotlightGroupId && !state.groups.some((g) => g.id === state.spotlightGroupId)) state.spotlightGroupId = null;
      return state;
    }
    case 'participant.moved': {
      leaveGroup(state, event.participantId);
      const p = state.participants[event.participantId];
      const group = event.groupId ? state.groups.find((g) => g.id === event.groupId) : undefined;
      if (p && group) {
        p.groupId = group.id;
        group.memberIds.push(p.id);
      }
      return state;
    }
    case 'agenda.set':
    case 'step.added':
    case 'step.removed':
    case 'step.moved':
    case 'step.edited':
      evolveAgenda(state, event);
      return state;
    case 'step.changed':
      state.stepIndex = event.stepIndex;
      state.timer = event.timer;
      return state;
    case 'timer.changed':
      state.timer = event.timer;
      return state;
    case 'answer.added':
      state.answers[event.answer.id] = { ...event.answer };
      return state;
    case 'answer.edited': {
      const a = state.answers[event.answerId];
      if (a) {
        a.text = event.text;
        a.rev = event.rev;
        a.updatedAt = event.at;
      }
      return state;
    }
    case 'answer.deleted':
      delete state.answers[event.answerId];
      return state;
    case 'answer.hidden': {
      const a = state.answers[event.answerId];
      if (a) a.hidden = event.hidden;
      return state;
    }
    case 'rating.set': {
      const key = ratingKey(event.rating.groupId, event.rating.topicId);
      state.ratings[key] = { ...event.rating };
      if (event.person) ((state.personRatings ??= {})[key] ??= {})[event.person.participantId] = { ...event.person };
      return state;
    }
    case 'takeaway.set':
      state.takeaways[event.takeaway.groupId] = { ...event.takeaway };
      return state;
    case 'takeaway.updated': {
      const previous = state.takeaways[event.groupId];
      state.takeaways[event.groupId] = {
        groupId: event.groupId,
        text: event.text,
        rev: (previous?.rev ?? 0) + 1,
        updatedAt: event.at,
        updatedBy: event.by,
      };
      // Clients get the event without the bytes and keep no document.
      if (event.update !== undefined) {
        const docs = (state.takeawayDocs ??= {});
        (docs[event.groupId] ??= { base: null, updates: [] }).updates.push(event.update);
      }
      return state;
    }
    case 'takeaway.compacted':
      (state.takeawayDocs ??= {})[event.groupId] = { base: event.doc, updates: [] };
      return state;
    case 'spotlight.set':
      state.spotlightGroupId = event.groupId;
      return state;
    case 'session.ended':
      state.endedAt = event.at;
      return state;
  }
}

/** Rebuilds a session from its event history (the first event must be `session.created`). */
export function replay(events: Iterable<DomainEvent>): SessionState | null {
  let state: SessionState | null = null;
  for (const e of events) {
    if (e.type === 'session.created') state = initialState(e);
    else if (state) evolve(state, e);
  }
  return state;
}
