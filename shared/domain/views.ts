/**
 * Read-only views derived from a session state: what one participant may see, the
 * progress of every group, rating averages. Pure; used by server, exports and clients.
 */
import { carriesStepText, redactAgenda, redactEvent } from './agenda.ts';
import type { DomainEvent } from './events.ts';
import { ratingKey, type Answer, type Group, type Participant, type PersonRating, type Rating, type SessionState } from './types.ts';

/**
 * The state as one participant may see it: the session's shared content and pace, and
 * only their own group (its members, answers, ratings and takeaway). Never another group.
 */
export function participantView(
  state: SessionState,
  participantId: string,
  /** The answers of one group; the server passes an index, the default scans all answers. */
  answersOfGroup: (groupId: string) => Iterable<Answer> = (gid) => Object.values(state.answers).filter((a) => a.groupId === gid),
): SessionState {
  const me = state.participants[participantId];
  const group = me?.groupId ? state.groups.find((g) => g.id === me.groupId) : undefined;
  // Device hashes stay on the server side of the room: nobody's phone needs them.
  const participants: Record<string, Participant> = {};
  if (me) participants[me.id] = { ...me, deviceHash: null };
  if (group) for (const id of group.memberIds) if (state.participants[id]) participants[id] = { ...state.participants[id]!, deviceHash: null };
  const answers: Record<string, Answer> = {};
  const ratings: Record<string, Rating> = {};
  const personRatings: Record<string, Record<string, PersonRating>> = {};
  const takeaways: SessionState['takeaways'] = {};
  if (group) {
    for (const a of answersOfGroup(group.id)) answers[a.id] = { ...a };
    for (const t of state.content.topics) {
      const key = ratingKey(group.id, t.id);
      const r = state.ratings[key];
      if (r) ratings[key] = { ...r };
      const scores = state.personRatings?.[key];
      if (scores) personRatings[key] = Object.fromEntries(Object.entries(scores).map(([id, p]) => [id, { ...p }]));
    }
    const tk = state.takeaways[group.id];
    if (tk) takeaways[group.id] = { ...tk };
  }
  return {
    ...state,
    settings: { ...state.settings },
    // Phones show a step's title; slide text is for the screen and notes for facilitators.
    agenda: redactAgenda(state.agenda, 'participant'),
    participants,
    groups: group ? [{ ...group, memberIds: [...group.memberIds] }] : [],
    answers,
    ratings,
    personRatings,
    takeaways,
    takeawayDocs: {},
    blockedDevices: [],
    // Which group is in the spotlight is not another group's data: keep it so phones can say "jullie zijn aan de beurt".
  };
}

/** The state as facilitator and screen get it: everything except the stored Yjs documents (they get the merged text). */
export function operatorView(state: SessionState): SessionState {
  return { ...state, takeawayDocs: {} };
}

/**
 * The state as a shared screen may see it: no presenter notes, and nothing the projector does
 * not show that would still sit in its page (anyone at the projector's computer can read it):
 * no organisations, device hashes or blocked-device list, no text of hidden answers, no one
 * who waits to be let in, no one's own scores (it shows the groups' means).
 */
export function screenView(state: SessionState): SessionState {
  const participants: Record<string, Participant> = {};
  // Who waits to be let in is not on the projector: a bot's name never reaches the room's screen.
  for (const [id, p] of Object.entries(state.participants)) if (!p.waiting) participants[id] = screenParticipant(p);
  const answers: Record<string, Answer> = {};
  for (const [id, a] of Object.entries(state.answers)) answers[id] = a.hidden ? { ...a, text: '' } : a;
  return { ...state, agenda: redactAgenda(state.agenda, 'screen'), participants, answers, personRatings: {}, blockedDevices: [] };
}

const screenParticipant = (p: Participant): Participant => ({ ...p, organisation: '', deviceHash: null });

/**
 * An event as an audience may receive it (the counterpart of the views above for what is
 * sent live): presenter notes and slide text as redactEvent says, device hashes to nobody
 * but facilitators, organisations not to the screen.
 */
