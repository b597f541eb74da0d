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
});
