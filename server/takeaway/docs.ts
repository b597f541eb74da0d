/**
 * The groups' takeaways as Yjs documents on the server. Yjs (a CRDT) merges what several
 * members type at the same moment, online or offline, so nobody's words are lost; we use
 * the library's own state-vector/update sync instead of home-made merging.
 *
 * The stored truth is in the session state (`takeawayDocs`: a compacted state plus the
 * updates since, folded in from the commits); the Y.Doc here is a cache built from it on
 * first use, one per group, and dropped with the state object when a session reloads.
 */
import * as Y from 'yjs';
import { LIMITS, TAKEAWAY_YTEXT } from '../../shared/constants.ts';
import type { Command } from '../../shared/domain/commands.ts';
import { takeawayAccess, type Refusal } from '../../shared/domain/decide.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import type { TakeawaySyncPayload, TakeawayUpdatePayload } from '../../shared/protocol/schemas.ts';
import { charCount, cleanText } from '../../shared/text.ts';
import { addMessages } from '../../shared/i18n/index.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

// The takeaway's refusals live in the dialogue part of the dictionary (only that step's chunk
// can get them, so the phone's join bundle does not carry them); the server's Dutch `error` text needs them too.
addMessages('nl', nlDialogue);

/** Every this many stored updates, the group's document is stored once more as one compacted state. */
export const COMPACT_EVERY = 50;

/**
 * Writes the text of a session from before the collaborative takeaway, as one insert by a
 * fixed client id: every rebuild gives byte-identical items, so phones that already hold
 * them merge instead of duplicating the text. The first update then stores a compacted state.
 */
const MIGRATION_CLIENT_ID = 1;

const docsByState = new WeakMap<SessionState, Map<string, Y.Doc>>();

const toBase64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** The group's document, built from the stored state on first use. */
export function takeawayDoc(state: SessionState, groupId: string): Y.Doc {
  let docs = docsByState.get(state);
  if (!docs) docsByState.set(state, (docs = new Map()));
  let doc = docs.get(groupId);
  if (doc) return doc;
  doc = new Y.Doc();
  const stored = state.takeawayDocs?.[groupId];
  if (stored) {
    if (stored.base) Y.applyUpdate(doc, fromBase64(stored.base));
    // One merge instead of a transaction per tiny update.
    if (stored.updates.length) Y.applyUpdate(doc, Y.mergeUpdates(stored.updates.map(fromBase64)));
  } else {
    const legacy = state.takeaways[groupId]?.text ?? '';
    if (legacy !== '') {
      const seed = new Y.Doc();
      seed.clientID = MIGRATION_CLIENT_ID;
      seed.getText(TAKEAWAY_YTEXT).insert(0, legacy);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
    }
  }
  docs.set(groupId, doc);
  return doc;
}

/** The merged plain text as screen, report and exports show it. */
export function takeawayText(doc: Y.Doc): string {
  return cleanText(doc.getText(TAKEAWAY_YTEXT).toString(), { multiline: true });
}

export type SyncAnswer = { readonly ok: true; readonly update: Uint8Array; readonly stateVector: Uint8Array } | Refusal;

/** Sync step 1 → 2: what the phone misses, and our state vector so it can send what we miss. */
export function answerSync(state: SessionState, participantId: string, payload: TakeawaySyncPayload): SyncAnswer {
  const refusal = takeawayAccess(state, participantId, payload.groupId);
  if (refusal) return refusal;
  const doc = takeawayDoc(state, payload.groupId);
  let update: Uint8Array;
  try {
    update = Y.encodeStateAsUpdate(doc, payload.stateVector);
  } catch {
    return { ok: false, code: 'invalid', key: 'error.takeawayUpdateInvalid' };
  }
  return { ok: true, update, stateVector: Y.encodeStateVector(doc) };
}

const invalid: Refusal = { ok: false, code: 'invalid', key: 'error.takeawayUpdateInvalid' };

/**
 * Checks one update on a copy of the document: it must decode, depend on nothing we lack,
 * touch only the one Y.Text with plain text, and keep the text and document within their
 * limits. Only then is it applied to the group's document (so a refused update changes
 * nothing) and turned into the command that stores it. The caller hands that command to
 * the hub in the same turn: `decide` checks the same access on the same state.
 */
export function prepareUpdate(state: SessionState, participantId: string, payload: TakeawayUpdatePayload): Command | Refusal {
  const refusal = takeawayAccess(state, participantId, payload.groupId);
  if (refusal) return refusal;
  const { groupId, opId } = payload;
  const doc = takeawayDoc(state, groupId);
  const update = new Uint8Array(payload.update);

  const probe = new Y.Doc();
  let encoded: Uint8Array;
  let raw: string;
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(probe, update);
    if (probe.store.pendingStructs !== null || probe.store.pendingDs !== null) return invalid;
    if ([...probe.share.keys()].some((name) => name !== TAKEAWAY_YTEXT)) return invalid;
    const delta = probe.getText(TAKEAWAY_YTEXT).toDelta() as { insert?: unknown; attributes?: unknown }[];
    if (delta.some((d) => typeof d.insert !== 'string' || d.attributes !== undefined)) return invalid;
    encoded = Y.encodeStateAsUpdate(probe);
    raw = probe.getText(TAKEAWAY_YTEXT).toString();
  } catch {
    return invalid;
  } finally {
    probe.destroy();
  }
  if (charCount(raw) > LIMITS.takeaway) return { ok: false, code: 'invalid', key: 'error.takeawayTooLong' };
  if (encoded.byteLength > LIMITS.takeawayDocBytes) return { ok: false, code: 'invalid', key: 'error.takeawayTooLong' };

  const unchanged =
    raw === doc.getText(TAKEAWAY_YTEXT).toString() && equalBytes(Y.encodeStateVector(probe), Y.encodeStateVector(doc));
  if (unchanged) return { type: 'takeaway:update', opId, groupId, update: null, text: takeawayText(doc), compacted: null };

  Y.applyUpdate(doc, update);
  const stored = state.takeawayDocs?.[groupId];
  // The first update after a migrated text stores the whole document, so the migrated text is in the commits too.
  const migrated = !stored && (state.takeaways[groupId]?.text ?? '') !== '';
  const compact = migrated || (stored?.updates.length ?? 0) + 1 >= COMPACT_EVERY;
  return {
    type: 'takeaway:update',
    opId,
    groupId,
    update: toBase64(update),
    text: takeawayText(doc),
    compacted: compact ? toBase64(Y.encodeStateAsUpdate(doc)) : null,
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);
}

export const base64 = { toBase64, fromBase64 };
