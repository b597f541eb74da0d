/**
 * Sessions with scores for programme tests, written straight into the stores as the server
 * would have (a session's commits: created, people joined, groups formed, scores and answers
 * given), owned by an account. Faster than 15 phones per session, and the session's date
 * can be any day (the trend is per session date).
 */
import type { Role } from '../../shared/constants.ts';
import { alignTopics } from '../../shared/domain/agenda.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { findTemplate } from '../../shared/templates.ts';
import type { Account, AccountStore } from '../../server/accounts/types.ts';
import { hashSecret, newId, newJoinCode } from '../../server/secrets.ts';
import type { SessionStore } from '../../server/store/types.ts';

export interface SeedGroup {
  /** Its members' roles. */
  readonly roles: readonly Role[];
  /** Scores per characteristic (index into the template's topics): [now, want]. */
  readonly scores: Readonly<Record<number, readonly [number, number]>>;
  /** Answers per characteristic: the first member writes them. */
  readonly answers?: Readonly<Record<number, readonly string[]>>;
}

export interface SeededSession {
  readonly sessionId: string;
  readonly code: string;
  readonly topics: readonly { readonly id: string; readonly title: string }[];
}

export async function seedScoredSession(
  sessions: SessionStore,
  accounts: AccountStore,
  opts: { owner: Account; at: number; title: string; groups: readonly SeedGroup[]; names?: readonly string[] },
): Promise<SeededSession> {
  const template = findTemplate('stevige-lokale-teams')!;
  const content = { ...template.content, title: opts.title };
  const id = newId();
  const code = newJoinCode();
  const at = opts.at;
  const settings = { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10, maxParticipants: null } as const;
  const events: DomainEvent[] = [{ type: 'session.created', id, code, at, content, settings, steps: alignTopics(template.steps, content.topics, 10) }];
  const groups = opts.groups.map((g, i) => ({ id: `g${i + 1}-${id}`, number: i + 1, memberIds: [] as string[] }));
  let person = 0;
  opts.groups.forEach((g, i) => {
    for (const role of g.roles) {
      const pid = `p${++person}-${id}`;
      const name = opts.names?.[person - 1] ?? `Deelnemer ${person}`;
      events.push({ type: 'participant.joined', participant: { id: pid, name, role, organisation: 'Gemeente Geheim', joinedAt: at + person, groupId: null, removed: false } });
      groups[i]!.memberIds.push(pid);
    }
  });
  events.push({ type: 'groups.formed', groups });
  opts.groups.forEach((g, i) => {
    const group = groups[i]!;
    for (const [topicIndex, [now, want]] of Object.entries(g.scores)) {
      const topicId = content.topics[Number(topicIndex)]!.id;
      events.push({ type: 'rating.set', rating: { groupId: group.id, topicId, now, want, updatedAt: at + 1000, updatedBy: group.memberIds[0]! } });
    }
    for (const [topicIndex, texts] of Object.entries(g.answers ?? {})) {
      texts.forEach((text, j) =>
        events.push({
          type: 'answer.added',
          answer: { id: `a${j}-${group.id}-${topicIndex}`, groupId: group.id, topicId: content.topics[Number(topicIndex)]!.id, questionId: content.questions[0]!.id, authorId: group.memberIds[0]!, text, createdAt: at + 2000, updatedAt: at + 2000, rev: 0, hidden: false },
        }),
      );
    }
  });
  await sessions.createSession(
    { id, code, createdAt: at, facilitatorSecretHash: hashSecret(newId()), screenSecretHash: hashSecret(newId()), endedAt: null },
    { seq: 1, opId: null, at, events },
  );
  await accounts.setSessionOwner({ sessionId: id, accountId: opts.owner.id, organisation: opts.owner.organisation, title: opts.title, createdAt: at, linkVersion: 0, facilitatorHash: null, screenHash: null });
  return { sessionId: id, code, topics: content.topics.map((t) => ({ id: t.id, title: t.title })) };
}
