/**
 * Password hashing (argon2id via the `argon2` package, the reference implementation's
 * binding) and the password policy. The policy is pure and shared with the client's
 * forms through shared/accounts/policy.ts.
 */
import argon2 from 'argon2';

/**
 * OWASP's argon2id minimum (19 MiB, 2 passes) would do; we take the package defaults
 * (64 MiB, 3 passes, 4 lanes): ~50–100 ms on a small server, paid once per sign-in.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
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
