/** Test doubles shared by the operator component tests. */
import type { DomainEvent } from '../../shared/domain/events.ts';
import { evolve, initialState } from '../../shared/domain/evolve.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import type { OperatorSnapshot } from '../../shared/protocol/events.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import type { AppSocket } from '../../client/src/lib/socket.ts';
import { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';

type Handler = (...args: never[]) => void;

export class FakeSocket {
  handlers = new Map<string, Handler[]>();
  connected = true;
  active = true;
  sent: { event: string; payload: Record<string, unknown> }[] = [];
  reply: (event: string, payload: Record<string, unknown>) => unknown = () => ({ ok: true, data: null });

  on(event: string, fn: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  off(event: string, fn: Handler): this {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== fn));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
  timeout() {
    return {
      emitWithAck: async (event: string, payload: Record<string, unknown>) => {
        this.sent.push({ event, payload });
        const r = this.reply(event, payload);
        if (r === 'timeout') throw new Error('operation has timed out');
        return r;
      },
    };
  }
  connect(): void {}
  disconnect(): void {
    this.connected = false;
  }
  removeAllListeners(): void {
    this.handlers.clear();
  }
}

export function baseState(): SessionState {
  return initialState({
    type: 'session.created',
    id: 's1',
    code: 'ABC234',
    at: 1_000,
    content: TEMPLATES[0].content,
    settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
  });
}


export const snapshot = (state: SessionState, serverNow = Date.now()): OperatorSnapshot => ({
  role: 'facilitator',
  state,
  presence: {},
  serverNow,
});

/** `foldEveryMs` 0 (default here): each message is folded in at once, so a test can look right after it. */
export function openSession(as: 'facilitator' | 'screen' = 'facilitator', foldEveryMs = 0): { session: OperatorSession; socket: FakeSocket } {
  const socket = new FakeSocket();
  const session = new OperatorSession({ sessionId: 's1', secret: 'x'.repeat(24), as, socket: socket as unknown as AppSocket, foldEveryMs });
  return { session, socket };
}

export const person = (id: string, name: string, groupId: string | null = null, role: 'opdrachtgever' | 'opdrachtnemer' | 'anders' = 'opdrachtgever') => ({
  type: 'participant.joined' as const,
  participant: { id, name, role, organisation: 'Gemeente', joinedAt: 2_000, groupId, removed: false },
});

/** A session with 5 people in 2 groups, some answers (one hidden) and scores on the first topic. */
export function busyState(): SessionState {
  const state = baseState();
  const topic = state.content.topics[0]!.id;
  const events: DomainEvent[] = [
    person('p1', 'Anna'),
    person('p2', 'Bram', null, 'opdrachtnemer'),
    person('p3', 'Chris'),
    person('p4', 'Dewi', null, 'opdrachtnemer'),
    person('p5', 'Eva', null, 'anders'),
    { type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: ['p1', 'p2', 'p5'] }, { id: 'g2', number: 2, memberIds: ['p3', 'p4'] }] },
    { type: 'step.changed', stepIndex: 2, timer: { status: 'running', durationMs: 600_000, endsAt: Date.now() + 245_000 } },
    answer('a1', 'g1', topic, 'q1', 'p1', 'We willen meer tijd samen', 10),
    answer('a2', 'g1', topic, 'q2', 'p2', 'Een vast overleg per maand', 20),
    { ...answer('a3', 'g2', topic, 'q1', 'p3', 'GEHEIM: niet voor het scherm', 30) },
    { type: 'answer.hidden', answerId: 'a3', hidden: true },
    answer('a4', 'g2', topic, 'q3', 'p4', 'Ik neem het initiatief', 40),
    { type: 'rating.set', rating: { groupId: 'g1', topicId: topic, now: 2, want: 4, updatedAt: 50, updatedBy: 'p1' } },
    { type: 'rating.set', rating: { groupId: 'g2', topicId: topic, now: 3, want: 5, updatedAt: 60, updatedBy: 'p3' } },
    { type: 'takeaway.set', takeaway: { groupId: 'g1', text: 'Vaker samen aan tafel', rev: 1, updatedAt: 70, updatedBy: 'p1' } },
  ];
  for (const e of events) evolve(state, e);
  return state;
}

function answer(id: string, groupId: string, topicId: string, questionId: string, authorId: string, text: string, at: number): DomainEvent {
  return {
    type: 'answer.added',
    answer: { id, groupId, topicId, questionId, authorId, text, createdAt: at, updatedAt: at, rev: 1, hidden: false },
  };
}

/** The signed-in account the create page asks for (GET /api/auth/me: it needs one). */
export const signedIn = {
  account: { id: 'acc1', email: 'anna@gemeente.example', name: 'Anna', organisation: 'Gemeente Voorbeeld', role: 'begeleider', hasPassword: true, disabled: false, createdAt: 0 },
};
