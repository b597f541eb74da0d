/**
 * Ids, join codes and secrets. All from nanoid, which draws from the operating system's
 * cryptographic random source.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../shared/constants.ts';

/** 6 characters of a 32-character alphabet: 30 bits. */
export const newJoinCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/** 21 characters of 64: 126 bits, unique enough for ids. */
export const newId = (): string => nanoid();

/** 32 characters of 64: 192 bits, for facilitator links, screen links and device tokens. */
export const newSecret = (): string => nanoid(32);

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Domain tag: a screen secret can never equal any other value derived from the same secret. */
const SCREEN_LINK_TAG = 'samenspraak/screen-link/v1';

/**
 * The shared-screen secret of a session, derived from its facilitator secret (HMAC-SHA256,
 * keyed with the facilitator secret, over a fixed tag; 32 base64url characters = 192 bits).
 * Every device that holds the facilitator link can thus be given the screen link by the
 * server, although only hashes are stored; and the screen link reveals nothing of the
 * facilitator secret, so the projector's URL never carries the right to steer.
 */
export function screenSecretFor(facilitatorSecret: string): string {
  return createHmac('sha256', facilitatorSecret).update(SCREEN_LINK_TAG).digest('base64url').slice(0, 32);
}
