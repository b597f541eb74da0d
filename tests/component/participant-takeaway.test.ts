import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../shared/constants.ts';
import type { Takeaway } from '../../shared/domain/types.ts';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import TakeawayEditor from '../../client/src/participant/TakeawayEditor.svelte';

afterEach(cleanup);

const saved = (text: string, rev: number, by = 'p2'): Takeaway => ({ groupId: 'g3', text, rev, updatedAt: rev, updatedBy: by });

function renderEditor(props: { takeaway: Takeaway | null; lastByName?: string | null; draft?: string; pending?: boolean }) {
  const onSave = vi.fn<(text: string, baseRev: number) => void>();
  const onDraft = vi.fn<(draft: string) => void>();
  const utils = render(TakeawayEditor, {
    props: { lastByName: null, draft: '', pending: false, ...props, onSave, onDraft },
  });
  const box = () => screen.getByLabelText(nl['participant.takeaway.label']);
  const save = () => fireEvent.click(screen.getByRole('button', { name: nl['participant.takeaway.save'] }));
  return { ...utils, onSave, onDraft, box, save };
}

describe('TakeawayEditor', () => {
  it('starts from the group’s text and saves on top of its revision', async () => {
    const { box, save, onSave, onDraft } = renderEditor({ takeaway: saved('Samen meer', 2), lastByName: 'Bram' });
    expect(box()).toHaveValue('Samen meer');
    expect(box()).toHaveAttribute('maxlength', String(LIMITS.takeaway));
    expect(screen.getByText('Laatst opgeslagen door Bram.')).toBeInTheDocument();
    await fireEvent.input(box(), { target: { value: 'Samen meer, en vaker praten' } });
    expect(screen.getByText(nl['participant.takeaway.unsaved'])).toBeInTheDocument();
    expect(JSON.parse(onDraft.mock.lastCall![0])).toMatchObject({ text: 'Samen meer, en vaker praten', baseRev: 2 });
    await save();
    expect(onSave).toHaveBeenCalledWith('Samen meer, en vaker praten', 2);
  });

  it('saves the first text against revision 0', async () => {
    const { box, save, onSave } = renderEditor({ takeaway: null });
    await fireEvent.input(box(), { target: { value: 'Eerste versie' } });
    await save();
    expect(onSave).toHaveBeenCalledWith('Eerste versie', 0);
  });

  it('follows the group’s saves while this person has not typed anything', async () => {
    const { box, rerender } = renderEditor({ takeaway: saved('Versie 1', 1) });
    await rerender({ takeaway: saved('Versie 2', 2) });
    expect(box()).toHaveValue('Versie 2');
    expect(screen.queryByText(/intussen een andere tekst/)).not.toBeInTheDocument();
  });

  it('never overwrites typed text: shows both versions, and saves the merge on top of the other', async () => {
    const { box, save, onSave, rerender } = renderEditor({ takeaway: saved('Versie 1', 1), lastByName: 'Bram' });
    await fireEvent.input(box(), { target: { value: 'Mijn versie' } });
    await rerender({ takeaway: saved('Versie van Bram', 2), lastByName: 'Bram' });

    expect(box()).toHaveValue('Mijn versie');
    expect(screen.getByRole('heading', { name: 'Bram heeft intussen een andere tekst opgeslagen' })).toBeInTheDocument();
    expect(screen.getByText('Versie van Bram')).toBeInTheDocument();
    expect(box()).toHaveAccessibleDescription(expect.stringContaining(nl['participant.takeaway.otherHelp']));

    await fireEvent.click(screen.getByRole('button', { name: nl['participant.takeaway.useOther'] }));
    expect(box()).toHaveValue('Mijn versie\n\nVersie van Bram');
    await fireEvent.input(box(), { target: { value: 'Mijn versie en die van Bram' } });
    await save();
    expect(onSave).toHaveBeenLastCalledWith('Mijn versie en die van Bram', 2);
  });

  it('after a refused save (someone was first) keeps the text and offers the merge', async () => {
    const { box, save, onSave, rerender } = renderEditor({ takeaway: saved('Versie 1', 1) });
    await fireEvent.input(box(), { target: { value: 'Mijn versie' } });
    await save();
    expect(onSave).toHaveBeenLastCalledWith('Mijn versie', 1);
    // Bram's save landed first; ours is refused with a conflict.
    await rerender({ takeaway: saved('Versie van Bram', 2), lastByName: 'Bram', pending: false });
    expect(box()).toHaveValue('Mijn versie');
    expect(screen.getByText('Versie van Bram')).toBeInTheDocument();
    await save();
    expect(onSave).toHaveBeenLastCalledWith('Mijn versie', 2);
  });

  it('takes its own landed save calmly, even when the person typed on', async () => {
    const { box, save, rerender } = renderEditor({ takeaway: saved('Versie 1', 1) });
    await fireEvent.input(box(), { target: { value: 'Mijn versie' } });
    await save();
    await fireEvent.input(box(), { target: { value: 'Mijn versie, nog langer' } });
    await rerender({ takeaway: saved('Mijn versie', 2, 'p1'), lastByName: 'Anna' });
    expect(box()).toHaveValue('Mijn versie, nog langer');
    expect(screen.queryByText(/intussen een andere tekst/)).not.toBeInTheDocument();
  });

  it('restores an unsaved draft after a reload', () => {
    const { box } = renderEditor({
      takeaway: saved('Versie 1', 1),
      draft: JSON.stringify({ text: 'Half af', baseRev: 1, baseText: 'Versie 1' }),
    });
    expect(box()).toHaveValue('Half af');
  });

  it('says when a save is still on its way', () => {
    renderEditor({ takeaway: null, pending: true });
    expect(screen.getByRole('status')).toHaveTextContent(nl['participant.takeaway.pending']);
  });
});
