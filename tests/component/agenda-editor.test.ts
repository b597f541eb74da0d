/** The programme editor and the presenter notes, by keyboard-reachable buttons and labelled fields. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTemplate } from '../../shared/templates.ts';
import AgendaEditor from '../../client/src/operator/components/agenda/AgendaEditor.svelte';
import PresenterNotes from '../../client/src/operator/components/agenda/PresenterNotes.svelte';

afterEach(() => cleanup());

const template = findTemplate('stevige-lokale-teams')!;

function renderEditor(overrides: Record<string, unknown> = {}) {
  const calls = { onAdd: vi.fn(() => null), onRemove: vi.fn(() => null), onMove: vi.fn(() => null), onEdit: vi.fn(() => null) };
  const utils = render(AgendaEditor, { props: { steps: template.steps, content: template.content, current: 1, ...calls, ...overrides } });
  return { ...utils, ...calls };
}

describe('AgendaEditor', () => {
  it('moves a step up and down with named buttons; the first cannot go up', async () => {
    const { onMove } = renderEditor();
    expect(screen.getByRole('button', { name: 'Zet “Welkom” eerder' })).toBeDisabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Zet “Toelichting opdracht” eerder' }));
    expect(onMove).toHaveBeenCalledWith('opdracht', 1);
    await fireEvent.click(screen.getByRole('button', { name: 'Zet “Toelichting opdracht” later' }));
    expect(onMove).toHaveBeenLastCalledWith('opdracht', 3);
  });

  it('edits title, screen text, notes and minutes of a step', async () => {
    const { onEdit } = renderEditor();
    await fireEvent.click(screen.getByRole('button', { name: 'Bewerk “Relatie opdrachtgever en opdrachtnemer”' }));
    const title = screen.getByLabelText('Titel', { selector: 'input[id*="title-relatie"]' });
    expect(title).toHaveFocus();
    await fireEvent.input(title, { target: { value: 'De relatie' } });
    const form = title.closest('form')!;
    await fireEvent.input(within(form).getByLabelText(/Notities/), { target: { value: 'Vraag om voorbeelden' } });
    await fireEvent.input(within(form).getByLabelText(/Tijd in minuten/), { target: { value: '12' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(onEdit).toHaveBeenCalledWith('relatie', { title: 'De relatie', notes: 'Vraag om voorbeelden', minutes: 12 });
  });

  it('adds a slide after the current step by default', async () => {
    const { onAdd } = renderEditor();
    const form = screen.getByRole('form', { name: 'Dia toevoegen' });
    await fireEvent.input(within(form).getByLabelText('Titel'), { target: { value: 'Pauze' } });
    await fireEvent.input(within(form).getByLabelText('Tekst op het scherm'), { target: { value: 'Tien minuten koffie.' } });
    await fireEvent.submit(form);
    expect(onAdd).toHaveBeenCalledWith(2, { kind: 'content', title: 'Pauze', body: 'Tien minuten koffie.', notes: '', minutes: 5, payload: {} });
  });

  it('removes after confirming; the current step cannot be removed; a refusal is shown', async () => {
    const { onRemove } = renderEditor({ onRemove: vi.fn(() => 'Deze stap kan niet weg: een groep heeft hier al iets ingevuld.') });
    expect(screen.getByRole('button', { name: 'Haal “Intro en voorstellen” weg' })).toBeDisabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Haal “Kenmerk 1: Passende omvang en expertise” weg' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Ja, weghalen' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('een groep heeft hier al iets ingevuld'));
    expect(onRemove).toBeDefined();
  });

  it('has no axe-core violations (structure only)', async () => {
    const { container } = renderEditor();
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations).toEqual([]);
  });
});

describe('PresenterNotes', () => {
  it('shows the notes of the step, or says there are none', async () => {
    const { unmount } = render(PresenterNotes, { props: { step: template.steps.find((s) => s.id === 'relatie')! } });
    expect(screen.getByRole('heading', { name: 'Notities bij deze stap' })).toBeInTheDocument();
    expect(screen.getByText(/vijf thema’s van de werkpakketten/)).toBeInTheDocument();
    unmount();
    render(PresenterNotes, { props: { step: { ...template.steps[0]!, notes: '' } } });
    expect(screen.getByText('Geen notities bij deze stap.')).toBeInTheDocument();
  });
});
