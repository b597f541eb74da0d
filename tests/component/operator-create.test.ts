import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CreatePage from '../../client/src/operator/CreatePage.svelte';
import { CreateForm } from '../../client/src/operator/create/createForm.svelte.ts';
import { loadSavedSessions, SAVED_SESSIONS_KEY } from '../../client/src/operator/savedSessions.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { signedIn } from './operator-fixtures.ts';

const created = {
  sessionId: 'sess1',
  code: 'XYZ789',
  facilitatorSecret: 'f'.repeat(24),
  screenSecret: 's'.repeat(24),
  joinUrl: 'http://example.test/j/XYZ789',
};

function fakeFetch(post: (body: unknown) => Response = () => Response.json(created, { status: 201 }), me: Response | null = null) {
  return vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    if (String(url) === '/api/auth/me') return me ?? Response.json(signedIn);
    if (String(url) === '/api/templates') return Response.json({ templates: TEMPLATES });
    if (String(url) === '/api/sessions' && init?.method === 'POST') return post(JSON.parse(String(init.body)));
    return new Response('nee', { status: 404 });
  });
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CreateForm', () => {
  it('loads the templates, edits a copy and posts it; remembers the session with both secrets', async () => {
    const fetch = fakeFetch();
    const form = new CreateForm(fetch as unknown as typeof globalThis.fetch);
    await form.load();
    expect(form.templateId).toBe('stevige-lokale-teams');
    form.draft!.title = '  Zwolle, 12 maart  ';
    form.removeTopic(form.draft!.topics[6]!.id);
    const added = form.addTopic()!;
    added.title = 'Eigen kenmerk';
    const result = await form.submit();
    expect(result).toEqual(created);
    const body = JSON.parse(String(fetch.mock.calls.at(-1)![1]!.body)) as { templateId: string; content: { title: string; topics: { id: string; title: string }[] } };
    expect(body.templateId).toBe('stevige-lokale-teams');
    expect(body.content.title).toBe('Zwolle, 12 maart');
    expect(body.content.topics).toHaveLength(7);
    expect(body.content.topics.at(-1)).toMatchObject({ title: 'Eigen kenmerk', id: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    expect(loadSavedSessions()).toEqual([
      expect.objectContaining({ sessionId: 'sess1', secret: created.facilitatorSecret, screenSecret: created.screenSecret, code: 'XYZ789', title: 'Zwolle, 12 maart' }),
    ]);
    // The template itself is untouched.
    expect(TEMPLATES[0].content.title).not.toContain('Zwolle');
  });

  it('keeps at least one topic and one question', async () => {
    const form = new CreateForm(fakeFetch() as unknown as typeof fetch);
    await form.load();
    for (const q of [...form.draft!.questions]) form.removeQuestion(q.id);
    expect(form.draft!.questions).toHaveLength(1);
  });

  it('shows the server error in words', async () => {
    const form = new CreateForm(
      fakeFetch(() => Response.json({ ok: false, error: 'titel te lang', code: 'invalid', key: 'error.invalid' }, { status: 400 })) as unknown as typeof fetch,
    );
    await form.load();
    expect(await form.submit()).toBeNull();
    expect(form.error).toBe('Dit klopt niet helemaal: titel te lang');
  });
});

describe('CreatePage', () => {
  it('lets you pick a template, edit and add topics, and lists "Jouw sessies"', async () => {
    localStorage.setItem(
      SAVED_SESSIONS_KEY,
      JSON.stringify([{ sessionId: 'old1', secret: 'a'.repeat(24), code: 'OLD234', title: 'Vorige keer', createdAt: 1_700_000_000_000 }]),
    );
    vi.stubGlobal('fetch', fakeFetch());
    render(CreatePage);
    const saved = await screen.findByRole('region', { name: 'Jouw sessies' });
    expect(within(saved).getByRole('link', { name: 'Vorige keer' })).toHaveAttribute('href', `/begeleider/old1#${'a'.repeat(24)}`);

    const picker = await screen.findByRole('group', { name: 'Kies een opzet' });
    expect(within(picker).getAllByRole('radio')).toHaveLength(2);
    await fireEvent.click(within(picker).getByRole('radio', { name: /vijf thema/ }));
    expect(screen.getByLabelText<HTMLInputElement>('Titel van kenmerk 1').value).toBe('Visie');

    await fireEvent.click(screen.getByRole('button', { name: 'Kenmerk toevoegen' }));
    const newTitle = screen.getByLabelText<HTMLInputElement>('Titel van kenmerk 6');
    await waitFor(() => expect(newTitle).toHaveFocus());
    await fireEvent.click(screen.getByRole('button', { name: 'Kenmerk 1 een plek lager zetten' }));
    expect(screen.getByLabelText<HTMLInputElement>('Titel van kenmerk 2').value).toBe('Visie');
    await fireEvent.click(screen.getByRole('button', { name: 'Kenmerk 2 weghalen' }));
    expect(screen.queryByDisplayValue('Visie')).toBeNull();
    expect(screen.getByRole('button', { name: 'Sessie maken' })).toBeInTheDocument();
  });

  it('needs a signed-in account: without one it sends you to sign in, and back here afterwards', async () => {
    const replace = vi.fn();
    vi.stubGlobal('location', { ...location, pathname: '/nieuw', search: '', replace });
    const fetch = fakeFetch(undefined, Response.json({ account: null }));
    vi.stubGlobal('fetch', fetch);
    render(CreatePage);
    await waitFor(() => expect(replace).toHaveBeenCalledWith('/inloggen?terug=%2Fnieuw'));
    // Nothing of the form, and the templates were never asked for.
    expect(screen.queryByRole('heading', { name: 'Nieuwe sessie' })).toBeNull();
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual(['/api/auth/me']);
  });

  it('shows who is signed in, with the way to "Mijn sessies"', async () => {
    vi.stubGlobal('fetch', fakeFetch());
    render(CreatePage);
    expect(await screen.findByText('Ingelogd als Anna')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mijn sessies' })).toHaveAttribute('href', '/mijn-sessies');
    expect(screen.getByRole('link', { name: 'Nieuwe sessie' })).toHaveAttribute('aria-current', 'page');
  });
});
