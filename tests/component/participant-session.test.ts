/**
 * The participant's session object and page against a fake socket: resume by token,
 * join, snapshot + events folded with `evolve`, the outbox, removal.
 */
import { legacyAgenda } from '../../shared/domain/agenda.ts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import type { AppSocket } from '../../client/src/lib/socket.ts';
import { ParticipantSession } from '../../client/src/participant/participantSession.svelte.ts';
import { ratingView } from '../../client/src/steps/topic/ratingView.ts';
import { FakeSocket, type FakeReply } from './fakeSocket.ts';
import { FAKE_JOIN, serverAck } from './serverAcks.ts';

/* ---------- a fake socket.io client socket ---------- */

let sockets: FakeSocket[] = [];
/** By default the fake answers what the real server answers (./serverAcks.ts); tests override it for failures. */
let defaultReply: (event: string, payload: any) => FakeReply = serverAck;
const openSocket = vi.fn((auth: unknown, _path?: string) => {
  const s = new FakeSocket({ auth, reply: (event, payload) => defaultReply(event, payload) });
  sockets.push(s);
  return s as unknown as AppSocket;
});

vi.mock('../../client/src/lib/socket.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../client/src/lib/socket.ts')>();
  return { ...original, openSocket: (auth: unknown, path?: string) => openSocket(auth, path) };
});

/* ---------- fixtures ---------- */

const CODE = 'K7M2QX';
const CREDS_KEY = `samenspraak:participant:${CODE}`;
const TOKEN = FAKE_JOIN.token;

