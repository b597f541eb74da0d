/**
 * What one session may take of the store. Edit history is compacted: an answer saved over and
 * over keeps its latest edit only (the store drops the superseded ones in the same write), so
 * a participant saving at the allowed rate for an hour adds kilobytes, not gigabytes. And a
 * session that reaches its quota refuses what would add to it, with "Deze sessie is vol",
 * while everything already acknowledged stays.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { replay } from '../../shared/domain/evolve.ts';
import type { Command } from '../../shared/domain/commands.ts';
import type { Actor, SessionSettings } from '../../shared/domain/types.ts';
import { LIMITS } from '../../shared/constants.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { silentLogger } from '../../server/logger.ts';
import { SessionHub, type HubDeps, type LiveSession } from '../../server/sessions/sessionHub.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import { WHEN_FULL } from '../../server/sessions/storageQuota.ts';
import { createSession, op, Operator, Phone, send, startServer, until } from './harness.ts';

const SETTINGS: SessionSettings = { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10, maxParticipants: null };
const facilitator: Actor = { kind: 'facilitator' };
const anna: Actor = { kind: 'participant', participantId: 'anna' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function sqlite(): { store: SqliteStore; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspraak-quota-'));
  const file = path.join(dir, 'db.sqlite');
  const store = SqliteStore.open(file);
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store, file };
}

function hubOn(store: SqliteStore, opts: Partial<HubDeps> = {}): SessionHub {
  const hub = new SessionHub({ store, now: Date.now, logger: silentLogger(), ...opts });
  cleanups.push(() => hub.close());
  return hub;
}

async function ok(hub: SessionHub, s: LiveSession, actor: Actor, command: Command, opId: string | null = null): Promise<void> {
  const result = await hub.execute(s, actor, command, opId);
  if (!result.ok) throw new Error(`refused: ${result.key}`);
}

/** A session with Anna (and a colleague) in a group, at the first topic. */
async function dialogue(hub: SessionHub): Promise<LiveSession> {
  const created = await hub.create(TEMPLATES[0].content, SETTINGS);
  const s = (await hub.get(created.record.id))!;
  for (const id of ['anna', 'bram']) await ok(hub, s, { kind: 'guest' }, { type: 'participant:join', participantId: id, name: id, role: 'anders', organisation: '' });
  await ok(hub, s, facilitator, { type: 'groups:form', opId: 'form', seed: 'seed', targetSize: 2 }, 'form');
  await ok(hub, s, facilitator, { type: 'step:set', opId: 'step', stepIndex: firstStepOf(s.state, 'topic') }, 'step');
  return s;
}

const text = (n: number) => `Versie ${n}: ${'woorden '.repeat(240)}`.slice(0, LIMITS.answer);

describe('edit history is compacted', () => {
  it('2,000 saves of one 2,000-character answer keep one edit: the store stays within a bound, and a reload has the latest text', async () => {
    const { store, file } = sqlite();
    const hub = hubOn(store);
    const s = await dialogue(hub);
    const add: Command = { type: 'answer:add', answerId: 'answer-0001', topicId: 'k1', questionId: 'q1', text: text(0) };
    await ok(hub, s, anna, add, 'add:answer-0001');
    const base = await store.storedBytes(s.record.id);
    const edits = 2000;
    // Not awaited one by one: the hub queues them like a phone saving as fast as it may.
    const results = [];
    for (let rev = 2; rev <= edits + 1; rev++) {
      results.push(hub.execute(s, anna, { type: 'answer:edit', answerId: 'answer-0001', text: text(rev), rev }, `edit:answer-0001:${rev}`));
    }
    expect((await Promise.all(results)).every((r) => r.ok)).toBe(true);
    const commits = await store.loadCommits(s.record.id);
    // Every save is 2 KB: kept, the 2,000 would be 4 MB (at 10 saves a second an hour is 36,000: 70 MB per answer).
    expect(commits.filter((c) => c.events.some((e) => e.type === 'answer.edited'))).toHaveLength(1);
    const bytes = await store.storedBytes(s.record.id);
    expect(bytes - base).toBeLessThan(30_000); // one edit, plus snapshots of a small session
    expect(s.storedBytes).toBe(bytes); // the hub's count is the store's
    expect(fs.statSync(file).size + fs.statSync(`${file}-wal`).size).toBeLessThan(8 * 1024 * 1024);
    // What is left replays to the live state, and a fresh hub loads the latest text.
    expect(replay(commits.flatMap((c) => c.events))!.answers['answer-0001']).toEqual(s.state.answers['answer-0001']);
    const reloaded = await hubOn(store).get(s.record.id);
    expect(reloaded!.state.answers['answer-0001']).toMatchObject({ text: text(edits + 1), rev: edits + 1 });
  });

  it('deleting an answer drops its last edit too; other answers keep theirs', async () => {
    const { store } = sqlite();
    const hub = hubOn(store);
    const s = await dialogue(hub);
    for (const id of ['answer-keep', 'answer-gone']) {
      await ok(hub, s, anna, { type: 'answer:add', answerId: id, topicId: 'k1', questionId: 'q1', text: 'eerst' }, `add:${id}`);
      await ok(hub, s, anna, { type: 'answer:edit', answerId: id, text: 'daarna', rev: 2 }, `edit:${id}:2`);
    }
    await ok(hub, s, anna, { type: 'answer:delete', opId: 'del', answerId: 'answer-gone' }, 'del');
    const types = (await store.loadCommits(s.record.id)).flatMap((c) => c.events).map((e) => ('answerId' in e ? `${e.type}:${e.answerId}` : e.type));
    expect(types.filter((t) => t.includes('answer-'))).toEqual(['answer.edited:answer-keep', 'answer.deleted:answer-gone']);
  });
});

