/**
 * The whole workshop over real sockets: a facilitator, a shared screen and 13 phones run
 * "Ben jij hiervan?" from creation to closing, several members of each group writing at
 * the same moment; afterwards the downloads hold every acknowledged answer and nothing else.
 * On each store backend: in memory, and on PostgreSQL (sessions and accounts) when there is one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { currentStep, firstStepOf } from '../../shared/domain/agenda.ts';
import type { Role } from '../../shared/constants.ts';
import { parseCsv } from '../support/csv.ts';
import { createSession, download, op, Operator, Phone, send, settled, startServer, until, type TestServer } from './harness.ts';
import { TakeawayWriter } from './yjsWriter.ts';
import { PgAccountStore } from '../../server/accounts/pgAccountStore.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { testAccounts } from '../support/accounts.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';

const PEOPLE: [string, Role, string][] = [
  ['Anne', 'opdrachtgever', 'Gemeente Arnhem'],
  ['Bart', 'opdrachtgever', 'Gemeente Arnhem'],
  ['Carla', 'opdrachtgever', 'Gemeente Ede'],
  ['Dirk', 'opdrachtgever', 'Gemeente Ede'],
  ['Eva', 'opdrachtgever', 'Gemeente Zutphen'],
  ['Fleur', 'opdrachtgever', 'Gemeente Zutphen'],
  ['Gijs', 'opdrachtnemer', 'Wijkteam Arnhem'],
  ['Hanna', 'opdrachtnemer', 'Wijkteam Arnhem'],
  ['Ilse', 'opdrachtnemer', 'Sociaal Team Ede'],
  ['Joost', 'opdrachtnemer', 'Sociaal Team Ede'],
  ['Karim', 'opdrachtnemer', 'Buurtteam Zutphen'],
  ['Lotte', 'opdrachtnemer', 'Buurtteam Zutphen'],
  ['Mo', 'anders', 'VNG'],
];

interface Backend {
  readonly name: string;
  /** The server on this backend, and what to remove afterwards. */
  start(): Promise<{ server: TestServer; cleanup: () => Promise<void> }>;
}

const memory: Backend = { name: 'in memory', start: async () => ({ server: await startServer(), cleanup: async () => undefined }) };
const postgres: Backend = {
  name: 'PostgreSQL',
  start: async () => {
    const { schema, drop } = await freshSchema('workshop');
    const store = await PgStore.open(TEST_DATABASE_URL, { schema });
    const accounts = await PgAccountStore.open(TEST_DATABASE_URL, { schema });
    const server = await startServer({ store, accounts: testAccounts(accounts) });
    return {
      server,
      cleanup: async () => {
        await accounts.close();
        await store.close();
        await drop();
      },
    };
  },
};
const pgMissing = await postgresMissing('the workshop on PostgreSQL');

