/**
 * What the server and its export process (exportWorker.ts) say to each other. Apart from
 * both, so the server imports no writer.
 */
import type { ExportFormat, ProgrammeFormat } from './fileTypes.ts';

/** The environment variable that tells the export process where the sessions are stored (a StoreAddress as JSON). */
export const EXPORT_SOURCE_ENV = 'SAMENSPRAAK_EXPORT_SOURCE';

/**
 * A session's file: its id (the process loads it from the store) or, with no store to read
 * (tests' in-memory store), its state as JSON. Or a programme's (issue 12: its sessions'
 * states and the filters).
 */
export type ExportRequest =
  | { readonly id: number; readonly format: ExportFormat; readonly sessionId: string }
  | { readonly id: number; readonly format: ExportFormat; readonly stateJson: string }
  | { readonly id: number; readonly programme: ProgrammeFormat; readonly inputJson: string };

/** `peakRssBytes`: this process's largest resident size so far (for the benchmark's figures). */
export type ExportReply = { readonly id: number; readonly peakRssBytes: number } & (
  | { readonly ok: true; readonly body: Uint8Array }
  | { readonly ok: false; readonly error: string }
);
