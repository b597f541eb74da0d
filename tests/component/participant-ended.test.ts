/**
 * A phone opening the link of a session that has ended is told so, in its language, and
 * gets no join form (which could only be refused). Also the console's join address widget.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nlBase } from '../../shared/i18n/nl.ts';
import { enBase } from '../../shared/i18n/en.ts';
import type { JoinAddresses } from '../../shared/protocol/joinAddresses.ts';
import ParticipantPage from '../../client/src/participant/ParticipantPage.svelte';
import JoinAddress from '../../client/src/operator/components/JoinAddress.svelte';
import { JoinAddressChoice } from '../../client/src/operator/joinAddress.svelte.ts';
import { resetLanguage } from './language-reset.ts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serveJoinCheck(language: 'nl' | 'en', ended: boolean): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      String(url).startsWith('/api/join/')
        ? json({ sessionId: 's1', title: 'Workshop Arnhem', locked: false, ended, language })
        : json({ ok: false }, 404),
    ),
  );
}

beforeEach(resetLanguage);
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await resetLanguage();
});

describe('the link of an ended session on a phone', () => {
  it('says the session has ended, in Dutch, without a join form', async () => {
    serveJoinCheck('nl', true);
    render(ParticipantPage, { props: { code: 'ABC234' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze sessie is afgelopen' })).toBeInTheDocument();
    expect(nlBase['join.ended.title']).toBe('Deze sessie is afgelopen');
    expect(screen.getByText(nlBase['join.ended.text'])).toBeInTheDocument();
    expect(screen.queryByLabelText(nlBase['join.name'])).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: nlBase['join.submit'] })).not.toBeInTheDocument();
  });

  it('says so in English in an English session', async () => {
    serveJoinCheck('en', true);
    render(ParticipantPage, { props: { code: 'ABC234' } });
    expect(await screen.findByRole('heading', { level: 1, name: enBase['join.ended.title'] })).toBeInTheDocument();
    expect(screen.getByText(enBase['join.ended.text'])).toBeInTheDocument();
    expect(screen.queryByLabelText(enBase['join.name'])).not.toBeInTheDocument();
  });

  it('still shows the join form for a session that is running', async () => {
    serveJoinCheck('nl', false);
    render(ParticipantPage, { props: { code: 'ABC234' } });
    expect(await screen.findByLabelText(nlBase['join.name'])).toBeInTheDocument();
    expect(screen.queryByText(nlBase['join.ended.title'])).not.toBeInTheDocument();
  });
});

describe('the join address on the console', () => {
  const viaLocalhost: JoinAddresses = {
    base: 'http://192.168.1.20:3000',
    reason: 'lan',
    candidates: [
      { url: 'http://192.168.1.20:3000', kind: 'lan' },
      { url: 'http://10.8.0.2:3000', kind: 'lan' },
      { url: 'http://localhost:3000', kind: 'thisComputer' },
    ],
  };

  async function loaded(addresses: JoinAddresses): Promise<JoinAddressChoice> {
    const choice = new JoinAddressChoice('s1', { fetch: vi.fn(async () => json(addresses)), origin: 'http://localhost:3000' });
    await choice.load();
    return choice;
  }

  it('says which address phones use and why, and lets the facilitator choose another (kept on this device)', async () => {
    const choice = await loaded(viaLocalhost);
    render(JoinAddress, { props: { choice } });
    expect(screen.getByText('192.168.1.20:3000')).toBeInTheDocument();
    expect(screen.getByText(/Je opent deze pagina via localhost:3000/)).toBeInTheDocument();
    expect(choice.joinUrl('ABC234')).toBe('http://192.168.1.20:3000/j/ABC234');
    expect(choice.qrSrc('ABC234')).toBe('/api/join/ABC234/qr.svg');

    await fireEvent.change(screen.getByLabelText('Ander adres kiezen'), { target: { value: 'http://10.8.0.2:3000' } });
    expect(await screen.findByText('10.8.0.2:3000')).toBeInTheDocument();
    expect(choice.joinUrl('ABC234')).toBe('http://10.8.0.2:3000/j/ABC234');
    expect(choice.qrSrc('ABC234')).toBe('/api/join/ABC234/qr.svg?base=http%3A%2F%2F10.8.0.2%3A3000');
    // Another page of this session on this device (the screen) starts with the same choice.
    expect((await loaded(viaLocalhost)).base).toBe('http://10.8.0.2:3000');
  });

  it('warns when phones cannot reach this computer', async () => {
    const choice = await loaded({ base: 'http://localhost:3000', reason: 'loopbackOnly', candidates: [{ url: 'http://localhost:3000', kind: 'thisComputer' }] });
    render(JoinAddress, { props: { choice } });
    expect(screen.getByRole('alert')).toHaveTextContent('telefoons kunnen localhost:3000 niet bereiken');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });
});
