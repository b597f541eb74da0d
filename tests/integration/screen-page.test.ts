/**
 * "Vorige / volgende pagina" for the projector over real sockets: a facilitator's screen:page
 * reaches the session's screens and nothing else; a participant, a screen or a bad payload
 * is refused and relays nothing; nothing is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenPagePayload } from '../../shared/protocol/schemas.ts';
import { createSession, op, Operator, Phone, send, settled, startServer, type TestServer } from './harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every screen:page message a socket receives, in order. */
function heard(socket: Operator['socket'] | Phone['socket']): ScreenPagePayload[] {
  const got: ScreenPagePayload[] = [];
  // A phone's socket is typed for participant messages; listen the same way on every socket.
  (socket as Operator['socket']).on('screen:page', (m) => got.push(m));
  return got;
}

describe('screen:page', () => {
  it('turns the page on the screens only; refused senders and bad payloads relay nothing; nothing is stored', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const tablet = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    const other = await createSession(server.url);
    const otherScreen = await new Operator(server.url, other.sessionId, other.screenSecret, 'screen').ready();
    const otherFacilitator = await new Operator(server.url, other.sessionId, other.facilitatorSecret).ready();
    const phone = new Phone(server.url);
    await phone.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente');
    const commits = async () => (await server!.store.loadCommits(session.sessionId)).length;
    const before = await commits();

    const onScreen = heard(screen.socket);
    const onOtherScreen = heard(otherScreen.socket);
    const onTablet = heard(tablet.socket);
    const onFacilitator = heard(facilitator.socket);
    const onPhone = heard(phone.socket);

    expect(await facilitator.send('screen:page', { step: 1 })).toEqual({ ok: true, data: null });
    // Refused: a participant, a screen, a step that is not -1 or 1, extra fields.
    expect(await send(phone.socket, 'screen:page', { step: 1 })).toMatchObject({ ok: false, code: 'forbidden', stage: 'auth' });
    expect(await screen.send('screen:page', { step: 1 })).toMatchObject({ ok: false, code: 'unauthorized', stage: 'auth' });
    for (const bad of [{ step: 2 }, { step: 0 }, { step: '1' }, {}, { step: 1, opId: op() }]) {
      expect(await facilitator.send('screen:page', bad as never)).toMatchObject({ ok: false, code: 'invalid', stage: 'schema' });
    }
    expect(await tablet.send('screen:page', { step: -1 })).toEqual({ ok: true, data: null });

    // One socket delivers in order: the screen heard exactly the two accepted turns.
    await settled(facilitator, [screen, tablet, phone]);
    await settled(otherFacilitator, [otherScreen]);
    expect(onScreen).toEqual([{ step: 1 }, { step: -1 }]);
    expect(onOtherScreen).toEqual([]);
    expect(onTablet).toEqual([]);
    expect(onFacilitator).toEqual([]);
    expect(onPhone).toEqual([]);
    // Only the marker event of `settled` was stored, no page turn.
    expect(await commits()).toBe(before + 1);

    for (const o of [facilitator, tablet, screen, otherScreen, otherFacilitator]) o.close();
    phone.close();
  });
});
