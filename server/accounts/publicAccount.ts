/** What the API tells about an account: never its password hash. */
import type { PublicAccount } from '../../shared/accounts/wire.ts';
import type { Account } from './types.ts';

export type { PublicAccount };

export const publicAccount = (a: Account): PublicAccount => ({
  id: a.id,
  email: a.email,
  name: a.name,
  organisation: a.organisation,
  role: a.role,
  hasPassword: a.passwordHash !== null,
  disabled: a.disabledAt !== null,
  createdAt: a.createdAt,
});
