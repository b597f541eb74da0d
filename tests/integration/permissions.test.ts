/**
 * Authorisation in one place: for every command of the one table (shared/domain/permissions.ts),
 * every sender that is not the one allowed is refused by the transport at the "auth" stage,
 * before its payload is even validated, and the rules (`decide`) never see it. The payload
 * sent is garbage on purpose: a refusal at the schema stage would mean the sender got past
 * authorisation.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WHO_MAY, type ActorKind } from '../../shared/domain/permissions.ts';
import type { CommandType } from '../../shared/domain/commands.ts';
import type { ClientToServerEvents } from '../../shared/protocol/events.ts';
import { connect, createSession, Operator, Phone, send, startServer, type ClientSocket, type TestServer } from './harness.ts';

const decideCalls = vi.hoisted(() => ({ types: [] as string[] }));
vi.mock('../../shared/domain/decide.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/domain/decide.ts')>();
  return {
    ...original,
    decide: (...args: Parameters<typeof original.decide>) => {
      decideCalls.types.push(args[1].type);
      return original.decide(...args);
    },
  };
});

type Sender = ActorKind | 'screen';
let server: TestServer;
const sockets = {} as Record<Exclude<Sender, 'guest'>, ClientSocket>;

beforeAll(async () => {
  server = await startServer();
  const session = await createSession(server.url);
  const phone = new Phone(server.url);
  expect(await phone.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente')).toMatchObject({ ok: true });
  const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  const screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
  Object.assign(sockets, { participant: phone.socket, facilitator: facilitator.socket, screen: screen.socket });
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.disconnect();
  await server.close();
});

/** The wire event of a command: the same name, except the join. */
const eventOf = (type: CommandType): keyof ClientToServerEvents => (type === 'participant:join' ? 'session:join' : type);
const wrongSenders = (allowed: ActorKind): Sender[] => (['guest', 'participant', 'facilitator', 'screen'] as const).filter((s) => s !== allowed);
const cases = (Object.entries(WHO_MAY) as [CommandType, ActorKind][]).flatMap(([type, allowed]) => wrongSenders(allowed).map((sender) => ({ type, allowed, sender })));

describe('one table decides who may send a command', () => {
  it('covers every command the transport accepts', () => {
    expect(cases.length).toBe(Object.keys(WHO_MAY).length * 3);
  });

  it.each(cases)('$type from $sender (only $allowed may) is refused at the transport and never reaches decide', async ({ type, sender }) => {
    decideCalls.types.length = 0;
    // A guest's allowance is small: each case of a guest gets a socket of its own.
    const socket = sender === 'guest' ? connect(server.url) : sockets[sender];
    const ack = await send(socket, eventOf(type), { garbage: true } as never);
    if (sender === 'guest') socket.disconnect();
    expect(ack).toMatchObject({ ok: false, stage: 'auth' });
    expect(decideCalls.types).toEqual([]);
  });

  it('the allowed sender does get past authorisation (the payload is judged next)', async () => {
    for (const [type, allowed] of Object.entries(WHO_MAY) as [CommandType, ActorKind][]) {
      if (allowed === 'guest') continue; // the guest socket would join; the join has its own tests
      expect(await send(sockets[allowed], eventOf(type), { garbage: true } as never), type).toMatchObject({ ok: false, stage: 'schema' });
    }
  });
});