describe('stored bytes per session', () => {
  it('past the quota, joins and writes are refused with "Deze sessie is vol"; what was acknowledged stays, the facilitator can still steer', async () => {
    const { store } = sqlite();
    const hub = hubOn(store, { maxStoredBytes: 60_000 });
    const s = await dialogue(hub);
    const acknowledged: string[] = [];
    let refusal = null;
    for (let i = 0; i < 200 && !refusal; i++) {
      const answerId = `answer-${String(i).padStart(4, '0')}`;
      const result = await hub.execute(s, anna, { type: 'answer:add', answerId, topicId: 'k1', questionId: `q${(i % 3) + 1}`, text: text(i) }, `add:${answerId}`);
      if (result.ok) acknowledged.push(answerId);
      else refusal = result;
    }
    expect(refusal).toEqual({ ok: false, code: 'full', key: 'error.sessionFull' });
    expect(hub.isFull(s)).toBe(true);
    // Nothing that would add is let through ...
    expect(await hub.execute(s, { kind: 'guest' }, { type: 'participant:join', participantId: 'late', name: 'Laat', role: 'anders', organisation: '' }, null)).toMatchObject({ code: 'full', key: 'error.full' });
    expect(await hub.execute(s, anna, { type: 'answer:edit', answerId: acknowledged[0]!, text: 'anders', rev: 2 }, 'e')).toMatchObject({ key: 'error.sessionFull' });
    // ... but the facilitator can still pace and end the session.
    await ok(hub, s, facilitator, { type: 'step:set', opId: 'next', stepIndex: s.state.stepIndex + 1 }, 'next');
    // Every acknowledged answer is in the store, with its text.
    const reloaded = (await hubOn(store).get(s.record.id))!;
    expect(Object.keys(reloaded.state.answers).sort()).toEqual(acknowledged);
    expect(reloaded.state.answers[acknowledged[0]!]!.text).toBe(text(0));
    expect(reloaded.storedBytes).toBeGreaterThanOrEqual(60_000);
    await ok(hub, s, facilitator, { type: 'session:end', opId: 'end' }, 'end');
  });

  it('every command says whether it may run in a full session; only participants\u2019 deletes and the facilitator\u2019s pacing do', () => {
    const allowed = Object.entries(WHEN_FULL).filter(([, v]) => v === 'allowed').map(([k]) => k);
    expect(allowed).toContain('session:end');
    expect(allowed).toContain('answer:delete');
    expect(allowed).not.toContain('answer:add');
    expect(allowed).not.toContain('participant:join');
  });

  it('over sockets: the phone is told "Deze sessie is vol" (its text is not taken), the console at once and in every later snapshot', async () => {
    const server = await startServer({ hub: { maxStoredBytes: 40_000 } });
    cleanups.push(() => server.close());
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    let toldFull = 0;
    facilitator.socket.on('session:full', () => toldFull++);
    const phone = new Phone(server.url);
    await phone.join(session.code, 'Anna', 'anders', '');
    expect(await facilitator.send('groups:form', { opId: op() })).toMatchObject({ ok: true });
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: firstStepOf(facilitator.state!, 'topic') })).toMatchObject({ ok: true });
    await until(() => phone.group !== undefined, 'Anna has a group');
    let last = null;
    for (let i = 0; i < 60; i++) {
      last = await send(phone.socket, 'answer:add', { answerId: `answer-${String(i).padStart(4, '0')}`, topicId: 'k1', questionId: `q${(i % 3) + 1}`, text: text(i) });
      if (!last.ok) break;
      // Within the phone's rate: a person does not add 60 answers in a second.
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 2000));
    }
    expect(last).toMatchObject({ ok: false, code: 'full', key: 'error.sessionFull' });
    expect(last!.ok === false && last!.error).toMatch(/^Deze sessie is vol/);
    await until(() => toldFull === 1, 'the console is told');
    // A second refusal does not tell it again; a console that opens now sees it in its snapshot.
    await send(phone.socket, 'rating:set', { opId: op(), topicId: 'k1', now: 3 });
    const later = new Operator(server.url, session.sessionId, session.facilitatorSecret);
    const snapshot = new Promise<{ storageFull?: boolean }>((resolve) => later.socket.once('operator:snapshot', resolve));
    expect((await snapshot).storageFull).toBe(true);
    expect(toldFull).toBe(1);
    for (const c of [phone, facilitator, later]) c.close();
  }, 20_000);
});
