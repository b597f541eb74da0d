/**
 * The group's takeaway as one Yjs text, over real sockets: members typing at the same
 * moment (some offline meanwhile) all keep their words in the report, the CSV and on the
 * screen; hostile updates are refused and change nothing; what was acknowledged survives
 * a restart on the same SQLite file; many small updates are compacted into one state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/constants.ts';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { COMPACT_EVERY } from '../../server/takeaway/docs.ts';
import { parseCsv } from '../support/csv.ts';
import { createSession, download, op, Operator, Phone, send, startServer, until, type TestServer } from './harness.ts';
import { TakeawayWriter } from './yjsWriter.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function serverWith(store: SessionStore, closeStore: boolean, extra: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer({ store, ...extra });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
    if (closeStore) await store.close();
  };
  cleanups.push(close);
  return { ...server, close };
}

/** A session with `people` phones in groups of `groupSize`, at the takeaway step. */
async function atTakeaway(server: TestServer, people: number, groupSize: number) {
  const session = await createSession(server.url);
  const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  const phones: Phone[] = [];
  cleanups.push(() => {
    for (const p of phones) p.close();
    facilitator.close();
  });
  for (let i = 0; i < people; i++) {
    const phone = new Phone(server.url);
    phones.push(phone);
    await phone.join(session.code, `Lid ${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i}`);
  }
  expect(await facilitator.send('groups:form', { opId: op(), targetSize: groupSize })).toMatchObject({ ok: true });
  const step = firstStepOf(facilitator.state!, 'takeaway');
  expect(await facilitator.send('step:set', { opId: op(), stepIndex: step })).toMatchObject({ ok: true });
  await until(() => phones.every((p) => p.group && p.state!.stepIndex === step), 'phones in groups at the takeaway');
  return { session, facilitator, phones };
}

function membersOf(phones: Phone[], groupId: string): Phone[] {
  return phones.filter((p) => p.group?.id === groupId);
}

/** Inserts `word ` at the start or right after a space: never inside someone else's word. */
function typeWord(w: TakeawayWriter, word: string, pick: number): void {
  const s = w.toString();
  const spots = [0];
  for (let i = 0; i < s.length; i++) if (s[i] === ' ') spots.push(i + 1);
  w.type(`${word} `, spots[pick % spots.length]);
}

async function exportsOf(server: TestServer, session: Awaited<ReturnType<typeof createSession>>) {
  const report = await download(server.url, `/api/sessions/${session.sessionId}/report.md`, session.facilitatorSecret);
  const csv = await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, session.facilitatorSecret);
  const [header, ...rows] = parseCsv(csv.body.replace(/^\uFEFF/, ''));
  const takeaways = rows.filter((r) => r[header!.indexOf('soort')] === 'meenemen').map((r) => r[header!.indexOf('tekst')]!);
  return { report: report.body, takeaways };
}

async function screenText(server: TestServer, session: Awaited<ReturnType<typeof createSession>>, groupId: string): Promise<string> {
  const screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
  const text = screen.state!.takeaways[groupId]?.text ?? '';
  expect(screen.state!.takeawayDocs ?? {}).toEqual({}); // the stored document never leaves the server
  screen.close();
  return text;
}

/** Every member types `rounds` words at the same moment; the one at `offline` types while disconnected. */
async function typeTogether(writers: TakeawayWriter[], rounds: number, offline: number | null): Promise<string[]> {
  const words: string[] = [];
  for (const w of writers) expect(await w.sync()).toMatchObject({ ok: true });
  if (offline !== null) writers[offline]!.phone.socket.disconnect();
  for (let r = 0; r < rounds; r++) {
    writers.forEach((w, i) => {
      const word = `lid${i}woord${r}`;
      words.push(word);
      typeWord(w, word, r * 7 + i * 3);
    });
    // All online members send at the same moment; every acknowledgement is ok.
    const acks = await Promise.all(writers.filter((_, i) => i !== offline).map((w) => w.flush()));
    for (const ack of acks) expect(ack).toEqual({ ok: true, data: null });
  }
  if (offline !== null) {
    const back = writers[offline]!;
    await back.phone.reload();
    expect(await back.sync()).toEqual({ ok: true, data: null });
  }
  await until(() => writers.every((w) => w.toString() === writers[0]!.toString()), 'every phone shows the same merged text');
  return words;
}

