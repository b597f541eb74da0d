/**
 * Device credentials are issued by the server (server/realtime/deviceCredentials.ts): a value
 * a client makes up is never its device, so removing and blocking holds for the credential the
 * server gave. What it cannot stop, a browser without that credential, is shown here too.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/secrets.ts';
import { DeviceCredentials, loadDeviceKey } from '../../server/realtime/deviceCredentials.ts';
import type { JoinResult } from '../../shared/protocol/events.ts';
import type { Ack } from '../../shared/protocol/ack.ts';
import { connect, connected, createSession, op, Operator, send, startServer, until, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

async function joinAs(name: string, code: string, deviceId?: string): Promise<Ack<JoinResult>> {
  const socket = connect(server.url);
  await connected(socket);
  const ack = (await send(socket, 'session:join', { code, name, role: 'anders', organisation: '', ...(deviceId ? { deviceId } : {}) })) as Ack<JoinResult>;
  socket.disconnect();
  return ack;
}

describe('device credentials issued by the server', () => {
  it('a device id the client makes up is not its device: two joins with one made-up id are two devices', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const madeUp = 'bot-chosen-device-id-0001';
    const a = await joinAs('Bot 1', session.code, madeUp);
    const b = await joinAs('Bot 2', session.code, madeUp);
    if (!a.ok || !b.ok) throw new Error('joins refused');
    await until(() => Object.keys(facilitator.state!.participants).length === 2, 'both joined');
    const hashes = [a, b].map((j) => facilitator.state!.participants[j.data.participantId]!.deviceHash);
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(hashes).not.toContain(hashSecret(madeUp));
    // Each got a credential of the server's, different from what it sent.
    expect(a.data.device).not.toBe(madeUp);
    expect(hashes).toEqual([hashSecret(a.data.device), hashSecret(b.data.device)]);
    facilitator.close();
  });

  it('blocking holds for the issued credential; a browser without it is a new device (admission is for that)', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const first = await joinAs('Trol', session.code);
    if (!first.ok) throw new Error('join refused');
    // The phone keeps its credential and sends it again: the same device.
    const second = await joinAs('Trol (tweede tab)', session.code, first.data.device);
    expect(second).toMatchObject({ ok: true, data: { device: first.data.device } });
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: first.data.participantId, block: true })).toMatchObject({ ok: true });
    expect(await joinAs('Trol 2', session.code, first.data.device)).toMatchObject({ ok: false, code: 'forbidden', key: 'error.blocked' });
    // A forged credential of the right shape is not one of the server's: a new device, not the blocked one.
    const forged = `${first.data.device.split('.')[0]}.${'A'.repeat(22)}`;
    const withForged = await joinAs('Trol 3', session.code, forged);
    expect(withForged).toMatchObject({ ok: true });
    expect(withForged.ok && withForged.data.device).not.toBe(forged);
    facilitator.close();
  });

  it('the key outlives a restart (kept beside the database, owner-only), so a blocked credential stays blocked', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samenspraak-key-'));
    const key = loadDeviceKey(dir);
    expect(loadDeviceKey(dir).equals(key)).toBe(true);
    expect(statSync(path.join(dir, 'device.key')).mode & 0o777).toBe(0o600);
    const credential = new DeviceCredentials(key).issue();
    expect(new DeviceCredentials(loadDeviceKey(dir)).issued(credential)).toBe(true);
    expect(new DeviceCredentials(Buffer.alloc(32, 1)).issued(credential)).toBe(false);
  });
});
