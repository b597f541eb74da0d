/**
 * Routes committed domain events to the sockets that may see them. The cost rule (see
 * issue 6): nothing per answer goes to the whole session. Group work goes to the group's
 * room and to the operators; only the session's pace (step, timer, spotlight) goes to
 * every participant, and it is rare and small.
 *
 * Operators (facilitator panels, shared screens) get every event, coalesced per tick.
 */
import type { DomainEvent } from '../../shared/domain/events.ts';
import { differsByAudience, eventFor, eventsForScreen, participantView } from '../../shared/domain/views.ts';
import type { BeforeInfo, LiveSession, Publisher } from '../sessions/sessionHub.ts';
import { PARTICIPANT_SLICES, SOCKETS_PER_TURN, rooms, sliceOf } from './rooms.ts';
import type { AppServer, AppSocket } from './types.ts';

const SESSION_WIDE = new Set<DomainEvent['type']>([
  'content.updated',
  'settings.updated',
  'step.changed',
  'timer.changed',
  'spotlight.set',
  'session.ended',
  'agenda.set',
  'step.added',
  'step.removed',
  'step.moved',
  'step.edited',
]);

/** About 100 µs each at 2,000 people: a slice of 100 keeps a turn of the event loop near 10 ms. */
const SNAPSHOTS_PER_TURN = 100;

/** A participant's view of the session, to these sockets of theirs (none: nothing is built). */
export function sendParticipantSnapshot(sockets: readonly AppSocket[], session: LiveSession, participantId: string, now: number): void {
  if (!sockets.length) return;
  const snapshot = { participantId, state: participantView(session.state, participantId, session.index.answersOf), serverNow: now };
  for (const socket of sockets) socket.emit('participant:snapshot', snapshot);
}

/**
 * What clients get of an event: takeaway updates without their bytes (clients fold in the
 * merged text; phones get the bytes as `takeaway:update`), compactions not at all.
 */
function forClients(events: readonly DomainEvent[]): readonly DomainEvent[] {
  if (!events.some((e) => e.type === 'takeaway.updated' || e.type === 'takeaway.compacted')) return events;
  const out: DomainEvent[] = [];
  for (const e of events) {
    if (e.type === 'takeaway.compacted') continue;
    if (e.type === 'takeaway.updated') {
      const { update: _bytes, ...rest } = e;
      out.push(rest);
    } else out.push(e);
  }
  return out;
}

