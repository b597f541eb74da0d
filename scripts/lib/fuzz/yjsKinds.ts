/**
 * Hostile Yjs updates of the group's takeaway (`takeaway:update`, `takeaway:sync`): malformed
 * bytes, oversized, for another group or session, from a removed participant, and well-formed
 * updates the server must still refuse (other shared types, formatting, too long, missing
 * dependencies). The updates are made with Yjs itself, so they are what a modified client
 * could really send. Each kind needs its event: without it the kind is left out.
 */
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { LIMITS, TAKEAWAY_YTEXT } from '../../../shared/constants.ts';
import type { Kind } from './kinds.ts';

const DEEP = 3;
const DOOR = 1;
const UPDATE = 'takeaway:update';
const SYNC = 'takeaway:sync';
/** The events these kinds need. */
export const YJS_EVENTS = [UPDATE, SYNC] as const;

export interface YjsKinds {
  readonly participant: readonly Kind[];
  readonly outsider: readonly Kind[];
  readonly removed: readonly Kind[];
  readonly operator: readonly Kind[];
}

export function yjsKinds(): YjsKinds {
  function update(edit: (doc: Y.Doc) => void): Buffer {
    const doc = new Y.Doc();
    edit(doc);
    const bytes = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return Buffer.from(bytes);
  }

  const text = (s: string) => update((d) => d.getText(TAKEAWAY_YTEXT).insert(0, s));

  /** A second edit without the first it builds on: the server would have to keep it pending. */
  function orphan(): Buffer {
    const doc = new Y.Doc();
    const t = doc.getText(TAKEAWAY_YTEXT);
    t.insert(0, 'eerste');
    const sv = Y.encodeStateVector(doc);
    t.insert(6, ' en tweede');
    const bytes = Buffer.from(Y.encodeStateAsUpdate(doc, sv));
    doc.destroy();
    return bytes;
  }

  /** Bytes that do not decode as an update: cut short, absurd counts, an unknown content type. */
  function malformed(): Buffer {
    const good = text(`kapot ${nanoid(8)}`);
    switch (Math.floor(Math.random() * 3)) {
      case 0:
        return good.subarray(0, 1 + Math.floor(Math.random() * (good.length - 2)));
      case 1:
        return Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02, 0x03]);
      default: {
        // [clients 1][structs 1][client id, varuint][clock 0][info]: an info byte whose content ref (31) does not exist.
        const bad = Buffer.from(good);
        let i = 2;
        while (bad[i]! & 0x80) i++;
        bad[i + 2] = 0x1f;
        return bad;
      }
    }
  }

  const payload = (groupId: string, bytes: Buffer) => ({ opId: nanoid(), groupId, update: bytes });

  /** From a member of a group (ctx.self.groupId is their own group). */
  const participant: readonly Kind[] = [
    { name: 'yjs: malformed bytes', aims: 'rules', weight: DEEP, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, malformed())], ack: true }) },
    {
      name: 'yjs: oversized update',
      aims: 'schema',
      weight: DEEP,
      needs: UPDATE,
      make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, Buffer.alloc(LIMITS.takeawayUpdateBytes + 1_000, 7))], ack: true }),
    },
    { name: 'yjs: not bytes', aims: 'schema', weight: DEEP, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [{ opId: nanoid(), groupId: ctx.self.groupId, update: 'AQEC' }], ack: true }) },
    { name: 'yjs: for another group', aims: 'rules', weight: DEEP, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.otherGroupId, text('overgenomen'))], ack: true }) },
    {
      name: "yjs: for another session's group",
      aims: 'rules',
      weight: DEEP,
      needs: UPDATE,
      make: (ctx) => ({ event: UPDATE, args: [payload(ctx.otherSessionGroupId, text('van buiten'))], ack: true }),
    },
    {
      name: 'yjs: other shared types',
      aims: 'rules',
      weight: DEEP,
      needs: UPDATE,
      make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, update((d) => d.getMap('admin').set('isAdmin', true)))], ack: true }),
    },
    {
      name: 'yjs: formatted text',
      aims: 'rules',
      weight: DEEP,
      needs: UPDATE,
      make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, update((d) => d.getText(TAKEAWAY_YTEXT).insert(0, 'vet', { bold: true })))], ack: true }),
    },
    { name: 'yjs: text over the limit', aims: 'rules', weight: DEEP, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, text('x'.repeat(LIMITS.takeaway + 100)))], ack: true }) },
    { name: 'yjs: missing dependencies', aims: 'rules', weight: DEEP, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, orphan())], ack: true }) },
    {
      name: 'yjs: sync of another group',
      aims: 'rules',
      weight: DEEP,
      needs: SYNC,
      make: (ctx) => ({ event: SYNC, args: [{ groupId: ctx.self.otherGroupId, stateVector: Buffer.from([0]) }], ack: true }),
    },
  ];

  /**
   * From a participant of another session: their own session's group is theirs to write, so
   * the kind aimed at "another session's group" is left out; the others hold.
   */
  const outsider: readonly Kind[] = participant.filter((k) => k.name !== "yjs: for another session's group");

  /** From a participant who was removed: even a well-formed update for their old group is refused. */
  const removed: readonly Kind[] = [
    { name: 'yjs: from a removed participant', aims: 'rules', weight: DEEP, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, text('nog even'))], ack: true }) },
    {
      name: 'yjs: sync from a removed participant',
      aims: 'rules',
      weight: DEEP,
      needs: SYNC,
      make: (ctx) => ({ event: SYNC, args: [{ groupId: ctx.self.groupId, stateVector: Buffer.from([0]) }], ack: true }),
    },
  ];

  /** From the facilitator, the screen or a guest: not a member of any group. */
  const operator: readonly Kind[] = [
    { name: 'yjs: updates from a non-member', aims: 'auth', weight: DOOR, needs: UPDATE, make: (ctx) => ({ event: UPDATE, args: [payload(ctx.self.groupId, text('van de zijlijn'))], ack: true }) },
  ];
  return { participant, outsider, removed, operator };
}
