import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ScreenControls from '../../client/src/operator/components/ScreenControls.svelte';
import type { PageTurns } from '../../client/src/operator/screen/rotation.svelte.ts';
import PageTurnsScreen from './fixtures/PageTurnsScreen.svelte';
import type { SessionSettings } from '../../shared/domain/types.ts';

afterEach(() => cleanup());

const base: SessionSettings = { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10, maxParticipants: null };

describe('ScreenControls', () => {
  it('shows the defaults of a session without screen settings: turning, corner shown, names shown', () => {
    render(ScreenControls, { props: { settings: base, onChange: () => null } });
    expect(screen.getByRole('checkbox', { name: /Wissel de pagina’s/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Toon de code en QR-code/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Toon voornamen/ })).toBeChecked();
  });

  it('sends each change as a settings patch', async () => {
    const onChange = vi.fn(() => null);
    render(ScreenControls, { props: { settings: base, onChange } });
    await fireEvent.click(screen.getByRole('checkbox', { name: /Wissel de pagina’s/ }));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Toon de code en QR-code/ }));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Toon voornamen/ }));
    expect(onChange.mock.calls).toEqual([[{ screenRotationPaused: true }], [{ screenJoinHidden: true }], [{ screenLobbyNames: false }]]);
  });

  it('says the code is not shown while the session is locked', () => {
    render(ScreenControls, { props: { settings: { ...base, locked: true }, onChange: () => null } });
    expect(screen.getByRole('checkbox', { name: /Toon de code en QR-code/ })).toHaveAccessibleDescription('De sessie is op slot: het scherm toont de code niet.');
  });

  it('turns the projector’s page back and on with named buttons, and shows a refusal', async () => {
    const onPage = vi.fn(() => null as string | null);
    render(ScreenControls, { props: { settings: base, onChange: () => null, onPage } });
    const pages = screen.getByRole('group', { name: 'Pagina’s op het scherm' });
    await fireEvent.click(within(pages).getByRole('button', { name: 'Vorige pagina' }));
    await fireEvent.click(within(pages).getByRole('button', { name: 'Volgende pagina' }));
    expect(onPage.mock.calls).toEqual([[-1], [1]]);
    onPage.mockReturnValue('Geen antwoord van de server.');
    await fireEvent.click(within(pages).getByRole('button', { name: 'Volgende pagina' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Geen antwoord van de server.');
  });

  it('has no page buttons without a connection to send them on, and none that work once the session ended', () => {
    const { unmount } = render(ScreenControls, { props: { settings: base, onChange: () => null } });
    expect(screen.queryByRole('button', { name: 'Volgende pagina' })).toBeNull();
    unmount();
    render(ScreenControls, { props: { settings: base, disabled: true, onChange: () => null, onPage: () => null } });
    expect(screen.getByRole('button', { name: 'Volgende pagina' })).toBeDisabled();
  });
});

describe('the screen follows the console’s page turns', () => {
  it('steps its page clock for each turn, and stops listening when it closes', async () => {
    let send: ((step: 1 | -1) => void) | null = null;
    const stop = vi.fn(() => (send = null));
    const turns: PageTurns = (fn) => {
      send = fn;
      return stop;
    };
    const { unmount } = render(PageTurnsScreen, { props: { turns } });
    expect(screen.getByTestId('tick')).toHaveTextContent('0');
    send!(1);
    send!(1);
    send!(-1);
    await tick();
    expect(screen.getByTestId('tick')).toHaveTextContent('1');
    unmount();
    expect(stop).toHaveBeenCalledOnce();
  });
});

