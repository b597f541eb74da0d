/**
 * Every body the account routes accept, checked before anything is read or changed.
 * Names and organisations are cleaned like participants' (control, bidi and zero-width
 * characters removed); e-mail addresses are lower-cased; passwords are taken as typed.
 */
import { z } from 'zod';
import { ACCOUNT_ROLES, PASSWORD_MAX, PASSWORD_MIN, normaliseEmail } from '../../shared/accounts/policy.ts';
import { charCount, cleanText } from '../../shared/text.ts';

const text = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => cleanText(s, { multiline: false }))
    .refine((s) => charCount(s) >= 1, 'verplicht')
    .refine((s) => charCount(s) <= max, `maximaal ${max} tekens`);

export const emailSchema = z
  .string()
  .max(254)
  .transform(normaliseEmail)
  .pipe(z.email('geen geldig e-mailadres'));

/** Length in code points, as the policy counts it. */
export const passwordSchema = z
  .string()
  .max(PASSWORD_MAX * 2)
  .refine((p) => [...p].length >= PASSWORD_MIN, `minimaal ${PASSWORD_MIN} tekens`)
  .refine((p) => [...p].length <= PASSWORD_MAX, `maximaal ${PASSWORD_MAX} tekens`);

export const loginSchema = z.strictObject({
  email: emailSchema,
  // Not the policy: an old password that no longer meets it must still get "wrong password", not a hint.
  password: z.string().min(1).max(PASSWORD_MAX * 2),
});

export const setupSchema = z.strictObject({
  code: z.string().trim().max(64),
  email: emailSchema,
  name: text(80),
  organisation: text(80),
  password: passwordSchema,
});

export const newAccountSchema = z.strictObject({
  email: emailSchema,
  name: text(80),
  role: z.enum(ACCOUNT_ROLES),
  /** Absent: the account signs in through the organisation's identity provider only. */
  password: passwordSchema.optional(),
});

/** A programme's name, e.g. "Stevige lokale teams 2026". */
export const programmeSchema = z.strictObject({ name: text(100) });

export const newTokenSchema = z.strictObject({ name: text(60) });

export const idParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
