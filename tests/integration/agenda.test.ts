/**
 * The whole programme over real sockets: a session of the built-in template runs through
 * every step (slides, groups, each characteristic, takeaway, feedback, closing) with a
 * facilitator, a shared screen and phones; the facilitator edits the agenda during the
 * session; presenter notes never reach the screen or a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { currentStep } from '../../shared/domain/agenda.ts';
import { t } from '../../shared/i18n/index.ts';
import { findTemplate } from '../../shared/templates.ts';
import { TakeawayWriter } from './yjsWriter.ts';
import { createSession, op, Operator, Phone, send, startServer, until, type TestServer } from './harness.ts';

const NOTES = 'Geheime notitie voor de begeleider';

describe('the built-in programme, start to end', () => {
  let server: TestServer;
  let facilitator: Operator;
  let screen: Operator;
  const phones: Phone[] = [];
  /** Everything the screen and the phones were sent, as text. */
  const seen: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const session = await createSession(server.url);
    facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    screen.socket.onAny((_event, ...args: unknown[]) => seen.push(JSON.stringify(args)));
    for (let i = 0; i < 8; i++) {
      const phone = new Phone(server.url);
      phones.push(phone);
      phone.socket.onAny((_event, ...args: unknown[]) => seen.push(JSON.stringify(args)));
      expect(await phone.join(session.code, `Deelnemer ${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i % 3}`)).toMatchObject({ ok: true });
    }
  });

  afterAll(async () => {
    for (const p of phones) p.close();
    facilitator?.close();
    screen?.close();
    await server?.close();
  });

  it('starts with the template’s programme; notes only on the facilitator’s side', () => {
    const template = findTemplate('stevige-lokale-teams')!;
    expect(facilitator.state!.agenda).toEqual(template.steps);
    expect(screen.state!.agenda.map((s) => s.id)).toEqual(template.steps.map((s) => s.id));
    expect(screen.state!.agenda.every((s) => s.notes === '')).toBe(true);
    for (const phone of phones) expect(phone.state!.agenda.every((s) => s.notes === '' && s.body === '')).toBe(true);
  });

  it('the facilitator edits the agenda during the session: add, edit, move, remove', async () => {
    const pause = { kind: 'content' as const, title: 'Pauze', body: 'Tien minuten koffie.', notes: NOTES, minutes: 10, payload: {} };
    expect(await facilitator.send('agenda:add', { opId: op(), index: 5, step: pause })).toMatchObject({ ok: true });
    const added = facilitator.state!.agenda[5]!;
    expect(added).toMatchObject({ kind: 'content', title: 'Pauze', notes: NOTES });
    expect(await facilitator.send('agenda:edit', { opId: op(), stepId: 'intro', notes: `${NOTES} (intro)`, minutes: 8 })).toMatchObject({ ok: true });
    expect(await facilitator.send('agenda:move', { opId: op(), stepId: added.id, to: 2 })).toMatchObject({ ok: true });
    await until(() => phones.every((p) => p.state!.agenda[2]?.title === 'Pauze'), 'phones see the moved slide');
    await until(() => screen.state!.agenda[2]?.body === 'Tien minuten koffie.', 'the screen sees the slide text');
    expect(screen.state!.agenda[2]!.notes).toBe('');
    expect(await facilitator.send('agenda:remove', { opId: op(), stepId: added.id })).toMatchObject({ ok: true });
    await until(() => phones.every((p) => !p.state!.agenda.some((s) => s.title === 'Pauze')), 'phones lose the removed slide');
    // Bad input changes nothing.
    expect(await facilitator.send('agenda:add', { opId: op(), index: 0, step: { kind: 'poll', title: 'x' } } as never)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await send(phones[0]!.socket, 'agenda:remove', { opId: op(), stepId: 'intro' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(facilitator.state!.agenda.find((s) => s.id === 'intro')!.minutes).toBe(8);
  });

  it('runs through every step; phones follow and are told to look at the screen on slides', async () => {
    const steps = facilitator.state!.agenda;
    for (let i = 1; i < steps.length; i++) {
      const step = steps[i]!;
      expect(await facilitator.send('step:set', { opId: op(), stepIndex: i }), `step ${i} (${step.kind})`).toMatchObject({ ok: true });
      await until(() => phones.every((p) => p.state!.stepIndex === i) && screen.state!.stepIndex === i, `everyone at step ${i}`);
      expect(facilitator.state!.timer).toEqual({ status: 'idle', durationMs: step.minutes * 60_000 });

      switch (step.kind) {
        case 'content':
          for (const phone of phones) {
            const onPhone = currentStep(phone.state!);
            expect(onPhone).toMatchObject({ kind: 'content', title: step.title, body: '', notes: '' });
          }
          expect(currentStep(screen.state!)).toMatchObject({ title: step.title, body: step.body, notes: '' });
          break;
        case 'groups':
          expect(await facilitator.send('groups:form', { opId: op(), targetSize: 4 })).toMatchObject({ ok: true });
          await until(() => phones.every((p) => p.group !== undefined), 'every phone has a group');
          break;
        case 'topic': {
          const topicId = step.payload.topicId;
          const acks = await Promise.all(
            phones.map((p, n) => send(p.socket, 'answer:add', { answerId: nanoid(), topicId, questionId: 'q1', text: `Antwoord ${n} bij ${topicId}` })),
          );
          expect(acks.every((a) => a.ok)).toBe(true);
          expect(await send(phones[0]!.socket, 'rating:set', { opId: op(), topicId, now: 2, want: 4 })).toMatchObject({ ok: true });
          break;
        }
        case 'takeaway': {
          const writer = new TakeawayWriter(phones[0]!, phones[0]!.group!.id);
          expect(await writer.sync()).toMatchObject({ ok: true });
          writer.type('Samen de wijkanalyse maken.');
          expect(await writer.flush()).toMatchObject({ ok: true });
          await until(() => facilitator.state!.takeaways[phones[0]!.group!.id]?.text === 'Samen de wijkanalyse maken.', 'the takeaway is in');
          break;
        }
        case 'feedback':
          await until(() => screen.state!.spotlightGroupId === facilitator.state!.groups[0]!.id, 'the first group in the spotlight');
          for (const g of facilitator.state!.groups) expect(await facilitator.send('spotlight:set', { opId: op(), groupId: g.id })).toMatchObject({ ok: true });
          break;
        case 'closing':
          expect(currentStep(screen.state!).body).toContain('stevigelokaleteams@vng.nl');
          break;
      }
    }
    expect(currentStep(facilitator.state!).kind).toBe('closing');
    // Every characteristic got its answers from every phone.
    const topics = facilitator.state!.content.topics;
    expect(Object.keys(facilitator.state!.answers)).toHaveLength(topics.length * phones.length);
  });

  it('the slide message on a phone is an i18n key in Dutch and English', () => {
    expect(t('nl', 'participant.slide.lookAtScreen')).toMatch(/kijk mee op het scherm/i);
    expect(t('en', 'participant.slide.lookAtScreen')).not.toBe('participant.slide.lookAtScreen');
  });

  it('a step a group wrote to cannot be removed, with a clear reason; nothing changes', async () => {
    const before = JSON.stringify(facilitator.state!.agenda);
    const ack = await facilitator.send('agenda:remove', { opId: op(), stepId: 'topic-k1' });
    expect(ack).toMatchObject({ ok: false, code: 'conflict', key: 'error.stepHasWork' });
    expect(!ack.ok && ack.error).toMatch(/een groep heeft hier al iets ingevuld/);
    expect(JSON.stringify(facilitator.state!.agenda)).toBe(before);
  });

  it('the screen and the phones never received a presenter note', () => {
    const all = seen.join('\n');
    expect(all).not.toContain(NOTES);
    for (const step of findTemplate('stevige-lokale-teams')!.steps) if (step.notes) expect(all).not.toContain(JSON.stringify(step.notes).slice(1, -1));
  });

  it('the phones’ state holds no slide text: only titles', () => {
    for (const phone of phones) expect(phone.state!.agenda.every((s) => s.body === '')).toBe(true);
  });
});
