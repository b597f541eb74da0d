/**
 * Password hashing: argon2id through `@node-rs/argon2` (napi-rs prebuilt binaries for every
 * platform, no compiler and no install script; they load on Node 20 as on 22 and 24). The
 * `argon2` package's prebuilt binaries need Node-API 10 and crash Node 20 on loading.
 *
 * Parameters: OWASP's argon2id setting (19 MiB, 2 passes, 1 lane), the package default;
 * stored hashes are PHC strings that carry their parameters, so raising them later keeps
 * old passwords working.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, which this project's module settings cannot read at run time). */
const ARGON2ID = 2 as Algorithm;

/** Which hash new passwords get: for the start message and the logs. */
export const passwordHashName = (): 'argon2id' => 'argon2id';

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
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
