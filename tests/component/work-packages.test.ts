/**
 * The closing's "Wil je de werkpakketten ontvangen?" form on a phone: nothing is sent without
 * a valid address and the consent ticked (each says what is missing, next to its field); a
 * sent request shows the address and a way to withdraw it; an address given earlier shows at
 * once; a failure says so. The server side: tests/integration/workPackages.test.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';
import WorkPackagesForm from '../../client/src/steps/closing/WorkPackagesForm.svelte';
import type { WorkPackagesApi } from '../../client/src/steps/closing/workPackagesApi.ts';
import { NO_ANSWER } from '../../client/src/lib/socket.ts';

const nl = nlDialogue;

function fakeApi(saved: string | null = null) {
  let email = saved;
  const api = {
    get: vi.fn(async () => ({ ok: true as const, data: { email } })),
    request: vi.fn(async (e: string) => {
      email = e;
      return { ok: true as const, data: { email } };
    }),
    withdraw: vi.fn(async () => {
      email = null;
      return { ok: true as const, data: { email } };
    }),
  } satisfies WorkPackagesApi;
  return api;
}

afterEach(cleanup);

describe('asking for the work packages on the phone', () => {
  it('sends nothing without a valid address and the consent, and says what is missing', async () => {
    const api = fakeApi();
    render(WorkPackagesForm, { props: { api } });
    const submit = await screen.findByRole('button', { name: nl['participant.workPackages.submit'] });
    await fireEvent.click(submit);
    expect(screen.getByText(nl['participant.workPackages.emailInvalid'])).toBeInTheDocument();
    expect(screen.getByText(nl['participant.workPackages.consentMissing'])).toBeInTheDocument();
    expect(screen.getByLabelText(nl['participant.workPackages.email'])).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(screen.getByLabelText(nl['participant.workPackages.email']), { target: { value: 'anna@ergens.nl' } });
    await fireEvent.click(submit);
    expect(screen.queryByText(nl['participant.workPackages.emailInvalid'])).not.toBeInTheDocument();
    expect(screen.getByText(nl['participant.workPackages.consentMissing'])).toBeInTheDocument();
    expect(api.request).not.toHaveBeenCalled();
  });

  it('with both: sends the address, shows it, and withdrawing brings the form back', async () => {
    const api = fakeApi();
    render(WorkPackagesForm, { props: { api } });
    await fireEvent.input(await screen.findByLabelText(nl['participant.workPackages.email']), { target: { value: ' anna@ergens.nl ' } });
    await fireEvent.click(screen.getByLabelText(nl['participant.workPackages.consent']));
    await fireEvent.click(screen.getByRole('button', { name: nl['participant.workPackages.submit'] }));
    expect(api.request).toHaveBeenCalledWith('anna@ergens.nl');
    expect(await screen.findByText('We sturen de werkpakketten naar anna@ergens.nl.')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: nl['participant.workPackages.withdraw'] }));
    expect(api.withdraw).toHaveBeenCalled();
    expect(await screen.findByLabelText(nl['participant.workPackages.email'])).toHaveValue('');
  });

  it('an address given earlier shows at once (after a reload)', async () => {
    render(WorkPackagesForm, { props: { api: fakeApi('bram@wijkteam.nl') } });
    expect(await screen.findByText('We sturen de werkpakketten naar bram@wijkteam.nl.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: nl['participant.workPackages.submit'] })).not.toBeInTheDocument();
  });

  it('says so when the server cannot be reached, and keeps what was typed', async () => {
    const api = { ...fakeApi(), request: vi.fn(async () => NO_ANSWER) } satisfies WorkPackagesApi;
    render(WorkPackagesForm, { props: { api } });
    await fireEvent.input(await screen.findByLabelText(nl['participant.workPackages.email']), { target: { value: 'anna@ergens.nl' } });
    await fireEvent.click(screen.getByLabelText(nl['participant.workPackages.consent']));
    await fireEvent.click(screen.getByRole('button', { name: nl['participant.workPackages.submit'] }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(nl['participant.workPackages.failed']));
    expect(screen.getByLabelText(nl['participant.workPackages.email'])).toHaveValue('anna@ergens.nl');
  });
});