for (const backend of pgMissing ? [memory] : [memory, postgres]) describe(`a whole workshop with 13 phones (${backend.name})`, () => {
  let server: TestServer;
  let cleanup: () => Promise<void> = async () => undefined;
  let session: Awaited<ReturnType<typeof createSession>>;
  let facilitator: Operator;
  let screen: Operator;
  const phones: Phone[] = [];
  /** answer id → its last acknowledged text. */
  const acknowledged = new Map<string, string>();

  beforeAll(async () => {
    ({ server, cleanup } = await backend.start());
    session = await createSession(server.url);
    facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
  });

  afterAll(async () => {
    for (const p of phones) p.close();
    facilitator?.close();
    screen?.close();
    await server?.close();
    await cleanup();
  });

  it('creates a session with a 6-character code, links and a QR code', async () => {
    expect(session.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(session.joinUrl).toBe(`${server.url}/j/${session.code}`);
    expect(session.facilitatorSecret.length).toBeGreaterThanOrEqual(32);
    const qr = await fetch(`${server.url}/api/join/${session.code}/qr.svg`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toContain('<svg');
    expect(facilitator.state?.content.topics).toHaveLength(7);
  });

  it('refuses a wrong code with a clear Dutch message', async () => {
    const phone = new Phone(server.url);
    const ack = await phone.join('ZZZZZZ', 'Nina', 'anders', '');
    phone.close();
    expect(ack).toMatchObject({ ok: false, code: 'not_found' });
    expect(!ack.ok && ack.error).toMatch(/Deze code kennen we niet/);
    const res = await fetch(`${server.url}/api/join/ZZZZZZ`);
    expect(res.status).toBe(404);
  });

  it('lets 13 people join at once; the facilitator and the screen see them all', async () => {
    const acks = await Promise.all(
      PEOPLE.map(([name, role, org]) => {
        const phone = new Phone(server.url);
        phones.push(phone);
        // Typed in lower case with a dash, as people do.
        return phone.join(`${session.code.slice(0, 3).toLowerCase()}-${session.code.slice(3)}`, name, role, org);
      }),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    await until(() => Object.keys(facilitator.state!.participants).length === 13, 'facilitator sees 13');
    await until(() => Object.values(facilitator.presence).filter((s) => s === 'connected').length === 13, 'all connected');
    await until(() => Object.keys(screen.state!.participants).length === 13, 'screen sees 13');
    for (const phone of phones) expect(currentStep(phone.state!).kind).toBe('lobby');
  });

  it('a participant cannot do what only the facilitator may, and bad input changes nothing', async () => {
    const before = JSON.stringify(facilitator.state);
    const phone = phones[0]!;
    expect(await send(phone.socket, 'groups:form', { opId: op() })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(phone.socket, 'step:set', { opId: op(), stepIndex: 3 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(phone.socket, 'session:end', { opId: op() })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: 'drie' } as never)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await facilitator.send('timer:extend', { opId: op(), seconds: 60, extra: 1 } as never)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    // Everything published before the marker has arrived: none of the refused commands showed up.
    await settled(facilitator, [facilitator, phone]);
    expect(JSON.stringify(facilitator.state)).toBe(before);
  });

  it('forms groups of 4, 4 and 5 with both roles in every group', async () => {
    expect(await facilitator.send('groups:form', { opId: op() })).toEqual({ ok: true, data: null });
    await until(() => phones.every((p) => p.group !== undefined), 'every phone knows its group');
    const groups = facilitator.state!.groups;
    expect(groups.map((g) => g.memberIds.length).sort()).toEqual([4, 4, 5]);
    for (const g of groups) {
      const roles = g.memberIds.map((id) => facilitator.state!.participants[id]!.role);
      expect(roles).toContain('opdrachtgever');
      expect(roles).toContain('opdrachtnemer');
    }
    // Each phone sees its own group and its members' names, and nothing of the other groups.
    for (const phone of phones) {
      const mine = groups.find((g) => g.memberIds.includes(phone.participantId!))!;
      expect(phone.state!.groups).toHaveLength(1);
      expect(phone.group!.number).toBe(mine.number);
      const names = Object.values(phone.state!.participants).map((p) => p.name).sort();
      expect(names).toEqual(mine.memberIds.map((id) => facilitator.state!.participants[id]!.name).sort());
    }
    // The programme has slides between the lobby and the groups: the facilitator moves on to the groups step.
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: firstStepOf(facilitator.state!, 'groups') })).toMatchObject({ ok: true });
    await until(() => currentStep(screen.state!).kind === 'groups', 'screen shows the groups');
  });

  it('runs all 7 topics: answers and ratings from several members at once', async () => {
    const state = () => facilitator.state!;
    const topics = state().content.topics;
    const questions = state().content.questions;
    for (const [ti, topic] of topics.entries()) {
      const stepIndex = state().agenda.findIndex((s) => s.kind === 'topic' && s.payload.topicId === topic.id);
      expect(await facilitator.send('step:set', { opId: op(), stepIndex })).toMatchObject({ ok: true });
      expect(await facilitator.send('timer:start', { opId: op() })).toMatchObject({ ok: true });
      await until(() => phones.every((p) => p.state!.stepIndex === stepIndex && p.state!.timer.status === 'running'), 'phones follow');

      // Every member of every group writes at the same moment, to different questions.
      const writes = phones.map(async (phone, i) => {
        const answerId = nanoid();
        const question = questions[i % questions.length]!;
        const text = `antwoord van deelnemer ${i} bij kenmerk ${topic.id} vraag ${question.id}`;
        const ack = await send(phone.socket, 'answer:add', { answerId, topicId: topic.id, questionId: question.id, text });
        if (ack.ok) acknowledged.set(answerId, text);
        return { phone, answerId, text, ack };
      });
      // Within each group, one member sets "now", another "want", a third both: all at once.
      const ratings = phones.map((phone) => {
        const rank = phone.group!.memberIds.indexOf(phone.participantId!);
        const scores = [{ now: 2 }, { want: 4 }, { now: 3, want: 5 }][rank % 3]!;
        return send(phone.socket, 'rating:set', { opId: op(), topicId: topic.id, ...scores });
      });
      const results = await Promise.all(writes);
      expect((await Promise.all(ratings)).every((a) => a.ok)).toBe(true);
      expect(results.every((r) => r.ack.ok)).toBe(true);

      // One member improves their answer; the edit replaces only their own text.
      const first = results[ti % results.length]!;
      const edited = `${first.text} (aangevuld)`;
      expect(await send(first.phone.socket, 'answer:edit', { answerId: first.answerId, text: edited, rev: 2 })).toMatchObject({ ok: true });
      acknowledged.set(first.answerId, edited);
      // Editing someone else's answer is refused.
      const other = results[(ti + 1) % results.length]!;
      expect(await send(first.phone.socket, 'answer:edit', { answerId: other.answerId, text: 'overschreven', rev: 9 })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
    await until(() => Object.keys(screen.state!.answers).length === 7 * 13, 'screen has every answer');

    // Every member of a group sees the same answers: all of their group's and none of another group's.
    for (const phone of phones) {
      const gid = phone.group!.id;
      const expected = Object.values(state().answers).filter((a) => a.groupId === gid).map((a) => a.id).sort();
      await until(() => Object.keys(phone.state!.answers).length === expected.length, 'phone has its group answers');
      expect(Object.keys(phone.state!.answers).sort()).toEqual(expected);
      expect(Object.values(phone.state!.answers).every((a) => a.groupId === gid)).toBe(true);
    }
    // Ratings: the group agreed one "now" and one "want" per topic; everyone in the group sees it.
    for (const g of state().groups) {
      for (const t of topics) {
        const r = state().ratings[`${g.id}/${t.id}`]!;
        expect(r.now).not.toBeNull();
        expect(r.want).not.toBeNull();
      }
    }
  });

  it('a reloaded phone comes back as the same person in the same group', async () => {
    const phone = phones[3]!;
    const before = { id: phone.participantId, group: phone.group!.id, answers: Object.keys(phone.state!.answers).length };
    await phone.reload();
    expect(phone.participantId).toBe(before.id);
    expect(phone.group!.id).toBe(before.group);
    expect(Object.keys(phone.state!.answers)).toHaveLength(before.answers);
    expect(Object.keys(facilitator.state!.participants)).toHaveLength(13);
  });

  it('two members of each group write the takeaway at the same moment and both keep their words', async () => {
    const takeawayStep = firstStepOf(facilitator.state!, 'takeaway');
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: takeawayStep })).toMatchObject({ ok: true });
    for (const g of facilitator.state!.groups) {
      const [a, b] = phones.filter((p) => p.group?.id === g.id).map((p) => new TakeawayWriter(p, g.id));
      expect(await a!.sync()).toMatchObject({ ok: true });
      expect(await b!.sync()).toMatchObject({ ok: true });
      a!.type(`meenemen groep ${g.number} van A.`);
      b!.type(`Aanvulling groep ${g.number} van B.`);
      const acks = await Promise.all([a!.flush(), b!.flush()]);
      expect(acks).toEqual([{ ok: true, data: null }, { ok: true, data: null }]);
      await until(() => a!.toString() === b!.toString(), 'both phones show the same merged text');
    }
    await until(
      () => facilitator.state!.groups.every((g) => /van A\./.test(screen.state!.takeaways[g.id]?.text ?? '') && /van B\./.test(screen.state!.takeaways[g.id]?.text ?? '')),
      'the screen shows both members’ words for every group',
    );
  });

  it('spotlights each group in turn and closes the session', async () => {
    const steps = facilitator.state!.agenda;
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: steps.findIndex((s) => s.kind === 'feedback') })).toMatchObject({ ok: true });
    for (const g of facilitator.state!.groups) {
      expect(await facilitator.send('spotlight:set', { opId: op(), groupId: g.id })).toMatchObject({ ok: true });
      await until(() => screen.state!.spotlightGroupId === g.id, `screen spotlights group ${g.number}`);
      await until(() => phones.every((p) => p.state!.spotlightGroupId === g.id), 'phones know the spotlight');
    }
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: steps.length - 1 })).toMatchObject({ ok: true });
    expect(await facilitator.send('session:end', { opId: op() })).toMatchObject({ ok: true });
    await until(() => phones.every((p) => p.state!.endedAt !== null), 'phones know it ended');
    // After the end nothing more is written.
    const late = await send(phones[0]!.socket, 'answer:add', {
      answerId: nanoid(),
      topicId: 'k1',
      questionId: 'q1',
      text: 'te laat',
    });
    expect(late).toMatchObject({ ok: false, code: 'ended' });
  });

  it('the CSV holds every acknowledged answer exactly once, and nothing else', async () => {
    const res = await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, session.facilitatorSecret);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    const [header, ...rows] = parseCsv(res.body.replace(/^\uFEFF/, ''));
    const col = (name: string) => header!.indexOf(name);
    const answers = rows.filter((r) => r[col('soort')] === 'antwoord').map((r) => r[col('tekst')]);
    expect(answers.sort()).toEqual([...acknowledged.values()].sort());
    expect(rows.filter((r) => r[col('soort')] === 'score')).toHaveLength(3 * 7);
    const takeaways = rows.filter((r) => r[col('soort')] === 'meenemen').map((r) => r[col('tekst')]);
    expect(takeaways).toHaveLength(3);
    expect(takeaways.every((t) => t!.includes('van A.') && t!.includes('van B.'))).toBe(true);
    // No names in a file that gets e-mailed around.
    for (const [name] of PEOPLE) expect(res.body).not.toContain(name);
  });

  it('the Markdown report has every answer, the averages and the takeaways, in Dutch', async () => {
    const res = await download(server.url, `/api/sessions/${session.sessionId}/report.md`, session.facilitatorSecret);
    expect(res.status).toBe(200);
    for (const text of acknowledged.values()) expect(res.body).toContain(text);
    expect(res.body).toContain('## Per kenmerk');
    expect(res.body).toContain('Passende omvang en expertise');
    expect(res.body).toMatch(/\*\*Gemiddeld:\*\* nu \d,\d/);
    expect(res.body).toContain('## Wat neem je mee?');
    expect(res.body).not.toContain('te laat');
  });

  it('downloads need the facilitator secret', async () => {
    expect((await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, session.screenSecret)).status).toBe(401);
    expect((await download(server.url, `/api/sessions/${session.sessionId}/report.md`, 'x'.repeat(32))).status).toBe(401);
  });
});
