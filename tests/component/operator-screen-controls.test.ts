import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ScreenControls from '../../client/src/operator/components/ScreenControls.svelte';
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
});
