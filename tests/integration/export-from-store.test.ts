/**
 * The export process reads the session from the store itself (the SQLite file, or PostgreSQL)
 * when the server tells it where that is: the event loop sends an id, not the state
 * (server/export/exportRunner.ts). Through a real server: what a phone wrote and had
 * acknowledged is in the download; an id the process cannot find fails that file alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { afterAll, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { ExportRunner } from '../../server/export/exportRunner.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import type { StoreAddress } from '../../server/store/storeAddress.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';
import { createSession, download, op, Operator, Phone, send, startServer, until } from './harness.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'export-store-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

const missing = await postgresMissing('exports read from PostgreSQL');

async function backend(kind: 'sqlite' | 'postgres'): Promise<{ store: SessionStore; address: StoreAddress }> {
  if (kind === 'sqlite') {
    const file = path.join(dir, `${nanoid(6)}.sqlite`);
    return { store: SqliteStore.open(file), address: { kind: 'sqlite', file } };
  }
  const fresh = await freshSchema('export');
  cleanups.push(fresh.drop);
  return { store: await PgStore.open(TEST_DATABASE_URL, { schema: fresh.schema }), address: { kind: 'postgres', url: TEST_DATABASE_URL, schema: fresh.schema } };
}

describe.each([
  ['SQLite', 'sqlite' as const, false],
  [`PostgreSQL${missing ? ` (${missing})` : ''}`, 'postgres' as const, !!missing],
])('downloads read from the store: %s', (_name, kind, skip) => {
  it.skipIf(skip)('what was acknowledged is in the file; an unknown session fails alone', async () => {
    const { store, address } = await backend(kind);
    const server = await startServer({ store, exportSource: address });
    cleanups.push(() => server.close());
    const session = await createSession(server.url);
    const panel = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const phone = new Phone(server.url);
    await phone.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente Zuidrand');
    expect(await panel.send('groups:form', { opId: op() })).toMatchObject({ ok: true });
    expect(await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') })).toMatchObject({ ok: true });
    await until(() => phone.group !== undefined, 'Anna has a group');
    const text = `Gelezen uit de opslag ${kind} ${Math.random().toString().slice(2, 10)}`;
    expect(await send(phone.socket, 'answer:add', { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text })).toMatchObject({ ok: true });

    const csv = await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, session.facilitatorSecret);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain(text);
    const md = await download(server.url, `/api/sessions/${session.sessionId}/report.md`, session.facilitatorSecret);
    expect(md.body).toContain(text);

    // An id the process cannot find fails that file alone; the state it is handed is not used.
    const runner = new ExportRunner({ source: address });
    cleanups.push(() => runner.close());
    await expect(runner.run('md', 'geen-sessie', panel.state!)).rejects.toThrow(/not in the store/);
    expect((await runner.run('md', session.sessionId, { ...panel.state!, answers: {} })).toString('utf8')).toContain(text);
    phone.close();
    panel.close();
  }, 30_000);
});