function sessionState(overrides: Partial<SessionState> = {}): SessionState {
  const state: SessionState = {
    id: 's1',
    code: CODE,
    createdAt: 1,
    content: {
      title: 'Ben jij hiervan? Utrecht',
      intro: 'Welkom',
      topics: [
        { id: 't1', title: 'Passende omvang en expertise', description: 'Genoeg mensen met de juiste kennis.' },
        { id: 't2', title: 'Zichtbaar en aanwezig in de wijk', description: '' },
      ],
      questions: [
        { id: 'q1', text: 'Is dit wat je wil of hoe het nu is?' },
        { id: 'q2', text: 'Welke rol zie je hierin voor jezelf?' },
      ],
      takeawayQuestion: 'Wat neem je mee?',
      contact: 'stevigelokaleteams@vng.nl',
    },
    settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
    agenda: [],
    stepIndex: 2,
    timer: { status: 'running', durationMs: 600_000, endsAt: Date.now() + 300_000 },
    participants: {
      p1: { id: 'p1', name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente Utrecht', joinedAt: 1, groupId: 'g3', removed: false },
      p2: { id: 'p2', name: 'Bram', role: 'opdrachtnemer', organisation: 'Buurtteam', joinedAt: 2, groupId: 'g3', removed: false },
    },
    groups: [{ id: 'g3', number: 3, memberIds: ['p1', 'p2'] }],
    answers: {
      a2: { id: 'a2', groupId: 'g3', topicId: 't1', questionId: 'q1', authorId: 'p2', text: 'Nu nog niet.', createdAt: 5, updatedAt: 5, rev: 1, hidden: false },
    },
    ratings: {},
    takeaways: {},
    spotlightGroupId: null,
    endedAt: null,
    blockedDevices: [],
    ...overrides,
  };
  // The agenda a session of this content has had since before agendas were data.
  return { ...state, agenda: overrides.agenda ?? legacyAgenda(state.content, 10) };
}

function storeCredentials() {
  localStorage.setItem(CREDS_KEY, JSON.stringify({ token: TOKEN, participantId: 'p1', sessionId: 's1' }));
}

/** The code lookup's answer for session s1, with `extra` fields (e.g. a socket path). */
const lookupAnswering = (extra: Record<string, unknown> = {}) =>
  vi.fn(async () => new Response(JSON.stringify({ sessionId: 's1', title: 'Ben jij hiervan? Utrecht', locked: false, ...extra }), { status: 200 }));
const okFetch = lookupAnswering();
const notFoundFetch = vi.fn(
  async () => new Response(JSON.stringify({ ok: false, code: 'not_found', error: 'x', key: 'error.codeNotFound' }), { status: 404 }),
);

beforeEach(() => {
  localStorage.clear();
  sockets = [];
  defaultReply = serverAck;
  openSocket.mockClear();
  history.replaceState(null, '', '/');
});
afterEach(cleanup);

/* ---------- the session object ---------- */

describe('ParticipantSession', () => {
  it('resumes with the stored token, without a form, and holds the snapshot', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE.toLowerCase());
    expect(openSocket).toHaveBeenCalledWith({ participantToken: TOKEN }, undefined);
    expect(okFetch).not.toHaveBeenCalled();
    expect(session.phase).toBe('entering');

    const socket = sockets[0]!;
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() + 5000 });
    expect(session.phase).toBe('in');
    expect(session.status).toBe('connected');
    expect(session.group?.number).toBe(3);
    expect(session.clockOffset).toBeGreaterThan(4000);
    session.destroy();
  });

  it('folds participant:events into the state with evolve', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    const events: DomainEvent[] = [
      { type: 'step.changed', stepIndex: 3, timer: { status: 'idle', durationMs: 600_000 } },
      { type: 'takeaway.set', takeaway: { groupId: 'g3', text: 'Samen meer', rev: 1, updatedAt: 9, updatedBy: 'p2' } },
    ];
    socket.fire('participant:events', events);
    // The first events may come before `evolve` (a chunk of its own) is loaded: they are folded, in order, once it is.
    await vi.waitFor(() => expect(session.step).toMatchObject({ kind: 'topic', payload: { topicId: 't2' } }));
    expect(session.takeaway?.text).toBe('Samen meer');
    session.destroy();
  });

  it('several servers: the socket path the code lookup names is where the join goes first', async () => {
    const session = new ParticipantSession({ fetch: lookupAnswering({ socketPath: '/n/b/socket.io' }) });
    await session.start(CODE);
    expect(await session.join({ code: CODE, name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente Utrecht' })).toEqual({ ok: true });
    expect(openSocket).toHaveBeenCalledTimes(1);
    expect(openSocket).toHaveBeenCalledWith({}, '/n/b/socket.io');
    session.destroy();
  });

  it('a lookup answer with a path that is not a socket endpoint is ignored', async () => {
    const session = new ParticipantSession({ fetch: lookupAnswering({ socketPath: 'https://elders.example/socket.io' }) });
    await session.start(CODE);
    await session.join({ code: CODE, name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente Utrecht' });
    expect(openSocket).toHaveBeenCalledWith({}, undefined);
    session.destroy();
  });

  it('checks a code from the link, then joins, stores the token and resumes on reconnect', async () => {
    const replace = vi.fn();
    const session = new ParticipantSession({ fetch: okFetch, replaceUrl: replace });
    await session.start(CODE);
    expect(okFetch).toHaveBeenCalledWith(`/api/join/${CODE}`, expect.anything());
    expect(session.phase).toBe('form');
    expect(session.sessionTitle).toBe('Ben jij hiervan? Utrecht');

    const outcome = await session.join({ code: CODE, name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente Utrecht' });
    expect(outcome).toEqual({ ok: true });
    const socket = sockets[0]!;
    expect(openSocket).toHaveBeenCalledWith({}, undefined);
    expect(socket.sent[0]).toEqual({
      event: 'session:join',
      // A first join has no device credential: the server issues one ...
      payload: { code: CODE, name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente Utrecht' },
    });
    // ... which the phone keeps and sends with its next join.
    expect(JSON.parse(localStorage.getItem('samenspraak:device')!)).toBe(FAKE_JOIN.device);
    expect(JSON.parse(localStorage.getItem(CREDS_KEY)!)).toEqual({ token: TOKEN, participantId: 'p1', sessionId: 's1' });
    expect(socket.auth).toEqual({ participantToken: TOKEN });
    expect(replace).toHaveBeenCalledWith(`/j/${CODE}`);
    session.destroy();
  });

  it('shows the code error for an unknown code from the link', async () => {
    const session = new ParticipantSession({ fetch: notFoundFetch });
    await session.start('ZZZZZZ');
    expect(session.phase).toBe('form');
    expect(session.codeError?.key).toBe('error.codeNotFound');
    expect(openSocket).not.toHaveBeenCalled();
  });

  it('forgets a token the server no longer knows and shows the form', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    sockets[0]!.fire('connect_error', new Error('auth:unknown'));
    await vi.waitFor(() => expect(session.phase).toBe('form'));
    expect(localStorage.getItem(CREDS_KEY)).toBeNull();
    expect(session.removed).toBe(false);
  });

  it('on removal forgets the token, keeps unsent answers as drafts and shows the removed message', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    // Offline: the answer waits in the outbox.
    session.addAnswer('t1', 'q1', 'Dit wil ik niet kwijt');
    expect(session.pendingCount).toBe(1);
    socket.fire('participant:removed');
    expect(session.phase).toBe('form');
    expect(session.removed).toBe(true);
    expect(session.formNotice?.key).toBe('error.removed');
    expect(localStorage.getItem(CREDS_KEY)).toBeNull();
    expect(session.drafts.get(session.draftKey.answer('t1', 'q1'))).toBe('Dit wil ik niet kwijt');
  });

  it('does not offer a draft again that is already one of my answers (stored or waiting), and adding it adds nothing', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    const mine = { id: 'a1', groupId: 'g3', topicId: 't1', questionId: 'q1', authorId: 'p1', text: 'Al toegevoegd.', createdAt: 6, updatedAt: 6, rev: 1, hidden: false };
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState({ answers: { a1: mine } }), serverNow: Date.now() });
    // Offline: a second answer waits in the outbox.
    session.addAnswer('t2', 'q2', 'Wacht nog.');
    // Leftover copies in the boxes (as a reload at the wrong moment can leave them), next to a real draft.
    session.drafts.set(session.draftKey.answer('t1', 'q1'), 'Al toegevoegd.\n');
    session.drafts.set(session.draftKey.answer('t2', 'q2'), 'Wacht nog.');
    session.drafts.set(session.draftKey.answer('t1', 'q2'), 'Nog niet verstuurd.');
    expect(session.unsentDrafts.map((d) => d.text)).toEqual(['Nog niet verstuurd.']);

    expect(session.addDraft('t1', 'q1')).toBe(true);
    expect(session.pendingCount).toBe(1);
    expect(session.drafts.get(session.draftKey.answer('t1', 'q1'))).toBe('');
    expect(session.addDraft('t1', 'q2')).toBe(true);
    expect(session.pendingCount).toBe(2);
    session.destroy();
  });

  it('sends writes through the outbox once connected: answerId, rising revs, opIds', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    // Not connected yet: everything waits, and the page can say so.
    session.addAnswer('t1', 'q1', 'Eerste');
    session.editAnswer('a1', 'Tweede');
    session.editAnswer('a1', 'Derde');
    session.setRating('t1', 'now', 2);
    expect(session.pendingCount).toBe(4);
    expect(socket.sent).toHaveLength(0);

    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    await vi.waitFor(() => expect(session.pendingCount).toBe(0));
    expect(socket.sent.map((s) => s.event)).toEqual(['answer:add', 'answer:edit', 'answer:edit', 'rating:set']);
    expect(socket.sent[0]!.payload.answerId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(socket.sent[1]!.payload.rev).toBe(2);
    expect(socket.sent[2]!.payload.rev).toBe(3);
    expect(socket.sent[3]!.payload).toMatchObject({ topicId: 't1', now: 2 });
    expect(socket.sent[3]!.payload.opId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    session.destroy();
  });

  it('scores per person: the phone shows its own score (with what waits to be sent), and the group’s mean beside it', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    const base = sessionState();
    const state = sessionState({
      settings: { ...base.settings, scoring: 'person' },
      ratings: { 'g3/t1': { groupId: 'g3', topicId: 't1', now: 3, want: 4, nowCount: 2, wantCount: 1, people: 2, updatedAt: 9, updatedBy: 'p2' } },
      personRatings: {
        'g3/t1': {
          p1: { participantId: 'p1', groupId: 'g3', topicId: 't1', now: 2, want: null, updatedAt: 8 },
          p2: { participantId: 'p2', groupId: 'g3', topicId: 't1', now: 4, want: 4, updatedAt: 9 },
        },
      },
    });
    socket.fire('participant:snapshot', { participantId: 'p1', state, serverNow: Date.now() });
    // Anna's own score (not Bram's, not the mean), with the group's mean and 2 of 2 scored.
    expect(ratingView(session, 't1')).toEqual({ now: 2, want: null, lastBy: null, pending: false, group: { now: 3, want: 4, people: 2, members: 2 } });
    // A change waiting in the outbox shows at once, marked as not yet sent.
    session.setRating('t1', 'want', 5);
    expect(ratingView(session, 't1')).toMatchObject({ now: 2, want: 5, pending: true });
    // Scored per group, the same data reads as the group's one score.
    socket.fire('participant:snapshot', { participantId: 'p1', state: { ...state, settings: base.settings }, serverNow: Date.now() });
    expect(ratingView(session, 't1')).toMatchObject({ now: 3, want: 5, lastBy: 'Bram', group: null });
    session.destroy();
  });

  it('puts a refused answer back in its box and shows why', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    socket.reply = () => ({ ok: false, code: 'conflict', error: 'geen groep', key: 'error.noGroup' });
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    session.addAnswer('t1', 'q2', 'Mijn idee');
    await vi.waitFor(() => expect(session.error?.key).toBe('error.noGroup'));
    expect(session.pendingCount).toBe(0);
    expect(session.drafts.get(session.draftKey.answer('t1', 'q2'))).toBe('Mijn idee');
    session.destroy();
  });

  it('keeps writes whose acknowledgement got lost and sends them again after a reconnect', async () => {
    storeCredentials();
    const session = new ParticipantSession({ fetch: okFetch });
    await session.start(CODE);
    const socket = sockets[0]!;
    socket.reply = () => 'none';
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    session.addAnswer('t1', 'q1', 'Blijft bewaard');
    await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
    socket.drop();
    expect(session.status).toBe('reconnecting');
    expect(session.pendingCount).toBe(1);

    socket.reply = serverAck;
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    await vi.waitFor(() => expect(session.pendingCount).toBe(0));
    expect(socket.sent).toHaveLength(2);
    expect(socket.sent[1]!.payload.answerId).toBe(socket.sent[0]!.payload.answerId);
    session.destroy();
  });
});

