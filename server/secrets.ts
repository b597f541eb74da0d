/**
 * Ids, join codes and secrets. All from nanoid, which draws from the operating system's
 * cryptographic random source.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
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
