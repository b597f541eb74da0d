/**
 * Messages between SqliteWorkerStore (the server's thread) and sqliteWorker.ts (the thread
 * that owns the SQLite connection). Values cross by structured clone; errors cross as plain
 * data and are rebuilt, so `DuplicateOpError` and `SeqConflictError` keep their class (the
 * session hub tells a duplicate retry from a real failure by it).
 */
import { DuplicateOpError, SeqConflictError, type SessionStore } from './types.ts';

export interface WorkerData {
  readonly file: string;
}

/** Every store method is forwarded by name. */
export type StoreMethod = {
  [K in keyof SessionStore]: SessionStore[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof SessionStore];

export interface StoreRequest {
  readonly id: number;
  readonly method: StoreMethod;
  readonly args: readonly unknown[];
}

export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly sessionId?: string;
  readonly opId?: string;
  readonly seq?: number;
}

/** id 0 is the worker's "opened" (or "could not open") message. */
export type StoreReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

export function errorToWire(err: unknown): WireError {
  if (err instanceof DuplicateOpError) return { name: err.name, message: err.message, sessionId: err.sessionId, opId: err.opId };
  if (err instanceof SeqConflictError) return { name: err.name, message: err.message, sessionId: err.sessionId, seq: err.seq };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

export function errorFromWire(w: WireError): Error {
  if (w.name === 'DuplicateOpError' && w.sessionId !== undefined && w.opId !== undefined) {
    return new DuplicateOpError(w.sessionId, w.opId);
  }
  if (w.name === 'SeqConflictError' && w.sessionId !== undefined && w.seq !== undefined) {
    return new SeqConflictError(w.sessionId, w.seq);
  }
  const err = new Error(w.message);
  err.name = w.name;
  return err;
}
