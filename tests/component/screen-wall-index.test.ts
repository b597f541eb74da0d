/**
 * The screen's answer wall follows the session's answer index (at 400 groups, rebuilding
 * every group per answer froze the projector): a new answer of one group shows at once,
 * the other groups' answers stay, and a hidden answer leaves the screen.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import ScreenBody from '../../client/src/operator/screen/ScreenBody.svelte';
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { busyState, openSession, snapshot } from './operator-fixtures.ts';

let session: OperatorSession | null = null;
afterEach(() => {
  cleanup();
  session?.destroy();
  session = null;
});

describe('the answer wall on the screen, from the answer index', () => {
  it('shows a new answer of one group, keeps the others, and drops a hidden one', () => {
    const { session: s, socket } = openSession('screen');
    session = s;
    const state = busyState();
    state.stepIndex = firstStepOf(state, 'topic');
    socket.emit('operator:snapshot', snapshot(state));
    const topic = s.state!.content.topics[0]!.id;
    render(ScreenBody, { props: { state: s.state!, now: Date.now(), answers: s } });

    expect(screen.queryByText(/GEHEIM/)).toBeNull();
    const add = (id: string, groupId: string, text: string): DomainEvent => ({
      type: 'answer.added',
      answer: { id, groupId, topicId: topic, questionId: 'q1', authorId: 'p1', text, createdAt: 900, updatedAt: 900, rev: 1, hidden: false },
    });
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
    const { session: s, socket } = openSession('screen');
    session = s;
    const state = busyState();
    state.stepIndex = firstStepOf(state, 'topic');
    socket.emit('operator:snapshot', snapshot(state));
    const topic = s.state!.content.topics[0]!.id;
    render(ScreenBody, { props: { state: s.state!, now: Date.now(), answers: s } });
    const add = (id: string, groupId: string, text: string, at: number): DomainEvent => ({
      type: 'answer.added',
      answer: { id, groupId, topicId: topic, questionId: 'q2', authorId: 'p1', text, createdAt: at, updatedAt: at, rev: 1, hidden: false },
    });
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
    const { session: s, socket } = openSession('screen');
    session = s;
    const state = busyState();
    state.stepIndex = firstStepOf(state, 'feedback');
    state.spotlightGroupId = 'g1';
    socket.emit('operator:snapshot', snapshot(state));
    const topic = s.state!.content.topics[1]!.id;
    render(ScreenBody, { props: { state: s.state!, now: Date.now(), answers: s } });
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();

    socket.emit('operator:events', [
      { type: 'answer.added', answer: { id: 'f1', groupId: 'g1', topicId: topic, questionId: 'q1', authorId: 'p2', text: 'Nog een idee', createdAt: 950, updatedAt: 950, rev: 1, hidden: false } },
      { type: 'answer.added', answer: { id: 'f2', groupId: 'g2', topicId: topic, questionId: 'q1', authorId: 'p3', text: 'Van een andere groep', createdAt: 960, updatedAt: 960, rev: 1, hidden: false } },
    ]);
    flushSync();
    expect(screen.getByText('Nog een idee')).toBeInTheDocument();
    expect(screen.queryByText('Van een andere groep')).toBeNull();

    socket.emit('operator:events', [{ type: 'answer.hidden', answerId: 'f1', hidden: true }]);
    flushSync();
    expect(screen.queryByText('Nog een idee')).toBeNull();
    expect(screen.getByText('We willen meer tijd samen')).toBeInTheDocument();
  });
});
