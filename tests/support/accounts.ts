/**
 * Test accounts: made directly in an account store (no password hashing unless asked), each
 * with a personal API token, so a test can create sessions as that account.
 */
import { randomBytes } from 'node:crypto';
import type { AccountsOptions } from '../../server/accounts/index.ts';
import { newApiToken, tokenHash } from '../../server/accounts/credentials.ts';
import { MemoryAccountStore } from '../../server/accounts/memoryAccountStore.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { SetupCode } from '../../server/accounts/setupCode.ts';
import type { Account, AccountRole, AccountStore } from '../../server/accounts/types.ts';
import { newId } from '../../server/secrets.ts';

export interface TestAccount {
  readonly account: Account;
  /** A personal API token of the account: `Authorization: Bearer <token>`. */
  readonly token: string;
}

let counter = 0;

export async function seedAccount(
  store: AccountStore,
  opts: { role?: AccountRole; organisation?: string; email?: string; name?: string; password?: string } = {},
): Promise<TestAccount> {
  const n = ++counter;
  const account: Account = {
    id: newId(),
    email: opts.email ?? `begeleider${n}@gemeente.example`,
    name: opts.name ?? `Begeleider ${n}`,
    organisation: opts.organisation ?? 'Gemeente Voorbeeld',
    role: opts.role ?? 'begeleider',
    passwordHash: opts.password ? await hashPassword(opts.password) : null,
    createdAt: Date.now(),
    disabledAt: null,
  };
  await store.createAccount(account);
  const token = newApiToken();
  await store.createApiToken({ id: newId(), accountId: account.id, name: 'test', tokenHash: tokenHash(token), createdAt: Date.now(), lastUsedAt: null });
  return { account, token };
}

/** Account options for createApp: a memory store, a random link key, no set-up code unless given. */
export function testAccounts(store: AccountStore = new MemoryAccountStore(), setupCode: string | null = null): AccountsOptions {
  return { store, linkKey: randomBytes(32), setup: new SetupCode(setupCode) };
}
