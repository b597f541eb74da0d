/**
 * The session's language on the operator side: picked on the create page (sent with
 * POST /api/sessions), changed in the facilitator panel (settings:update), followed live by
 * the panel and the shared screen; refusals shown in the page's language from the ack's key.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../../shared/domain/types.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { i18n } from '../../client/src/lib/i18n.svelte.ts';
import { busyState, FakeSocket, signedIn, snapshot } from './operator-fixtures.ts';

const sockets: FakeSocket[] = [];
vi.mock('../../client/src/lib/socket.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../client/src/lib/socket.ts')>();
  return {
    ...real,
    openSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
  };
});

const { default: FacilitatorPage } = await import('../../client/src/operator/FacilitatorPage.svelte');
const { default: ScreenPage } = await import('../../client/src/operator/ScreenPage.svelte');
const { default: CreatePage } = await import('../../client/src/operator/CreatePage.svelte');
const { ackMessage } = await import('../../client/src/operator/labels.ts');

beforeEach(async () => {
  localStorage.clear();
  await i18n.setLanguage('nl');
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  sockets.length = 0;
  await i18n.setLanguage('nl');
});

const props = { sessionId: 's1', secret: 'x'.repeat(24) };

function inEnglish(state: SessionState): SessionState {
  state.settings.language = 'en';
  return state;
}

const languageGroup = (name: RegExp) => screen.getByRole('group', { name });

describe('facilitator panel', () => {
  it('shows in the session’s language from the start, never first in Dutch', async () => {
    render(FacilitatorPage, { props });
    sockets[0]!.emit('operator:snapshot', snapshot(inEnglish(busyState())));
    // Until the English strings are in, the page keeps saying it is loading.
    expect(screen.queryByRole('tab', { name: 'Groepen' })).not.toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'Groups' })).toBeInTheDocument();
    expect(screen.getByText('You are running the session')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    // The session language is under the Settings tab.
    await fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const group = languageGroup(/^Language of the session$/);
    expect(within(group).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(group).getByRole('button', { name: 'Nederlands' })).toHaveAttribute('lang', 'nl');
    // The template's content stays as written (Dutch): only the interface is translated.
    expect(screen.getAllByText(/Passende omvang en expertise/).length).toBeGreaterThan(0);
  });

  it('changes the session’s language with settings:update, and follows it when the server confirms', async () => {
    render(FacilitatorPage, { props });
    const socket = sockets[0]!;
    socket.emit('operator:snapshot', snapshot(busyState()));
    await fireEvent.click(await screen.findByRole('tab', { name: 'Instellingen' }));
    const group = await screen.findByRole('group', { name: /^Taal van de sessie$/ });
    expect(within(group).getByRole('button', { name: 'Nederlands' })).toHaveAttribute('aria-pressed', 'true');

    await fireEvent.click(within(group).getByRole('button', { name: 'English' }));

    await waitFor(() => expect(socket.sent.at(-1)?.event).toBe('settings:update'));
    expect(socket.sent.at(-1)!.payload).toEqual({ opId: expect.any(String), settings: { language: 'en' } });
    // Nothing changes until the session itself changes.
    expect(screen.getByRole('tab', { name: 'Groepen' })).toBeInTheDocument();

    socket.emit('operator:events', [{ type: 'settings.updated', settings: { language: 'en' } }]);
    expect(await screen.findByRole('tab', { name: 'Groups' })).toBeInTheDocument();
    expect(within(languageGroup(/^Language of the session$/)).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    socket.emit('operator:events', [{ type: 'settings.updated', settings: { language: 'nl' } }]);
    expect(await screen.findByRole('tab', { name: 'Groepen' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nl');
  });

  it('shows a refusal in the panel’s language from the ack’s key, not the server’s Dutch text', async () => {
    render(FacilitatorPage, { props });
    const socket = sockets[0]!;
    socket.reply = () => ({ ok: false, code: 'ended', error: 'Deze sessie is afgelopen.', key: 'error.ended' });
    socket.emit('operator:snapshot', snapshot(inEnglish(busyState())));
    await fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const group = await screen.findByRole('group', { name: /^Language of the session$/ });
    await fireEvent.click(within(group).getByRole('button', { name: 'Nederlands' }));
    expect(await within(group).findByRole('alert')).toHaveTextContent('This session has ended.');
    expect(ackMessage({ ok: false, code: 'invalid', error: 'titel te lang', key: 'error.invalid' })).toBe('This is not quite right: titel te lang');
  });

  it('links to the accessibility statement in its footer (in a new window)', async () => {
    const { container } = render(FacilitatorPage, { props });
    sockets[0]!.emit('operator:snapshot', snapshot(busyState()));
    await screen.findByText('Je leidt de sessie');
    // (A role query over the whole panel is slow in jsdom: look in the footer.)
    const link = container.querySelector<HTMLAnchorElement>('footer a')!;
    expect(link).toHaveAccessibleName('Toegankelijkheidsverklaring (opent in een nieuw venster)');
    expect(link).toHaveAttribute('href', '/toegankelijkheid');
    expect(link).toHaveAttribute('target', '_blank');
  });
});

describe('shared screen', () => {
  it('follows the session’s language, live', async () => {
    render(ScreenPage, { props });
    const state = inEnglish(busyState());
    state.stepIndex = 0;
    sockets[0]!.emit('operator:snapshot', { ...snapshot(state), role: 'screen' });
    expect(await screen.findByText('On your phone, go to')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');

    sockets[0]!.emit('operator:events', [{ type: 'settings.updated', settings: { language: 'nl' } }]);
    expect(await screen.findByText('Ga op je telefoon naar')).toBeInTheDocument();
  });
});

describe('create page', () => {
  const created = {
    sessionId: 'sess1',
    code: 'XYZ789',
    facilitatorSecret: 'f'.repeat(24),
    screenSecret: 's'.repeat(24),
    joinUrl: 'http://example.test/j/XYZ789',
  };

  it('picks the session’s language: the page switches at once and the language is sent with the new session', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
        if (String(url) === '/api/auth/me') return Response.json(signedIn);
        if (String(url) === '/api/templates') return Response.json({ templates: TEMPLATES });
        if (String(url) === '/api/sessions' && init?.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return Response.json(created, { status: 201 });
        }
        return new Response('nee', { status: 404 });
      }),
    );
    const assign = vi.fn();
    vi.stubGlobal('location', { ...location, assign });
    render(CreatePage);
    const group = await screen.findByRole('group', { name: /^Taal van de sessie$/ });
    expect(within(group).getByRole('button', { name: 'Nederlands' })).toHaveAttribute('aria-pressed', 'true');

    await fireEvent.click(within(group).getByRole('button', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'New session' })).toBeInTheDocument();
    expect(within(languageGroup(/^Language of the session$/)).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    // The template's own text stays Dutch.
    expect(screen.getByLabelText<HTMLInputElement>('Title of characteristic 1').value).toBe(TEMPLATES[0].content.topics[0]!.title);

    await fireEvent.click(screen.getByRole('button', { name: 'Create session' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ templateId: 'stevige-lokale-teams', language: 'en' });
  });
});
