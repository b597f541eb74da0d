/**
 * The phone's own language: the toggle in the header switches the visible text (the join
 * form) to English and back, is remembered on the device, applies before the page first
 * shows after a reload, and wins over the session's language.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import App from '../../client/src/App.svelte';
import { DEVICE_LANGUAGE_KEY, i18n } from '../../client/src/lib/i18n.svelte.ts';
import ParticipantPage from '../../client/src/participant/ParticipantPage.svelte';
import { ParticipantSession } from '../../client/src/participant/participantSession.svelte.ts';
import { resetLanguage } from './language-reset.ts';


beforeEach(resetLanguage);
afterEach(async () => {
  cleanup();
  await resetLanguage();
});

const toggle = () => screen.getByRole('button', { name: /^(Taal wijzigen|Change language):/ });

describe('the language toggle on the phone', () => {
  it('is one clear button, named after the other language in that language', () => {
    render(ParticipantPage, { props: { code: null } });
    const button = toggle();
    expect(button).toHaveAccessibleName('Taal wijzigen: English');
    expect(button).toHaveTextContent('English');
    expect(screen.getByText('English')).toHaveAttribute('lang', 'en');
  });

  it('switches the join form to English and back, and the page language with it', async () => {
    render(ParticipantPage, { props: { code: null } });
    expect(screen.getByRole('heading', { level: 1, name: nl['join.title'] })).toBeInTheDocument();
    expect(screen.getByLabelText(nl['join.name'])).toBeInTheDocument();

    await fireEvent.click(toggle());

    expect(await screen.findByRole('heading', { level: 1, name: 'Join in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toBeInTheDocument();
    expect(screen.getByLabelText('Code')).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Role' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Commissioner' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument();
    expect(screen.queryByText(nl['join.intro'])).not.toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(toggle()).toHaveAccessibleName('Change language: Nederlands');
    expect(screen.getByText('Nederlands')).toHaveAttribute('lang', 'nl');
    expect(JSON.parse(localStorage.getItem(DEVICE_LANGUAGE_KEY)!)).toBe('en');

    await fireEvent.click(toggle());

    expect(await screen.findByRole('heading', { level: 1, name: nl['join.title'] })).toBeInTheDocument();
    expect(screen.getByLabelText(nl['join.name'])).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nl');
    expect(JSON.parse(localStorage.getItem(DEVICE_LANGUAGE_KEY)!)).toBe('nl');
  });

  it('also translates the form’s own error messages that are already on screen', async () => {
    render(ParticipantPage, { props: { code: null } });
    await fireEvent.click(screen.getByRole('button', { name: nl['join.submit'] }));
    expect(screen.getByRole('alert')).toHaveTextContent(nl['join.error.nameRequired']);

    await fireEvent.click(toggle());

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Fill in your name.'));
    expect(screen.getByRole('alert')).toHaveTextContent('Please check the form:');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Fill in your name.');
  });

  it('remembers the choice: after a reload the page opens in English, without showing Dutch first', async () => {
    render(ParticipantPage, { props: { code: null } });
    await fireEvent.click(toggle());
    await screen.findByRole('heading', { level: 1, name: 'Join in' });
    cleanup();

    // A reload: a fresh page starts in Dutch, with only the device's choice in storage.
    await i18n.setLanguage('nl');
    expect(localStorage.getItem(DEVICE_LANGUAGE_KEY)).toBe('"en"');
    history.replaceState(null, '', '/');
    render(App);

    // The app waits for the English strings before it shows the page.
    expect(screen.queryByLabelText(nl['join.name'])).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Join in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('links to the accessibility statement from the join page footer, in the page language', async () => {
    render(ParticipantPage, { props: { code: null } });
    expect(screen.getByRole('link', { name: 'Toegankelijkheidsverklaring' })).toHaveAttribute('href', '/toegankelijkheid');
    await fireEvent.click(toggle());
    expect(await screen.findByRole('link', { name: 'Accessibility statement' })).toHaveAttribute('href', '/toegankelijkheid');
  });
});

describe('the phone and the session’s language', () => {
  const checkFetch = (language: 'nl' | 'en') =>
    vi.fn(async () => Response.json({ sessionId: 's1', title: 'Ben jij hiervan? Utrecht', locked: false, ended: false, language }));

  it('follows the session’s language when this phone chose none, before the form shows', async () => {
    const session = new ParticipantSession({ fetch: checkFetch('en') as unknown as typeof fetch });
    await session.start('K7M2QX');
    expect(session.phase).toBe('form');
    expect(i18n.lang).toBe('en');
    expect(i18n.t('join.name')).toBe('Name');
    session.destroy();
  });

  it('keeps the phone’s own choice over the session’s language', async () => {
    await i18n.choose('nl');
    const session = new ParticipantSession({ fetch: checkFetch('en') as unknown as typeof fetch });
    await session.start('K7M2QX');
    expect(session.phase).toBe('form');
    expect(i18n.lang).toBe('nl');
    expect(await i18n.followSession('en')).toBe(false);
    expect(i18n.lang).toBe('nl');
    session.destroy();
  });

  it('shows a refused write in the phone’s language from the ack’s key, not the server’s Dutch text', async () => {
    const { noticeForAck } = await import('../../client/src/participant/participantSession.svelte.ts');
    await i18n.choose('en');
    const notice = noticeForAck({ ok: false, code: 'ended', key: 'error.ended', error: nl['error.ended'] });
    expect(i18n.t(notice.key, notice.params)).toBe('This session has ended.');
  });
});
