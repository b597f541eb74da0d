/**
 * The canary: an ordinary participant who keeps working through the attack. About every
 * 100 ms it writes an answer: first one to each question of the first characteristics, then
 * it keeps improving those (edits with a rising revision), as a person does, and stays well
 * inside the quota of answers per question. When the server knows the collaborative
 * takeaway, it types a word into its group's takeaway every few writes (a real Yjs edit).
 * Every write must be acknowledged, and at the end the group's takeaway must read exactly
 * what the canary typed.
 */
import { nanoid } from 'nanoid';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { TAKEAWAY_YTEXT } from '../../../shared/constants.ts';
import { ack } from './scene.ts';

export interface CanaryResult {
  readonly ok: number;
  readonly failed: number;
  readonly answers: number;
  readonly takeawayEdits: number;
  /** Acknowledged edits a later edit of the same answer superseded: the store dropped their commits. */
  readonly superseded: number;
  /** What the canary typed into its group's takeaway ('' when the takeaway was not written). */
  readonly typed: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Characteristic and question ids of the built-in template the canary answers. */
const BUCKETS: readonly (readonly [string, string])[] = ['k2', 'k3', 'k4'].flatMap((k) => ['q1', 'q2', 'q3'].map((q) => [k, q] as const));

/** Without `takeaway` (a server without the collaborative takeaway) the canary only adds answers. */
export function startCanary(socket: Socket, groupId: string, takeaway: boolean): { stop(): Promise<CanaryResult> } {
  let stopping = false;
  let ok = 0;
  let failed = 0;
  let answers = 0;
  let takeawayEdits = 0;
  /** Acknowledged edits per answer: the store keeps only the latest of each (edit history is compacted). */
  const edits = new Map<string, number>();
  /** The canary's own answers, one per (characteristic, question) of BUCKETS, with their last revision. */
  const mine: { id: string; rev: number }[] = [];
  const doc = new Y.Doc();
  const text = doc.getText(TAKEAWAY_YTEXT);
  const loop = (async () => {
    for (let i = 0; !stopping; i++) {
      let sent: Promise<unknown>;
      if (takeaway && i % 5 === 4) {
        const before = Y.encodeStateVector(doc);
        text.insert(text.length, `${text.length ? ' ' : ''}kanarie${i}`);
        const update = Buffer.from(Y.encodeStateAsUpdate(doc, before));
        sent = ack(socket, 'takeaway:update', { opId: nanoid(), groupId, update }).then((a) => a.ok && ++takeawayEdits);
      } else if (mine.length < BUCKETS.length) {
        const [topicId, questionId] = BUCKETS[mine.length]!;
        const answer = { id: nanoid(), rev: 1 };
        mine.push(answer);
        sent = ack(socket, 'answer:add', { answerId: answer.id, topicId, questionId, text: 'kanarie zingt' }).then((a) => a.ok && ++answers);
      } else {
        const answer = mine[i % mine.length]!;
        answer.rev++;
        sent = ack(socket, 'answer:edit', { answerId: answer.id, text: `kanarie zingt ${answer.rev}`, rev: answer.rev }).then((a) => {
          if (a.ok) edits.set(answer.id, (edits.get(answer.id) ?? 0) + 1);
          return a.ok && ++answers;
        });
      }
      if (await sent.catch(() => false)) ok++;
      else failed++;
      await sleep(100);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      let superseded = 0;
      for (const n of edits.values()) superseded += n - 1;
      return { ok, failed, answers, takeawayEdits, superseded, typed: text.toString() };
    },
  };
}
