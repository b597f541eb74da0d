/**
 * The first account. With ADMIN_EMAIL and ADMIN_PASSWORD set and no account yet, start-up
 * creates that beheerder. Otherwise, while no account exists, start-up makes a one-time
 * set-up code, prints it, and /setup asks for it: whoever can read the server's output
 * (the person who started it) creates the first beheerder, nobody else.
 */
import { timingSafeEqual } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import { normaliseEmail, passwordProblem } from '../../shared/accounts/policy.ts';
import { newId } from '../secrets.ts';
import { hashPassword } from './passwords.ts';
import type { AccountStore } from './types.ts';

/** 12 characters of 32 (60 bits), grouped for reading aloud from a terminal: ABCD-EFGH-JKLM. */
const codeChars = customAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 12);
const newSetupCode = () => codeChars().replace(/(.{4})(?=.)/g, '$1-');

export class SetupCode {
  #code: string | null;
  #tries = 0;

  constructor(code: string | null) {
    this.#code = code;
  }

  get code(): string | null {
    return this.#code;
  }

  /** Compares in constant time; after 20 wrong tries the code is spent (restart for a new one). */
  matches(candidate: string): boolean {
    const code = this.#code;
    if (!code) return false;
    const a = Buffer.from(code.replace(/-/g, ''));
    const b = Buffer.from(candidate.toUpperCase().replace(/[\s-]/g, ''));
    const ok = a.length === b.length && timingSafeEqual(a, b);
    if (!ok && ++this.#tries >= 20) this.#code = null;
    return ok;
  }

  spend(): void {
    this.#code = null;
  }
}

export interface FirstAccountOptions {
  readonly adminEmail?: string | null;
  readonly adminPassword?: string | null;
  readonly adminName?: string | null;
  readonly adminOrganisation?: string | null;
  readonly now: () => number;
}

/** Creates the ADMIN_* beheerder or makes a set-up code, when no account exists yet. */
export async function prepareFirstAccount(store: AccountStore, opts: FirstAccountOptions): Promise<SetupCode> {
  if ((await store.countAccounts()) > 0) return new SetupCode(null);
  if (opts.adminEmail && opts.adminPassword) {
    if (passwordProblem(opts.adminPassword)) throw new Error('ADMIN_PASSWORD must be at least 12 characters');
    const email = normaliseEmail(opts.adminEmail);
    await store.createAccount({
      id: newId(),
      email,
      name: opts.adminName || email.split('@')[0]!,
      organisation: opts.adminOrganisation || email.split('@')[1] || 'beheer',
      role: 'beheerder',
      passwordHash: await hashPassword(opts.adminPassword),
      createdAt: opts.now(),
      disabledAt: null,
    });
    return new SetupCode(null);
  }
  return new SetupCode(newSetupCode());
}
