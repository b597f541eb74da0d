/**
 * The SessionStore contract: every backend (memory, SQLite, later Postgres) must pass these.
 * Call `storeContract(name, makeStore)` from a *.test.ts file; `makeStore` gives a fresh,
 * empty store per test. When it also gives `reopen`, the durability test closes the store,
 * reopens it from the same place and checks that everything is still there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import {
  DuplicateOpError,
  SeqConflictError,
  type Commit,
  type ParticipantToken,
  type SessionRecord,
  type SessionStore,
} from '../../server/store/types.ts';

export interface StoreHarness {
  store: SessionStore;
  /** Reopens the same underlying data (after the contract has closed `store`). */
  reopen?: () => Promise<SessionStore>;
  /** Closes whatever is still open and removes any files. */
  cleanup: () => Promise<void>;
}

export function sessionCreated(id: string, code: string, at = 1): DomainEvent {
  return {
    type: 'session.created',
    id,
    code,
    at,
    content: {
      title: 'T',
      intro: '',
      topics: [{ id: 'k1', title: 'A', description: '' }],
      questions: [{ id: 'q1', text: 'Q?' }],
      takeawayQuestion: 'Wat neem je mee?',
      contact: '',
    },
    settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
  };
}

export function sessionRecord(id: string, code: string, createdAt = 1): SessionRecord {
  return {
    id,
    code,
    createdAt,
    facilitatorSecretHash: `fac-${id}`,
    screenSecretHash: `scr-${id}`,
    endedAt: null,
  };
}

function firstCommit(id: string, code: string, at = 1): Commit {
  return { seq: 1, opId: null, at, events: [sessionCreated(id, code, at)] };
}

function answerAdded(answerId: string, text: string, at = 10): DomainEvent {
  return {
    type: 'answer.added',
    answer: {
      id: answerId,
      groupId: 'g1',
      topicId: 'k1',
      questionId: 'q1',
      authorId: 'p1',
      text,
      createdAt: at,
      updatedAt: at,
      rev: 1,
      hidden: false,
    },
  };
}

function joined(participantId: string, name: string, at = 5): DomainEvent {
  return {
    type: 'participant.joined',
    participant: {
      id: participantId,
      name,
      role: 'opdrachtgever',
      organisation: 'Org',
      joinedAt: at,
      groupId: null,
      removed: false,
    },
  };
}

function token(tokenHash: string, sessionId: string, participantId: string): ParticipantToken {
  return { tokenHash, sessionId, participantId };
}

