/**
 * What every kind of agenda step declares, in its own folder (shared/steps/<kind>/): the
 * rules the domain applies to it and the export rows it produces (index.ts), the zod
 * schema of its payload (schema.ts) and its part of the Markdown report (report.ts). The
 * last two are kept apart so phones, which run the domain rules, load neither zod nor the
 * report. The client maps the same kinds to views per audience (client/src/steps/<kind>/,
 * tables in client/src/steps/), so a new kind is one folder here and one folder there.
 */
import type { SessionState } from '../domain/types.ts';

/** One row of the organizers' CSV; the writer turns it into cells (see server/export/csv.ts). */
export interface ExportRow {
  readonly groupId: string;
  /** 'score_persoon': one person's own score (scored per person), with their role; 'score' is then the group's mean. */
  readonly soort: 'antwoord' | 'score' | 'score_persoon' | 'meenemen';
  /** Order of this row among the rows of the same group and step. */
  readonly order: readonly (number | string)[];
  readonly kenmerk?: string;
  readonly vraag?: string;
  readonly tekst?: string;
  readonly nu?: number | null;
  readonly gewenst?: number | null;
  readonly rol?: string;
  readonly verborgen?: 'ja' | 'nee';
  readonly tijdstip: number;
}

export interface StepKindSpec<P> {
  /** Timer length (minutes) of a new step of this kind; 0 means no timer. */
  readonly defaultMinutes: number;
  /** The room can only enter this step once groups exist. */
  readonly needsGroups: boolean;
  /**
   * What makes two steps the same: an agenda holds at most one step per key (one takeaway,
   * one step per topic). null: any number (content slides).
   */
  uniqueKey(payload: P): string | null;
  /** True once a group wrote or scored something that belongs to this step: it cannot be removed. */
  hasWork(state: SessionState, payload: P): boolean;
  /** Refusal key when the payload does not fit the session (e.g. an unknown topic); null when it fits. */
  invalidPayload?(state: SessionState, payload: P): 'error.unknownTopic' | null;
  /** The kind's rows in the CSV download. */
  exportRows?(state: SessionState, payload: P): ExportRow[];
}