describe('the takeaway as one shared text', () => {
  it('two, then five members typing at the same moment (one offline meanwhile) all keep every word', async () => {
    const server = await serverWith(new MemoryStore(), false);
    for (const size of [2, 5]) {
      const { session, facilitator, phones } = await atTakeaway(server, size, size);
      const group = facilitator.state!.groups[0]!;
      expect(group.memberIds).toHaveLength(size);
      const writers = membersOf(phones, group.id).map((p) => new TakeawayWriter(p, group.id));
      // With five, the third member types while disconnected and comes back by reloading.
      const words = await typeTogether(writers, size === 2 ? 6 : 8, size === 5 ? 2 : null);

      // Live on the facilitator's panel.
      await until(() => words.every((w) => facilitator.state!.takeaways[group.id]?.text.includes(w)), 'facilitator sees every word');
      const { report, takeaways } = await exportsOf(server, session);
      expect(takeaways).toHaveLength(1);
      const shown = await screenText(server, session, group.id);
      for (const word of words) {
        expect(report).toContain(word);
        expect(takeaways[0]).toContain(word);
        expect(shown).toContain(word);
      }
    }
  });

  it('refuses malformed, oversized, other-group and removed-participant updates, and nothing changes', async () => {
    const server = await serverWith(new MemoryStore(), false);
    const { session, facilitator, phones } = await atTakeaway(server, 4, 2);
    const [g1, g2] = facilitator.state!.groups;
    const [a, b] = membersOf(phones, g1!.id).map((p) => new TakeawayWriter(p, g1!.id));
    const other = new TakeawayWriter(membersOf(phones, g2!.id)[0]!, g1!.id);
    await a!.sync();
    await b!.sync();
    a!.type('Wat we meenemen.');
    expect(await a!.flush()).toEqual({ ok: true, data: null });
    await until(() => b!.toString() === 'Wat we meenemen.', 'b has the text');

    const commits = async () => (await server.store.loadCommits(session.sessionId)).length;
    const before = { commits: await commits(), text: facilitator.state!.takeaways[g1!.id]!.text, doc: Y.encodeStateAsUpdate(a!.doc) };
    let relayed = 0;
    b!.phone.socket.on('takeaway:update', () => relayed++);
    const update = (socket: Phone['socket'], groupId: string, bytes: unknown) =>
      send(socket, 'takeaway:update', { opId: op(), groupId, update: bytes as Uint8Array });

    // Malformed: bytes Yjs cannot read, a text instead of bytes, an empty update.
    expect(await update(a!.phone.socket, g1!.id, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toMatchObject({ ok: false, code: 'invalid' });
    expect(await update(a!.phone.socket, g1!.id, 'AQID')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await update(a!.phone.socket, g1!.id, new Uint8Array(0))).toMatchObject({ ok: false, code: 'invalid' });
    // An update that builds on text the server never got.
    const unseen = new Y.Doc();
    unseen.getText('takeaway').insert(0, 'basis die de server niet kent');
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(unseen));
    const sv = Y.encodeStateVector(later);
    later.getText('takeaway').insert(5, ' erbij');
    expect(await update(a!.phone.socket, g1!.id, Y.encodeStateAsUpdate(later, sv))).toMatchObject({ ok: false, code: 'invalid', key: 'error.takeawayUpdateInvalid' });
    // Another shared type than the one text.
    const map = new Y.Doc();
    map.getMap('stiekem').set('x', 'y');
    expect(await update(a!.phone.socket, g1!.id, Y.encodeStateAsUpdate(map))).toMatchObject({ ok: false, code: 'invalid' });
    // Oversized: the frame's bytes, and a text longer than the limit.
    expect(await update(a!.phone.socket, g1!.id, new Uint8Array(LIMITS.takeawayUpdateBytes + 1))).toMatchObject({ ok: false, code: 'invalid' });
    const long = new Y.Doc();
    Y.applyUpdate(long, before.doc);
    const longSv = Y.encodeStateVector(long);
    long.getText('takeaway').insert(0, 'x'.repeat(LIMITS.takeaway));
    expect(await update(a!.phone.socket, g1!.id, Y.encodeStateAsUpdate(long, longSv))).toMatchObject({ ok: false, code: 'invalid', key: 'error.takeawayTooLong', error: 'De tekst is te lang: hoogstens 4.000 tekens.' });
    // A member of another group, writing into (or reading) this group's text.
    other.type('van een andere groep');
    expect(await other.flush()).toMatchObject({ ok: false, code: 'forbidden', key: 'error.notYourGroup' });
    expect(await other.sync()).toMatchObject({ ok: false, code: 'forbidden' });

    expect(await commits()).toBe(before.commits);
    // A removed participant (whose socket is still open).
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: b!.phone.participantId! })).toMatchObject({ ok: true });
    await until(() => b!.phone.removed, 'b is told they were removed');
    b!.type(' door een verwijderde deelnemer');
    expect(await b!.flush()).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await b!.sync()).toMatchObject({ ok: false, code: 'unauthorized' });

    expect(await commits()).toBe(before.commits + 1); // the removal itself
    expect(facilitator.state!.takeaways[g1!.id]!.text).toBe(before.text);
    expect(await screenText(server, session, g1!.id)).toBe('Wat we meenemen.');
    // The group's document is as it was: a fresh member's sync gets exactly the old text.
    const fresh = new TakeawayWriter(a!.phone, g1!.id);
    expect(await fresh.sync()).toEqual({ ok: true, data: null });
    expect(fresh.toString()).toBe('Wat we meenemen.');
    // And a normal edit after all that still works and reaches the group.
    a!.type(' En verder.');
    expect(await a!.flush()).toEqual({ ok: true, data: null });
    await until(() => facilitator.state!.takeaways[g1!.id]!.text === 'Wat we meenemen. En verder.', 'the next edit lands');
    expect(relayed).toBe(0); // b was removed before anything was relayed to them
  });

  it('an acknowledged text survives a restart of the server on the same SQLite file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-takeaway-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'db.sqlite');
    const first = await serverWith(SqliteStore.open(file), true);
    const { session, facilitator, phones } = await atTakeaway(first, 4, 2);
    const g = facilitator.state!.groups[0]!;
    const writers = membersOf(phones, g.id).map((p) => new TakeawayWriter(p, g.id));
    const words = await typeTogether(writers, 4, null);
    await until(() => words.every((w) => facilitator.state!.takeaways[g.id]?.text.includes(w)), 'facilitator sees every word');
    const text = facilitator.state!.takeaways[g.id]!.text;
    for (const p of phones) p.close();
    facilitator.close();
    await first.close();

    const second = await serverWith(SqliteStore.open(file), true);
    const shown = await screenText(second, session, g.id);
    expect(shown).toBe(text);
    for (const word of words) expect(shown).toContain(word);
    const { report } = await exportsOf(second, session);
    for (const word of words) expect(report).toContain(word);
    // A phone that lost everything gets the whole document back from the server.
    const phone = new Phone(second.url, { participantToken: writers[0]!.phone.token! });
    cleanups.push(() => phone.close());
    await until(() => phone.state !== null, 'phone back after the restart');
    const again = new TakeawayWriter(phone, g.id);
    expect(await again.sync()).toEqual({ ok: true, data: null });
    expect(again.toString()).toBe(writers[0]!.toString());
  });

  it(`compacts the document every ${COMPACT_EVERY} updates, and a reload starts from the compacted state`, async () => {
    const store = new MemoryStore();
    const first = await serverWith(store, false);
    const { session, facilitator, phones } = await atTakeaway(first, 2, 2);
    const g = facilitator.state!.groups[0]!;
    const writer = new TakeawayWriter(membersOf(phones, g.id)[0]!, g.id);
    await writer.sync();
    const total = COMPACT_EVERY + 5;
    for (let i = 0; i < total; i++) {
      writer.type(`${i} `);
      expect(await writer.flush()).toEqual({ ok: true, data: null });
    }
    const events = (await store.loadCommits(session.sessionId)).flatMap((c) => c.events);
    expect(events.filter((e) => e.type === 'takeaway.updated')).toHaveLength(total);
    expect(events.filter((e) => e.type === 'takeaway.compacted')).toHaveLength(1);
    for (const p of phones) p.close();
    facilitator.close();
    await first.close();

    const second = await serverWith(store, false);
    const live = await second.app.hub.get(session.sessionId);
    const stored = live!.state.takeawayDocs![g.id]!;
    expect(stored.base).not.toBeNull();
    expect(stored.updates).toHaveLength(total - COMPACT_EVERY);
    expect(await screenText(second, session, g.id)).toBe(writer.toString().trim());
    const phone = new Phone(second.url, { participantToken: phones[0]!.token! });
    cleanups.push(() => phone.close());
    await until(() => phone.state !== null, 'phone back');
    const fresh = new TakeawayWriter(phone, g.id);
    await fresh.sync();
    expect(fresh.toString()).toBe(writer.toString());
  });

  it('the document is part of the state snapshots: a reload from a snapshot keeps the text and its history', async () => {
    const store = new MemoryStore();
    const hub = { snapshotEvery: 5 };
    const first = await serverWith(store, false, { hub });
    const { session, facilitator, phones } = await atTakeaway(first, 2, 2);
    const g = facilitator.state!.groups[0]!;
    const writers = membersOf(phones, g.id).map((p) => new TakeawayWriter(p, g.id));
    const words = await typeTogether(writers, 6, null);
    for (const p of phones) p.close();
    facilitator.close();
    await first.close();
    expect((await store.loadLatest(session.sessionId)).snapshot).not.toBeNull();

    const second = await serverWith(store, false, { hub });
    const shown = await screenText(second, session, g.id);
    for (const word of words) expect(shown).toContain(word);
    // A member who kept their document offline merges with the restored one without duplicating anything.
    const phone = new Phone(second.url, { participantToken: phones[0]!.token! });
    cleanups.push(() => phone.close());
    await until(() => phone.state !== null, 'phone back');
    const back = new TakeawayWriter(phone, g.id);
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(writers[0]!.doc), 'remote');
    back.type('slotwoord ', 0);
    expect(await back.sync()).toEqual({ ok: true, data: null });
    expect(back.toString()).toBe(`slotwoord ${writers[0]!.toString()}`);
    expect(await screenText(second, session, g.id)).toBe(back.toString().trim());
  });

  it('a takeaway saved before the shared text (takeaway.set) becomes the start of the shared text', async () => {
    const store = new MemoryStore();
    const first = await serverWith(store, false);
    const { session, facilitator, phones } = await atTakeaway(first, 2, 2);
    const g = facilitator.state!.groups[0]!;
    for (const p of phones) p.close();
    facilitator.close();
    await first.close();
    const seq = (await store.loadCommits(session.sessionId)).length + 1;
    await store.append(session.sessionId, {
      seq,
      opId: 'legacy-takeaway',
      at: Date.now(),
      events: [{ type: 'takeaway.set', takeaway: { groupId: g.id, text: 'Oude tekst.', rev: 1, updatedAt: Date.now(), updatedBy: phones[0]!.participantId! } }],
    });

    const second = await serverWith(store, false);
    const phone = new Phone(second.url, { participantToken: phones[0]!.token! });
    cleanups.push(() => phone.close());
    await until(() => phone.state !== null, 'phone back');
    const writer = new TakeawayWriter(phone, g.id);
    await writer.sync();
    expect(writer.toString()).toBe('Oude tekst.');
    writer.type(' Nieuwe zin.');
    expect(await writer.flush()).toEqual({ ok: true, data: null });
    await second.close();

    // The migrated text was stored with the first update: a further restart keeps both.
    const third = await serverWith(store, false);
    expect(await screenText(third, session, g.id)).toBe('Oude tekst. Nieuwe zin.');
  });
});
