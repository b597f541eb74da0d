import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../shared/constants.ts';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

const nl = { ...nlBase, ...nlDialogue };
import AnswerComposer from '../../client/src/participant/AnswerComposer.svelte';
import AnswerList from '../../client/src/participant/AnswerList.svelte';
import type { AnswerView } from '../../client/src/participant/types.ts';

afterEach(cleanup);

const answers: AnswerView[] = [
  { id: 'a1', authorName: 'Anna', text: 'Wij zien elkaar te weinig.', own: true, pending: false, hidden: false },
  { id: 'a2', authorName: 'Bram', text: 'Het team is goed bereikbaar.', own: false, pending: false, hidden: false },
  { id: 'a3', authorName: 'Anna', text: 'Nog niet verstuurd', own: true, pending: true, hidden: false },
];

function renderList(editDrafts: Record<string, string> = {}) {
  const onEdit = vi.fn<(id: string, text: string) => void>();
  const onDelete = vi.fn<(id: string) => void>();
  const onEditDraft = vi.fn<(id: string, text: string) => void>();
  render(AnswerList, {
    props: { answers, label: 'Antwoorden van je groep', editDraftFor: (id: string) => editDrafts[id] ?? '', onEditDraft, onEdit, onDelete },
  });
  return { onEdit, onDelete, onEditDraft };
}

const item = (text: string) => screen.getByText(text).closest('li') as HTMLElement;

describe('AnswerList', () => {
  it('shows every answer with its author, and marks own and unsent ones', () => {
    renderList();
    const list = screen.getByRole('list', { name: 'Antwoorden van je groep' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(item('Het team is goed bereikbaar.')).getByText('Bram')).toBeInTheDocument();
    expect(within(item('Wij zien elkaar te weinig.')).getByText(nl['participant.answer.yours'])).toBeInTheDocument();
    expect(within(item('Nog niet verstuurd')).getByText(nl['participant.answer.pending'])).toBeInTheDocument();
  });

  it('lets the author edit and delete their own answers, never someone else’s', () => {
    renderList();
    const own = item('Wij zien elkaar te weinig.');
    expect(within(own).getByRole('button', { name: nl['participant.answer.edit'] })).toBeInTheDocument();
    expect(within(own).getByRole('button', { name: nl['participant.answer.delete'] })).toBeInTheDocument();
    const other = item('Het team is goed bereikbaar.');
    expect(within(other).queryByRole('button')).not.toBeInTheDocument();
  });

  it('edits an own answer in place and saves the new text', async () => {
    const { onEdit, onEditDraft } = renderList();
    const own = item('Wij zien elkaar te weinig.');
    await fireEvent.click(within(own).getByRole('button', { name: nl['participant.answer.edit'] }));
    const box = within(own).getByLabelText(nl['participant.answer.editLabel']);
    expect(box).toHaveValue('Wij zien elkaar te weinig.');
    expect(box).toHaveAttribute('maxlength', String(LIMITS.answer));
    await waitFor(() => expect(box).toHaveFocus());
    await fireEvent.input(box, { target: { value: 'Wij zien elkaar te weinig, vooral in de wijk.' } });
    expect(onEditDraft).toHaveBeenLastCalledWith('a1', 'Wij zien elkaar te weinig, vooral in de wijk.');
    await fireEvent.click(within(own).getByRole('button', { name: nl['common.save'] }));
    expect(onEdit).toHaveBeenCalledWith('a1', 'Wij zien elkaar te weinig, vooral in de wijk.');
    await waitFor(() => expect(within(own).getByRole('button', { name: nl['participant.answer.edit'] })).toHaveFocus());
  });

  it('does not save an emptied answer', async () => {
    const { onEdit } = renderList();
    const own = item('Wij zien elkaar te weinig.');
    await fireEvent.click(within(own).getByRole('button', { name: nl['participant.answer.edit'] }));
    const box = within(own).getByLabelText(nl['participant.answer.editLabel']);
    await fireEvent.input(box, { target: { value: '   ' } });
    await fireEvent.click(within(own).getByRole('button', { name: nl['common.save'] }));
    expect(onEdit).not.toHaveBeenCalled();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(expect.stringContaining(nl['participant.answer.empty']));
  });

  it('asks before deleting', async () => {
    const { onDelete } = renderList();
    const own = item('Wij zien elkaar te weinig.');
    await fireEvent.click(within(own).getByRole('button', { name: nl['participant.answer.delete'] }));
    expect(onDelete).not.toHaveBeenCalled();
    await fireEvent.click(within(own).getByRole('button', { name: nl['participant.answer.deleteNo'] }));
    expect(onDelete).not.toHaveBeenCalled();
    await fireEvent.click(within(own).getByRole('button', { name: nl['participant.answer.delete'] }));
    await fireEvent.click(within(own).getByRole('button', { name: nl['participant.answer.deleteYes'] }));
    expect(onDelete).toHaveBeenCalledWith('a1');
  });

  it('reopens an edit that was under way before a reload', () => {
    renderList({ a1: 'Half aangepast' });
    expect(screen.getByLabelText(nl['participant.answer.editLabel'])).toHaveValue('Half aangepast');
  });

  it('says so when there are no answers yet', () => {
    render(AnswerList, {
      props: { answers: [], label: 'x', editDraftFor: () => '', onEditDraft: () => {}, onEdit: () => {}, onDelete: () => {} },
    });
    expect(screen.getByText(nl['participant.answers.empty'])).toBeInTheDocument();
  });
});

describe('AnswerComposer', () => {
  function renderComposer(draft = '', accepted = true) {
    const onAdd = vi.fn<(text: string) => boolean>(() => accepted);
    const onDraft = vi.fn<(text: string) => void>();
    render(AnswerComposer, { props: { id: 'q1', question: 'Welke rol zie je voor jezelf?', draft, onDraft, onAdd } });
    return { onAdd, onDraft };
  }

  it('has a label that names the question and adds the typed answer', async () => {
    const { onAdd, onDraft } = renderComposer('Ik wil vaker meedenken.');
    const box = screen.getByLabelText(/Jouw antwoord.*Welke rol zie je voor jezelf\?/);
    expect(box).toHaveValue('Ik wil vaker meedenken.');
    expect(box).toHaveAttribute('maxlength', String(LIMITS.answer));
    await fireEvent.input(box, { target: { value: 'Ik wil vaker meedenken. En jij?' } });
    expect(onDraft).toHaveBeenLastCalledWith('Ik wil vaker meedenken. En jij?');
    await fireEvent.click(screen.getByRole('button', { name: nl['participant.answer.add'] }));
    expect(onAdd).toHaveBeenCalledWith('Ik wil vaker meedenken.');
  });

  it('does not add an empty answer and says why', async () => {
    const { onAdd } = renderComposer('');
    await fireEvent.click(screen.getByRole('button', { name: nl['participant.answer.add'] }));
    expect(onAdd).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Jouw antwoord/)).toHaveAccessibleDescription(expect.stringContaining(nl['participant.answer.empty']));
  });
});
