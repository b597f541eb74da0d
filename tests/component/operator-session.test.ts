/**
 * OperatorSession against a fake socket: snapshot + events folded with `evolve`,
 * presence, the clock offset, commands with a fresh opId each, and the bad-link handshake.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { HANDSHAKE_ERRORS } from '../../shared/protocol/events.ts';
import { NO_ANSWER_ACK, type OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';
import { Announcer } from '../../client/src/operator/announcer.svelte.ts';
import { baseState, openSession, snapshot } from './operator-fixtures.ts';

let session: OperatorSession | null = null;
afterEach(() => {
  session?.destroy();
  session = null;
});

/** A participant joining, as an operator event. */
const join = (id: string): DomainEvent => ({
  type: 'participant.joined',
  participant: { id, name: id, role: 'opdrachtgever', organisation: 'Gemeente', joinedAt: 2_000, groupId: null, removed: false },
});

function open() {
  const { session: s, socket } = openSession();
  session = s;
  return { s, socket };
}

describe('OperatorSession', () => {
  it('takes the snapshot, then folds operator events into it', () => {
    const { s, socket } = open();
    expect(s.state).toBeNull();
    socket.emit('operator:snapshot', snapshot(baseState()));
    expect(s.status).toBe('connected');
    const events: DomainEvent[] = [
      {
        type: 'participant.joined',
        participant: { id: 'p1', name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente', joinedAt: 2_000, groupId: null, removed: false },
      },
      { type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: ['p1'] }] },
      { type: 'settings.updated', settings: { locked: true } },
    ];
    socket.emit('operator:events', events);
    expect(s.state?.participants.p1?.groupId).toBe('g1');
    expect(s.state?.groups.map((g) => g.memberIds)).toEqual([['p1']]);
    expect(s.state?.settings.locked).toBe(true);
  });

  it('under a stream of messages folds them in together, at most every 100 ms; the first after a quiet spell at once', () => {
    vi.useFakeTimers();
    try {
      const { session: s, socket } = openSession('screen', 100);
      session = s;
      socket.emit('operator:snapshot', snapshot(baseState()));
      let folds = 0;
      s.onEvents(() => folds++);
      socket.emit('operator:events', [join('p1')]);
      expect(Object.keys(s.state!.participants)).toEqual(['p1']);
      socket.emit('operator:events', [join('p2')]);
      socket.emit('operator:events', [join('p3')]);
      expect(Object.keys(s.state!.participants)).toEqual(['p1']);
      vi.advanceTimersByTime(100);
      expect(Object.keys(s.state!.participants)).toEqual(['p1', 'p2', 'p3']);
      expect(folds).toBe(2);
      // Events that wait when a snapshot comes are in it already: they are dropped, not folded twice.
      socket.emit('operator:events', [join('p4')]);
      socket.emit('operator:snapshot', snapshot(baseState()));
      vi.advanceTimersByTime(200);
      expect(Object.keys(s.state!.participants)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('folds a burst of 1,000 events 150 at a time, one task each, the rest right after', () => {
    vi.useFakeTimers();
    try {
      const { session: s, socket } = openSession('screen', 100);
      session = s;
      socket.emit('operator:snapshot', snapshot(baseState()));
      const sizes: number[] = [];
      s.onEvents((events) => sizes.push(events.length));
      socket.emit('operator:events', Array.from({ length: 1000 }, (_, i) => join(`p${i}`)));
      expect(sizes).toEqual([150]);
      expect(Object.keys(s.state!.participants)).toHaveLength(150);
      // The rest follows at once, in tasks of their own (each a timer of 0 ms).
      vi.advanceTimersByTime(10);
      expect(sizes).toEqual([150, 150, 150, 150, 150, 150, 100]);
      expect(Object.keys(s.state!.participants)).toHaveLength(1000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits longer between folds when a fold is slow on this device (four times its cost), and goes back to 100 ms when folds are cheap again', () => {
    vi.useFakeTimers();
    try {
      const { session: s, socket } = openSession('screen', 100);
      session = s;
      socket.emit('operator:snapshot', snapshot(baseState()));
      let slowMs = 60;
      s.onEvents(() => vi.setSystemTime(Date.now() + slowMs)); // the views take slowMs to update
      socket.emit('operator:events', [join('p1')]);
      expect(Object.keys(s.state!.participants)).toEqual(['p1']);
      socket.emit('operator:events', [join('p2')]);
      // A 60 ms fold: the next waits 240 ms from its start (180 ms from its end), not 100.
      vi.advanceTimersByTime(100);
      expect(Object.keys(s.state!.participants)).toEqual(['p1']);
      vi.advanceTimersByTime(80);
      expect(Object.keys(s.state!.participants)).toEqual(['p1', 'p2']);
      slowMs = 0;
      socket.emit('operator:events', [join('p3')]);
      vi.advanceTimersByTime(240);
      expect(Object.keys(s.state!.participants)).toEqual(['p1', 'p2', 'p3']);
      // That fold was cheap: the wait is 100 ms again.
      socket.emit('operator:events', [join('p4')]);
      vi.advanceTimersByTime(100);
      expect(Object.keys(s.state!.participants)).toEqual(['p1', 'p2', 'p3', 'p4']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps presence from the snapshot and from presence:changed', () => {
    const { s, socket } = open();
    socket.emit('operator:snapshot', { ...snapshot(baseState()), presence: { p1: 'connected' } });
    socket.emit('presence:changed', [{ participantId: 'p1', status: 'reconnecting' }, { participantId: 'p2', status: 'connected' }]);
    expect(s.presenceOf('p1')).toBe('reconnecting');
    expect(s.presenceOf('p2')).toBe('connected');
    expect(s.presenceOf('nobody')).toBe('away');
  });

  it('uses the server clock from the snapshot', () => {
    const { s, socket } = open();
    socket.emit('operator:snapshot', snapshot(baseState(), Date.now() + 60_000));
    expect(s.clockOffsetMs).toBeGreaterThan(59_000);
    expect(s.clockOffsetMs).toBeLessThan(61_000);
  });

  it('sends commands with a fresh opId each and returns the ack', async () => {
    const { s, socket } = open();
    socket.reply = (event) =>
      event === 'groups:form' ? { ok: false, code: 'conflict', error: 'al geschreven', key: 'error.dialogueStarted' } : { ok: true, data: null };
    expect(await s.extendTimer(60)).toEqual({ ok: true, data: null });
    expect(await s.formGroups(4)).toMatchObject({ ok: false, key: 'error.dialogueStarted' });
    await s.setLocked(true);
    expect(socket.sent.map((x) => x.event)).toEqual(['timer:extend', 'groups:form', 'settings:update']);
    expect(socket.sent[0]?.payload).toMatchObject({ seconds: 60 });
    expect(socket.sent[1]?.payload).toMatchObject({ targetSize: 4 });
    expect(socket.sent[2]?.payload).toMatchObject({ settings: { locked: true } });
    const ids = socket.sent.map((x) => x.payload.opId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('retries once with the same opId when the server does not answer', async () => {
    const { s, socket } = open();
    socket.reply = () => 'timeout';
    expect(await s.setStep(3)).toEqual(NO_ANSWER_ACK);
    expect(socket.sent).toHaveLength(2);
    expect(socket.sent[0]?.payload.opId).toBe(socket.sent[1]?.payload.opId);
  });

  it('recognises a wrong secret at the handshake and stops', () => {
    const { s, socket } = open();
    const disconnect = vi.spyOn(socket, 'disconnect');
    socket.active = false;
    socket.emit('connect_error', new Error(HANDSHAKE_ERRORS.badSecret));
    expect(s.status).toBe('badSecret');
    expect(disconnect).toHaveBeenCalled();
  });

  it('connects again when the server hung up, so a deleted session turns into "bad link"', () => {
    const { s, socket } = open();
    const connect = vi.spyOn(socket, 'connect');
    socket.emit('operator:snapshot', snapshot(baseState()));
    socket.emit('disconnect', 'io server disconnect');
    expect(s.status).toBe('reconnecting');
    expect(connect).toHaveBeenCalled();
  });

  it('shows reconnecting after losing the connection', () => {
    const { s, socket } = open();
    socket.emit('operator:snapshot', snapshot(baseState()));
    socket.emit('disconnect', 'transport close');
    expect(s.status).toBe('reconnecting');
  });
});

describe('Announcer', () => {
  afterEach(() => vi.useRealTimers());

  it('collects joins and finished groups into one calm sentence at most every few seconds', () => {
    vi.useFakeTimers();
    const a = new Announcer();
    a.joined(1);
    a.joined(2);
    a.say('Groep 3 is klaar met dit kenmerk.');
    expect(a.message).toBe('');
    vi.advanceTimersByTime(5000);
    expect(a.message).toBe('Er zijn 3 deelnemers bij gekomen. Groep 3 is klaar met dit kenmerk.');
    a.joined(1);
    vi.advanceTimersByTime(5000);
    expect(a.message).toBe('Er is 1 deelnemer bij gekomen.');
    a.destroy();
  });
});
