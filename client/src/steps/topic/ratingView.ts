/**
 * The scores of one characteristic as a phone shows them: what the server has with this
 * device's unsent changes on top. Scored per group, the group's one score and who last
 * changed it; scored per person ("scores per persoon"), this member's own score and beside it
 * the group's mean and how many of its members gave a score. Here, in the topic step's chunk
 * that a phone loads after joining, rather than in the participant page every phone loads
 * before it can join.
 */
import { ratingKey, scoringOf } from '../../../../shared/domain/types.ts';
import type { ParticipantSession } from '../../participant/participantSession.svelte.ts';
import type { RatingView } from '../../participant/types.ts';

export function ratingView(session: ParticipantSession, topicId: string): RatingView {
  const state = session.state;
  const g = session.group;
  const key = g ? ratingKey(g.id, topicId) : '';
  const r = g && state ? state.ratings[key] : undefined;
  const perPerson = state !== null && scoringOf(state.settings) === 'person';
  const me = session.me;
  const base = perPerson ? (g && me ? state?.personRatings?.[key]?.[me.id] : undefined) : r;
  let now = base?.now ?? null;
  let want = base?.want ?? null;
  let pending = false;
  for (const e of session.outbox?.entries ?? []) {
    if (e.event !== 'rating:set' || e.payload.topicId !== topicId) continue;
    if (e.payload.now !== undefined) now = e.payload.now;
    if (e.payload.want !== undefined) want = e.payload.want;
    pending = true;
  }
  if (!perPerson) return { now, want, lastBy: r ? session.nameOf(r.updatedBy) : null, pending, group: null };
  const people = r?.people ?? 0;
  return { now, want, lastBy: null, pending, group: { now: r?.now ?? null, want: r?.want ?? null, people, members: Math.max(g?.memberIds.length ?? 0, people) } };
}
