import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../shared/constants.ts';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import JoinForm from '../../client/src/participant/JoinForm.svelte';
import type { JoinOutcome, JoinValues } from '../../client/src/participant/types.ts';

afterEach(cleanup);

type Submit = (values: JoinValues) => Promise<JoinOutcome>;

function setup(props: { code?: string | null; codeError?: string | null; title?: string | null; notice?: string | null } = {}, outcome: JoinOutcome = { ok: true }) {
  const onSubmit = vi.fn<Submit>(async () => outcome);
  const utils = render(JoinForm, { props: { ...props, onSubmit } });
  return { ...utils, onSubmit };
}

const submitButton = () => screen.getByRole('button', { name: nl['join.submit'] });

async function fill({ code, name, role, organisation }: { code?: string; name?: string; role?: RegExp; organisation?: string }) {
  if (code !== undefined) await fireEvent.input(screen.getByLabelText(nl['join.code']), { target: { value: code } });
  if (name !== undefined) await fireEvent.input(screen.getByLabelText(nl['join.name']), { target: { value: name } });
  if (role) await fireEvent.click(screen.getByRole('radio', { name: role }));
  if (organisation !== undefined) await fireEvent.input(screen.getByLabelText(/^Organisatie/), { target: { value: organisation } });
}

describe('JoinForm', () => {
  it('sends the filled-in values, with the code normalised', async () => {
    const { onSubmit } = setup();
    await fill({ code: 'k7m-2qx', name: '  Anna de Vries ', role: /^Opdrachtgever$/, organisation: 'Gemeente Utrecht' });
    await fireEvent.click(submitButton());
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({
      code: 'K7M2QX',
      name: 'Anna de Vries',
      role: 'opdrachtgever',
      organisation: 'Gemeente Utrecht',
    });
  });

  it('hides the code field when the code came with the link, and shows the session title', async () => {
    const { onSubmit } = setup({ code: 'K7M2QX', title: 'Ben jij hiervan? Utrecht' });
    expect(screen.queryByLabelText(nl['join.code'])).not.toBeInTheDocument();
    expect(screen.getByText('Sessie: Ben jij hiervan? Utrecht')).toBeInTheDocument();
    await fill({ name: 'Bram', role: /^Opdrachtnemer$/ });
    await fireEvent.click(submitButton());
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ code: 'K7M2QX', name: 'Bram', role: 'opdrachtnemer', organisation: '' }));
  });

  it('labels every control and offers the three roles as one radio group', () => {
    setup();
    const code = screen.getByLabelText(nl['join.code']);
    expect(code).toHaveAttribute('autocomplete', 'off');
    expect(code).toHaveAttribute('autocapitalize', 'characters');
    expect(code).toHaveAttribute('inputmode', 'text');
    expect(screen.getByLabelText(nl['join.name'])).toHaveAttribute('autocomplete', 'name');
    expect(screen.getByLabelText(/^Organisatie/)).toHaveAttribute('autocomplete', 'organization');
    const group = screen.getByRole('radiogroup', { name: nl['join.role'] });
    expect(group).toBeInTheDocument();
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['opdrachtgever', 'opdrachtnemer', 'anders']);
    expect(screen.getByRole('radio', { name: /^Opdrachtgever$/ })).toHaveAccessibleDescription(nl['join.role.opdrachtgeverHint']);
  });

  it('limits the length of the fields', () => {
    setup();
    expect(screen.getByLabelText(nl['join.name'])).toHaveAttribute('maxlength', String(LIMITS.name));
    expect(screen.getByLabelText(/^Organisatie/)).toHaveAttribute('maxlength', String(LIMITS.organisation));
    expect(Number(screen.getByLabelText(nl['join.code']).getAttribute('maxlength'))).toBeGreaterThanOrEqual(6);
  });

  it('requires code, name and role: says what is missing, marks the fields and does not submit', async () => {
    const { onSubmit } = setup();
    expect(screen.getByLabelText(nl['join.code'])).toBeRequired();
    expect(screen.getByLabelText(nl['join.name'])).toBeRequired();
    expect(screen.getByLabelText(/^Organisatie/)).not.toBeRequired();

    await fireEvent.click(submitButton());

    expect(onSubmit).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(nl['join.error.codeRequired']);
    expect(alert).toHaveTextContent(nl['join.error.nameRequired']);
    expect(alert).toHaveTextContent(nl['join.error.roleRequired']);
    const code = screen.getByLabelText(nl['join.code']);
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(expect.stringContaining(nl['join.error.codeRequired']));
    expect(screen.getByLabelText(nl['join.name'])).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('radiogroup')).toHaveAttribute('aria-invalid', 'true');
    // Focus goes to the first problem.
    await waitFor(() => expect(code).toHaveFocus());
  });

  it('rejects a code that cannot exist before asking the server', async () => {
    const { onSubmit } = setup();
    await fill({ code: 'ABC', name: 'Anna', role: /^Anders$/ });
    await fireEvent.click(submitButton());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText(nl['join.code'])).toHaveAccessibleDescription(expect.stringContaining(nl['join.error.codeFormat']));
  });

  it('shows and announces a wrong code from the server at the code field, and lets the person type another', async () => {
    const { onSubmit } = setup({}, { ok: false, field: 'code', message: nl['error.codeNotFound'] });
    await fill({ code: 'ZZZZZZ', name: 'Anna', role: /^Opdrachtgever$/ });
    await fireEvent.click(submitButton());

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(nl['error.codeNotFound']));
    const code = screen.getByLabelText(nl['join.code']);
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(expect.stringContaining(nl['error.codeNotFound']));
    expect(code).not.toHaveAttribute('readonly');

    onSubmit.mockResolvedValueOnce({ ok: true });
    await fill({ code: 'K7M2QX' });
    await fireEvent.click(submitButton());
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'K7M2QX' })));
  });

  it('shows the code field with the message when the code from the link is unknown', () => {
    setup({ code: 'ZZZZZZ', codeError: nl['error.codeNotFound'] });
    const code = screen.getByLabelText(nl['join.code']);
    expect(code).toHaveValue('ZZZZZZ');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(expect.stringContaining(nl['error.codeNotFound']));
  });

  it('reveals the code field when the server no longer knows a code from the link', async () => {
    setup({ code: 'K7M2QX' }, { ok: false, field: 'code', message: nl['error.codeNotFound'] });
    await fill({ name: 'Anna', role: /^Opdrachtgever$/ });
    await fireEvent.click(submitButton());
    await waitFor(() => expect(screen.getByLabelText(nl['join.code'])).toHaveAttribute('aria-invalid', 'true'));
  });

  it('shows a general refusal (session closed) in the alert', async () => {
    setup({ code: 'K7M2QX' }, { ok: false, message: nl['error.locked'] });
    await fill({ name: 'Anna', role: /^Opdrachtgever$/ });
    await fireEvent.click(submitButton());
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(nl['error.locked']));
  });

  it('shows a notice, e.g. after being removed', () => {
    setup({ code: 'K7M2QX', notice: nl['error.removed'] });
    expect(screen.getByText(nl['error.removed'])).toBeInTheDocument();
  });
});
