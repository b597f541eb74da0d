/**
 * What became of each hostile message, counted per kind and per sender, and printed as
 * the fuzz summary. The stage comes from the server's ack (`stage` on every refusal), never
 * from guessing by error code: 'forbidden' is given by the sender check and by the rules alike.
 */
import type { Ack } from '../../../shared/protocol/ack.ts';

/** Where a message ended: a refusal stage, accepted, or no ack at all (and why). */
export const OUTCOMES = [
  'rate', // refused by the rate limit
  'event', // refused: no such event
  'auth', // refused: this sender may not send this event (or is not signed in)
  'schema', // refused by the payload's schema
  'rules', // refused by the rules (decide, look-ups)
  'accepted', // ok ack: a hostile message got through
  'internal', // an error ack without a stage: the server failed on this input
  'unstaged', // a refusal without a stage (a handler that does not say where it refused)
  'closed', // the server closed the socket instead of answering (e.g. a frame over the size limit)
  'no ack', // sent without an ack callback, so nothing to count
  'unanswered', // no answer within the timeout on an open socket
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who sent it: the 80 % rule is about messages sent as a signed-in participant or facilitator. */
export type Sender = 'participant' | 'removed participant' | 'outsider' | 'facilitator' | 'screen' | 'guest';
export const SIGNED_IN: ReadonlySet<Sender> = new Set(['participant', 'removed participant', 'outsider', 'facilitator']);
const REACHED: ReadonlySet<Outcome> = new Set(['schema', 'rules', 'accepted']);

export function outcomeOf(reply: Ack<unknown> | undefined | null): Outcome {
  if (!reply || typeof reply !== 'object') return 'unstaged';
  if (reply.ok) return 'accepted';
  if (reply.stage) return reply.stage;
  return reply.code === 'internal' ? 'internal' : 'unstaged';
}

type Row = Map<Outcome, number>;

export class Tally {
  private readonly rows = new Map<string, Row>();
  private readonly aims = new Map<string, Outcome>();

  record(sender: Sender, kind: string, outcome: Outcome, aims?: Outcome): void {
    const key = `${sender}\u0000${kind}`;
    if (aims) this.aims.set(key, aims);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = new Map()));
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
  }

  private sum(filter: (sender: Sender, kind: string) => boolean): Row {
    const total: Row = new Map();
    for (const [key, row] of this.rows) {
      const [sender, kind] = key.split('\u0000') as [Sender, string];
      if (!filter(sender, kind)) continue;
      for (const [o, n] of row) total.set(o, (total.get(o) ?? 0) + n);
    }
    return total;
  }

  count(outcome: Outcome, filter: (sender: Sender, kind: string) => boolean = () => true): number {
    return this.sum(filter).get(outcome) ?? 0;
  }

  sent(filter: (sender: Sender, kind: string) => boolean = () => true): number {
    let n = 0;
    for (const v of this.sum(filter).values()) n += v;
    return n;
  }

  kinds(): Set<string> {
    return new Set([...this.rows.keys()].map((k) => k.split('\u0000')[1]!));
  }

  /** Share of the signed-in participants' and facilitators' messages that reached the schema or the rules. */
  reachedShare(): { reached: number; sent: number; share: number } {
    const row = this.sum((s) => SIGNED_IN.has(s));
    let reached = 0;
    let sent = 0;
    for (const [o, n] of row) {
      sent += n;
      if (REACHED.has(o)) reached += n;
    }
    return { reached, sent, share: sent ? reached / sent : 0 };
  }

  /**
   * Kinds sent by signed-in senders that mostly ended somewhere else than they were built to
   * reach: a 'rules' kind stopped by the schema tests nothing about the rules.
   */
  missedAims(): string[] {
    const missed: string[] = [];
    for (const [key, aims] of this.aims) {
      const [sender, kind] = key.split('\u0000') as [Sender, string];
      if (!SIGNED_IN.has(sender)) continue;
      const row = [...this.rows.get(key)!].filter(([o]) => o !== 'no ack');
      if (row.length === 0) continue;
      const [top] = row.sort((a, b) => b[1] - a[1])[0]!;
      if (top !== aims) missed.push(`${sender} · ${kind}: aims at ${aims}, mostly ${top}`);
    }
    return missed;
  }

  /** One line per sender and kind, one column per outcome that occurred. */
  print(log: (line: string) => void): void {
    const used = OUTCOMES.filter((o) => this.count(o) > 0);
    const head = ['sender · kind'.padEnd(58), 'sent'.padStart(6), ...used.map((o) => o.padStart(Math.max(6, o.length + 1)))];
    log(head.join(''));
    const line = (label: string, row: Row) => {
      let total = 0;
      for (const v of row.values()) total += v;
      log([label.padEnd(58), String(total).padStart(6), ...used.map((o) => String(row.get(o) ?? 0).padStart(Math.max(6, o.length + 1)))].join(''));
    };
    const keys = [...this.rows.keys()].sort();
    for (const key of keys) line(key.replace('\u0000', ' · '), this.rows.get(key)!);
    const senders = [...new Set(keys.map((k) => k.split('\u0000')[0] as Sender))];
    log('');
    for (const s of senders) line(`all from ${s}`, this.sum((x) => x === s));
    line('all from signed-in participants and facilitators', this.sum((x) => SIGNED_IN.has(x)));
    line('all', this.sum(() => true));
  }
}
