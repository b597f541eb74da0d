/**
 * Rules about accounts that the server enforces and the client's forms show: the password
 * policy, the roles, and which sessions a role sees. Pure, no dependencies.
 */
export const ACCOUNT_ROLES = ['beheerder', 'organisator', 'begeleider'] as const;
export type Role = (typeof ACCOUNT_ROLES)[number];

/** At least 12 characters (NCSC/NIST: length over complexity rules); at most 256, so hashing stays cheap. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export type PasswordProblem = 'tooShort' | 'tooLong' | null;

/** Counts characters as a person sees them (code points), not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  return null;
}

/**
 * Whose sessions an account's list shows: a begeleider their own; an organisator and a
 * beheerder every session of their organisation (the organisator reads across sessions,
 * the beheerder looks after the organisation's installation).
 */
export function sessionListScope(role: Role): 'own' | 'organisation' {
  return role === 'begeleider' ? 'own' : 'organisation';
}

/** Lower case and trimmed: one address, one account, however it was typed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
