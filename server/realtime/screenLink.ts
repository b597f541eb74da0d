/**
 * The screen link for a facilitator device. Screen secrets are derived from the facilitator
 * secret (secrets.ts: screenSecretFor), so the server can hand the screen link to every
 * device that proves it holds the facilitator link, while storing only hashes. A session
 * made before that had a random screen secret: it gets the derived one's hash stored beside
 * it, so its old screen link keeps working and every facilitator device can open a new one.
 */
import type { LiveSession } from '../sessions/sessionHub.ts';
import { hashSecret, screenSecretFor, secretMatches } from '../secrets.ts';
import type { SessionStore } from '../store/types.ts';

/** Whether `secret` opens the shared screen of this session (never the facilitator secret). */
export function opensScreen(session: LiveSession, secret: string): boolean {
  const { screenSecretHash, derivedScreenSecretHash } = session.record;
  return secretMatches(secret, screenSecretHash) || (!!derivedScreenSecretHash && secretMatches(secret, derivedScreenSecretHash));
}

/** The screen secret for a facilitator who proved `facilitatorSecret`; stores its hash if it is new. */
export async function screenLinkFor(store: SessionStore, session: LiveSession, facilitatorSecret: string): Promise<string> {
  const secret = screenSecretFor(facilitatorSecret);
  if (opensScreen(session, secret)) return secret;
  const hash = hashSecret(secret);
  await store.setDerivedScreenSecretHash(session.record.id, hash);
  session.record = { ...session.record, derivedScreenSecretHash: hash };
  return secret;
}
