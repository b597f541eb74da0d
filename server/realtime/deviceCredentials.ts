/**
 * Device credentials, issued by the server. A phone used to choose its own device id, so a
 * removed and blocked bot simply came back with another one. Now the server gives a phone
 * its credential on its first join (a random id with an HMAC of it under a server key, so
 * the server knows its own credentials without storing a list of them) and the phone keeps
 * it; what a client makes up is never taken as a device: it gets a fresh credential. The
 * session stores only the SHA-256 of a credential (participant.deviceHash), as it does
 * device tokens, and blocking stores that hash.
 *
 * What blocking cannot stop: a browser without the credential (a private window, cleared
 * storage, another phone) gets a new one and is a new device. That is what "deelnemers
 * toelaten" (admission by the facilitator) is for.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { nanoid } from 'nanoid';

const TAG = 'samenspraak/device/v1\0';
/** 24 characters of 64 (144 bits) of id, a dot, 22 characters (132 bits) of HMAC. */
const SHAPE = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{22})$/;

export class DeviceCredentials {
  constructor(private readonly key: Buffer) {}

  issue(): string {
    const id = nanoid(24);
    return `${id}.${this.mac(id)}`;
  }

  /** True only for a credential this server (this key) issued. */
  issued(presented: string | undefined): presented is string {
    const m = presented ? SHAPE.exec(presented) : null;
    if (!m) return false;
    const want = Buffer.from(this.mac(m[1]!));
    const got = Buffer.from(m[2]!);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  /** The presented credential if it is one of ours, else a new one. */
  confirmOrIssue(presented: string | undefined): string {
    return this.issued(presented) ? presented : this.issue();
  }

  private mac(id: string): string {
    return createHmac('sha256', this.key).update(TAG + id).digest('base64url').slice(0, 22);
  }
}

/**
 * The server's device key, kept beside the database (it must outlive a restart, or every
 * blocked device would get a new credential): made on first start, readable by the owner only.
 */
export function loadDeviceKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'device.key');
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length >= 32) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
