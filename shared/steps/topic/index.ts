/**
 * Dialogue topic ("kenmerk"): each group answers the questions and scores now/wanted for
 * one topic of the session's content. One step per topic.
 */
import type { ExportRow, StepKindSpec } from '../kind.ts';
import type { TopicPayload } from './schema.ts';
import { ratingKey } from '../../domain/types.ts';

const r1 = (n: number): number => Math.round(n * 10) / 10;

export const topic: StepKindSpec<TopicPayload> = {
  defaultMinutes: 10,
  needsGroups: true,
  uniqueKey: (p) => `topic:${p.topicId}`,
  hasWork: (state, p) => {
    for (const id in state.answers) if (state.answers[id]!.topicId === p.topicId) return true;
    for (const id in state.ratings) {
      const r = state.ratings[id]!;
      if (r.topicId === p.topicId && (r.now !== null || r.want !== null)) return true;
    }
    return false;
  },
  invalidPayload: (state, p) => (state.content.topics.some((t) => t.id === p.topicId) ? null : 'error.unknownTopic'),
  exportRows: (state, p) => {
    const title = state.content.topics.find((t) => t.id === p.topicId)?.title ?? '';
    const questions = state.content.questions;
    const rank = new Map(questions.map((q, i) => [q.id, i]));
    const text = new Map(questions.map((q) => [q.id, q.text]));
    const rows: ExportRow[] = [];
    for (const a of Object.values(state.answers)) {
      if (a.topicId !== p.topicId) continue;
      rows.push({
        groupId: a.groupId,
        soort: 'antwoord',
        // Answers by question order (unknown questions last), then time, then id; the score after them.
        order: [0, rank.get(a.questionId) ?? questions.length, a.createdAt, a.id],
        kenmerk: title,
        vraag: text.get(a.questionId) ?? '',
        tekst: a.text,
        rol: state.participants[a.authorId]?.role ?? '',
        verborgen: a.hidden ? 'ja' : 'nee',
        tijdstip: a.updatedAt,
      });
    }
    // Scored per person, the group's score is a mean (one decimal here) and each person's own follows it.
    const mean = (v: number | null) => (v === null ? null : r1(v));
    for (const r of Object.values(state.ratings)) {
      if (r.topicId !== p.topicId) continue;
      rows.push({ groupId: r.groupId, soort: 'score', order: [1, 0, r.updatedAt, r.topicId], kenmerk: title, nu: mean(r.now), gewenst: mean(r.want), tijdstip: r.updatedAt });
      for (const s of Object.values(state.personRatings?.[ratingKey(r.groupId, r.topicId)] ?? {})) {
        if (s.now === null && s.want === null) continue;
        rows.push({
          groupId: s.groupId,
          soort: 'score_persoon',
          order: [1, 1, s.updatedAt, s.participantId],
          kenmerk: title,
          nu: s.now,
          gewenst: s.want,
          rol: state.participants[s.participantId]?.role ?? '',
          tijdstip: s.updatedAt,
        });
      }
    }
    return rows;
  },
};