export function storeContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: SessionStore;

    /** Creates session `id` with its first commit; returns the record. */
    async function create(id: string, code: string, createdAt = 1): Promise<SessionRecord> {
      const record = sessionRecord(id, code, createdAt);
      await store.createSession(record, firstCommit(id, code, createdAt));
      return record;
    }

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('creates a session and finds it by id, by code and in the list', async () => {
      const a = await create('s1', 'ABC234', 100);
      const b = await create('s2', 'XYZ789', 50);

      expect(await store.getSession('s1')).toEqual(a);
      expect(await store.findSessionByCode('ABC234')).toEqual(a);
      expect(await store.findSessionByCode('XYZ789')).toEqual(b);
      expect(await store.getSession('nope')).toBeNull();
      expect(await store.findSessionByCode('NOPE00')).toBeNull();
      // Codes are matched exactly (normalising user input is the caller's job).
      expect(await store.findSessionByCode('abc234')).toBeNull();

      const list = await store.listSessions();
      expect(list).toHaveLength(2);
      expect(list).toEqual(expect.arrayContaining([a, b]));
      expect(await store.loadCommits('s1')).toEqual([firstCommit('s1', 'ABC234', 100)]);
    });

    it('rejects a duplicate session id or join code, and a first commit that is not seq 1', async () => {
      await create('s1', 'ABC234');
      await expect(store.createSession(sessionRecord('s1', 'OTHER1'), firstCommit('s1', 'OTHER1'))).rejects.toThrow();
      await expect(store.createSession(sessionRecord('s2', 'ABC234'), firstCommit('s2', 'ABC234'))).rejects.toThrow();
      await expect(
        store.createSession(sessionRecord('s3', 'DEF567'), { ...firstCommit('s3', 'DEF567'), seq: 2 }),
      ).rejects.toBeInstanceOf(SeqConflictError);

      expect(await store.listSessions()).toEqual([sessionRecord('s1', 'ABC234')]);
      expect(await store.findSessionByCode('OTHER1')).toBeNull();
      expect(await store.getSession('s2')).toBeNull();
      expect(await store.getSession('s3')).toBeNull();
      expect(await store.loadCommits('s3')).toEqual([]);
      expect(await store.loadCommits('s1')).toHaveLength(1);
    });

    it('appends commits in order and loads them in seq order, deep-equal', async () => {
      await create('s1', 'ABC234');
      const c2: Commit = { seq: 2, opId: 'op-2', at: 5, events: [joined('p1', 'Anna')] };
      const c3: Commit = { seq: 3, opId: null, at: 6, events: [] };
      const c4: Commit = {
        seq: 4,
        opId: 'op-4',
        at: 10,
        events: [
          answerAdded('a1', 'eerste'),
          { type: 'timer.changed', timer: { status: 'running', durationMs: 600_000, endsAt: 1_700_000_600_000 } },
          { type: 'spotlight.set', groupId: null },
          { type: 'settings.updated', settings: { locked: true } },
        ],
      };
      await store.append('s1', c2);
      await store.append('s1', c3);
      await store.append('s1', c4);

      const commits = await store.loadCommits('s1');
      expect(commits).toEqual([firstCommit('s1', 'ABC234'), c2, c3, c4]);
      expect(commits.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      expect(await store.loadCommits('unknown')).toEqual([]);
    });

    it('keeps sessions apart: seqs and opIds are per session', async () => {
      await create('s1', 'ABC234');
      await create('s2', 'XYZ789');
      await store.append('s1', { seq: 2, opId: 'same', at: 2, events: [joined('p1', 'Anna')] });
      await store.append('s2', { seq: 2, opId: 'same', at: 2, events: [joined('p2', 'Bram')] });
      expect((await store.loadCommits('s1'))[1]?.events).toEqual([joined('p1', 'Anna')]);
      expect((await store.loadCommits('s2'))[1]?.events).toEqual([joined('p2', 'Bram')]);
    });

    it('rejects a seq that is not exactly the next one and writes nothing', async () => {
      await create('s1', 'ABC234');
      await store.append('s1', { seq: 2, opId: 'op-2', at: 2, events: [] });

      for (const seq of [1, 2, 4, 0, -1, 2.5]) {
        const attempt = store.append('s1', { seq, opId: `op-x${seq}`, at: 3, events: [joined('p9', 'X')] }, [
          token(`hash-x${seq}`, 's1', 'p9'),
        ]);
        await expect(attempt).rejects.toBeInstanceOf(SeqConflictError);
      }
      const commits = await store.loadCommits('s1');
      expect(commits.map((c) => c.seq)).toEqual([1, 2]);
      expect(await store.findParticipantToken('hash-x4')).toBeNull();
      // The rejected opIds were not recorded either.
      await store.append('s1', { seq: 3, opId: 'op-x4', at: 3, events: [] });
      expect(await store.loadCommits('s1')).toHaveLength(3);
    });

    it('rejects a duplicate opId with DuplicateOpError and writes nothing, tokens included', async () => {
      await create('s1', 'ABC234');
      await store.append('s1', { seq: 2, opId: 'op-a', at: 2, events: [joined('p1', 'Anna')] }, [
        token('hash-1', 's1', 'p1'),
      ]);

      const err = await store
        .append('s1', { seq: 3, opId: 'op-a', at: 3, events: [joined('p2', 'Bram')] }, [token('hash-2', 's1', 'p2')])
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(DuplicateOpError);
      expect(err).toMatchObject({ sessionId: 's1', opId: 'op-a' });

      const commits = await store.loadCommits('s1');
      expect(commits).toHaveLength(2);
      expect(commits[1]?.events).toEqual([joined('p1', 'Anna')]);
      expect(await store.findParticipantToken('hash-2')).toBeNull();
      expect(await store.findParticipantToken('hash-1')).toEqual(token('hash-1', 's1', 'p1'));

      // The next seq is still 3.
      await store.append('s1', { seq: 3, opId: 'op-b', at: 3, events: [] });
      expect(await store.loadCommits('s1')).toHaveLength(3);
    });

    it('a duplicate opId of the first commit is detected too', async () => {
      await store.createSession(sessionRecord('s1', 'ABC234'), { ...firstCommit('s1', 'ABC234'), opId: 'create-op' });
      await expect(store.append('s1', { seq: 2, opId: 'create-op', at: 2, events: [] })).rejects.toBeInstanceOf(
        DuplicateOpError,
      );
      expect(await store.loadCommits('s1')).toHaveLength(1);
    });

    it('null opIds never conflict', async () => {
      await create('s1', 'ABC234');
      for (let seq = 2; seq <= 6; seq++) {
        await store.append('s1', { seq, opId: null, at: seq, events: [] });
      }
      const commits = await store.loadCommits('s1');
      expect(commits.map((c) => [c.seq, c.opId])).toEqual([
        [1, null],
        [2, null],
        [3, null],
        [4, null],
        [5, null],
        [6, null],
      ]);
    });

    it('appends a batch of several sessions in one go, in order', async () => {
      await create('s1', 'ABC234');
      await create('s2', 'DEF567');
      await store.appendBatch([
        { sessionId: 's1', commit: { seq: 2, opId: 'b1', at: 2, events: [joined('p1', 'Anna')] }, tokens: [token('hash-b1', 's1', 'p1')] },
        { sessionId: 's2', commit: { seq: 2, opId: 'b1', at: 2, events: [joined('p2', 'Bram')] } },
        { sessionId: 's1', commit: { seq: 3, opId: 'b2', at: 3, events: [] } },
        { sessionId: 's1', commit: { seq: 4, opId: null, at: 4, events: [] } },
      ]);
      expect((await store.loadCommits('s1')).map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      expect((await store.loadCommits('s2')).map((c) => c.seq)).toEqual([1, 2]);
      expect(await store.findParticipantToken('hash-b1')).toEqual(token('hash-b1', 's1', 'p1'));
      await store.appendBatch([]);
    });

    it("writes none of a session's entries when one of them fails (duplicate op in the batch, wrong seq, unknown session)", async () => {
      await create('s1', 'ABC234');
      const bad = [
        [{ seq: 2, opId: 'x', at: 2, events: [] }, { seq: 3, opId: 'x', at: 3, events: [] }],
        [{ seq: 2, opId: 'y', at: 2, events: [] }, { seq: 4, opId: 'z', at: 3, events: [] }],
      ] as const;
      for (const [a, b] of bad) {
        const { failed } = await store.appendBatch([
          { sessionId: 's1', commit: a, tokens: [token('hash-x', 's1', 'p1')] },
          { sessionId: 's1', commit: b },
        ]);
        expect([...failed.keys()]).toEqual(['s1']);
        expect(failed.get('s1')).toBeInstanceOf(b.opId === 'x' ? DuplicateOpError : SeqConflictError);
      }
      const { failed } = await store.appendBatch([{ sessionId: 'ghost', commit: { seq: 1, opId: null, at: 2, events: [] } }]);
      expect(failed.get('ghost')).toBeInstanceOf(Error);
      expect(await store.loadCommits('s1')).toHaveLength(1);
      expect(await store.findParticipantToken('hash-x')).toBeNull();
    });

    it("isolates sessions in one group write: one session's failure never fails another's", async () => {
      await create('s1', 'ABC234');
      await create('s2', 'DEF567');
      await create('s3', 'GHJ890');
      await store.append('s3', { seq: 2, opId: 'taken', at: 2, events: [] });
      // s1 was deleted while its commit was queued; s3 retries an op it already has.
      await store.deleteSession('s1');
      const { failed } = await store.appendBatch([
        { sessionId: 's1', commit: { seq: 2, opId: 'a', at: 3, events: [joined('p1', 'Anna')] }, tokens: [token('hash-a', 's1', 'p1')] },
        { sessionId: 's2', commit: { seq: 2, opId: 'b', at: 3, events: [joined('p2', 'Bram')] }, tokens: [token('hash-b', 's2', 'p2')] },
        { sessionId: 's3', commit: { seq: 3, opId: 'fine', at: 3, events: [] } },
        { sessionId: 's3', commit: { seq: 4, opId: 'taken', at: 3, events: [] } },
        { sessionId: 's2', commit: { seq: 3, opId: 'c', at: 4, events: [] } },
      ]);
      expect([...failed.keys()].sort()).toEqual(['s1', 's3']);
      expect(failed.get('s3')).toBeInstanceOf(DuplicateOpError);
      expect(failed.get('s3')).toMatchObject({ opId: 'taken' });
      // s2 is written completely, s3 not at all (all of a session's entries or none).
      expect((await store.loadCommits('s2')).map((c) => c.seq)).toEqual([1, 2, 3]);
      expect(await store.findParticipantToken('hash-b')).toEqual(token('hash-b', 's2', 'p2'));
      expect((await store.loadCommits('s3')).map((c) => c.seq)).toEqual([1, 2]);
      expect(await store.findParticipantToken('hash-a')).toBeNull();
      expect(await store.getSession('s1')).toBeNull();
    });

    it('loads the latest snapshot and the commits after it; snapshot + tail equals the full history', async () => {
      await create('s1', 'ABC234');
      expect(await store.loadLatest('s1')).toEqual({ snapshot: null, commits: await store.loadCommits('s1') });
      // The "state" is opaque to the store: here, the list of events so far as JSON.
      const history: DomainEvent[] = [sessionCreated('s1', 'ABC234')];
      for (let seq = 2; seq <= 12; seq++) {
        const events = [answerAdded(`a${seq}`, `antwoord ${seq}`, seq)];
        history.push(...events);
        const snapshot = seq % 5 === 0 ? { seq, state: JSON.stringify(history) } : undefined;
        const { failed } = await store.appendBatch([{ sessionId: 's1', commit: { seq, opId: `op${seq}`, at: seq, events }, ...(snapshot ? { snapshot } : {}) }]);
        expect(failed.size).toBe(0);
      }
      const latest = await store.loadLatest('s1');
      expect(latest.snapshot?.seq).toBe(10);
      expect(latest.commits.map((c) => c.seq)).toEqual([11, 12]);
      const fromSnapshot = [...(JSON.parse(latest.snapshot!.state) as DomainEvent[]), ...latest.commits.flatMap((c) => c.events)];
      expect(fromSnapshot).toEqual((await store.loadCommits('s1')).flatMap((c) => c.events));
      // The full history stays (reports and audits read it); unknown sessions load empty.
      expect(await store.loadCommits('s1')).toHaveLength(12);
      expect(await store.loadLatest('ghost')).toEqual({ snapshot: null, commits: [] });
    });

    it('a commit deletes the earlier commits it supersedes, in the same write; the next seq follows the last one', async () => {
      await create('s1', 'ABC234');
      const edit = (seq: number, opId: string): Commit => ({ seq, opId, at: seq, events: [answerAdded('a1', `versie ${seq}`, seq)] });
      await store.append('s1', edit(2, 'e2'));
      await store.append('s1', edit(3, 'e3'));
      const before = await store.storedBytes('s1');
      // seq 4 supersedes 2 and 3 (and names a seq that does not exist, and itself: both ignored).
      const { failed } = await store.appendBatch([{ sessionId: 's1', commit: edit(4, 'e4'), supersedes: [2, 3, 99, 4] }]);
      expect(failed.size).toBe(0);
      expect((await store.loadCommits('s1')).map((c) => c.seq)).toEqual([1, 4]);
      expect(await store.storedBytes('s1')).toBeLessThan(before);
      expect(await store.recentOpIds('s1', 10)).toEqual(['e4']);
      // Gaps are fine: the next commit is the last seq + 1, and a deleted commit's opId is free again.
      await expect(store.append('s1', edit(2, 'x'))).rejects.toBeInstanceOf(SeqConflictError);
      await store.append('s1', edit(5, 'e2'));
      expect((await store.loadLatest('s1')).commits.map((c) => c.seq)).toEqual([1, 4, 5]);
    });

    it('a refused commit deletes nothing it names as superseded', async () => {
      await create('s1', 'ABC234');
      await store.append('s1', { seq: 2, opId: 'taken', at: 2, events: [answerAdded('a1', 'eerste', 2)] });
      const { failed } = await store.appendBatch([{ sessionId: 's1', commit: { seq: 3, opId: 'taken', at: 3, events: [] }, supersedes: [2] }]);
      expect(failed.get('s1')).toBeInstanceOf(DuplicateOpError);
      expect((await store.loadCommits('s1')).map((c) => c.seq)).toEqual([1, 2]);
    });

    it('counts the characters a session takes (commits and snapshot), 0 for an unknown one', async () => {
      await create('s1', 'ABC234');
      const first = await store.storedBytes('s1');
      expect(first).toBeGreaterThanOrEqual(JSON.stringify([sessionCreated('s1', 'ABC234')]).length - 10);
      const events = [answerAdded('a1', 'x'.repeat(1000), 2)];
      await store.appendBatch([{ sessionId: 's1', commit: { seq: 2, opId: null, at: 2, events }, snapshot: { seq: 2, state: 'y'.repeat(500) } }]);
      const after = await store.storedBytes('s1');
      expect(after - first).toBeGreaterThanOrEqual(1500);
      expect(after - first).toBeLessThan(1700);
      expect(await store.storedBytes('ghost')).toBe(0);
    });

    it('refuses a snapshot that does not belong to its commit, and keeps the old one', async () => {
      await create('s1', 'ABC234');
      await store.appendBatch([{ sessionId: 's1', commit: { seq: 2, opId: null, at: 2, events: [] }, snapshot: { seq: 2, state: '"two"' } }]);
      const { failed } = await store.appendBatch([{ sessionId: 's1', commit: { seq: 3, opId: null, at: 3, events: [] }, snapshot: { seq: 7, state: '"seven"' } }]);
      expect(failed.get('s1')).toBeInstanceOf(Error);
      expect(await store.loadLatest('s1')).toMatchObject({ snapshot: { seq: 2, state: '"two"' }, commits: [] });
    });

    it("a deleted session's snapshot goes with it", async () => {
      await create('s1', 'ABC234');
      await store.appendBatch([{ sessionId: 's1', commit: { seq: 2, opId: null, at: 2, events: [] }, snapshot: { seq: 2, state: '{}' } }]);
      await store.deleteSession('s1');
      expect(await store.loadLatest('s1')).toEqual({ snapshot: null, commits: [] });
      await create('s1', 'ABC234');
      expect((await store.loadLatest('s1')).snapshot).toBeNull();
    });

    it('names the opIds of the most recent commits, newest first', async () => {
      await create('s1', 'ABC234');
      for (let seq = 2; seq <= 8; seq++) await store.append('s1', { seq, opId: seq === 6 ? null : `op${seq}`, at: seq, events: [] });
      expect(await store.recentOpIds('s1', 4)).toEqual(['op8', 'op7', 'op5']);
      expect(await store.recentOpIds('s1', 100)).toEqual(['op8', 'op7', 'op5', 'op4', 'op3', 'op2']);
      expect(await store.recentOpIds('ghost', 10)).toEqual([]);
    });

    it('rejects append to an unknown session with an Error and creates nothing', async () => {
      await expect(store.append('ghost', { seq: 1, opId: 'op', at: 1, events: [] })).rejects.toThrow(Error);
      await expect(
        store.append('ghost', { seq: 1, opId: null, at: 1, events: [] }, [token('hash-g', 'ghost', 'p1')]),
      ).rejects.toThrow(Error);
      expect(await store.getSession('ghost')).toBeNull();
      expect(await store.loadCommits('ghost')).toEqual([]);
      expect(await store.findParticipantToken('hash-g')).toBeNull();
    });

    it('saves tokens atomically with their commit and finds them by hash', async () => {
      await create('s1', 'ABC234');
      await store.append('s1', { seq: 2, opId: 'join-1', at: 2, events: [joined('p1', 'Anna'), joined('p2', 'Bram')] }, [
        token('hash-1', 's1', 'p1'),
        token('hash-2', 's1', 'p2'),
      ]);
      expect(await store.findParticipantToken('hash-1')).toEqual(token('hash-1', 's1', 'p1'));
      expect(await store.findParticipantToken('hash-2')).toEqual(token('hash-2', 's1', 'p2'));
      expect(await store.findParticipantToken('hash-3')).toBeNull();

      // A token hash that already exists fails the whole append: no commit, no other token.
      await expect(
        store.append('s1', { seq: 3, opId: 'join-2', at: 3, events: [joined('p3', 'Cor')] }, [
          token('hash-3', 's1', 'p3'),
          token('hash-1', 's1', 'p3'),
        ]),
      ).rejects.toThrow();
      expect(await store.loadCommits('s1')).toHaveLength(2);
      expect(await store.findParticipantToken('hash-3')).toBeNull();
      expect(await store.findParticipantToken('hash-1')).toEqual(token('hash-1', 's1', 'p1'));

      // A token for another session than the commit's is refused, atomically.
      await create('s2', 'XYZ789');
      await expect(
        store.append('s1', { seq: 3, opId: 'join-3', at: 3, events: [] }, [token('hash-4', 's2', 'p4')]),
      ).rejects.toThrow();
      expect(await store.loadCommits('s1')).toHaveLength(2);
      expect(await store.findParticipantToken('hash-4')).toBeNull();
    });

    it('marks a session ended; it keeps resolving by code', async () => {
      await create('s1', 'ABC234');
      await create('s2', 'XYZ789');
      await store.markEnded('s1', 12_345);
      expect((await store.getSession('s1'))?.endedAt).toBe(12_345);
      expect((await store.findSessionByCode('ABC234'))?.endedAt).toBe(12_345);
      expect((await store.getSession('s2'))?.endedAt).toBeNull();
      await store.markEnded('ghost', 1); // unknown: no-op
      expect(await store.getSession('ghost')).toBeNull();
    });

    it('stores a derived screen secret hash beside the first one', async () => {
      await create('s1', 'ABC234');
      expect((await store.getSession('s1'))?.derivedScreenSecretHash ?? null).toBeNull();
      await store.setDerivedScreenSecretHash('s1', 'derived-s1');
      const record = await store.getSession('s1');
      expect(record?.derivedScreenSecretHash).toBe('derived-s1');
      expect(record?.screenSecretHash).toBe('scr-s1');
      expect((await store.findSessionByCode('ABC234'))?.derivedScreenSecretHash).toBe('derived-s1');
      await store.setDerivedScreenSecretHash('ghost', 'x'); // unknown: no-op
    });

    it('deletes a session with its commits and tokens; the code stops resolving; idempotent', async () => {
      await create('s1', 'ABC234');
      await create('s2', 'XYZ789');
      await store.append('s1', { seq: 2, opId: 'j', at: 2, events: [joined('p1', 'Anna')] }, [token('hash-1', 's1', 'p1')]);
      await store.append('s2', { seq: 2, opId: 'j', at: 2, events: [joined('p2', 'Bram')] }, [token('hash-2', 's2', 'p2')]);

      await store.deleteSession('s1');
      expect(await store.getSession('s1')).toBeNull();
      expect(await store.findSessionByCode('ABC234')).toBeNull();
      expect(await store.loadCommits('s1')).toEqual([]);
      expect(await store.findParticipantToken('hash-1')).toBeNull();
      expect((await store.listSessions()).map((s) => s.id)).toEqual(['s2']);
      await expect(store.append('s1', { seq: 3, opId: null, at: 3, events: [] })).rejects.toThrow(Error);

      // The other session is untouched.
      expect(await store.loadCommits('s2')).toHaveLength(2);
      expect(await store.findParticipantToken('hash-2')).toEqual(token('hash-2', 's2', 'p2'));

      await store.deleteSession('s1');
      await store.deleteSession('never-existed');

      // The code (and even the id) of a deleted session can be used again, from scratch.
      await create('s1', 'ABC234', 99);
      expect(await store.loadCommits('s1')).toEqual([firstCommit('s1', 'ABC234', 99)]);
      await store.append('s1', { seq: 2, opId: 'j', at: 100, events: [] });
    });

    it('deleteSessionsCreatedBefore deletes only older sessions and returns their ids', async () => {
      await create('old1', 'AAAAA1', 100);
      await create('old2', 'AAAAA2', 199);
      await create('edge', 'AAAAA3', 200);
      await create('new1', 'AAAAA4', 300);
      await store.append('old1', { seq: 2, opId: 'j', at: 101, events: [] }, [token('hash-old', 'old1', 'p1')]);
      await store.append('new1', { seq: 2, opId: 'j', at: 301, events: [] }, [token('hash-new', 'new1', 'p1')]);

      const deleted = await store.deleteSessionsCreatedBefore(200);
      expect([...deleted].sort()).toEqual(['old1', 'old2']);
      expect((await store.listSessions()).map((s) => s.id).sort()).toEqual(['edge', 'new1']);
      expect(await store.loadCommits('old1')).toEqual([]);
      expect(await store.findParticipantToken('hash-old')).toBeNull();
      expect(await store.findSessionByCode('AAAAA1')).toBeNull();
      expect(await store.findParticipantToken('hash-new')).toEqual(token('hash-new', 'new1', 'p1'));
      expect(await store.loadCommits('new1')).toHaveLength(2);

      expect(await store.deleteSessionsCreatedBefore(200)).toEqual([]);
    });

    it('does not let callers mutate stored data', async () => {
      const record = { ...sessionRecord('s1', 'ABC234') };
      const first = firstCommit('s1', 'ABC234');
      await store.createSession(record, first);
      const events = [joined('p1', 'Anna')];
      const tok = { ...token('hash-1', 's1', 'p1') };
      await store.append('s1', { seq: 2, opId: 'j', at: 2, events }, [tok]);

      // Mutate what we passed in …
      (record as { code: string }).code = 'MUTATE';
      (events as DomainEvent[]).push(joined('p2', 'Bram'));
      (tok as { participantId: string }).participantId = 'evil';
      // … and what we got back.
      const got = await store.getSession('s1');
      (got as { endedAt: number | null }).endedAt = 999;
      const loaded = await store.loadCommits('s1');
      (loaded[1]!.events as DomainEvent[]).length = 0;
      (loaded as Commit[]).pop();
      const foundTok = await store.findParticipantToken('hash-1');
      (foundTok as { sessionId: string }).sessionId = 'other';

      expect(await store.getSession('s1')).toEqual(sessionRecord('s1', 'ABC234'));
      expect(await store.findSessionByCode('ABC234')).toEqual(sessionRecord('s1', 'ABC234'));
      const again = await store.loadCommits('s1');
      expect(again).toHaveLength(2);
      expect(again[1]?.events).toEqual([joined('p1', 'Anna')]);
      expect(await store.findParticipantToken('hash-1')).toEqual(token('hash-1', 's1', 'p1'));
    });

    it('round-trips unicode, emoji, newlines and quotes in events exactly', async () => {
      await create('s1', 'ABC234');
      const texts = [
        'Één café, naïeve coördinatie — “quotes” ‘single’ «guillemets»',
        '🎉👩🏽‍💻🇳🇱 emoji with ZWJ and flags',
        'line1\nline2\r\nline3\ttab',
        `"double" 'single' \`back\` \\ backslash`,
        "'; DROP TABLE commits; --",
        '{"looks":"like json"}',
        '日本語 العربية עברית',
        'nul\u0000byte and \u2028 line separator and lone \ud800 surrogate',
        '',
      ];
      const commit: Commit = {
        seq: 2,
        opId: 'op-“üñî”-🎉',
        at: 2,
        events: texts.map((t, i) => answerAdded(`a${i}`, t)),
      };
      const tok = token('hash-🎉-"x"', 's1', 'p-ü');
      await store.append('s1', commit, [tok]);
      const loaded = await store.loadCommits('s1');
      expect(loaded[1]).toEqual(commit);
      const loadedTexts = loaded[1]!.events.map((e) => (e.type === 'answer.added' ? e.answer.text : null));
      expect(loadedTexts).toStrictEqual(texts);
      expect(await store.findParticipantToken('hash-🎉-"x"')).toEqual(tok);
      await expect(store.append('s1', { seq: 3, opId: 'op-“üñî”-🎉', at: 3, events: [] })).rejects.toBeInstanceOf(
        DuplicateOpError,
      );
    });

    it('round-trips a large commit (1,000 events)', async () => {
      await create('s1', 'ABC234');
      const events = Array.from({ length: 1000 }, (_, i) => answerAdded(`a${i}`, `antwoord ${i} `.repeat(20), i));
      const commit: Commit = { seq: 2, opId: 'bulk', at: 2, events };
      await store.append('s1', commit);
      const loaded = await store.loadCommits('s1');
      expect(loaded[1]?.events).toHaveLength(1000);
      expect(loaded[1]).toEqual(commit);
    });

    it('keeps work-package requests apart from the commits: one per participant (a new one replaces it), withdrawn on request, gone with the session', async () => {
      await create('s1', 'ABC234');
      await create('s2', 'XYZ789');
      const req = (sessionId: string, participantId: string, email: string, at: number) => ({ sessionId, participantId, email, consentVersion: 'v1', at });
      await store.putWorkPackageRequest(req('s1', 'p2', 'b@voorbeeld.nl', 20));
      await store.putWorkPackageRequest(req('s1', 'p1', 'a@voorbeeld.nl', 10));
      await store.putWorkPackageRequest(req('s2', 'p1', 'c@voorbeeld.nl', 30));
      expect((await store.listWorkPackageRequests('s1')).map((r) => r.email)).toEqual(['a@voorbeeld.nl', 'b@voorbeeld.nl']);
      await store.putWorkPackageRequest(req('s1', 'p1', 'nieuw@voorbeeld.nl', 40));
      expect(await store.listWorkPackageRequests('s1')).toEqual([req('s1', 'p2', 'b@voorbeeld.nl', 20), req('s1', 'p1', 'nieuw@voorbeeld.nl', 40)]);
      await store.deleteWorkPackageRequest('s1', 'p2');
      await store.deleteWorkPackageRequest('s1', 'p2');
      expect((await store.listWorkPackageRequests('s1')).map((r) => r.participantId)).toEqual(['p1']);
      // Not part of the dialogue: no commit holds them.
      expect(JSON.stringify(await store.loadCommits('s1'))).not.toContain('voorbeeld.nl');
      await expect(store.putWorkPackageRequest(req('nope', 'p1', 'x@voorbeeld.nl', 1))).rejects.toThrow();
      await store.deleteSession('s1');
      expect(await store.listWorkPackageRequests('s1')).toEqual([]);
      expect(await store.listWorkPackageRequests('s2')).toHaveLength(1);
      await store.deleteSessionsCreatedBefore(Number.MAX_SAFE_INTEGER);
      expect(await store.listWorkPackageRequests('s2')).toEqual([]);
    });

    it('close is idempotent', async () => {
      await create('s1', 'ABC234');
      await store.close();
      await store.close();
    });

    it('keeps everything across close and reopen', async (ctx) => {
      if (!harness.reopen) {
        ctx.skip();
        return;
      }
      const s1 = await create('s1', 'ABC234', 100);
      const s2 = await create('s2', 'XYZ789', 200);
      const c2: Commit = { seq: 2, opId: 'j1', at: 101, events: [joined('p1', 'Anna 🎉')] };
      const c3: Commit = { seq: 3, opId: null, at: 102, events: [answerAdded('a1', 'regel 1\n"regel" 2')] };
      await store.append('s1', c2, [token('hash-1', 's1', 'p1')]);
      await store.append('s1', c3);
      await store.markEnded('s2', 250);
      await store.close();

      const again = await harness.reopen();
      try {
        expect(await again.getSession('s1')).toEqual(s1);
        expect(await again.findSessionByCode('XYZ789')).toEqual({ ...s2, endedAt: 250 });
        expect(await again.listSessions()).toHaveLength(2);
        expect(await again.loadCommits('s1')).toEqual([firstCommit('s1', 'ABC234', 100), c2, c3]);
        expect(await again.findParticipantToken('hash-1')).toEqual(token('hash-1', 's1', 'p1'));
        // Constraints still hold after reopening.
        await expect(again.append('s1', { seq: 4, opId: 'j1', at: 103, events: [] })).rejects.toBeInstanceOf(
          DuplicateOpError,
        );
        await expect(again.append('s1', { seq: 3, opId: 'x', at: 103, events: [] })).rejects.toBeInstanceOf(
          SeqConflictError,
        );
        await again.append('s1', { seq: 4, opId: 'j2', at: 103, events: [] });
        expect(await again.loadCommits('s1')).toHaveLength(4);
      } finally {
        await again.close();
      }
    });
  });
}
