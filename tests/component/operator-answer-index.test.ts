/**
 * The console's answer index (answerIndex.ts, kept by OperatorSession) against the plain
 * scan it replaced: after adds, edits, hides, deletes, moves and regrouping, every group's
 * answers per topic and the counts per question are exactly what a full scan gives.
 * And a view built on it re-runs only when its own group's answers change.
 */
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { answersFor } from '../../shared/domain/views.ts';
import { AnswerIndex } from '../../client/src/operator/answerIndex.ts';
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { baseState, busyState, openSession, person, snapshot } from './operator-fixtures.ts';
import { watchAnswers } from './operator-answer-index.svelte.ts';

let session: OperatorSession | null = null;
afterEach(() => {
  session?.destroy();
  session = null;
});

/** Every (group, topic) of the state, by the index and by a full scan. */
function compare(s: OperatorSession, state: SessionState): void {
  for (const g of state.groups) {
    for (const tp of state.content.topics) {
      const scanned = answersFor(state, g.id, tp.id);
      expect(s.answersOf(g.id, tp.id).map((a) => [a.id, a.text, a.hidden])).toEqual(scanned.map((a) => [a.id, a.text, a.hidden]));
      for (const q of state.content.questions) {
        expect(s.answerCount(g.id, tp.id, q.id)).toBe(scanned.filter((a) => a.questionId === q.id).length);
      }
    }
  }
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('answer index', () => {
  it('matches a full scan after adds, edits, hides, deletes, moves and regrouping (random order)', () => {
    const { session: s, socket } = openSession();
    session = s;
    socket.emit('operator:snapshot', snapshot(busyState()));
    const state = s.state!;
    const topics = state.content.topics.map((x) => x.id);
    const questions = state.content.questions.map((x) => x.id);
    const rnd = random(42);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let n = 0;
    socket.emit('operator:events', [person('p6', 'Fatima'), person('p7', 'Gert')]);
    for (let round = 0; round < 60; round++) {
      const batch: DomainEvent[] = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
        const ids = Object.keys(s.state!.answers);
        const roll = rnd();
        if (roll < 0.45 || ids.length === 0) {
          const g = pick(s.state!.groups);
          // Out-of-order times too: a late batch may carry an older answer.
          const at = 100 + Math.floor(rnd() * 1000);
          batch.push({
            type: 'answer.added',
            answer: { id: `x${n++}`, groupId: g.id, topicId: pick(topics), questionId: pick(questions), authorId: pick(g.memberIds) ?? 'p1', text: `t${n}`, createdAt: at, updatedAt: at, rev: 1, hidden: false },
          });
        } else if (roll < 0.6) batch.push({ type: 'answer.edited', answerId: pick(ids), text: `edited ${round}`, rev: 9, at: 5000 });
        else if (roll < 0.72) batch.push({ type: 'answer.hidden', answerId: pick(ids), hidden: rnd() < 0.5 });
        else if (roll < 0.82) batch.push({ type: 'answer.deleted', answerId: pick(ids) });
        else if (roll < 0.95) batch.push({ type: 'participant.moved', participantId: pick(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']), groupId: pick(s.state!.groups).id });
        else {
          // Regrouping keeps the group ids here, so the answers stay where they are; the index rebuilds.
          const members = Object.keys(s.state!.participants);
          batch.push({ type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: members.slice(0, 4) }, { id: 'g2', number: 2, memberIds: members.slice(4) }] });
        }
      }
      socket.emit('operator:events', batch);
      compare(s, s.state!);
    }
    expect(Object.keys(s.state!.answers).length).toBeGreaterThan(20);
  });

  it('starts again from a new snapshot', () => {
    const { session: s, socket } = openSession();
    session = s;
    socket.emit('operator:snapshot', snapshot(busyState()));
    socket.emit('operator:snapshot', snapshot(baseState()));
    expect(s.answerIndex.size).toBe(0);
  });

  it('a view of one group re-runs when that group gets an answer, not when another does', () => {
    const { session: s, socket } = openSession();
    session = s;
    socket.emit('operator:snapshot', snapshot(busyState()));
    const topic = s.state!.content.topics[0]!.id;
    const watcher = watchAnswers(s, 'g1', topic);
    flushSync();
    try {
      expect(watcher.texts()).toEqual(['We willen meer tijd samen', 'Een vast overleg per maand']);
      const runs = watcher.runs();
      const add = (id: string, groupId: string, text: string): DomainEvent => ({
        type: 'answer.added',
        answer: { id, groupId, topicId: topic, questionId: 'q1', authorId: 'p1', text, createdAt: 900, updatedAt: 900, rev: 1, hidden: false },
      });
      socket.emit('operator:events', [add('b1', 'g2', 'elders')]);
      flushSync();
      expect(watcher.runs()).toBe(runs);
      socket.emit('operator:events', [add('b2', 'g1', 'hier')]);
      flushSync();
      expect(watcher.texts()).toEqual(['We willen meer tijd samen', 'Een vast overleg per maand', 'hier']);
      socket.emit('operator:events', [{ type: 'answer.edited', answerId: 'b2', text: 'hier, beter', rev: 2, at: 950 }]);
      flushSync();
      expect(watcher.texts().at(-1)).toBe('hier, beter');
    } finally {
      watcher.stop();
    }
  });

  it('a plain AnswerIndex keeps answers oldest first even when they arrive out of order', () => {
    const state = baseState();
    const index = new AnswerIndex(state);
    const topic = state.content.topics[0]!.id;
    const events: DomainEvent[] = [300, 100, 200].map((at, i) => ({
      type: 'answer.added',
      answer: { id: `a${i}`, groupId: 'g1', topicId: topic, questionId: 'q1', authorId: 'p1', text: '', createdAt: at, updatedAt: at, rev: 1, hidden: false },
    }));
    for (const e of events) {
      if (e.type === 'answer.added') state.answers[e.answer.id] = { ...e.answer };
      index.apply(state, [e]);
    }
    expect(index.ids('g1', topic)).toEqual(['a1', 'a2', 'a0']);
    expect(index.count('g1', topic, 'q1')).toBe(3);
  });
});
