/** What the API tells about an account: never its password hash. */
import type { Account } from './types.ts';

export interface PublicAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly organisation: string;
  readonly role: Account['role'];
  readonly hasPassword: boolean;
  readonly disabled: boolean;
  readonly createdAt: number;
}

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
