/**
 * "Wil je de werkpakketten ontvangen?": at the closing, a participant can leave an e-mail
 * address to get the work packages when they are ready, with an explicit consent.
 *
 * Kept apart from the dialogue: not a domain event, not in the session's state, snapshots
 * or exports. The server stores it in its own table (deleted with the session, by the
 * session's retention, or when the participant withdraws it) and only the facilitator (and
 * organisers) can read it: a count in the console and a download of the addresses.
 */
import { z } from 'zod';

/** The consent text's version, stored with each request, so it is known what was agreed to. */
export const WORK_PACKAGES_CONSENT_VERSION = 'werkpakketten-v1';

/** An e-mail address as people type it (trimmed, lower-cased domain is not enforced: addresses are case-insensitive in practice). */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'geen geldig e-mailadres' }));

/** Phone → server, `workPackages:request`: send me the work packages at this address. */
export const workPackagesRequestSchema = z.strictObject({
  email: emailSchema,
  /** The participant ticked the consent box; anything else is refused. */
  consent: z.literal(true),
});
export type WorkPackagesRequestPayload = z.infer<typeof workPackagesRequestSchema>;

/** Phone → server, `workPackages:get` and `workPackages:withdraw`; facilitator → server, `workPackages:count`. */
export const emptyPayloadSchema = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

/** What a phone is told: the address it left, or null. */
export interface WorkPackagesStatus {
  readonly email: string | null;
}
