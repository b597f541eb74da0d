/**
 * The device's proof of who it is in a session: stored per join code, so opening /j/CODE
 * again (after a reload, a crash or the next morning) resumes as the same person.
 */
import { isRecord, readJson, removeKey, writeJson } from '../lib/storage.ts';

export interface Credentials {
  readonly token: string;
  readonly participantId: string;
  readonly sessionId: string;
}

const key = (code: string): string => `samenspraak:participant:${code}`;

function isCredentials(v: unknown): v is Credentials {
  return isRecord(v) && typeof v.token === 'string' && typeof v.participantId === 'string' && typeof v.sessionId === 'string';
}

export function loadCredentials(code: string): Credentials | null {
  return readJson(key(code), isCredentials);
}

export function saveCredentials(code: string, credentials: Credentials): void {
  writeJson(key(code), { token: credentials.token, participantId: credentials.participantId, sessionId: credentials.sessionId });
}

export function forgetCredentials(code: string): void {
  removeKey(key(code));
}

const DEVICE_KEY = 'samenspraak:device';
const isDevice = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_.-]{16,80}$/.test(v);

/**
 * The device credential the server gave this phone at its first join, sent with every join,
 * so the facilitator can keep a removed person from rejoining on this device. It says
 * nothing about the person. The server ignores a value it did not issue.
 */
export const storedDevice = (): string | null => readJson(DEVICE_KEY, isDevice);
export const saveDevice = (device: string): void => void writeJson(DEVICE_KEY, device);

/** Where the drafts of a session live. Per session, not per person: a rejoin on this device finds them again. */
export const draftKeys = {
  answer: (sessionId: string, topicId: string, questionId: string) => `samenspraak:draft:${sessionId}:answer:${topicId}:${questionId}`,
  edit: (sessionId: string, answerId: string) => `samenspraak:draft:${sessionId}:edit:${answerId}`,
  takeaway: (sessionId: string) => `samenspraak:draft:${sessionId}:takeaway`,
} as const;
