/**
 * The takeaway editor: a textarea bound to the group's Y.Text, synced with a fake socket
 * whose answers come from the real server code (see takeawayServer.svelte.ts).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS, TAKEAWAY_YTEXT } from '../../shared/constants.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';
import TakeawayEditor from '../../client/src/participant/takeaway/TakeawayEditor.svelte';
import type { ParticipantSession } from '../../client/src/participant/participantSession.svelte.ts';
import { diffText } from '../../client/src/participant/takeaway/textDiff.ts';
import { FakeSession, TakeawayServer } from './takeawayServer.svelte.ts';

const nl = nlDialogue;

beforeEach(() => localStorage.clear());
afterEach(cleanup);

function renderEditor(server: TakeawayServer, participantId = 'p1') {
  const session = new FakeSession(server.socketFor(participantId));
  const utils = render(TakeawayEditor, { props: { session: session as unknown as ParticipantSession, groupId: 'g1' } });
  const box = () => screen.getByLabelText(nl['participant.takeaway.label']) as HTMLTextAreaElement;
  return { ...utils, session, box };
}

/** Another member typing on their own phone (a Y.Doc synced through the same fake server). */
async function otherMember(server: TakeawayServer, edit: (text: Y.Text) => void): Promise<void> {
  const socket = server.socketFor('p2');
  const doc = new Y.Doc();
  const sync: any = await socket.timeout().emitWithAck('takeaway:sync', { groupId: 'g1', stateVector: Y.encodeStateVector(doc) });
  Y.applyUpdate(doc, sync.data.update);
  const sv = Y.encodeStateVector(doc);
  edit(doc.getText(TAKEAWAY_YTEXT));
  const ack: any = await socket.timeout().emitWithAck('takeaway:update', { opId: 'op-other-1', groupId: 'g1', update: Y.encodeStateAsUpdate(doc, sv) });
  expect(ack).toEqual({ ok: true, data: null });
  socket.connected = false;
}

describe('TakeawayEditor', () => {
  it('shows the group’s text after syncing, and says it is saved', async () => {
    const server = new TakeawayServer();
    await otherMember(server, (t) => t.insert(0, 'Samen meer'));
    const { box } = renderEditor(server);
    await waitFor(() => expect(box()).toHaveValue('Samen meer'));
    expect(box()).toHaveAttribute('maxlength', String(LIMITS.takeaway));
    expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.saved']);
  });

  it('sends what is typed as one small edit; "nog niet verzonden" until the server confirmed it', async () => {
    const server = new TakeawayServer();
    await otherMember(server, (t) => t.insert(0, 'Samen meer'));
    const { box, session } = renderEditor(server);
    await waitFor(() => expect(box()).toHaveValue('Samen meer'));
    session.socket!.connected = false; // offline for a moment
    await fireEvent.input(box(), { target: { value: 'Samen veel meer' } });
    expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.pending']);
    session.socket!.connected = true;
    session.reconnected();
    await waitFor(() => expect(server.text).toBe('Samen veel meer'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.saved']));
    expect(server.state.takeaways.g1?.text).toBe('Samen veel meer');
  });

  it('takes in what another member types while keeping the caret in place', async () => {
    const server = new TakeawayServer();
    await otherMember(server, (t) => t.insert(0, 'wij willen'));
    const { box } = renderEditor(server);
    await waitFor(() => expect(box()).toHaveValue('wij willen'));
    box().focus();
    box().setSelectionRange(3, 3); // after "wij"
    await otherMember(server, (t) => t.insert(0, 'Ja, '));
    await waitFor(() => expect(box()).toHaveValue('Ja, wij willen'));
    expect(box().selectionStart).toBe(7); // still after "wij"
  });

  it('keeps offline edits on the device and merges them with the group’s when back', async () => {
    const server = new TakeawayServer();
    const first = renderEditor(server);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.saved']));
    first.session.socket!.connected = false;
    await fireEvent.input(first.box(), { target: { value: 'Mijn offline zin.' } });
    expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.pending']);
    first.unmount(); // the page is closed while offline

    await otherMember(server, (t) => t.insert(0, 'Zin van Bram.'));
    const again = renderEditor(server);
    // Back, with the stored document: both sentences end up on the server and in the box.
    await waitFor(() => expect(server.text).toContain('Mijn offline zin.'));
    expect(server.text).toContain('Zin van Bram.');
    await waitFor(() => expect(again.box().value).toBe(server.text));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.saved']));
  });

  it('shows a refused text instead of dropping it, and goes back to the group’s text', async () => {
    const server = new TakeawayServer();
    const { box, session } = renderEditor(server);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.saved']));
    const long = 'x'.repeat(LIMITS.takeaway + 1);
    await fireEvent.input(box(), { target: { value: long } });
    await waitFor(() => expect(screen.getByRole('heading', { name: nl['participant.takeaway.refusedTitle'] })).toBeInTheDocument());
    expect(session.error).toMatchObject({ key: 'error.takeawayTooLong' });
    expect(screen.getByText(long)).toBeInTheDocument();
    await waitFor(() => expect(box()).toHaveValue(''));
    expect(server.text).toBe('');
  });
});

describe('diffText', () => {
  it('finds the one edit between two values', () => {
    expect(diffText('abc', 'abc')).toBeNull();
    expect(diffText('wij willen', 'wij echt willen')).toEqual({ index: 4, remove: 0, insert: 'echt ' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
    expect(diffText('hallo wereld', 'hallo')).toEqual({ index: 5, remove: 7, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 (D83D DE00) → 😁 (D83D DE01): the shared high surrogate is not kept apart.
    expect(diffText('a😀b', 'a😁b')).toEqual({ index: 1, remove: 2, insert: '😁' });
  });
});
