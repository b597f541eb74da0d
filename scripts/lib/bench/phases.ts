/**
 * Phase code and figures shared by the app's run (scripts/bench.ts) and the bare Socket.IO
 * reference's (scripts/lib/bench/reference.ts), so both are driven and counted the same way.
 */
import { nanoid } from 'nanoid';
import type { Ack } from '../../../shared/protocol/ack.ts';
import type { ClientToServerEvents } from '../../../shared/protocol/events.ts';
import { allWorkers, guard, type ClientWorker, type Msg } from './clientWorker.ts';
import type { ROLES } from '../../../shared/constants.ts';
import type { AckStats, ParticipantSpec } from './messages.ts';
import { clock, summarise } from './stats.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export function mergeAcks(list: readonly AckStats[]) {
  const refused: Record<string, number> = {};
  for (const a of list) for (const [k, v] of Object.entries(a.refused)) refused[k] = (refused[k] ?? 0) + v;
  return {
    sent: list.reduce((s, a) => s + a.sent, 0),
    ok: list.reduce((s, a) => s + a.ok, 0),
    timeouts: list.reduce((s, a) => s + a.timeouts, 0),
    refused,
    latency: summarise(list.flatMap((a) => a.latencies)),
  };
}

/**
 * Tagged updates: send → each other group member's receipt, and send → the shared screen.
 * `groupOf`: participant index → group; `screenReceipts`: seq → when the screen got it.
 */
export function updateFigures(
  updates: readonly Msg<'updates'>[],
  groupOf: ReadonlyMap<number, string>,
  groupSize: ReadonlyMap<string, number>,
  screenReceipts: ReadonlyMap<number, number>,
) {
  const sendAt = new Map<number, { idx: number; t: number }>();
  for (const u of updates) for (let i = 0; i < u.sends.length; i += 3) sendAt.set(u.sends[i]!, { idx: u.sends[i + 1]!, t: u.sends[i + 2]! });
  const members: number[] = [];
  const seen = new Set<number>();
  for (const u of updates) {
    for (let i = 0; i < u.receipts.length; i += 3) {
      const seq = u.receipts[i]!;
      const ridx = u.receipts[i + 1]!;
      const s = sendAt.get(seq);
      if (!s || ridx === s.idx) continue;
      const key = seq * 100_000 + ridx;
      if (seen.has(key)) continue;
      seen.add(key);
      members.push(u.receipts[i + 2]! - s.t);
    }
  }
  let expected = 0;
  const screen: number[] = [];
  let screenMissing = 0;
  for (const [seq, s] of sendAt) {
    const g = groupOf.get(s.idx);
    expected += g ? (groupSize.get(g) ?? 1) - 1 : 0;
    const t = screenReceipts.get(seq);
    if (t === undefined) screenMissing++;
    else screen.push(t - s.t);
  }
  return { sends: sendAt.size, members: summarise(members), lost: expected - members.length, screen: summarise(screen), screenMissing };
}

export interface FacilitatorAction {
  readonly event: keyof ClientToServerEvents;
  readonly payload: () => Record<string, unknown>;
  readonly label: string;
}

/** A facilitator of session `session`: sends an event and resolves with its ack and the time it took. */
export interface Facilitator {
  readonly session: number;
  ask(event: keyof ClientToServerEvents, payload: unknown): Promise<{ ack: Ack<unknown>; ms: number }>;
}

/**
 * Facilitator actions that reach everyone, one after another: the workers are armed, every
 * facilitator sends the action, and each participant's first pace event after arming is its
 * receipt (emit → receipt is the latency). Waits up to 10 s per action for every receipt.
 */
export async function facilitatorActions(
  workers: readonly ClientWorker[],
  facilitators: readonly Facilitator[],
  actions: readonly FacilitatorAction[],
  opts: {
    readonly sessions: number;
    readonly sessionOf: (idx: number) => number;
    readonly joined: number;
    /** Sent with each action at the same moment, not waited for (the reference: see runReference's `pagesAlongside`). */
    readonly alongside?: (k: number) => void;
  },
) {
  const emitTimes: number[][] = []; // [action][session]
  const ackMs: number[] = [];
  let ackFailures = 0;
  let timedOutActions = 0;
  for (let k = 0; k < actions.length; k++) {
    const action = actions[k]!;
    await Promise.all(
      workers.map((w) => {
        const p = w.next('armed', (m) => m.action === k);
        w.send({ type: 'arm', action: k });
        return p;
      }),
    );
    const done = Promise.all(workers.map((w) => w.next('actionDone', (m) => m.action === k)));
    const times: number[] = [];
    opts.alongside?.(k);
    const acks = facilitators.map((f) => {
      times[f.session] = clock();
      return f.ask(action.event, action.payload());
    });
    emitTimes.push(times);
    const timedOut = await guard(Promise.race([done.then(() => false), sleep(10_000).then(() => true)]));
    if (timedOut) timedOutActions++;
    for (const a of await Promise.all(acks)) {
      if (a.ack.ok) ackMs.push(a.ms);
      else ackFailures++;
    }
    await sleep(100);
  }
  const pace = await allWorkers(workers, { type: 'collectPace' }, 'pace');
  const latencies: number[] = [];
  const lastPerAction: number[] = [];
  let received = 0;
  for (let k = 0; k < actions.length; k++) {
    const last: number[] = new Array(opts.sessions).fill(0);
    for (const p of pace) {
      const flat = p.receipts[k] ?? [];
      for (let i = 0; i < flat.length; i += 2) {
        const idx = flat[i]!;
        const s = opts.sessionOf(idx);
        const ms = flat[i + 1]! - emitTimes[k]![s]!;
        latencies.push(ms);
        received++;
        if (ms > last[s]!) last[s] = ms;
      }
    }
    lastPerAction.push(...last);
  }
  return {
    latencies: summarise(latencies),
    last: summarise(lastPerAction),
    ack: summarise(ackMs),
    ackFailures,
    timedOutActions,
    actions: actions.length,
    missed: actions.length * opts.joined - received,
  };
}

/**
 * The actions of phase 2: `rounds` × (move to a topic's step, start its timer), never to the
 * step the session is on. Returns them and the step the session ends on.
 */
export function paceActions(rounds: number, topicSteps: readonly number[], from: number): { actions: FacilitatorAction[]; stepIndex: number } {
  const actions: FacilitatorAction[] = [];
  let stepIndex = from;
  for (let r = 0; r < rounds; r++) {
    let next = topicSteps[r % topicSteps.length]!;
    if (next === stepIndex) next = topicSteps[(r + 1) % topicSteps.length]!;
    stepIndex = next;
    actions.push({ event: 'step:set', payload: () => ({ opId: nanoid(), stepIndex: next }), label: `step ${next}` });
    actions.push({ event: 'timer:start', payload: () => ({ opId: nanoid() }), label: 'timer start' });
  }
  return { actions, stepIndex };
}

/** The bench's N participants, spread over the sessions with these join codes (index i → session i mod S). */
export function participantSpecs(n: number, codes: readonly string[]): ParticipantSpec[] {
  const roles: (typeof ROLES)[number][] = ['opdrachtgever', 'opdrachtgever', 'opdrachtnemer', 'opdrachtnemer', 'anders'];
  return Array.from({ length: n }, (_, idx) => ({
    idx,
    session: idx % codes.length,
    code: codes[idx % codes.length]!,
    name: `Deelnemer ${idx + 1}`,
    role: roles[idx % roles.length]!,
    organisation: `Organisatie ${(idx * 7) % 60}`,
    deviceId: nanoid(21),
  }));
}