/** `people`: how a message reaches one participant's sockets (ParticipantSockets). */
export function createPublisher(io: AppServer, now: () => number, people: { socketsOf(participantId: string): readonly AppSocket[] }): Publisher {
  const operatorBuffers = new Map<string, DomainEvent[]>();

  function toOperators(sessionId: string, events: readonly DomainEvent[]): void {
    let buffer = operatorBuffers.get(sessionId);
    if (!buffer) {
      operatorBuffers.set(sessionId, (buffer = []));
      // Coalesce everything published from one group write into one message per operator.
      // A microtask, not a later tick: it goes out before the acknowledgements of the same
      // batch, so a facilitator's panel shows the change when the button's ack arrives.
      queueMicrotask(() => {
        operatorBuffers.delete(sessionId);
        if (!buffer!.some(differsByAudience)) {
          io.to(rooms.operators(sessionId)).emit('operator:events', buffer!);
          return;
        }
        // Presenter notes, organisations and device hashes reach facilitators only (see eventFor).
        io.to(rooms.operators(sessionId)).except(rooms.screens(sessionId)).emit('operator:events', buffer!);
        io.to(rooms.screens(sessionId)).emit('operator:events', eventsForScreen(buffer!));
      });
    }
    buffer.push(...events);
  }

  /**
   * About SOCKETS_PER_TURN sockets per turn of the event loop: a room of a few hundred in
   * one write, 2,000 in four turns, 5,000 in ten. Each turn is a few of the session's 16 slice
   * rooms together. Each socket still gets the session's updates in commit order (later
   * broadcasts reach every slice after earlier ones).
   */
  function toAllParticipants(sessionId: string, events: readonly DomainEvent[]): void {
    const sockets = io.sockets.adapter.rooms.get(rooms.participants(sessionId))?.size ?? 0;
    const perTurn = Math.min(PARTICIPANT_SLICES, Math.max(1, Math.floor((PARTICIPANT_SLICES * SOCKETS_PER_TURN) / Math.max(1, sockets))));
    if (perTurn === PARTICIPANT_SLICES) {
      io.to(rooms.participants(sessionId)).emit('participant:events', events);
      return;
    }
    let slice = 0;
    const next = () => {
      const turn: string[] = [];
      for (; turn.length < perTurn && slice < PARTICIPANT_SLICES; slice++) turn.push(rooms.participantSlice(sessionId, slice));
      io.to(turn).emit('participant:events', events);
      if (slice < PARTICIPANT_SLICES) setImmediate(next);
    };
    next();
  }

  /**
   * Fresh snapshots for phones whose group changed, a slice per turn of the event loop:
   * forming groups refreshes every phone at once, and one snapshot each for 5,000 phones in
   * one go held the event loop for half a second. Each is built when it is sent, so it holds
   * everything committed until then; a group event that arrives before it is folded and then
   * replaced by it.
   */
  function sendSnapshots(session: LiveSession, participantIds: readonly string[]): void {
    let i = 0;
    const next = () => {
      const end = Math.min(i + SNAPSHOTS_PER_TURN, participantIds.length);
      const t = now();
      for (; i < end; i++) {
        const id = participantIds[i]!;
        sendParticipantSnapshot(people.socketsOf(id), session, id, t);
      }
      if (i < participantIds.length) setImmediate(next);
    };
    next();
  }

  return (session: LiveSession, events: readonly DomainEvent[], before: BeforeInfo) => {
    const sid = session.record.id;
    const state = session.state;
    toOperators(sid, forClients(events));

    const sessionWide: DomainEvent[] = [];
    const byGroup = new Map<string, DomainEvent[]>();
    const toGroup = (groupId: string | null | undefined, e: DomainEvent) => {
      if (!groupId) return;
      const list = byGroup.get(groupId);
      if (list) list.push(e);
      else byGroup.set(groupId, [e]);
    };
    const refresh = new Set<string>();
    const moveRooms = (participantId: string, from: string | null | undefined, to: string | null | undefined) => {
      if (from === to) return;
      for (const socket of people.socketsOf(participantId)) {
        if (from) void socket.leave(rooms.group(sid, from));
        if (to) void socket.join(rooms.group(sid, to));
      }
    };

    for (const e of events) {
      if (SESSION_WIDE.has(e.type)) {
        sessionWide.push(eventFor('participant', e));
        continue;
      }
      switch (e.type) {
        case 'answer.added':
          toGroup(e.answer.groupId, e);
          break;
        case 'answer.edited':
        case 'answer.deleted':
        case 'answer.hidden':
          toGroup(before.answerGroups.get(e.answerId), e);
          break;
        case 'rating.set':
          toGroup(e.rating.groupId, e);
          break;
        case 'takeaway.set':
          toGroup(e.takeaway.groupId, e);
          break;
        case 'takeaway.updated': {
          const { update, ...text } = e;
          toGroup(e.groupId, text);
          if (update !== undefined) {
            io.to(rooms.group(sid, e.groupId)).emit('takeaway:update', { groupId: e.groupId, update: Buffer.from(update, 'base64') });
          }
          break;
        }
        case 'takeaway.compacted':
          break;
        case 'participant.joined':
          // The newcomer gets a snapshot from the join itself; the group learns of them (not their device).
          toGroup(e.participant.groupId, eventFor('participant', e));
          break;
        case 'participant.admitted':
          // Let in: into the group's room, the group learns of them, and their phone gets the group's work.
          moveRooms(e.participant.id, null, e.participant.groupId);
          toGroup(e.participant.groupId, eventFor('participant', e));
          refresh.add(e.participant.id);
          break;
        case 'participant.moved': {
          const from = before.participantGroups.get(e.participantId);
          moveRooms(e.participantId, from, e.groupId);
          toGroup(from, e);
          refresh.add(e.participantId);
          const target = state.groups.find((g) => g.id === e.groupId);
          for (const id of target?.memberIds ?? []) refresh.add(id);
          break;
        }
        case 'participant.removed': {
          const from = before.participantGroups.get(e.participantId);
          toGroup(from, e);
          // They keep their connection but lose every room: nothing more reaches them.
          const left = [rooms.participants(sid), rooms.participantSlice(sid, sliceOf(e.participantId)), ...(from ? [rooms.group(sid, from)] : [])];
          for (const socket of people.socketsOf(e.participantId)) {
            socket.emit('participant:removed');
            for (const room of left) void socket.leave(room);
          }
          break;
        }
        case 'groups.formed':
          for (const p of Object.values(state.participants)) {
            if (p.removed) continue;
            moveRooms(p.id, before.participantGroups.get(p.id), p.groupId);
            refresh.add(p.id);
          }
          break;
        case 'session.created':
          break;
      }
    }

    if (sessionWide.length) toAllParticipants(sid, sessionWide);
    for (const [groupId, list] of byGroup) io.to(rooms.group(sid, groupId)).emit('participant:events', list);
    if (refresh.size) sendSnapshots(session, [...refresh]);
  };
}
