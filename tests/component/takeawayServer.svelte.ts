/**
 * For the takeaway editor's component tests: a fake participant session and sockets whose
 * "server" answers with the real server's takeaway code (answerSync, prepareUpdate, decide,
 * evolve), so the fake answers exactly what the server answers, minus the disk.
 */
import { TAKEAWAY_YTEXT } from '../../shared/constants.ts';
import { decide } from '../../shared/domain/decide.ts';
import { evolve, replay } from '../../shared/domain/evolve.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import type { Ack } from '../../shared/protocol/ack.ts';
import { answerSync, prepareUpdate, takeawayDoc } from '../../server/takeaway/docs.ts';
import { FakeSocket } from './fakeSocket.ts';

/** A member's phone: the fake socket and who it belongs to. */
type MemberSocket = FakeSocket & { readonly participantId: string };

/** Two members, p1 and p2, in group g1: built with the real `replay`. */
export function groupState(): SessionState {
  const person = (id: string) => ({ id, name: id, role: 'anders' as const, organisation: '', joinedAt: 1, groupId: null, removed: false });
  return replay([
    {
      type: 'session.created',
      id: 's1',
      code: 'ABC123',
      at: 1,
      content: { title: 't', intro: '', topics: [], questions: [], takeawayQuestion: 'Wat neem je mee?', contact: '' },
      settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
    },
    { type: 'participant.joined', participant: person('p1') },
    { type: 'participant.joined', participant: person('p2') },
    { type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: ['p1', 'p2'] }] },
  ])!;
}

export class TakeawayServer {
  readonly state = groupState();
  readonly sockets: MemberSocket[] = [];
  /** Set to make the next acknowledgements go missing (a lost answer). */
  dropAcks = false;

  socketFor(participantId: string): MemberSocket {
    const s: MemberSocket = Object.assign(
      new FakeSocket({
        connected: true,
        // Offline, nothing reaches the server; a dropped acknowledgement comes after the server acted.
        reply: (event, payload) => {
          if (!s.connected) return 'none';
          const ack = this.handle(s, event, payload);
          return this.dropAcks ? 'none' : ack;
        },
      }),
      { participantId },
    );
    this.sockets.push(s);
    return s;
  }

  get text(): string {
    return takeawayDoc(this.state, 'g1').getText(TAKEAWAY_YTEXT).toString();
  }

  handle(from: MemberSocket, event: string, payload: any): Ack<unknown> {
    if (event === 'takeaway:sync') {
      const a = answerSync(this.state, from.participantId, payload);
      return a.ok ? { ok: true, data: { update: a.update, stateVector: a.stateVector } } : { ok: false, code: a.code, key: a.key, error: a.key };
    }
    if (event === 'takeaway:update') {
      const command = prepareUpdate(this.state, from.participantId, { ...payload, update: new Uint8Array(payload.update) });
      if ('ok' in command) return { ok: false, code: command.code, key: command.key, error: command.key };
      const decision = decide(this.state, command, { actor: { kind: 'participant', participantId: from.participantId }, now: 2, newId: () => 'x' });
      if (!decision.ok) return { ok: false, code: decision.code, key: decision.key, error: decision.key };
      for (const e of decision.events) {
        evolve(this.state, e);
        if (e.type === 'takeaway.updated' && e.update) {
          const bytes = new Uint8Array(Buffer.from(e.update, 'base64'));
          for (const s of this.sockets) if (s.connected) s.fire('takeaway:update', { groupId: 'g1', update: bytes });
        }
      }
      return { ok: true, data: null };
    }
    return { ok: false, code: 'invalid', error: 'unknown' };
  }
}

/** What the editor needs of ParticipantSession. */
export class FakeSession {
  syncEpoch = $state(0);
  socket = $state.raw<FakeSocket | null>(null);
  /** What the page shows above the steps (ParticipantSession.error). */
  error = $state<{ key: string } | null>(null);
  readonly draftKey = { takeaway: (groupId: string) => `samenspraak:draft:s1:${groupId}:takeaway` };

  constructor(socket: FakeSocket) {
    this.socket = socket;
  }
  /** A new snapshot arrived on a (re)connected socket. */
  reconnected(): void {
    this.syncEpoch++;
  }
}
