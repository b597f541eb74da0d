/**
 * The screen's answer wall follows the session's answer index (at 400 groups, rebuilding
 * every group per answer froze the projector): a new answer of one group shows at once,
 * the other groups' answers stay, and a hidden answer leaves the screen; the feedback step's
 * group in the spotlight follows the index too.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import ScreenBody from '../../client/src/operator/screen/ScreenBody.svelte';
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { busyState, openSession, snapshot } from './operator-fixtures.ts';

let session: OperatorSession | null = null;
afterEach(() => {
  cleanup();
  session?.destroy();
  session = null;
});

/** The screen of the busy session at its first step of `kind` (after `edit`), on a fake socket. */
function showScreen(kind: 'topic' | 'feedback', edit: (state: SessionState) => void = () => {}) {
  const { session: s, socket } = openSession('screen');
  session = s;
  const state = busyState();
  state.stepIndex = firstStepOf(state, kind);
  edit(state);
  socket.emit('operator:snapshot', snapshot(state));
  render(ScreenBody, { props: { state: s.state!, now: Date.now(), answers: s } });
  return { socket, topics: s.state!.content.topics.map((t) => t.id) };
}

/** An answer of group `groupId` to question `questionId`, as the server sends it. */
const added = (id: string, groupId: string, topicId: string, questionId: string, text: string, at: number): DomainEvent => ({
  type: 'answer.added',
  answer: { id, groupId, topicId, questionId, authorId: 'p1', text, createdAt: at, updatedAt: at, rev: 1, hidden: false },
});

describe('the answer wall on the screen, from the answer index', () => {
  it('shows a new answer of one group, keeps the others, and drops a hidden one', () => {
    const { socket, topics } = showScreen('topic');
    const topic = topics[0]!;

    expect(screen.queryByText(/GEHEIM/)).toBeNull();
    const add = (id: string, groupId: string, text: string): DomainEvent => added(id, groupId, topic, 'q1', text, 900);
    socket.emit('operator:events', [add('b1', 'g1', 'Samen plannen maken')]);
    flushSync();

    expect(screen.getByText('Samen plannen maken')).toBeInTheDocument();
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();
    expect(screen.getByText('Ik neem het initiatief')).toBeInTheDocument();

    socket.emit('operator:events', [{ type: 'answer.hidden', answerId: 'b1', hidden: true }]);
    flushSync();
    expect(screen.queryByText('Samen plannen maken')).toBeNull();
  });

  it('after a series of adds, edits, hides and a delete shows exactly the answers that stand, as last written', () => {
    const { socket, topics } = showScreen('topic');
    const add = (id: string, groupId: string, text: string, at: number): DomainEvent => added(id, groupId, topics[0]!, 'q2', text, at);
    const edit = (answerId: string, text: string, rev: number): DomainEvent => ({ type: 'answer.edited', answerId, text, rev, at: 2_000 + rev });

    // Several messages in one fold, then more: every group's card follows its own answers.
    socket.emit('operator:events', [add('c1', 'g1', 'Eerste versie', 1_000), add('c2', 'g2', 'Korte lijnen', 1_001)]);
    socket.emit('operator:events', [edit('c1', 'Tweede versie', 2)]);
    flushSync();
    expect(screen.getByText('Tweede versie')).toBeInTheDocument();
    expect(screen.queryByText('Eerste versie')).toBeNull();
    expect(screen.getByText('Korte lijnen')).toBeInTheDocument();

    socket.emit('operator:events', [edit('c1', 'Derde versie', 3), { type: 'answer.hidden', answerId: 'a1', hidden: true }]);
    socket.emit('operator:events', [{ type: 'answer.deleted', answerId: 'c2' }, { type: 'answer.hidden', answerId: 'a3', hidden: false }]);
    flushSync();
    const shown = [...document.querySelectorAll('.wall-answer .text')].map((el) => el.textContent);
    expect(shown.sort()).toEqual(['Derde versie', 'Een vast overleg per maand', 'GEHEIM: niet voor het scherm', 'Ik neem het initiatief']);
  });
});

describe('the group in the spotlight on the feedback screen, from the answer index', () => {
  it('shows an answer its group adds, and no longer shows it once hidden', () => {
    const { socket, topics } = showScreen('feedback', (state) => (state.spotlightGroupId = 'g1'));
    const topic = topics[1]!;
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();

    socket.emit('operator:events', [added('f1', 'g1', topic, 'q1', 'Nog een idee', 950), added('f2', 'g2', topic, 'q1', 'Van een andere groep', 960)]);
    flushSync();
    expect(screen.getByText('Nog een idee')).toBeInTheDocument();
    expect(screen.queryByText('Van een andere groep')).toBeNull();

    socket.emit('operator:events', [{ type: 'answer.hidden', answerId: 'f1', hidden: true }]);
    flushSync();
    expect(screen.queryByText('Nog een idee')).toBeNull();
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();
  });
});