export function eventFor(audience: 'participant' | 'screen', event: DomainEvent): DomainEvent {
  if (event.type === 'participant.joined' || event.type === 'participant.admitted') {
    const participant = audience === 'screen' ? screenParticipant(event.participant) : { ...event.participant, deviceHash: null };
    return { ...event, participant };
  }
  if (audience === 'screen' && event.type === 'rating.set' && event.person) return { type: 'rating.set', rating: event.rating };
  return redactEvent(event, audience);
}

/** True when eventFor changes the event for some audience (most events go to everyone as they are). */
export function differsByAudience(event: DomainEvent): boolean {
  return event.type === 'participant.joined' || event.type === 'participant.admitted' || (event.type === 'rating.set' && event.person !== undefined) || carriesStepText(event);
}

/** The events a shared screen gets: as eventFor('screen') makes them, without joiners who wait to be let in. */
export function eventsForScreen(events: readonly DomainEvent[]): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (const e of events) if (!(e.type === 'participant.joined' && e.participant.waiting)) out.push(eventFor('screen', e));
  return out;
}

export function groupOf(state: SessionState, participantId: string): Group | undefined {
  const gid = state.participants[participantId]?.groupId;
  return gid ? state.groups.find((g) => g.id === gid) : undefined;
}

export function membersOf(state: SessionState, group: Group): Participant[] {
  return group.memberIds.map((id) => state.participants[id]).filter((p): p is Participant => p !== undefined);
}

/** Answers of one group for one topic and question, oldest first. */
export function answersFor(state: SessionState, groupId: string, topicId: string, questionId?: string): Answer[] {
  return Object.values(state.answers)
    .filter((a) => a.groupId === groupId && a.topicId === topicId && (questionId === undefined || a.questionId === questionId))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export interface TopicProgress {
  readonly topicId: string;
  /** questionId → number of answers. */
  readonly answered: Readonly<Record<string, number>>;
  readonly rated: boolean;
}

export interface GroupProgress {
  readonly groupId: string;
  readonly topics: readonly TopicProgress[];
  readonly hasTakeaway: boolean;
}

export function progress(state: SessionState): GroupProgress[] {
  const counts = new Map<string, number>();
  for (const a of Object.values(state.answers)) {
    const k = `${a.groupId}/${a.topicId}/${a.questionId}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return state.groups.map((g) => ({
    groupId: g.id,
    topics: state.content.topics.map((t) => {
      const answered: Record<string, number> = {};
      for (const q of state.content.questions) answered[q.id] = counts.get(`${g.id}/${t.id}/${q.id}`) ?? 0;
      const r = state.ratings[ratingKey(g.id, t.id)];
      return { topicId: t.id, answered, rated: !!r && (r.now !== null || r.want !== null) };
    }),
    hasTakeaway: (state.takeaways[g.id]?.text ?? '') !== '',
  }));
}

export interface RatingSummary {
  readonly topicId: string;
  readonly now: number | null;
  readonly want: number | null;
  readonly groupsNow: number;
  readonly groupsWant: number;
}

/**
 * Average "now" and "want" per topic over the groups that gave one. Scored per person, a
 * group's mean weighs as many as the people it is of, so the average is over people.
 */
export function ratingSummaries(state: SessionState): RatingSummary[] {
  return state.content.topics.map((t) => {
    let groupsNow = 0;
    let groupsWant = 0;
    let nowSum = 0;
    let nowWeight = 0;
    let wantSum = 0;
    let wantWeight = 0;
    for (const g of state.groups) {
      const r = state.ratings[ratingKey(g.id, t.id)];
      if (r?.now != null) {
        groupsNow++;
        nowSum += r.now * (r.nowCount ?? 1);
        nowWeight += r.nowCount ?? 1;
      }
      if (r?.want != null) {
        groupsWant++;
        wantSum += r.want * (r.wantCount ?? 1);
        wantWeight += r.wantCount ?? 1;
      }
    }
    return {
      topicId: t.id,
      now: nowWeight ? nowSum / nowWeight : null,
      want: wantWeight ? wantSum / wantWeight : null,
      groupsNow,
      groupsWant,
    };
  });
}
