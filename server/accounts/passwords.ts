/**
 * Password hashing: argon2id through the `argon2` package (the reference implementation's
 * binding), with scrypt from node:crypto where that binding cannot run.
 *
 * Why a fallback: argon2's prebuilt binaries (used when no compiler built it at install,
 * see package.json allowScripts) need Node-API 10, i.e. Node 22.14 or newer. Node 20 does
 * not refuse such a binary cleanly: loading it crashes the process. So the binding is
 * loaded only where it can work; elsewhere passwords get scrypt (N = 2^17, r = 8, p = 1,
 * OWASP's setting), also memory-hard. Stored hashes say which they are (PHC strings), so
 * both verify wherever they can run, and a server moved to a newer Node keeps its accounts.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

type Argon2 = typeof import('argon2');

let argon2: Argon2 | null | undefined;

/** The argon2 binding, or null where loading it would crash (see the file comment) or fails. */
export function argon2Binding(): Argon2 | null {
  if (argon2 !== undefined) return argon2;
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('argon2/package.json'));
    const nodeGypBuild = createRequire(path.join(dir, 'package.json'))('node-gyp-build') as { path(dir: string): string };
    const prebuilt = nodeGypBuild.path(dir).includes(`${path.sep}prebuilds${path.sep}`);
    argon2 = prebuilt && Number(process.versions.napi) < 10 ? null : (require('argon2') as Argon2);
  } catch {
    argon2 = null;
  }
  return argon2;
}

/** Which hash new passwords get here: for the start message and the logs. */
export const passwordHashName = (): 'argon2id' | 'scrypt' => (argon2Binding() ? 'argon2id' : 'scrypt');

/**
 * argon2id with the package defaults (64 MiB, 3 passes, 4 lanes: above OWASP's minimum),
 * ~50–100 ms on a small server, paid once per sign-in.
 */
export function hashPassword(password: string): Promise<string> {
  const a = argon2Binding();
  return a ? a.hash(password, { type: a.argon2id }) : scryptHash(password);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    if (hash.startsWith('$scrypt$')) return await scryptVerify(hash, password);
    const a = argon2Binding();
    // An argon2 hash on a server that cannot run argon2 (moved back to an older Node): not verifiable here.
    return a ? await a.verify(hash, password) : false;
  } catch {
    // A malformed stored hash is a wrong password, not a crash.
    return false;
  }
}

/**
 * A hash to verify against when the e-mail address is unknown (or the account has no
 * password), so a wrong address takes as long as a wrong password: the answer time does not
 * tell which addresses have accounts.
 */
let dummy: Promise<string> | null = null;
export function dummyVerify(password: string): Promise<boolean> {
  dummy ??= hashPassword('samenspraak-dummy-password');
  return dummy.then((h) => verifyPassword(h, password)).then(() => false);
}

/* ---------- scrypt, as a PHC-style string: $scrypt$ln=17,r=8,p=1$<salt>$<hash> (base64) ---------- */

const SCRYPT = { ln: 17, r: 8, p: 1, keyLength: 32 } as const;

function scryptKey(password: string, salt: Buffer, ln: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  // 128 · N · r bytes of memory (128 MiB at these settings): above Node's 32 MiB default.
  const options: ScryptOptions = { N: 2 ** ln, r, p, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function scryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptKey(password, salt, SCRYPT.ln, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return `$scrypt$ln=${SCRYPT.ln},r=${SCRYPT.r},p=${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function scryptVerify(stored: string, password: string): Promise<boolean> {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Never more than this server would set itself: a tampered row must not cost a gigabyte.
  if (ln > SCRYPT.ln || r > SCRYPT.r || p > SCRYPT.p) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  const key = await scryptKey(password, Buffer.from(m[4]!, 'base64'), ln, r, p, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