/* ---------- the page ---------- */

describe('ParticipantPage', () => {
  // The page fetches its step views as a chunk; transform them once up front, so on a busy machine a test
  // waits for what it checks, not for Vite compiling the chunk.
  beforeAll(async () => {
    await import('../../client/src/participant/StepView.svelte');
    await import('../../client/src/participant/UnsentDrafts.svelte');
  }, 60_000);

  async function renderPage(state: SessionState, code: string | null = CODE) {
    const { default: ParticipantPage } = await import('../../client/src/participant/ParticipantPage.svelte');
    const utils = render(ParticipantPage, { props: { code } });
    await waitFor(() => expect(sockets).toHaveLength(1));
    const socket = sockets[0]!;
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state, serverNow: Date.now() });
    return { ...utils, socket };
  }

  /** The dialogue steps are a lazy chunk: the first test that needs it waits for its transform (with the takeaway chunk's, which Vite pre-transforms). */
  const STEPS_CHUNK = { timeout: 10_000 };

  it('shows the join form on the start page', async () => {
    const { default: ParticipantPage } = await import('../../client/src/participant/ParticipantPage.svelte');
    render(ParticipantPage, { props: { code: null } });
    expect(await screen.findByRole('heading', { name: nl['join.title'] })).toBeInTheDocument();
    expect(screen.getByLabelText(nl['join.code'])).toBeInTheDocument();
  });

  it('shows the lobby after resuming', async () => {
    storeCredentials();
    await renderPage(sessionState({ stepIndex: 0 }));
    expect(await screen.findByRole('heading', { name: nl['participant.lobby.title'] })).toBeInTheDocument();
    expect(screen.getByText(nl['conn.connected']).closest('[role="status"]')).toBeInTheDocument();
    expect(screen.getByText('Je doet mee als Anna.')).toBeInTheDocument();
  });

  it('shows the group with its members in the groups step', async () => {
    storeCredentials();
    await renderPage(sessionState({ stepIndex: 1 }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Je zit in groep 3' });
    const card = heading.closest('section')!;
    expect(within(card).getByText('Bram')).toBeInTheDocument();
    expect(within(card).getByText('opdrachtnemer, Buurtteam')).toBeInTheDocument();
  });

  it('runs a topic: answers per question, adding one, ratings, and the unsent count', async () => {
    storeCredentials();
    const { socket } = await renderPage(sessionState());
    expect(await screen.findByRole('heading', { level: 1, name: 'Passende omvang en expertise' }, STEPS_CHUNK)).toBeInTheDocument();
    expect(screen.getByText(/Tijd over/)).toBeInTheDocument();
    const q1 = screen.getByRole('heading', { name: 'Is dit wat je wil of hoe het nu is?' }).closest('section')!;
    expect(within(q1).getByText('Nu nog niet.')).toBeInTheDocument();

    // Lose the connection, then add an answer: it shows at once, marked as not sent.
    socket.drop();
    const box = within(q1).getByLabelText(/Jouw antwoord/);
    await fireEvent.input(box, { target: { value: 'Meer mensen in de wijk' } });
    await fireEvent.click(within(q1).getByRole('button', { name: nl['participant.answer.add'] }));
    expect(within(q1).getByText('Meer mensen in de wijk')).toBeInTheDocument();
    expect(within(q1).getByText(nl['participant.answer.pending'])).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(screen.getByText(/1 nog niet verzonden/)).toBeInTheDocument();
    expect(screen.getByText(nl['conn.reconnecting'])).toBeInTheDocument();

    // Ratings: what the device sends shows at once; the group's choice comes back from the server.
    const now = screen.getByRole('group', { name: nl['participant.rating.now'] });
    await fireEvent.click(within(now).getByRole('radio', { name: '4' }));
    expect(within(now).getByRole('radio', { name: '4' })).toBeChecked();
    expect(screen.getByText(/2 nog niet verzonden/)).toBeInTheDocument();

    // Back online: the outbox sends both, in order, and the server's events confirm them.
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    await waitFor(() => expect(socket.sent.map((s) => s.event)).toEqual(['answer:add', 'rating:set']));
    await waitFor(() => expect(screen.queryByText(/nog niet verzonden/)).not.toBeInTheDocument());
    const add = socket.sent[0]!.payload;
    socket.fire('participant:events', [
      { type: 'answer.added', answer: { id: add.answerId, groupId: 'g3', topicId: 't1', questionId: 'q1', authorId: 'p1', text: add.text, createdAt: 9, updatedAt: 9, rev: 1, hidden: false } },
      { type: 'rating.set', rating: { groupId: 'g3', topicId: 't1', now: 4, want: null, updatedAt: 9, updatedBy: 'p1' } },
    ] satisfies DomainEvent[]);
    await waitFor(() => expect(within(q1).getByText('Meer mensen in de wijk')).toBeInTheDocument());
    expect(within(now).getByRole('radio', { name: '4' })).toBeChecked();
    expect(screen.getByText('Laatst ingevuld door Anna.')).toBeInTheDocument();
    // Own answer: editable; Bram's: not.
    const own = within(q1).getByText('Meer mensen in de wijk').closest('li')!;
    expect(within(own).getByRole('button', { name: nl['participant.answer.edit'] })).toBeInTheDocument();
    const bram = within(q1).getByText('Nu nog niet.').closest('li')!;
    expect(within(bram).queryByRole('button')).not.toBeInTheDocument();
  }, 20_000);

  it('keeps an answer typed but not added: marked, reported, listed after the step changes, added with one tap', async () => {
    storeCredentials();
    const { socket } = await renderPage(sessionState());
    await screen.findByRole('heading', { level: 1, name: 'Passende omvang en expertise' });
    const q2 = screen.getByRole('heading', { name: 'Welke rol zie je hierin voor jezelf?' }).closest('section')!;
    await fireEvent.input(within(q2).getByLabelText(/Jouw antwoord/), { target: { value: 'Ik wil meedenken.' } });
    expect(within(q2).getByText(nl['participant.draft.notAdded'])).toBeInTheDocument();
    // The facilitator learns that this member has unsent text (the phone says how many, debounced).
    await waitFor(() => expect(socket.sent.filter((s) => s.event === 'drafts:report').map((s) => s.payload)).toEqual([{ count: 1 }]), {
      timeout: 5000,
    });

    // The room moves on: the text is not in a box on screen any more, but listed under "Nog niet verstuurd".
    socket.fire('participant:events', [{ type: 'step.changed', stepIndex: 3, timer: { status: 'idle', durationMs: 600_000 } }] as DomainEvent[]);
    await screen.findByRole('heading', { level: 1, name: 'Zichtbaar en aanwezig in de wijk' });
    const unsent = screen.getByRole('region', { name: nl['participant.unsent.title'] });
    expect(within(unsent).getByText('Ik wil meedenken.')).toBeInTheDocument();
    expect(within(unsent).getByText(/Kenmerk 1: Passende omvang en expertise/)).toBeInTheDocument();
    await fireEvent.click(within(unsent).getByRole('button', { name: nl['participant.answer.add'] }));

    // One tap: a normal answer for the first characteristic goes out, and the list is empty.
    await waitFor(() => expect(socket.sent.some((s) => s.event === 'answer:add')).toBe(true));
    const add = socket.sent.find((s) => s.event === 'answer:add')!.payload;
    expect(add).toMatchObject({ topicId: 't1', questionId: 'q2', text: 'Ik wil meedenken.' });
    expect(add.answerId).toEqual(expect.any(String));
    expect(screen.queryByRole('region', { name: nl['participant.unsent.title'] })).toBeNull();
    await waitFor(() => expect(socket.sent.filter((s) => s.event === 'drafts:report').at(-1)?.payload).toEqual({ count: 0 }), { timeout: 5000 });
  });

  it('a count that changed while offline reaches the facilitator after the reconnect, also when it is 0', async () => {
    storeCredentials();
    const { socket } = await renderPage(sessionState());
    await screen.findByRole('heading', { level: 1, name: 'Passende omvang en expertise' });
    const box = () => within(screen.getByRole('heading', { name: 'Welke rol zie je hierin voor jezelf?' }).closest('section')!).getByLabelText(/Jouw antwoord/);
    await fireEvent.input(box(), { target: { value: 'Ik wil meedenken.' } });
    const reports = () => socket.sent.filter((s) => s.event === 'drafts:report').map((s) => s.payload);
    await waitFor(() => expect(reports()).toEqual([{ count: 1 }]), { timeout: 5000 });

    // Offline, the text is cleared: nothing can be said now.
    socket.drop();
    await fireEvent.input(box(), { target: { value: '' } });
    await new Promise((r) => setTimeout(r, 2000));
    expect(reports()).toEqual([{ count: 1 }]);
    // Back (the same server, which still holds 1 for this phone): the phone says 0.
    socket.connect();
    socket.fire('participant:snapshot', { participantId: 'p1', state: sessionState(), serverNow: Date.now() });
    await waitFor(() => expect(reports()).toEqual([{ count: 1 }, { count: 0 }]), { timeout: 5000 });
  }, 20_000);

  it('lists unsent answers in the lobby too, when the room went back there', async () => {
    storeCredentials();
    localStorage.setItem('samenspraak:draft:s1:answer:t2:q1', JSON.stringify('Van vorige keer.'));
    await renderPage(sessionState({ stepIndex: 0 }));
    const unsent = await screen.findByRole('region', { name: nl['participant.unsent.title'] });
    expect(within(unsent).getByText('Van vorige keer.')).toBeInTheDocument();
    expect(within(unsent).getByText(/Kenmerk 2: Zichtbaar en aanwezig in de wijk/)).toBeInTheDocument();
  });

  it('shows ended and closing messages with the contact address', async () => {
    storeCredentials();
    await renderPage(sessionState({ endedAt: 10 }));
    expect(await screen.findByRole('heading', { name: nl['participant.ended.title'] }, STEPS_CHUNK)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'stevigelokaleteams@vng.nl' })).toHaveAttribute('href', 'mailto:stevigelokaleteams@vng.nl');
  });

  it('tells the group when it is their turn in the feedback round', async () => {
    storeCredentials();
    await renderPage(sessionState({ stepIndex: 5, spotlightGroupId: 'g3' }));
    expect(await screen.findByRole('heading', { name: nl['participant.feedback.title'] }, STEPS_CHUNK)).toBeInTheDocument();
    expect(screen.getByText(nl['participant.feedback.yourTurn'])).toBeInTheDocument();
  });
});
